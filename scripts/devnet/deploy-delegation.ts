/**
 * MetaMask's Delegation Framework on the devnet, from the npm bytecode of @metamask/delegation-abis, at the addresses
 * @metamask/delegation-deployments lists for version 1.3.0, so Preflight recognises them as it does on mainnet.
 *
 * Why not the real CREATE2 deployment: the framework deploys through the deterministic factory
 * 0x4e59b44847b379578588920ca78fbf26c0b4956c with salt "GATOR", but the npm bytecode is not the init code deployed
 * on mainnet: it differs only in the Solidity metadata hash (the CBOR tail), so CREATE2 lands elsewhere. So each
 * contract is deployed from the npm bytecode with the constructor arguments of the real deployment (the real
 * DelegationManager and ERC-4337 EntryPoint addresses for the immutables; the devnet deployer as owner), and the
 * runtime code it produced, with the storage its constructor wrote (read with prestateTracer), is placed at the
 * listed address (anvil_setCode / anvil_setStorageAt). What runs there is the package's code, executed as deployed.
 * Contracts whose code checks its own deployment address (UUPS implementations) cannot move: the HybridDeleGator
 * implementation stays where it was deployed.
 */
import { DELEGATOR_CONTRACTS } from '@metamask/delegation-deployments';
import * as abis from '@metamask/delegation-abis';
import * as bytecode from '@metamask/delegation-abis/bytecode';
import { encodeDeployData, encodeFunctionData, type Abi, type Address, type Hex } from 'viem';
import { findPlaceholder, linkLibrary } from './artifacts.ts';
import { deploy, type DevnetClients } from './chain.ts';

/** 1.3.0 on mainnet: the same addresses on every chain the package lists for 1.3.0. */
const V13 = DELEGATOR_CONTRACTS['1.3.0']![1]!;
const listed = (name: string): Address => V13[name] as Address;

/** The enforcers the demo dApp's delegations and the tests use. */
export const DEVNET_ENFORCERS = ['AllowedTargetsEnforcer', 'AllowedMethodsEnforcer', 'ERC20TransferAmountEnforcer', 'ValueLteEnforcer', 'TimestampEnforcer', 'LimitedCallsEnforcer'] as const;
export type DevnetEnforcer = (typeof DEVNET_ENFORCERS)[number];

export interface DelegationDeployment {
  delegationManager: Address;
  /** MetaMask's EIP-7702 delegator (what MetaMask upgrades accounts to). */
  eip7702Delegator: Address;
  /** The HybridDeleGator implementation, deployed at its own (devnet) address. */
  hybridDelegatorImpl: Address;
  enforcers: Record<DevnetEnforcer, Address>;
  /** The user's (account 0's) MetaMask smart account: an ERC1967Proxy to the HybridDeleGator, owned by account 0. */
  smartAccount: Address;
}

const artifact = (name: string): { abi: Abi; bytecode: Hex } => {
  const abi = (abis as unknown as Record<string, Abi>)[name];
  const code = (bytecode as unknown as Record<string, Hex>)[name];
  if (!abi || !code) throw new Error(`@metamask/delegation-abis has no ${name}`);
  return { abi, bytecode: code };
};

async function rpc<T>(c: DevnetClients, method: string, params: unknown[]): Promise<T> {
  return (await c.publicClient.request({ method: method as never, params: params as never })) as T;
}

/**
 * Deploys `name` from its npm bytecode and puts the result at `at`: the runtime code, and the storage slots the
 * constructor wrote (from the deployment's prestateTracer diff).
 */
async function placeAt(c: DevnetClients, deployer: Address, name: string, args: readonly unknown[], at: Address): Promise<Address> {
  const a = artifact(name);
  const data = encodeDeployData({ abi: a.abi, bytecode: a.bytecode, args });
  const hash = await c.walletClient.sendTransaction({ account: deployer, data, chain: null, to: null });
  const receipt = await c.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error(`devnet deploy failed: ${name} (${hash})`);
  const temp = receipt.contractAddress;
  const [runtime, trace] = await Promise.all([
    c.publicClient.getCode({ address: temp }),
    rpc<{ post: Record<string, { storage?: Record<Hex, Hex> }> }>(c, 'debug_traceTransaction', [hash, { tracer: 'prestateTracer', tracerConfig: { diffMode: true } }]),
  ]);
  if (!runtime || runtime === '0x') throw new Error(`${name} deployed no code`);
  await c.testClient.setCode({ address: at, bytecode: runtime });
  const storage = trace.post[temp.toLowerCase()]?.storage ?? {};
  await Promise.all(Object.entries(storage).map(([slot, value]) => c.testClient.setStorageAt({ address: at, index: slot as Hex, value })));
  return at;
}

export async function deployDelegation(c: DevnetClients, deployer: Address, user: Address): Promise<DelegationDeployment> {
  const entryPoint = listed('EntryPoint');
  const delegationManager = await placeAt(c, deployer, 'DelegationManager', [deployer], listed('DelegationManager'));
  const eip7702Delegator = await placeAt(c, deployer, 'EIP7702StatelessDeleGator', [delegationManager, entryPoint], listed('EIP7702StatelessDeleGatorImpl'));
  // HybridDeleGator links the P-256 verifier library (SCL_RIP7212): deployed first, its address linked in.
  const scl = await deploy(c, deployer, artifact('SCL_RIP7212'), [], 'SCL_RIP7212');
  const hybridCode = linkLibrary(artifact('HybridDeleGator').bytecode, findPlaceholder(artifact('HybridDeleGator').bytecode), scl);
  // Not moved to its listed address: as a UUPS implementation it keeps its own address in an immutable (__self) and
  // refuses proxy calls through a copy elsewhere (UUPSUnauthorizedCallContext). Reviews never need its address.
  const hybridDelegatorImpl = await deploy(c, deployer, { abi: artifact('HybridDeleGator').abi, bytecode: hybridCode }, [delegationManager, entryPoint], 'HybridDeleGator');
  const enforcers = {} as Record<DevnetEnforcer, Address>;
  for (const name of DEVNET_ENFORCERS) enforcers[name] = await placeAt(c, deployer, name, [], listed(name));
  // Account 0's smart account, as the Smart Accounts Kit's toMetaMaskSmartAccount (Hybrid) makes one: a proxy to
  // the implementation, initialised with account 0 as its EOA owner and no passkeys.
  const init = encodeFunctionData({ abi: artifact('HybridDeleGator').abi, functionName: 'initialize', args: [user, [], [], []] });
  const smartAccount = await deploy(c, deployer, artifact('ERC1967Proxy'), [hybridDelegatorImpl, init], 'HybridDeleGator proxy (account 0)');
  return { delegationManager, eip7702Delegator, hybridDelegatorImpl, enforcers, smartAccount };
}

/**
 * The real Safe 1.4.1 contracts from the npm artifacts of @safe-global/safe-contracts, deployed at their canonical
 * addresses the way Safe deploys them on every chain: CREATE2 with salt 0 through the Safe singleton factory at
 * 0x914d7Fec6aaC8cd542e72Bca78B30650d45643d7. That factory is a deployment of the deterministic-deployment proxy
 * (Arachnid's), whose code anvil ships at 0x4e59…956C; the devnet copies that code to the factory's address
 * (anvil_setCode). The addresses that come out are the ones @safe-global/safe-deployments lists for 1.4.1 (checked
 * here, and the code hashes in tests/integration/safe-devnet.test.ts), so the extension recognises the devnet's
 * MultiSend and SignMessageLib through the same table as on mainnet. Then one Safe: owners accounts 0, 1 and 2
 * (account 0 is also MetaMask's account in the MetaMask tests), 2 of 3, funded with ETH.
 */
import { concatHex, encodeFunctionData, getContractAddress, parseEther, zeroAddress, type Address, type Hex } from 'viem';
import { safeArtifact } from './artifacts.ts';
import { sendAndConfirm, type DevnetClients } from './chain.ts';

export const SAFE_SINGLETON_FACTORY: Address = '0x914d7Fec6aaC8cd542e72Bca78B30650d45643d7';
/** anvil's built-in deterministic-deployment proxy (the same factory code). */
const ANVIL_CREATE2_DEPLOYER: Address = '0x4e59b44847b379578588920ca78fbf26c0b4956c';
const SALT_0: Hex = `0x${'00'.repeat(32)}`;

/** Contract, artifact folder, and the 1.4.1 canonical address @safe-global/safe-deployments lists for it. */
const CONTRACTS = {
  safe: ['Safe', '', '0x41675C099F32341bf84BFc5382aF534df5C7461a'],
  safeL2: ['SafeL2', '', '0x29fcB43b46531BcA003ddC8FCB67FFE91900C762'],
  proxyFactory: ['SafeProxyFactory', 'proxies', '0x4e1DCf7AD4e460CfD30791CCC4F9c8a4f820ec67'],
  multiSend: ['MultiSend', 'libraries', '0x38869bf66a61cF6bDB996A6aE40D5853Fd43B526'],
  multiSendCallOnly: ['MultiSendCallOnly', 'libraries', '0x9641d764fc13c8B624c04430C7356C1C7C8102e2'],
  fallbackHandler: ['CompatibilityFallbackHandler', 'handler', '0xfd0732Dc9E303f09fCEf3a7388Ad10A83459Ec99'],
  signMessageLib: ['SignMessageLib', 'libraries', '0xd53cd0aB83D845Ac265BE939c57F53AD838012c9'],
  createCall: ['CreateCall', 'libraries', '0x9b35Af71d77eaf8d7e40252370304687390A1A52'],
} as const satisfies Record<string, readonly [string, string, string]>;

export type SafeContractName = keyof typeof CONTRACTS;

export interface SafeDeployment {
  /** The Safe the demo dApp's Safe cases use: a proxy of the Safe 1.4.1 singleton. */
  address: Address;
  owners: Address[];
  threshold: number;
  contracts: Record<SafeContractName, Address>;
}

export async function deploySafe(c: DevnetClients, deployer: Address, owners: Address[], threshold: number): Promise<SafeDeployment> {
  const factoryCode = await c.publicClient.getCode({ address: ANVIL_CREATE2_DEPLOYER });
  if (!factoryCode) throw new Error('anvil has no deterministic-deployment proxy at 0x4e59…956C to stand in for the Safe singleton factory');
  await c.testClient.setCode({ address: SAFE_SINGLETON_FACTORY, bytecode: factoryCode });

  const contracts = {} as Record<SafeContractName, Address>;
  for (const [key, [name, sub, canonical]] of Object.entries(CONTRACTS) as [SafeContractName, (typeof CONTRACTS)[SafeContractName]][]) {
    const { bytecode } = safeArtifact(sub, name);
    const address = getContractAddress({ opcode: 'CREATE2', from: SAFE_SINGLETON_FACTORY, salt: SALT_0, bytecode });
    if (address.toLowerCase() !== canonical.toLowerCase()) throw new Error(`Safe ${name} 1.4.1 from npm lands at ${address}, not the canonical ${canonical}`);
    await sendAndConfirm(c, { from: deployer, to: SAFE_SINGLETON_FACTORY, data: concatHex([SALT_0, bytecode]) }, `CREATE2 ${name}`);
    contracts[key] = address;
  }

  const safeAbi = safeArtifact('', 'Safe').abi;
  const factoryAbi = safeArtifact('proxies', 'SafeProxyFactory').abi;
  const initializer = encodeFunctionData({ abi: safeAbi, functionName: 'setup', args: [owners, BigInt(threshold), zeroAddress, '0x', contracts.fallbackHandler, zeroAddress, 0n, zeroAddress] });
  const { result } = await c.publicClient.simulateContract({ account: deployer, address: contracts.proxyFactory, abi: factoryAbi, functionName: 'createProxyWithNonce', args: [contracts.safe, initializer, 0n] });
  const address = result as Address;
  await sendAndConfirm(c, { from: deployer, to: contracts.proxyFactory, data: encodeFunctionData({ abi: factoryAbi, functionName: 'createProxyWithNonce', args: [contracts.safe, initializer, 0n] }) }, 'createProxyWithNonce');
  await sendAndConfirm(c, { from: deployer, to: address, value: parseEther('10') }, 'fund the Safe');
  return { address, owners, threshold, contracts };
}

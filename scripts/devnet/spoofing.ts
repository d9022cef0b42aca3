/**
 * The "simulation spoofing" contracts of issue 22 (contracts/SimulationSpoof.sol, contracts/FlipClaim.sol), deployed
 * fresh for each demo request so every test starts from a known state: the owner is the devnet's LP account (9), an
 * unlocked anvil account a test can send `flip()` / `setWindow()` from; each contract holds 1 ETH to pay rewards from.
 */
import { encodeFunctionData, parseEther, type Address } from 'viem';
import { compileDevContracts } from './compile.ts';
import { call, deploy, type DevnetClients } from './chain.ts';

export const flipClaimAbi = [
  { type: 'function', name: 'claim', stateMutability: 'payable', inputs: [], outputs: [] },
  { type: 'function', name: 'flip', stateMutability: 'nonpayable', inputs: [], outputs: [] },
  { type: 'function', name: 'flipped', stateMutability: 'view', inputs: [], outputs: [{ type: 'bool' }] },
] as const;

export const simulationSpoofAbi = [
  { type: 'function', name: 'claim', stateMutability: 'payable', inputs: [], outputs: [] },
  { type: 'function', name: 'setWindow', stateMutability: 'nonpayable', inputs: [{ name: 'until', type: 'uint256' }], outputs: [] },
] as const;

/** What the user deposits with `claim()` in the demo cases. */
export const CLAIM_DEPOSIT = parseEther('0.01');
/** The spoofing contract's window stays open this long after the latest block (and the wall clock): simulations now pay, a block a minute later does not. */
export const SPOOF_WINDOW_SECONDS = 30n;

const claimData = encodeFunctionData({ abi: flipClaimAbi, functionName: 'claim' });

function artifact(name: 'FlipClaim' | 'SimulationSpoof') {
  const a = compileDevContracts()[name];
  if (!a) throw new Error(`compiled output lacks ${name}`);
  return a;
}

/** A FlipClaim owned by `owner`, funded with 1 ETH, unflipped (pays back the deposit and 10 %). */
export async function deployFlipClaim(c: DevnetClients, owner: Address): Promise<Address> {
  const address = await deploy(c, owner, artifact('FlipClaim'), [], 'FlipClaim');
  await c.walletClient.sendTransaction({ account: owner, to: address, value: parseEther('1'), chain: null }).then((hash) => c.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 }));
  return address;
}

/** A SimulationSpoof owned by `owner`, funded with 1 ETH, its window open until SPOOF_WINDOW_SECONDS after the later of the latest block's time and now. */
export async function deploySimulationSpoof(c: DevnetClients, owner: Address): Promise<Address> {
  const address = await deploy(c, owner, artifact('SimulationSpoof'), [], 'SimulationSpoof');
  await c.walletClient.sendTransaction({ account: owner, to: address, value: parseEther('1'), chain: null }).then((hash) => c.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 }));
  const head = await c.publicClient.getBlock();
  const now = BigInt(Math.floor(Date.now() / 1000));
  await call(c, owner, address, [...simulationSpoofAbi], 'setWindow', [(head.timestamp > now ? head.timestamp : now) + SPOOF_WINDOW_SECONDS]);
  return address;
}

/** The owner's flip (what the attacker does between the review and the user's Continue). */
export async function flip(c: DevnetClients, owner: Address, claim: Address): Promise<void> {
  await call(c, owner, claim, [...flipClaimAbi], 'flip', []);
}

/** The user's request: `claim()` with the deposit. */
export function claimRequest(user: Address, contract: Address) {
  return { method: 'eth_sendTransaction', params: [{ from: user, to: contract, data: claimData, value: `0x${CLAIM_DEPOSIT.toString(16)}` }] };
}

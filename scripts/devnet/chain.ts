/**
 * viem clients for the devnet and the two transaction helpers every setup step uses:
 * send-and-confirm and deploy-and-confirm (both fail loudly on a revert).
 */
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  http,
  type Abi,
  type Address,
  type Hash,
  type Hex,
  type PublicClient,
  type TestClient,
  type WalletClient,
  type Chain,
  type Transport,
  encodeDeployData,
  encodeFunctionData,
} from 'viem';
import { DEVNET_CHAIN_ID } from './anvil.ts';

export function devnetChain(rpcUrl: string, chainId = DEVNET_CHAIN_ID): Chain {
  return defineChain({
    id: chainId,
    name: 'Preflight Devnet',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

export interface DevnetClients {
  chain: Chain;
  publicClient: PublicClient<Transport, Chain>;
  walletClient: WalletClient<Transport, Chain>;
  testClient: TestClient<'anvil', Transport, Chain>;
}

export function createClients(rpcUrl: string, chainId = DEVNET_CHAIN_ID): DevnetClients {
  const chain = devnetChain(rpcUrl, chainId);
  const transport = http(rpcUrl, { retryCount: 0 });
  return {
    chain,
    publicClient: createPublicClient({ chain, transport, pollingInterval: 50 }),
    walletClient: createWalletClient({ chain, transport, pollingInterval: 50 }),
    testClient: createTestClient({ chain, transport, mode: 'anvil', pollingInterval: 50 }),
  };
}

export interface TxRequest {
  from: Address;
  to: Address;
  data?: Hex;
  value?: bigint;
}

/**
 * Sends one transaction from an unlocked account and waits for its receipt. In automine mode
 * the receipt exists as soon as eth_sendTransaction returns.
 */
export async function sendAndConfirm(c: DevnetClients, tx: TxRequest, label: string): Promise<Hash> {
  // anvil estimates against the latest block; a transaction mined in a later second can do more work (a V3
  // pool writes its first oracle observation of that second), so the estimate gets a 1.5x buffer.
  const estimate = await c.publicClient.estimateGas({ account: tx.from, to: tx.to, data: tx.data, value: tx.value });
  const hash = await c.walletClient.sendTransaction({
    account: tx.from,
    to: tx.to,
    data: tx.data,
    value: tx.value,
    gas: (estimate * 3n) / 2n,
    chain: null,
  });
  if (process.env.DEVNET_DEBUG) process.stderr.write(`[devnet]   sent ${hash}\n`);
  const receipt = await c.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  if (receipt.status !== 'success') throw new Error(`devnet setup tx reverted: ${label} (${hash})`);
  return hash;
}

/** Calls a contract function in a confirmed transaction. */
export async function call(
  c: DevnetClients,
  from: Address,
  to: Address,
  abi: Abi,
  functionName: string,
  args: readonly unknown[] = [],
  value?: bigint,
): Promise<Hash> {
  const data = encodeFunctionData({ abi, functionName, args });
  if (process.env.DEVNET_DEBUG) process.stderr.write(`[devnet] call ${functionName} on ${to}\n`);
  return sendAndConfirm(c, { from, to, data, value }, `${functionName} on ${to}`);
}

export async function deploy(
  c: DevnetClients,
  from: Address,
  artifact: { abi: Abi; bytecode: Hex },
  args: readonly unknown[],
  label: string,
): Promise<Address> {
  const data = encodeDeployData({ abi: artifact.abi, bytecode: artifact.bytecode, args });
  if (process.env.DEVNET_DEBUG) process.stderr.write(`[devnet] deploy ${label} (${(data.length - 2) / 2} bytes)\n`);
  const hash = await c.walletClient.sendTransaction({ account: from, data, chain: null, to: null });
  const receipt = await c.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  if (receipt.status !== 'success' || !receipt.contractAddress) {
    throw new Error(`devnet deploy failed: ${label} (${hash})`);
  }
  return receipt.contractAddress;
}

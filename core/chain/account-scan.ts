/**
 * Reading an account's transactions off the chain through a plain JSON-RPC function: its nonce, the head,
 * the transactions of a block, and the (to, data, value) key a sent request is recognised by. Shared by the
 * bypass watcher (core/review/bypass-watch.ts) and the recovery of withdrawal steps whose hash was never
 * stored (core/withdraw/sent-recovery.ts).
 */
export type RpcRequest = (method: string, params: unknown[]) => Promise<unknown>;

export class ChainReadError extends Error {
  override name = 'ChainReadError';
}

/** A transaction as eth_getBlockByNumber(n, true) returns it (the fields used here). */
export interface ChainTx {
  hash: string;
  from: string;
  to?: string | null;
  input: string;
  value: string;
}

/** Lower-case hex, or "0x" for nothing. */
export const normHex = (hex: unknown): string => (typeof hex === 'string' && hex.length > 0 ? hex.toLowerCase() : '0x');

/** A quantity (hex or decimal string, number, bigint) as bigint; 0 when it is not one. */
export const quantity = (v: unknown): bigint => {
  try {
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' ? BigInt(v || 0) : 0n;
  } catch {
    return 0n;
  }
};

/** What a sent request is recognised by on chain: the same recipient, calldata and value. */
export const txMatchKey = (to: unknown, data: unknown, value: unknown): string => `${normHex(to)}|${normHex(data)}|${quantity(value)}`;

export async function nonceOf(rpc: RpcRequest, account: string, block: number | 'latest' = 'latest'): Promise<number> {
  const n = await rpc('eth_getTransactionCount', [account, block === 'latest' ? block : `0x${block.toString(16)}`]);
  if (typeof n !== 'string' || !/^0x[0-9a-f]+$/i.test(n)) throw new ChainReadError(`The node returned no nonce for ${account}.`);
  return Number(BigInt(n));
}

export async function headOf(rpc: RpcRequest): Promise<number> {
  const n = await rpc('eth_blockNumber', []);
  if (typeof n !== 'string' || !/^0x[0-9a-f]+$/i.test(n)) throw new ChainReadError('The node returned no block number.');
  return Number(BigInt(n));
}

/** The full transactions of block n. */
export async function blockTransactions(rpc: RpcRequest, n: number): Promise<ChainTx[]> {
  const block = (await rpc('eth_getBlockByNumber', [`0x${n.toString(16)}`, true])) as { transactions?: unknown[] } | null;
  if (!block || !Array.isArray(block.transactions)) throw new ChainReadError(`The node returned no block ${n}.`);
  return block.transactions.filter((tx): tx is ChainTx => typeof tx === 'object' && tx !== null);
}

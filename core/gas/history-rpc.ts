/** Reading fee data from a JSON-RPC node, validating every answer before anything is stored. */
import { FeeHistoryResponseError } from './errors';
import { ABSURD_FEE_WEI } from './types';

/** EIP-1193-style request function (the extension passes its RPC client, tests a fake). */
export type RpcRequest = (method: string, params: unknown[]) => Promise<unknown>;

export interface HeadInfo {
  number: number;
  hash: string;
  timestamp: number;
  /** Undefined on chains without EIP-1559. */
  baseFeePerGas?: bigint;
  gasUsed: bigint;
  gasLimit: bigint;
}

export interface FeeRange {
  oldestBlock: number;
  /** Per block, wei (safe integers). */
  baseFee: number[];
  gasUsedRatio: number[];
  /** Per block, one value per requested percentile, wei. */
  rewards: number[][];
}

function fail(what: string): never {
  throw new FeeHistoryResponseError(`the node returned a malformed ${what}; nothing was stored`);
}

export function quantity(value: unknown, what: string): bigint {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(value)) return fail(what);
  return BigInt(value);
}

function fee(value: unknown, what: string): number {
  const v = quantity(value, what);
  if (v > ABSURD_FEE_WEI) throw new FeeHistoryResponseError(`the node reported an absurd ${what} of ${v} wei; nothing was stored`);
  return Number(v);
}

function smallInt(value: unknown, what: string): number {
  const v = quantity(value, what);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) return fail(what);
  return Number(v);
}

export function parseHead(raw: unknown, what = 'block header'): HeadInfo {
  if (typeof raw !== 'object' || raw === null) return fail(what);
  const b = raw as Record<string, unknown>;
  if (typeof b.hash !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(b.hash)) return fail(`${what} hash`);
  const head: HeadInfo = {
    number: smallInt(b.number, `${what} number`),
    hash: b.hash.toLowerCase(),
    timestamp: smallInt(b.timestamp, `${what} timestamp`),
    gasUsed: quantity(b.gasUsed, `${what} gasUsed`),
    gasLimit: quantity(b.gasLimit, `${what} gasLimit`),
  };
  if (b.baseFeePerGas !== undefined && b.baseFeePerGas !== null) head.baseFeePerGas = BigInt(fee(b.baseFeePerGas, `${what} base fee`));
  return head;
}

export async function getBlock(request: RpcRequest, block: number | 'latest', full = false): Promise<unknown> {
  const tag = block === 'latest' ? 'latest' : `0x${block.toString(16)}`;
  const raw = await request('eth_getBlockByNumber', [tag, full]);
  if (raw === null || raw === undefined) throw new FeeHistoryResponseError(`block ${tag} is not available on this node`);
  return raw;
}

/** eth_feeHistory for `count` (≤ 1024) blocks ending at `newest`. */
export async function getFeeRange(request: RpcRequest, newest: number, count: number, percentiles: readonly number[]): Promise<FeeRange> {
  if (count < 1 || count > 1024) throw new FeeHistoryResponseError(`eth_feeHistory block count ${count} must be 1..1024`);
  const raw = await request('eth_feeHistory', [`0x${count.toString(16)}`, `0x${newest.toString(16)}`, percentiles]);
  if (typeof raw !== 'object' || raw === null) return fail('eth_feeHistory answer');
  const r = raw as Record<string, unknown>;
  const oldest = smallInt(r.oldestBlock, 'oldestBlock');
  if (oldest !== newest - count + 1) throw new FeeHistoryResponseError(`eth_feeHistory returned blocks from ${oldest}, expected ${newest - count + 1}; nothing was stored`);
  if (!Array.isArray(r.baseFeePerGas) || r.baseFeePerGas.length !== count + 1) return fail('baseFeePerGas list');
  if (!Array.isArray(r.gasUsedRatio) || r.gasUsedRatio.length !== count) return fail('gasUsedRatio list');
  const rewards = r.reward ?? [];
  if (!Array.isArray(rewards) || (percentiles.length > 0 && rewards.length !== count)) return fail('reward list');
  return {
    oldestBlock: oldest,
    baseFee: r.baseFeePerGas.slice(0, count).map((v: unknown) => fee(v, 'base fee')),
    gasUsedRatio: r.gasUsedRatio.map((v: unknown) => {
      if (typeof v !== 'number' || !(v >= 0 && v <= 2)) return fail('gasUsedRatio');
      return v;
    }),
    rewards: percentiles.length === 0 ? Array.from({ length: count }, () => []) : rewards.map((row: unknown) => {
      if (!Array.isArray(row) || row.length !== percentiles.length) return fail('reward row');
      return row.map((v: unknown) => Math.min(Number(quantity(v, 'reward')), Number.MAX_SAFE_INTEGER));
    }),
  };
}

/** True when the error says the node does not implement the method. */
export function isMethodUnsupported(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  if (e?.code === -32601) return true;
  const m = typeof e?.message === 'string' ? e.message.toLowerCase() : '';
  return /method not found|not supported|does not exist|not available|unsupported method/.test(m);
}

/** Fallback without eth_feeHistory: one block with its transactions; tips at the percentiles (unweighted). */
export async function getFeeRangeFromBlock(request: RpcRequest, number: number, percentiles: readonly number[]): Promise<FeeRange & { head: HeadInfo }> {
  const raw = await getBlock(request, number, true);
  const head = parseHead(raw, `block ${number}`);
  const base = head.baseFeePerGas ?? 0n;
  const txs = (raw as { transactions?: unknown }).transactions;
  const tips: number[] = [];
  if (Array.isArray(txs)) {
    for (const tx of txs) {
      if (typeof tx !== 'object' || tx === null) continue;
      const t = tx as Record<string, unknown>;
      const maxFee = quantity(t.maxFeePerGas ?? t.gasPrice, 'transaction fee');
      const maxTip = t.maxPriorityFeePerGas !== undefined ? quantity(t.maxPriorityFeePerGas, 'transaction tip') : maxFee - base;
      const tip = maxFee - base < maxTip ? maxFee - base : maxTip;
      tips.push(Number(tip > 0n ? tip : 0n));
    }
  }
  tips.sort((a, b) => a - b);
  const pick = (p: number): number => (tips.length === 0 ? 0 : tips[Math.min(tips.length - 1, Math.floor((p / 100) * tips.length))]!);
  return {
    oldestBlock: number,
    baseFee: [Number(base)],
    gasUsedRatio: [head.gasLimit > 0n ? Number(head.gasUsed) / Number(head.gasLimit) : 0],
    rewards: [percentiles.map(pick)],
    head,
  };
}

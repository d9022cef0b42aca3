import { describe, expect, it } from 'vitest';
import { liveGasReport } from './live-report';
import { nextBaseFee } from './next-base-fee';
import type { RpcRequest } from './history-rpc';

const hex = (n: number | bigint): string => `0x${n.toString(16)}`;
const GWEI = 1_000_000_000;

/** A node whose block n has the base fee `fee(n)`, 12 s apart, half-full blocks except the head. */
function fakeNode(opts: { head: number; fee: (n: number) => number; feeHistory?: boolean; t0?: number }) {
  const t0 = opts.t0 ?? 1_700_000_000;
  const calls: string[] = [];
  const block = (n: number) => ({ number: hex(n), hash: `0x${n.toString(16).padStart(64, '0')}`, timestamp: hex(t0 + n * 12), baseFeePerGas: hex(opts.fee(n)), gasUsed: hex(n === opts.head ? 27_000_000 : 15_000_000), gasLimit: hex(30_000_000) });
  const request: RpcRequest = async (method, params) => {
    calls.push(method);
    if (method === 'eth_getBlockByNumber') {
      const tag = params[0] as string;
      return block(tag === 'latest' ? opts.head : Number(BigInt(tag)));
    }
    if (method === 'eth_feeHistory') {
      if (opts.feeHistory === false) throw Object.assign(new Error('the method eth_feeHistory does not exist/is not available'), { code: -32601 });
      const count = Number(BigInt(params[0] as string));
      const newest = Number(BigInt(params[1] as string));
      const blocks = Array.from({ length: count }, (_, i) => newest - count + 1 + i);
      return { oldestBlock: hex(blocks[0]!), baseFeePerGas: [...blocks, newest + 1].map((n) => hex(opts.fee(n))), gasUsedRatio: blocks.map(() => 0.5), reward: blocks.map(() => [1, 2, 3, 5, 9].map((p) => hex(p * 100_000_000))) };
    }
    throw new Error(`unexpected ${method}`);
  };
  return { request, calls, timeOf: (n: number) => t0 + n * 12 };
}

describe('liveGasReport', () => {
  it('gives the exact next-block base fee from the head and a 24 h "normal high" for spike checks', async () => {
    // 30 days ago the fee was 100 gwei; the last day it sits at 10 gwei.
    const head = 12_000;
    const node = fakeNode({ head, fee: (n) => (n < head - 7_200 ? 100 * GWEI : 10 * GWEI + (n % 7) * 1000) });
    const r = await liveGasReport({ request: node.request, chainId: 1, gasLimit: 21_000n, withinHours: 24, now: node.timeOf(head) + 5, retentionBlocks: 11_000 });
    expect(r.nextBaseFee).toBe(nextBaseFee({ baseFeePerGas: BigInt(10 * GWEI + (head % 7) * 1000), gasUsed: 27_000_000n, gasLimit: 30_000_000n }));
    expect(r.nextBlock).toBe(head + 1);
    // Only the last 24 h count: the old 100 gwei plateau does not hide a spike today.
    expect(r.p90Recent).toBeLessThan(11n * BigInt(GWEI));
    expect(r.historySeconds).toBeGreaterThan(24 * 3600);
    expect(r.storedBlocks).toBe(11_000);
    expect(r.recommended.maxFeePerGas).toBeGreaterThan(r.nextBaseFee);
  });

  it('an idle chain (newest block an hour old) still reports, advising to send now and saying why', async () => {
    const head = 400;
    const node = fakeNode({ head, fee: () => 2 * GWEI });
    const r = await liveGasReport({ request: node.request, chainId: 31337, gasLimit: 21_000n, withinHours: 24, now: node.timeOf(head) + 3600 });
    expect(r.advice.action).toBe('send-now');
    expect(r.advice.reason).toMatch(/no forecast/);
    expect(r.advice.costNowWei).toBe(21_000n * (r.nextBaseFee + r.recommended.maxPriorityFeePerGas));
  });

  it('a node without eth_feeHistory falls back to reading blocks and says so in the sync mode', async () => {
    const head = 400;
    const node = fakeNode({ head, fee: (n) => GWEI + n, feeHistory: false });
    const r = await liveGasReport({ request: node.request, chainId: 31337, gasLimit: 21_000n, withinHours: 1, now: node.timeOf(head) });
    expect(r.sync.mode).toBe('blocks');
    expect(r.nextBaseFee).toBeGreaterThan(0n);
    expect(node.calls).toContain('eth_feeHistory');
  });
});

import { describe, expect, it } from 'vitest';
import { afterAnswer, afterRefusal, backoffMs, classifyLogError, GROW_AFTER, initialSpan, INITIAL_SPAN, type LogRefusal } from './node-limits';

/** A node's JSON-RPC error as viem hands it over: the code, and the node's words in `details` under a wrapper. */
const rpcError = (code: number, message: string, status?: number) => {
  const inner = Object.assign(new Error(message), { code, details: message });
  return Object.assign(new Error('RPC Request failed.'), { cause: inner, ...(status ? { status } : {}) });
};

describe('classifyLogError: the real refusals of nodes and providers', () => {
  // Each string is the provider's own answer as reported publicly (sources in node-limits.ts and the README).
  const cases: [string, unknown, Partial<LogRefusal>][] = [
    ['Infura, block-range cap (INFURA/infura#237)', rpcError(-32602, 'range 1000000 exceeds limit of 10000'), { kind: 'range', limit: 10_000 }],
    ['Infura, result cap with a suggested range (ethers-io/ethers.js#4703)', rpcError(-32005, 'query returned more than 10000 results. Try with this block range [0xBDE5F8, 0x102DBCC].'), { kind: 'results', suggested: [0xbde5f8, 0x102dbcc] }],
    ['geth-derived result cap (aurora-relayer#327)', rpcError(-32005, 'query returned more than 10000 results'), { kind: 'results' }],
    ['QuickNode (eternalsafe/wallet#57, HTTP 413)', rpcError(-32614, 'eth_getLogs is limited to a 10,000 range', 413), { kind: 'range', limit: 10_000 }],
    ['Alchemy free tier (cartesi/rollups-node#655)', rpcError(-32600, 'You can make eth_getLogs requests with up to a 500 block range. Based on your parameters, this block range should work: [0x7e9b85, 0x7e9d78]'), { kind: 'range', limit: 500, suggested: [0x7e9b85, 0x7e9d78] }],
    ['Alchemy response-size cap (ethers-io/ethers.js#4703)', rpcError(-32602, 'Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no limit on the response size, or you can request any block range with a cap of 10K logs in the response. Based on your parameters and the response size limit, this block range should work: [0x0, 0xd043b8]'), { kind: 'results', suggested: [0, 0xd043b8] }],
    ['geth-family public node (publicnode, BSC)', rpcError(-32000, 'exceed maximum block range: 50000'), { kind: 'range', limit: 50_000 }],
    ['Ankr', rpcError(-32600, 'block range is too wide'), { kind: 'range' }],
    ['reth block cap', rpcError(-32602, 'query exceeds max block range 100000'), { kind: 'range', limit: 100_000 }],
    ['reth / llamarpc result cap', rpcError(-32602, 'query exceeds max results 20000, retry with the range 1-100'), { kind: 'results' }],
    ['Arbitrum result cap', rpcError(-32000, 'logs matched by query exceeds limit of 10000'), { kind: 'results' }],
    ['Infura rate limit', rpcError(-32005, 'project ID request rate exceeded'), { kind: 'rate-limit' }],
    ['HTTP 429', Object.assign(new Error('HTTP request failed. Status: 429'), { status: 429 }), { kind: 'rate-limit' }],
    ['Alchemy compute units', rpcError(429, 'Your app has exceeded its compute units per second capacity.'), { kind: 'rate-limit' }],
    ['method missing', rpcError(-32601, 'the method eth_getLogs does not exist/is not available'), { kind: 'no-logs' }],
    ['pruned history', rpcError(-32000, 'historical logs pruned'), { kind: 'no-logs' }],
    ['a node behind the head (geth)', rpcError(-32602, 'block range extends beyond current head block'), { kind: 'other' }],
    ['a dead node', new TypeError('fetch failed'), { kind: 'other' }],
  ];
  for (const [name, error, want] of cases) {
    it(name, () => expect(classifyLogError(error)).toMatchObject(want));
  }
});

describe('span: how wide the next request asks', () => {
  it('uses a stated limit one block short, and never asks wider again', () => {
    const s = afterRefusal(initialSpan(), { kind: 'range', limit: 10_000, message: '' }, INITIAL_SPAN)!;
    expect(s.span).toBe(9_999);
    expect(s.cap).toBe(9_999);
    let grown = s;
    for (let i = 0; i < GROW_AFTER * 5; i++) grown = afterAnswer(grown);
    expect(grown.span).toBe(9_999);
  });
  it('uses a suggested range as given', () => {
    const s = afterRefusal(initialSpan(), { kind: 'range', limit: 500, suggested: [100, 598], message: '' }, INITIAL_SPAN)!;
    expect(s.span).toBe(499);
  });
  it('halves without a stated limit, and caps below the refused width', () => {
    const s = afterRefusal(initialSpan(), { kind: 'range', message: '' }, 1_000)!;
    expect(s).toMatchObject({ span: 500, cap: 500 });
  });
  it('halves on too many results but may grow back (density varies)', () => {
    let s = afterRefusal({ span: 8_000, okStreak: 2 }, { kind: 'results', message: '' }, 8_000)!;
    expect(s).toMatchObject({ span: 4_000, okStreak: 0 });
    expect(s.cap).toBeUndefined();
    for (let i = 0; i < GROW_AFTER; i++) s = afterAnswer(s);
    expect(s.span).toBe(8_000);
  });
  it('gives up on a one-block request that is still refused', () => {
    expect(afterRefusal(initialSpan(), { kind: 'results', message: '' }, 1)).toBeUndefined();
  });
  it('backs off exponentially to 30 s', () => {
    expect([0, 1, 2, 10].map(backoffMs)).toEqual([500, 1_000, 2_000, 30_000]);
  });
});

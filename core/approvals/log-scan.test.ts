import { describe, expect, it } from 'vitest';
import type { Address } from 'viem';
import { addressTopic, APPROVAL_FOR_ALL_TOPIC, APPROVAL_TOPIC, candidateOfLog, LogScanError, PERMIT2_APPROVAL_TOPIC, PERMIT2_PERMIT_TOPIC, ScanCancelledError, scanApprovalLogs, type LogWindow, type RawLog } from './log-scan';
import { initialSpan, type SpanState } from './node-limits';
import { candidateKey, PERMIT2, type Candidate } from './types';

const OWNER = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266' as Address;
const token = (i: number) => `0x${(0x1000 + i).toString(16).padStart(40, '0')}`;
const spender = (i: number) => `0x${(0xbeef00 + i).toString(16).padStart(40, '0')}`;

/** An ERC-20 Approval log of the owner at a block. */
const erc20Log = (block: number, i: number): RawLog & { block: number } => ({ block, address: token(i % 7), topics: [APPROVAL_TOPIC, addressTopic(OWNER), addressTopic(spender(i))], blockNumber: `0x${block.toString(16)}` });

interface FakeNodeRules {
  maxRange?: number;
  maxResults?: number;
  /** Every n-th request answers HTTP 429. */
  rateLimitEvery?: number;
  noLogs?: boolean;
}

/** A node as providers behave: logs by block, refusing wide ranges and big answers in their own words. */
function fakeNode(logs: (RawLog & { block: number })[], rules: FakeNodeRules) {
  const calls: [number, number][] = [];
  let n = 0;
  const rpc = async (method: string, params: unknown[]) => {
    if (method !== 'eth_getLogs') throw new Error(`unexpected ${method}`);
    n++;
    if (rules.noLogs) throw Object.assign(new Error('the method eth_getLogs does not exist/is not available'), { code: -32601 });
    if (rules.rateLimitEvery && n % rules.rateLimitEvery === 0) throw Object.assign(new Error('HTTP request failed. Status: 429'), { status: 429 });
    const f = params[0] as { fromBlock: string; toBlock: string; topics: [string[], string] };
    const a = Number(f.fromBlock);
    const b = Number(f.toBlock);
    calls.push([a, b]);
    if (rules.maxRange && b - a + 1 > rules.maxRange) throw Object.assign(new Error(`range ${b - a + 1} exceeds limit of ${rules.maxRange}`), { code: -32602 });
    const hit = logs.filter((l) => l.block >= a && l.block <= b && f.topics[0].includes(l.topics[0]!) && l.topics[1] === f.topics[1]);
    if (rules.maxResults !== undefined && hit.length > rules.maxResults) throw Object.assign(new Error(`query returned more than ${rules.maxResults} results`), { code: -32005 });
    return hit;
  };
  return { rpc, calls };
}

/** Checks every block in [a, b] was answered exactly once (refused requests are not answers). */
function coveredOnce(answered: [number, number][], a: number, b: number) {
  const sorted = [...answered].sort((x, y) => x[0] - y[0]);
  let next = a;
  for (const [s, e] of sorted) {
    expect(s).toBe(next);
    next = e + 1;
  }
  expect(next).toBe(b + 1);
}

const noSleep = async () => undefined;

async function run(logs: (RawLog & { block: number })[], rules: FakeNodeRules, from = 0, to = 1_000_000, span: SpanState = initialSpan(), signalAfter?: number) {
  const node = fakeNode(logs, rules);
  const answered: [number, number][] = [];
  const windows: LogWindow[] = [];
  const controller = new AbortController();
  const wrapped = async (m: string, p: unknown[]) => {
    const r = await node.rpc(m, p);
    const f = p[0] as { fromBlock: string; toBlock: string };
    answered.push([Number(f.fromBlock), Number(f.toBlock)]);
    return r;
  };
  const result = await scanApprovalLogs({
    rpc: wrapped, account: OWNER, fromBlock: from, toBlock: to, span, sleep: noSleep, signal: controller.signal,
    onWindow: async (w) => {
      windows.push(w);
      if (signalAfter !== undefined && windows.length >= signalAfter) controller.abort();
    },
  }).catch((e: unknown) => e);
  const found = new Map<string, Candidate>();
  for (const w of windows) for (const c of w.candidates) found.set(candidateKey(c), c);
  return { result, answered, windows, found, calls: node.calls };
}

/** 500 approvals spread over a million blocks, as in the benchmark. */
const spread = Array.from({ length: 500 }, (_, i) => erc20Log(1_000 + i * 1_997, i));
const keysOf = (logs: RawLog[]) => new Set(logs.map((l) => candidateKey(candidateOfLog(l)!)));

describe('scanApprovalLogs: ranges that adapt to the node', () => {
  it('a node without limits: a few wide requests, every approval found', async () => {
    const r = await run(spread, {});
    expect(r.result).toMatchObject({ scannedTo: 1_000_000, refusals: 0 });
    expect(new Set(r.found.keys())).toEqual(keysOf(spread));
    expect(r.calls.length).toBeLessThanOrEqual(3);
    coveredOnce(r.answered, 0, 1_000_000);
  });

  it('a node capping ranges at 10,000 blocks: learns the cap from its words, ~100 requests, nothing missed', async () => {
    const r = await run(spread, { maxRange: 10_000 });
    expect(new Set(r.found.keys())).toEqual(keysOf(spread));
    coveredOnce(r.answered, 0, 1_000_000);
    // Every answered request fits the cap; the wide first tries are the only refusals.
    expect(r.answered.every(([a, b]) => b - a + 1 <= 10_000)).toBe(true);
    expect(r.calls.length - r.answered.length).toBeLessThanOrEqual(2);
    expect(r.answered.length).toBe(Math.ceil(1_000_001 / 9_999));
  });

  it('a node capping results: splits dense ranges only, nothing missed', async () => {
    // 300 approvals packed in 3,000 blocks, the rest sparse.
    const dense = [...spread, ...Array.from({ length: 300 }, (_, i) => erc20Log(500_000 + i * 10, 1_000 + i))];
    const r = await run(dense, { maxResults: 50 });
    expect(new Set(r.found.keys())).toEqual(keysOf(dense));
    // The windows advance without gaps to the end (an answer after a refused range in the same window is asked again).
    const ends = r.windows.map((w) => w.scannedTo);
    expect(ends.every((e, i) => i === 0 || e > ends[i - 1]!)).toBe(true);
    expect(ends.at(-1)).toBe(1_000_000);
    expect((r.result as { refusals: number }).refusals).toBeGreaterThan(0);
    expect(r.answered.every(([a, b]) => dense.filter((l) => l.block >= a && l.block <= b).length <= 50)).toBe(true);
  });

  it('rate limits: waits and asks the same range again', async () => {
    const r = await run(spread, { maxRange: 10_000, rateLimitEvery: 5 });
    expect(new Set(r.found.keys())).toEqual(keysOf(spread));
    expect((r.result as { rateLimited: number }).rateLimited).toBeGreaterThan(10);
    coveredOnce(r.answered, 0, 1_000_000);
  });

  it('a node that serves no logs: says so (the caller falls back)', async () => {
    const r = await run(spread, { noLogs: true });
    expect(r.result).toBeInstanceOf(LogScanError);
    expect(r.result).toMatchObject({ kind: 'no-logs' });
  });

  it('one block still refused: the range is named, what came before stays', async () => {
    const r = await run(spread, { maxResults: 0 }, 0, 10_000);
    expect(r.result).toBeInstanceOf(LogScanError);
    expect((r.result as LogScanError).kind).toBe('refused');
    expect((r.result as LogScanError).message).toMatch(/refuses the logs of block 1000/);
  });
});

describe('the cursor: resumed after a stop, incremental afterwards', () => {
  it('stopped after 3 windows, resumed from the stored cursor: every block once, every approval, the cap not learnt twice', async () => {
    const first = await run(spread, { maxRange: 10_000 }, 0, 1_000_000, initialSpan(), 3);
    expect(first.result).toBeInstanceOf(ScanCancelledError);
    const stored = first.windows.at(-1)!; // what the caller stored
    expect(stored.scannedTo).toBeGreaterThan(0);
    expect(stored.span.cap).toBe(9_999);
    const second = await run(spread, { maxRange: 10_000 }, stored.scannedTo + 1, 1_000_000, stored.span);
    expect(second.calls.length).toBe(second.answered.length); // no refusal: the stored span fits
    coveredOnce([...first.answered, ...second.answered], 0, 1_000_000);
    const all = new Set([...first.found.keys(), ...second.found.keys()]);
    expect(all).toEqual(keysOf(spread));
  });

  it('an incremental pass reads only the new blocks', async () => {
    const later = [...spread, erc20Log(1_000_050, 9_999)];
    const r = await run(later, { maxRange: 10_000 }, 1_000_001 - 64, 1_000_100, { span: 9_999, cap: 9_999, okStreak: 0 });
    expect(r.calls).toEqual([[1_000_001 - 64, 1_000_100]]);
    expect([...r.found.values()].map((c) => c.spender)).toEqual([spender(9_999)]);
  });
});

describe('candidateOfLog', () => {
  const o = addressTopic(OWNER);
  it('tells ERC-20 from ERC-721 approvals by their topics, and reads operators and Permit2', () => {
    expect(candidateOfLog({ address: token(1), topics: [APPROVAL_TOPIC, o, addressTopic(spender(1))] })).toMatchObject({ kind: 'erc20', spender: spender(1) });
    expect(candidateOfLog({ address: token(1), topics: [APPROVAL_TOPIC, o, addressTopic(spender(1)), `0x${'0'.repeat(63)}7`] })).toMatchObject({ kind: 'nft-one', tokenId: '7' });
    expect(candidateOfLog({ address: token(1), topics: [APPROVAL_FOR_ALL_TOPIC, o, addressTopic(spender(2))] })).toMatchObject({ kind: 'nft-all', spender: spender(2) });
    for (const t of [PERMIT2_APPROVAL_TOPIC, PERMIT2_PERMIT_TOPIC]) {
      expect(candidateOfLog({ address: PERMIT2, topics: [t, o, addressTopic(token(3)), addressTopic(spender(3))] })).toMatchObject({ kind: 'permit2', token: token(3), spender: spender(3) });
      // The same event from another contract is not Permit2's.
      expect(candidateOfLog({ address: token(4), topics: [t, o, addressTopic(token(3)), addressTopic(spender(3))] })).toBeUndefined();
    }
    // An NFT approval cleared to the zero address grants nothing.
    expect(candidateOfLog({ address: token(1), topics: [APPROVAL_TOPIC, o, addressTopic('0x0000000000000000000000000000000000000000'), `0x${'0'.repeat(63)}7`] })).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { FeeHistoryResponseError } from './errors';
import { CHUNK_SIZE, FeeHistoryStore, MemoryFeeHistoryStorage } from './history';
import type { RpcRequest } from './history-rpc';

const hex = (n: number | bigint): string => `0x${n.toString(16)}`;

/** A fake node: block n has base fee 1 gwei + n wei; `fork` changes hashes above `forkFrom`. */
class FakeNode {
  head = 5000;
  fork = 0;
  forkFrom = Infinity;
  feeHistory = true;
  legacy = false;
  corrupt = false;
  calls: Array<{ method: string; params: unknown[] }> = [];
  baseFee(n: number): number {
    return 1_000_000_000 + n + (n >= this.forkFrom ? this.fork * 7 : 0);
  }
  hash(n: number): string {
    return `0x${(n * 1000 + (n >= this.forkFrom ? this.fork : 0)).toString(16).padStart(64, '0')}`;
  }
  block(n: number, full: boolean): unknown {
    const b: Record<string, unknown> = { number: hex(n), hash: this.hash(n), timestamp: hex(1_700_000_000 + n * 12), gasUsed: hex(15_000_000), gasLimit: hex(30_000_000) };
    if (!this.legacy) b.baseFeePerGas = hex(this.baseFee(n));
    if (full) b.transactions = [{ maxFeePerGas: hex(this.baseFee(n) + 5), maxPriorityFeePerGas: hex(2) }, { gasPrice: hex(this.baseFee(n) + 9) }];
    return b;
  }
  request: RpcRequest = async (method, params) => {
    this.calls.push({ method, params });
    if (method === 'eth_getBlockByNumber') {
      const tag = params[0] as string;
      const n = tag === 'latest' ? this.head : Number(BigInt(tag));
      return n > this.head ? null : this.block(n, params[1] === true);
    }
    if (method === 'eth_gasPrice') return hex(3_000_000_000);
    if (method === 'eth_feeHistory') {
      if (!this.feeHistory) throw Object.assign(new Error('the method eth_feeHistory does not exist/is not available'), { code: -32601 });
      const count = Number(BigInt(params[0] as string));
      const newest = Number(BigInt(params[1] as string));
      const oldest = newest - count + 1;
      const pct = params[2] as number[];
      const blocks = Array.from({ length: count }, (_, i) => oldest + i);
      return {
        oldestBlock: hex(oldest),
        baseFeePerGas: [...blocks, newest + 1].map((n) => (this.corrupt && n === newest ? '0xzz' : hex(this.baseFee(n)))),
        gasUsedRatio: blocks.map(() => 0.5),
        reward: blocks.map(() => pct.map((p) => hex(p * 1000))),
      };
    }
    throw new Error(`unexpected ${method}`);
  };
}

function store(node: FakeNode, storage = new MemoryFeeHistoryStorage(), retentionBlocks = 3000): FeeHistoryStore {
  return new FeeHistoryStore({ chainId: 1, request: node.request, storage, retentionBlocks, maxRequestsPerSync: 8 });
}

describe('FeeHistoryStore', () => {
  it('fetches the retention window in aligned chunks of at most 1024 blocks and survives a restart', async () => {
    const node = new FakeNode();
    const storage = new MemoryFeeHistoryStorage();
    const first = await store(node, storage).sync();
    expect(first).toMatchObject({ mode: 'fee-history', head: 5000, fetchedBlocks: 3000, reorged: false, missingBlocks: 0 });
    for (const c of node.calls.filter((c) => c.method === 'eth_feeHistory')) expect(Number(BigInt(c.params[0] as string))).toBeLessThanOrEqual(CHUNK_SIZE);
    node.head = 5010;
    node.calls = [];
    const again = await store(node, storage).sync(); // a new instance: the service worker restarted
    expect(again.fetchedBlocks).toBe(10);
    const s = await store(node, storage).samples();
    expect(s.blocks.length).toBe(3000);
    expect(s.blocks[s.blocks.length - 1]).toBe(5010);
    expect(s.baseFee[s.baseFee.length - 1]).toBe(node.baseFee(5010));
    expect(s.rewards[0]).toEqual([10_000, 20_000, 30_000, 50_000, 90_000]);
    expect(s.timestamps[s.timestamps.length - 1]).toBe(1_700_000_000 + 5010 * 12);
  });

  it('with a back-fill limit, fetches every new block and only that many old ranges (the idle sync)', async () => {
    const node = new FakeNode();
    const storage = new MemoryFeeHistoryStorage();
    const idle = () => new FeeHistoryStore({ chainId: 1, request: node.request, storage, retentionBlocks: 20_000, maxRequestsPerSync: 64, maxBackfillRequestsPerSync: 1 });
    const first = await idle().sync();
    // From nothing every block of the window is new (0..5000): all of it in the first sync, whatever the back-fill cap.
    expect(first.fetchedBlocks).toBe(5001);
    node.head = 8000; // 3,000 new blocks over 3 chunks, never limited by the back-fill cap
    const again = await idle().sync();
    expect(again.fetchedBlocks).toBe(3000);
    const s = await idle().samples();
    expect(s.blocks.length).toBe(8001); // no gap
    // An old history whose start is missing: one range of it per sync, the new blocks still whole.
    const old = new MemoryFeeHistoryStorage();
    node.head = 20_000;
    await new FeeHistoryStore({ chainId: 1, request: node.request, storage: old, retentionBlocks: 3000, maxRequestsPerSync: 64 }).sync();
    node.head = 20_500;
    node.calls = [];
    const r = await new FeeHistoryStore({ chainId: 1, request: node.request, storage: old, retentionBlocks: 10_000, maxRequestsPerSync: 64, maxBackfillRequestsPerSync: 1 }).sync();
    expect(node.calls.filter((c) => c.method === 'eth_feeHistory').length).toBe(1 + 1 + 1); // 20001..20479, 20480..20500, one back-fill range
    expect(r.fetchedBlocks).toBe(500 + 617); // the new blocks, and the back-fill range 16384..17000 below the oldest stored (17001)
    expect(r.missingBlocks).toBe(10_000 - 3000 - 500 - 617);
  });

  it('a sync whose budget cannot reach the stored history takes the newest blocks and leaves no gap behind', async () => {
    const node = new FakeNode();
    const storage = new MemoryFeeHistoryStorage();
    const at = (budget: number) => new FeeHistoryStore({ chainId: 1, request: node.request, storage, retentionBlocks: 20_000, maxRequestsPerSync: budget });
    await at(64).sync(); // 0..5000
    node.head = 9000;
    await at(1).sync(); // the review's quick sync: only 8192..9000
    let s = await at(1).samples();
    expect(s.blocks[s.blocks.length - 1]).toBe(9000); // fresh for the review
    expect((await storage.getMeta(1))?.newestBlock).toBe(5000); // but whole only up to 5000
    await at(2).sync(); // the newest range again, and the oldest new one: 5001..5119
    expect((await storage.getMeta(1))?.newestBlock).toBe(5119);
    await at(64).sync();
    s = await at(64).samples();
    expect(s.blocks.length).toBe(9001); // 0..9000, no gap
    expect((await storage.getMeta(1))?.newestBlock).toBe(9000);
  });

  it('re-fetches the overlap after a reorg and keeps no stale block', async () => {
    const node = new FakeNode();
    const storage = new MemoryFeeHistoryStorage();
    await store(node, storage).sync();
    node.fork = 1;
    node.forkFrom = 4990;
    node.head = 5003;
    const r = await store(node, storage).sync();
    expect(r.reorged).toBe(true);
    const s = await store(node, storage).samples();
    s.blocks.forEach((b, i) => expect(s.baseFee[i]).toBe(node.baseFee(b)));
    expect(new Set(s.blocks).size).toBe(s.blocks.length);
  });

  it('fills a gap after being offline and prunes beyond retention', async () => {
    const node = new FakeNode();
    const storage = new MemoryFeeHistoryStorage();
    await store(node, storage).sync();
    node.head = 6500;
    await store(node, storage).sync();
    const s = await store(node, storage).samples();
    expect(s.blocks[0]).toBeGreaterThanOrEqual(Math.floor((6500 - 3000 + 1) / CHUNK_SIZE) * CHUNK_SIZE);
    for (let b = 6500 - 2999; b <= 6500; b++) expect(s.blocks.includes(b)).toBe(true);
  });

  it('stores nothing from a malformed answer', async () => {
    const node = new FakeNode();
    const storage = new MemoryFeeHistoryStorage();
    await store(node, storage).sync();
    const before = await store(node, storage).samples();
    node.head = 5100;
    node.corrupt = true;
    await expect(store(node, storage).sync()).rejects.toThrow(FeeHistoryResponseError);
    expect(await store(node, storage).samples()).toEqual(before);
    expect((await storage.getMeta(1))?.newestBlock).toBe(5000);
    node.corrupt = false;
    await store(node, storage).sync();
    expect((await storage.getMeta(1))?.newestBlock).toBe(5100);
  });

  it('falls back to reading blocks when eth_feeHistory is missing', async () => {
    const node = new FakeNode();
    node.feeHistory = false;
    const r = await new FeeHistoryStore({ chainId: 1, request: node.request, storage: new MemoryFeeHistoryStorage(), fallbackBlocks: 5 }).sync();
    expect(r.mode).toBe('blocks');
    expect(r.fetchedBlocks).toBe(5);
  });

  it('stores the cheapest gas price each new block included on chains without EIP-1559', async () => {
    const node = new FakeNode();
    node.legacy = true;
    const st = new FeeHistoryStore({ chainId: 56, request: node.request, storage: new MemoryFeeHistoryStorage() });
    expect((await st.sync()).mode).toBe('legacy');
    let s = await st.samples();
    expect(s.blocks).toEqual(Array.from({ length: 20 }, (_, i) => 4981 + i));
    expect(s.baseFee).toEqual(s.blocks.map((n) => node.baseFee(n) + 9));
    // The next sync reads only the blocks that are new.
    node.head += 3;
    const again = await st.sync();
    expect(again.fetchedBlocks).toBe(3);
    s = await st.samples();
    expect(s.blocks.at(-1)).toBe(5003);
  });
});

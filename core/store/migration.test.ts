import 'fake-indexeddb/auto'; // idb's wrap() checks instanceof against the IDB globals
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { FeeHistoryStore } from '../gas/history';
import { DB_VERSION, openPreflightDb } from './db';
import { IdbFeeHistoryStorage } from './fee-history';
import { getRecord, putRecord } from './reviews';

const request = { method: 'eth_sign' as const, params: ['0x1', `0x${'ab'.repeat(32)}`], origin: 'https://a.example', chainId: 1 };

describe('database upgrades', () => {
  it('version 1 → latest keeps every review and adds fee history and plans', async () => {
    const factory = new IDBFactory();
    const v1 = await openPreflightDb(factory, 'preflight', 1);
    await putRecord(v1, { key: 'kept', createdAt: 1, request, tabId: 1, frameId: 0, decision: 'reject', decidedAt: 2 });
    v1.close();
    const v2 = await openPreflightDb(factory);
    expect(v2.version).toBe(DB_VERSION);
    expect((await getRecord(v2, 'kept'))?.decision).toBe('reject');
    expect([...v2.objectStoreNames].sort()).toEqual(['feeChunks', 'feeMeta', 'kv', 'plans', 'reviews', 'threatDomains']);
  });

  it('version 2 → 3 keeps reviews and fee history and adds plans', async () => {
    const factory = new IDBFactory();
    const v2 = await openPreflightDb(factory, 'preflight', 2);
    await putRecord(v2, { key: 'kept', createdAt: 1, request, tabId: 1, frameId: 0, decision: 'continue', decidedAt: 2 });
    const storage = new IdbFeeHistoryStorage(async () => v2);
    await storage.putMeta({ chainId: 1, mode: 'fee-history', percentiles: [10, 50], newestBlock: 7_000, newestHash: '0xab', newestTimestamp: 5 });
    await storage.putChunk({ chainId: 1, index: 7, blocks: [7_000], timestamps: [5], baseFee: [1e9], gasUsedRatio: [0.5], rewards: [[1, 2]] });
    v2.close();
    const v3 = await openPreflightDb(factory, 'preflight', 3);
    expect(v3.version).toBe(3);
    expect((await getRecord(v3, 'kept'))?.decision).toBe('continue');
    const after = new IdbFeeHistoryStorage(async () => v3);
    expect((await after.getMeta(1))?.newestBlock).toBe(7_000);
    expect(await after.listChunks(1)).toEqual([7]);
    expect([...v3.objectStoreNames].sort()).toEqual(['feeChunks', 'feeMeta', 'kv', 'plans', 'reviews']);
    expect(await v3.count('plans')).toBe(0);
  });

  it('version 3 → 4 keeps reviews and the kv store and adds the domain lists', async () => {
    const factory = new IDBFactory();
    const v3 = await openPreflightDb(factory, 'preflight', 3);
    await putRecord(v3, { key: 'kept', createdAt: 1, request, tabId: 1, frameId: 0, decision: 'reject', decidedAt: 2 });
    await v3.put('kv', ['0x4838b106fce9647bdf1e7877bf73ce8b0bad5f97'], 'knownRecipients');
    v3.close();
    const v4 = await openPreflightDb(factory);
    expect(v4.version).toBe(4);
    expect((await getRecord(v4, 'kept'))?.decision).toBe('reject');
    expect(await v4.get('kv', 'knownRecipients')).toEqual(['0x4838b106fce9647bdf1e7877bf73ce8b0bad5f97']);
    expect([...v4.objectStoreNames].sort()).toEqual(['feeChunks', 'feeMeta', 'kv', 'plans', 'reviews', 'threatDomains']);
    expect(await v4.count('threatDomains')).toBe(0);
  });

  it('an open old-version connection closes itself so the upgrade is not blocked', async () => {
    const factory = new IDBFactory();
    const old = await openPreflightDb(factory, 'preflight', 1);
    const upgraded = await openPreflightDb(factory); // old listens for versionchange and closes
    expect(upgraded.version).toBe(DB_VERSION);
    await expect(old.get('reviews', 'x')).rejects.toThrow(); // InvalidStateError: the caller reopens
  });

  it('fee history synced through IndexedDB survives a reopen and resumes from where it stopped', async () => {
    const factory = new IDBFactory();
    let head = 2_000;
    const calls: unknown[][] = [];
    const rpc = async (method: string, params: unknown[]) => {
      calls.push([method, ...params]);
      if (method === 'eth_getBlockByNumber') return { number: `0x${head.toString(16)}`, hash: `0x${head.toString(16).padStart(64, '0')}`, timestamp: `0x${(1_700_000_000 + head * 12).toString(16)}`, baseFeePerGas: '0x3b9aca00', gasUsed: '0x1c9c380', gasLimit: '0x3938700' };
      if (method === 'eth_feeHistory') {
        const count = Number(params[0]);
        const newest = Number(BigInt(params[1] as string));
        return {
          oldestBlock: `0x${(newest - count + 1).toString(16)}`,
          baseFeePerGas: Array.from({ length: count + 1 }, (_, i) => `0x${(1_000_000_000 + i).toString(16)}`),
          gasUsedRatio: Array.from({ length: count }, () => 0.5),
          reward: Array.from({ length: count }, () => ['0x1', '0x2', '0x3', '0x4', '0x5']),
        };
      }
      if (method === 'eth_getBlockByHash') return { number: `0x${head.toString(16)}`, hash: `0x${head.toString(16).padStart(64, '0')}` };
      throw new Error(`unexpected ${method}`);
    };
    const db1 = await openPreflightDb(factory);
    const store1 = new FeeHistoryStore({ chainId: 1, request: rpc, storage: new IdbFeeHistoryStorage(async () => db1), retentionBlocks: 3_000 });
    await store1.sync();
    const first = await store1.samples();
    db1.close();
    head = 2_010;
    calls.length = 0;
    const db2 = await openPreflightDb(factory);
    const store2 = new FeeHistoryStore({ chainId: 1, request: rpc, storage: new IdbFeeHistoryStorage(async () => db2), retentionBlocks: 3_000 });
    await store2.sync();
    const second = await store2.samples();
    expect(first.blocks.length).toBeGreaterThan(100);
    expect(second.blocks.length).toBeGreaterThan(first.blocks.length);
    expect(second.blocks.at(-1)).toBeGreaterThan(first.blocks.at(-1)!);
    // Only the new blocks (plus a reorg check) were fetched, not the whole window again.
    const fetched = calls.filter((c) => c[0] === 'eth_feeHistory').reduce((n, c) => n + Number(c[1]), 0);
    expect(fetched).toBeLessThan(200);
  });
});

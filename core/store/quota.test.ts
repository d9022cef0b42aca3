import 'fake-indexeddb/auto'; // idb's wrap() checks instanceof against the IDB globals
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_SIZE, FeeHistoryStore, type FeeChunk } from '../gas/history';
import type { Review } from '../review/types';
import { openPreflightDb } from './db';
import { IdbFeeHistoryStorage } from './fee-history';
import { fullStorage, type FullStorage } from './full-storage.testkit';
import { KnownRecipients, KNOWN_RECIPIENTS_KEY } from './known-recipients';
import { isQuotaExceeded, StorageQuotaError } from './quota';
import { memoryFallback, ReviewBook } from './review-book';
import { getRecord } from './reviews';

const tx = (to: string) => ({ method: 'eth_sendTransaction' as const, params: [{ from: '0x0000000000000000000000000000000000000001', to, value: '0x1' }], origin: 'https://a.example', chainId: 1 });
const review = (id: string): Review => ({ id, createdAt: 1, request: tx('0x2'), verdict: 'ok', summary: { en: 's', ja: 's' }, findings: [], cards: [], analysisMs: 1 });
const record = (key: string, createdAt: number, to = '0x000000000000000000000000000000000000000A') => ({ key, createdAt, request: tx(to), tabId: 1, frameId: 0 });

let storage: FullStorage;
beforeEach(() => (storage = fullStorage()));
afterEach(() => storage.restore());

describe('quota errors', () => {
  it('are recognised as thrown, wrapped, or as a transaction error, and nothing else is', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(isQuotaExceeded(quota)).toBe(true);
    expect(isQuotaExceeded(new Error('tx aborted', { cause: quota }))).toBe(true);
    expect(isQuotaExceeded({ name: 'AbortError', error: quota })).toBe(true);
    expect(isQuotaExceeded(new StorageQuotaError('History'))).toBe(true);
    expect(isQuotaExceeded(new DOMException('x', 'InvalidStateError'))).toBe(false);
    expect(isQuotaExceeded(new Error('quota'))).toBe(false);
    const e = new StorageQuotaError('History');
    expect(e.name).toBe('StorageQuotaError');
    expect(e.message).toMatch(/storage for Preflight is full.*Free some disk space/);
  });
});

describe('review history on a full storage', () => {
  it('a request arriving on a full disk is reviewed and decided in the session fallback, marked unsaved', async () => {
    const db = await openPreflightDb(new IDBFactory());
    const book = new ReviewBook(async () => db, memoryFallback());
    await book.put(record('saved', 1));
    storage.fill();
    const put = await book.put(record('k1', 2));
    expect(put.unsaved).toBe(true);
    expect(storage.refused).toBeGreaterThan(0);
    expect((await book.saveReview('k1', review('r1'))).review?.id).toBe('r1');
    expect((await book.recordDecision('k1', 'continue', true, 30)).decision).toBe('continue');
    // A replayed, different decision is still refused in the fallback.
    expect((await book.recordDecision('k1', 'reject', false, 40)).decision).toBe('continue');
    const got = await book.get('k1');
    expect(got).toMatchObject({ unsaved: true, decision: 'continue', decidedAt: 30, appliedFees: true });
    expect(got?.review?.id).toBe('r1');
    expect(await getRecord(db, 'k1')).toBeUndefined(); // really not in IndexedDB
    const list = await book.list();
    expect(list.map((r) => [r.key, !!r.unsaved])).toEqual([
      ['k1', true],
      ['saved', false],
    ]);
  });

  it('the disk filling between the request and the decision loses neither the review nor the decision', async () => {
    const db = await openPreflightDb(new IDBFactory());
    const book = new ReviewBook(async () => db, memoryFallback());
    await book.put(record('k1', 1));
    storage.fill('reviews');
    const saved = await book.saveReview('k1', review('r1'));
    expect(saved.unsaved).toBe(true);
    const decided = await book.recordDecision('k1', 'reject', false, 5);
    expect(decided).toMatchObject({ decision: 'reject', unsaved: true });
    expect((await book.get('k1'))?.review?.id).toBe('r1');
    expect((await getRecord(db, 'k1'))?.review).toBeUndefined();
  });

  it('a decision that cannot be written to IndexedDB is kept (and a second decision still refused)', async () => {
    const db = await openPreflightDb(new IDBFactory());
    const book = new ReviewBook(async () => db, memoryFallback());
    await book.put(record('k1', 1));
    await book.saveReview('k1', review('r1'));
    storage.fill();
    expect(await book.recordDecision('k1', 'continue', false, 9)).toMatchObject({ decision: 'continue', unsaved: true });
    expect((await book.recordDecision('k1', 'reject', false, 10)).decision).toBe('continue');
    storage.free();
    expect((await book.get('k1'))?.decision).toBe('continue');
  });

  it('other errors are not swallowed', async () => {
    const db = await openPreflightDb(new IDBFactory());
    const book = new ReviewBook(async () => db, memoryFallback());
    await expect(book.saveReview('missing', review('x'))).rejects.toThrow(/No review with key/);
    const closed = await openPreflightDb(new IDBFactory());
    closed.close();
    await expect(new ReviewBook(async () => closed, memoryFallback()).put(record('k', 1))).rejects.toThrow();
  });
});

describe('known recipients (kv store)', () => {
  it('is seeded once from the history, then updated on each continued transaction without reading the history', async () => {
    const db = await openPreflightDb(new IDBFactory());
    const book = new ReviewBook(async () => db, memoryFallback());
    await book.put(record('old', 1, '0x00000000000000000000000000000000000000AA'));
    await book.recordDecision('old', 'continue', false, 2);
    await book.put(record('rejected', 3, '0x00000000000000000000000000000000000000BB'));
    await book.recordDecision('rejected', 'reject', false, 4);
    const known = new KnownRecipients(async () => db);
    expect(await known.list()).toEqual(['0x00000000000000000000000000000000000000aa']);
    expect(await db.get('kv', KNOWN_RECIPIENTS_KEY)).toEqual(['0x00000000000000000000000000000000000000aa']);
    await book.put(record('new', 5, '0x00000000000000000000000000000000000000CC'));
    const decided = await book.recordDecision('new', 'continue', false, 6);
    await known.noteDecision(decided);
    await known.noteDecision({ decision: 'reject', request: tx('0x00000000000000000000000000000000000000dd') });
    await db.clear('reviews'); // the list no longer depends on the history
    expect(await new KnownRecipients(async () => db).list()).toEqual(['0x00000000000000000000000000000000000000aa', '0x00000000000000000000000000000000000000cc']);
  });

  it('keeps the list in memory when the kv write hits the quota', async () => {
    const db = await openPreflightDb(new IDBFactory());
    const known = new KnownRecipients(async () => db);
    storage.fill('kv');
    await known.noteDecision({ decision: 'continue', request: tx('0x00000000000000000000000000000000000000EE') });
    expect(await known.list()).toEqual(['0x00000000000000000000000000000000000000ee']);
    expect(await db.get('kv', KNOWN_RECIPIENTS_KEY)).toBeUndefined();
  });
});

describe('fee history on a full storage', () => {
  const chunk = (index: number): FeeChunk => ({ chainId: 1, index, blocks: [index * CHUNK_SIZE], timestamps: [0], baseFee: [1], gasUsedRatio: [0.5], rewards: [[1]] });

  it('prunes the oldest chunks and retries; an old back-fill chunk is dropped; newest data with nothing to prune is a typed error', async () => {
    const db = await openPreflightDb(new IDBFactory());
    const fee = new IdbFeeHistoryStorage(async () => db);
    for (const i of [3, 4, 5]) await fee.putChunk(chunk(i));
    storage.fill('feeChunks');
    await fee.putChunk(chunk(6));
    expect(await fee.listChunks(1)).toEqual([4, 5, 6]); // the oldest made room
    await fee.putChunk(chunk(1)); // back-fill older than all stored: dropped, not an error
    expect(await fee.listChunks(1)).toEqual([4, 5, 6]);
    expect(fee.prunedForQuota).toBe(2);
    await db.clear('feeChunks');
    await expect(fee.putChunk(chunk(7))).rejects.toBeInstanceOf(StorageQuotaError);
  });

  it('a sync on a full disk keeps the newest blocks and finishes', async () => {
    const db = await openPreflightDb(new IDBFactory());
    let head = 5_000;
    const rpc = async (method: string, params: unknown[]) => {
      if (method === 'eth_getBlockByNumber') {
        const n = params[0] === 'latest' ? head : Number(BigInt(params[0] as string));
        return { number: `0x${n.toString(16)}`, hash: `0x${n.toString(16).padStart(64, '0')}`, timestamp: `0x${(1_700_000_000 + n * 12).toString(16)}`, baseFeePerGas: '0x3b9aca00', gasUsed: '0x1', gasLimit: '0x2' };
      }
      if (method === 'eth_feeHistory') {
        const count = Number(params[0]);
        const newest = Number(BigInt(params[1] as string));
        return { oldestBlock: `0x${(newest - count + 1).toString(16)}`, baseFeePerGas: Array.from({ length: count + 1 }, () => '0x3b9aca00'), gasUsedRatio: Array.from({ length: count }, () => 0.5), reward: Array.from({ length: count }, () => ['0x1', '0x2', '0x3', '0x4', '0x5']) };
      }
      throw new Error(`unexpected ${method}`);
    };
    const fee = new IdbFeeHistoryStorage(async () => db);
    const store = new FeeHistoryStore({ chainId: 1, request: rpc, storage: fee, retentionBlocks: 4_000 });
    await store.sync();
    const before = await fee.listChunks(1);
    storage.fill('feeChunks', 'feeMeta');
    head = 6_500; // crosses into a new chunk: its write needs room
    const result = await store.sync();
    expect(result.head).toBe(6_500);
    const after = await fee.listChunks(1);
    expect(after.at(-1)).toBe(Math.floor(6_500 / CHUNK_SIZE));
    expect(after[0]).toBeGreaterThan(before[0]!);
    expect(fee.prunedForQuota).toBeGreaterThan(0);
    expect((await store.samples()).blocks.at(-1)).toBe(6_500);
  });
});

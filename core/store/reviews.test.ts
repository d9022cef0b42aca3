import 'fake-indexeddb/auto'; // idb's wrap() checks instanceof against the IDB globals
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openPreflightDb } from './db';
import { getRecord, listRecords, pruneRecords, putRecord, recordDecision, saveRecheck, saveReview } from './reviews';
import type { Review } from '../review/types';

const request = { method: 'personal_sign' as const, params: ['0x68', '0x0000000000000000000000000000000000000001'], origin: 'https://a.example', chainId: 1 };
const review = (id: string): Review => ({ id, createdAt: 1, request, verdict: 'ok', summary: { en: 's', ja: 's' }, findings: [], cards: [], analysisMs: 1 });

describe('review store', () => {
  it('keeps a request, its review and the first decision across reopen', async () => {
    const factory = new IDBFactory();
    const db = await openPreflightDb(factory);
    await putRecord(db, { key: 'k1', createdAt: 10, request, tabId: 3, frameId: 0 });
    await saveReview(db, 'k1', review('r1'));
    await recordDecision(db, 'k1', 'reject', false, 20);
    await recordDecision(db, 'k1', 'continue', false, 30); // a replayed, different decision is ignored
    db.close();
    const again = await openPreflightDb(factory);
    const rec = await getRecord(again, 'k1');
    expect(rec?.review?.id).toBe('r1');
    expect(rec?.decision).toBe('reject');
    expect(rec?.decidedAt).toBe(20);
  });

  it('lists newest first and prunes the oldest', async () => {
    const db = await openPreflightDb(new IDBFactory());
    for (let i = 0; i < 5; i++) await putRecord(db, { key: `k${i}`, createdAt: i, request, tabId: 1, frameId: 0 });
    expect((await listRecords(db, 3)).map((r) => r.key)).toEqual(['k4', 'k3', 'k2']);
    expect(await pruneRecords(db, 2)).toBe(3);
    expect((await listRecords(db)).map((r) => r.key)).toEqual(['k4', 'k3']);
  });

  it('saving a review for an unknown key is a clear error', async () => {
    const db = await openPreflightDb(new IDBFactory());
    await expect(saveReview(db, 'nope', review('x'))).rejects.toThrow(/No review with key/);
  });

  it('a release check that stopped Continue is kept on the undecided record, across reopen; the one that let it through goes with the decision', async () => {
    const factory = new IDBFactory();
    const db = await openPreflightDb(factory);
    await putRecord(db, { key: 'k1', createdAt: 10, request, tabId: 3, frameId: 0 });
    const stopped = { status: 'unavailable' as const, checkedAt: 15, ms: 1500, reason: { en: 'no answer', ja: '応答なし' } };
    await saveRecheck(db, 'k1', stopped);
    db.close();
    const again = await openPreflightDb(factory);
    expect(await getRecord(again, 'k1')).toMatchObject({ recheck: stopped });
    expect((await getRecord(again, 'k1'))?.decision).toBeUndefined();
    await recordDecision(again, 'k1', 'continue', false, 20, { status: 'unchanged', checkedAt: 19, ms: 8 });
    expect(await getRecord(again, 'k1')).toMatchObject({ decision: 'continue', recheck: { status: 'unchanged', ms: 8 } });
    await expect(saveRecheck(again, 'nope', stopped)).rejects.toThrow(/No review with key/);
  });
});

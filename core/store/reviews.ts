import type { IDBPDatabase } from 'idb';
import type { Decision, Review } from '../review/types';
import type { RecheckResult } from '../review/recheck';
import { newestFirst, type PreflightSchema, type ReviewRecord } from './db';

type Db = IDBPDatabase<PreflightSchema>;

/** Keeps the newest reviews; older ones are pruned beyond this count. */
export const MAX_REVIEWS = 5_000;

export class ReviewNotFoundError extends Error {
  override name = 'ReviewNotFoundError';
  constructor(key: string) {
    super(`No review with key ${key.slice(0, 8)}… (it may have been pruned).`);
  }
}

export async function putRecord(db: Db, record: ReviewRecord): Promise<void> {
  await db.put('reviews', record);
}

export async function getRecord(db: Db, key: string): Promise<ReviewRecord | undefined> {
  return db.get('reviews', key);
}

export async function saveReview(db: Db, key: string, review: Review): Promise<ReviewRecord> {
  const tx = db.transaction('reviews', 'readwrite');
  const record = await tx.store.get(key);
  if (!record) throw new ReviewNotFoundError(key);
  const updated = { ...record, review };
  await tx.store.put(updated);
  await tx.done;
  return updated;
}

/** Stores the release check that stopped a request (the request stays undecided). */
export async function saveRecheck(db: Db, key: string, recheck: RecheckResult): Promise<ReviewRecord> {
  const tx = db.transaction('reviews', 'readwrite');
  const record = await tx.store.get(key);
  if (!record) throw new ReviewNotFoundError(key);
  const updated = { ...record, recheck };
  await tx.store.put(updated);
  await tx.done;
  return updated;
}

/**
 * Records the user's decision once; a second, different decision for the same key is refused. `recheck`: the release
 * check that let it through, written in the same transaction.
 */
export async function recordDecision(db: Db, key: string, decision: Decision, appliedFees: boolean, now: number, recheck?: RecheckResult): Promise<ReviewRecord> {
  const tx = db.transaction('reviews', 'readwrite');
  const record = await tx.store.get(key);
  if (!record) throw new ReviewNotFoundError(key);
  if (record.decision) {
    await tx.done;
    return record;
  }
  const updated: ReviewRecord = { ...record, decision, decidedAt: now, appliedFees, ...(recheck ? { recheck } : {}) };
  await tx.store.put(updated);
  await tx.done;
  return updated;
}

/** Newest first. */
export async function listRecords(db: Db, limit = 100): Promise<ReviewRecord[]> {
  return newestFirst(db, 'reviews', limit);
}

export async function pruneRecords(db: Db, keep = MAX_REVIEWS): Promise<number> {
  const count = await db.count('reviews');
  if (count <= keep) return 0;
  const tx = db.transaction('reviews', 'readwrite');
  let cursor = await tx.store.index('createdAt').openCursor();
  let removed = 0;
  while (cursor && removed < count - keep) {
    await cursor.delete();
    removed++;
    cursor = await cursor.continue();
  }
  await tx.done;
  return removed;
}

import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { FeeChunk, HistoryMeta } from '../gas/history';
import type { Decision, Review, SigningRequest } from '../review/types';
import type { RecheckResult } from '../review/recheck';
import type { PlanRecord } from './plans';

/** One reviewed request from arrival to the user's decision. Persisted so a stopped worker loses nothing. */
export interface ReviewRecord {
  /** Unguessable key, also the review panel's URL fragment. */
  key: string;
  createdAt: number;
  request: SigningRequest;
  /** Where to send the decision back. */
  tabId: number;
  frameId: number;
  review?: Review;
  decision?: Decision;
  decidedAt?: number;
  appliedFees?: boolean;
  /**
   * The last release check (core/review/recheck.ts): kept when it stopped the request (changed, or the node did not
   * answer), so a reloaded panel shows it again and the next Continue knows it was seen; and with the decision it let through.
   */
  recheck?: RecheckResult;
  /**
   * 'stream': the page sent this request straight to MetaMask's page stream and MetaMask received it before
   * Preflight could stop it (never reviewed before the wallet saw it; no decision here).
   */
  bypass?: 'stream';
}

export interface PreflightSchema extends DBSchema {
  reviews: { key: string; value: ReviewRecord; indexes: { createdAt: number } };
  kv: { key: string; value: unknown };
  /** Since version 2: sampled fee history per chain (core/gas/history.ts), in 1024-block chunks. */
  feeMeta: { key: number; value: HistoryMeta };
  feeChunks: { key: [number, number]; value: FeeChunk; indexes: { chainId: number } };
  /** Since version 3: withdrawal plans with their execution progress (core/store/plans.ts). */
  plans: { key: string; value: PlanRecord; indexes: { createdAt: number } };
  /**
   * Since version 4: the fetched domain lists (core/store/threat-domains.ts), spread over hash buckets, one record
   * per bucket keyed [list, generation, bucket]: the bucket's blocked and allowed names.
   */
  threatDomains: { key: [string, number, number]; value: { block?: string; allow?: string } };
}

export const DB_NAME = 'preflight';
/** 1: reviews, kv. 2: fee history (feeMeta, feeChunks). 3: withdrawal plans. 4: fetched domain lists. Earlier stores are kept as they are. */
export const DB_VERSION = 4;

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/**
 * Opens (and upgrades) the database through the IDBFactory it is given: the browser's in the
 * extension, fake-indexeddb's in Node tests. Each version step migrates existing data, never drops it.
 */
export function openPreflightDb(factory: IDBFactory, name = DB_NAME, version = DB_VERSION): Promise<IDBPDatabase<PreflightSchema>> {
  const request = factory.open(name, version);
  request.onupgradeneeded = (event) => {
    const db = request.result;
    const from = event.oldVersion;
    if (from < 1) {
      const reviews = db.createObjectStore('reviews', { keyPath: 'key' });
      reviews.createIndex('createdAt', 'createdAt');
      db.createObjectStore('kv');
    }
    if (from < 2 && version >= 2) {
      db.createObjectStore('feeMeta', { keyPath: 'chainId' });
      const chunks = db.createObjectStore('feeChunks', { keyPath: ['chainId', 'index'] });
      chunks.createIndex('chainId', 'chainId');
    }
    if (from < 3 && version >= 3) {
      const plans = db.createObjectStore('plans', { keyPath: 'id' });
      plans.createIndex('createdAt', 'createdAt');
    }
    if (from < 4 && version >= 4) db.createObjectStore('threatDomains');
  };
  // Another context holding an older version blocks the upgrade: say so instead of hanging.
  const blocked = new Promise<never>((_, reject) => {
    request.onblocked = () => reject(new DatabaseUnavailableError('The database upgrade is blocked by another open Preflight window. Close it and retry.'));
  });
  const opened = wrap(request) as unknown as Promise<IDBPDatabase<PreflightSchema>>;
  return Promise.race([opened, blocked]).then((db) => {
    // When a newer version elsewhere wants to upgrade, get out of its way.
    db.addEventListener('versionchange', () => db.close());
    return db;
  });
}

/** The stores whose records carry a `createdAt` index. */
export type DatedStore = 'reviews' | 'plans';

/** Up to `limit` records of a dated store, newest first (one cursor over the `createdAt` index, read-only). */
export async function newestFirst<S extends DatedStore>(db: IDBPDatabase<PreflightSchema>, store: S, limit: number): Promise<PreflightSchema[S]['value'][]> {
  const out: PreflightSchema[S]['value'][] = [];
  let cursor = await db.transaction(store).store.index('createdAt').openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

import type { IDBPDatabase } from 'idb';
import type { Decision, Review } from '../review/types';
import type { RecheckResult } from '../review/recheck';
import type { PreflightSchema, ReviewRecord } from './db';
import { isQuotaExceeded } from './quota';
import { getRecord, listRecords, putRecord, recordDecision, ReviewNotFoundError, saveRecheck, saveReview } from './reviews';

type Db = IDBPDatabase<PreflightSchema>;

/** A record as the panel and popup see it: `unsaved` when it lives only in the session fallback. */
export type BookRecord = ReviewRecord & { unsaved?: boolean };

/**
 * Where records go when IndexedDB is full: kept for the browser session (the extension passes
 * browser.storage.session, which survives the worker being stopped; tests pass memory).
 */
export interface RecordFallback {
  get(key: string): Promise<ReviewRecord | undefined>;
  put(record: ReviewRecord): Promise<void>;
  all(): Promise<ReviewRecord[]>;
}

export function memoryFallback(): RecordFallback {
  const records = new Map<string, ReviewRecord>();
  return {
    get: async (key) => structuredClone(records.get(key)),
    put: async (record) => void records.set(record.key, structuredClone(record)),
    all: async () => [...records.values()].map((r) => structuredClone(r)),
  };
}

/**
 * The review history with a quota fallback: every write goes to IndexedDB first; if the browser says the
 * storage is full, the record is kept in the fallback instead and marked unsaved, so a review and the
 * user's decision still flow. Reads prefer the fallback (it holds the newer copy).
 */
export class ReviewBook {
  constructor(
    private readonly db: () => Promise<Db>,
    private readonly fallback: RecordFallback,
  ) {}

  private async keep(record: ReviewRecord): Promise<BookRecord> {
    await this.fallback.put(record);
    return { ...record, unsaved: true };
  }

  private async spill(record: ReviewRecord, error: unknown): Promise<BookRecord> {
    if (!isQuotaExceeded(error)) throw error;
    return this.keep(record);
  }

  async put(record: ReviewRecord): Promise<BookRecord> {
    try {
      await putRecord(await this.db(), record);
      return record;
    } catch (error) {
      return this.spill(record, error);
    }
  }

  async get(key: string): Promise<BookRecord | undefined> {
    const spilled = await this.fallback.get(key);
    if (spilled) return { ...spilled, unsaved: true };
    return getRecord(await this.db(), key);
  }

  async saveReview(key: string, review: Review): Promise<BookRecord> {
    const spilled = await this.fallback.get(key);
    if (spilled) return this.keep({ ...spilled, review });
    try {
      return await saveReview(await this.db(), key, review);
    } catch (error) {
      if (!isQuotaExceeded(error)) throw error;
      const stored = await getRecord(await this.db(), key);
      if (!stored) throw new ReviewNotFoundError(key);
      return this.keep({ ...stored, review });
    }
  }

  /** Records the decision once (a second, different one is ignored), wherever the record lives; with the release check that let it through. */
  async recordDecision(key: string, decision: Decision, appliedFees: boolean, now: number, recheck?: RecheckResult): Promise<BookRecord> {
    const extra = recheck ? { recheck } : {};
    const spilled = await this.fallback.get(key);
    if (spilled) return spilled.decision ? { ...spilled, unsaved: true } : this.keep({ ...spilled, decision, decidedAt: now, appliedFees, ...extra });
    try {
      return await recordDecision(await this.db(), key, decision, appliedFees, now, recheck);
    } catch (error) {
      if (!isQuotaExceeded(error)) throw error;
      const stored = await getRecord(await this.db(), key);
      if (!stored) throw new ReviewNotFoundError(key);
      return this.keep(stored.decision ? stored : { ...stored, decision, decidedAt: now, appliedFees, ...extra });
    }
  }

  /** Keeps the release check that stopped a request, wherever the record lives. */
  async saveRecheck(key: string, recheck: RecheckResult): Promise<BookRecord> {
    const spilled = await this.fallback.get(key);
    if (spilled) return this.keep({ ...spilled, recheck });
    try {
      return await saveRecheck(await this.db(), key, recheck);
    } catch (error) {
      if (!isQuotaExceeded(error)) throw error;
      const stored = await getRecord(await this.db(), key);
      if (!stored) throw new ReviewNotFoundError(key);
      return this.keep({ ...stored, recheck });
    }
  }

  /** Newest first, unsaved records included (and marked). */
  async list(limit = 100): Promise<BookRecord[]> {
    const spilled = await this.fallback.all();
    const keys = new Set(spilled.map((r) => r.key));
    const stored = (await listRecords(await this.db(), limit)).filter((r) => !keys.has(r.key));
    const merged: BookRecord[] = [...spilled.map((r) => ({ ...r, unsaved: true })), ...stored];
    return merged.sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
  }
}

import type { IDBPDatabase } from 'idb';
import { fetchScamList, type FetchLike, type ScamList } from '../threat/scam-list';
import type { PreflightSchema } from './db';
import { listDue, type ListState, type ListStatus } from './list-state';

type Db = IDBPDatabase<PreflightSchema>;

/** kv keys: the last good list, and how the last attempt went. */
export const SCAM_LIST_KEY = 'scamList';
export const SCAM_LIST_STATUS_KEY = 'scamListStatus';

/** Refetch when the kept list is this old (the publisher updates daily). */
export const SCAM_LIST_MAX_AGE_MS = 12 * 3_600_000;
export { LIST_RETRY_MS as SCAM_LIST_RETRY_MS } from './list-state';

export type ScamListStatus = ListStatus;
/** What Settings shows: the list in use (without its addresses) and the last attempt. */
export type ScamListState = ListState;

function isList(v: unknown): v is ScamList {
  const r = v as Partial<ScamList> | undefined;
  return typeof r === 'object' && r !== null && typeof r.url === 'string' && typeof r.fetchedAt === 'number' && Array.isArray(r.addresses);
}

export async function loadScamList(db: Db): Promise<ScamList | undefined> {
  const v = await db.get('kv', SCAM_LIST_KEY);
  return isList(v) ? v : undefined;
}

export async function scamListState(db: Db): Promise<ScamListState> {
  const [list, status] = await Promise.all([loadScamList(db), db.get('kv', SCAM_LIST_STATUS_KEY) as Promise<ScamListStatus | undefined>]);
  return { list: list && { url: list.url, fetchedAt: list.fetchedAt, count: list.addresses.length, ...(list.bytes !== undefined ? { bytes: list.bytes } : {}) }, status };
}

/** Whether the schedule should fetch now: no list yet, another URL, or an old list (not right after a failure). */
export function scamListDue(state: ScamListState, url: string, now: number): boolean {
  return listDue(state, url, now, SCAM_LIST_MAX_AGE_MS);
}

/**
 * Fetches the list from `url` and keeps it. On any failure the list kept before stays in use untouched, and the
 * error is stored for Settings to show; the returned state says which happened.
 */
export async function refreshScamList(db: Db, fetchFn: FetchLike, url: string, now: number, currentUrl?: () => Promise<string>): Promise<ScamListState> {
  // A fetch of a URL the user replaced while it ran (a scheduled refresh racing a Save) must not overwrite the newer one.
  const stale = async () => !!currentUrl && (await currentUrl()) !== url;
  try {
    const list = await fetchScamList(fetchFn, url, now);
    if (await stale()) return scamListState(db);
    const tx = db.transaction('kv', 'readwrite');
    await Promise.all([tx.store.put(list, SCAM_LIST_KEY), tx.store.put({ attemptedAt: now, url: list.url } satisfies ScamListStatus, SCAM_LIST_STATUS_KEY), tx.done]);
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    if (await stale()) return scamListState(db);
    await db.put('kv', { attemptedAt: now, url, error } satisfies ScamListStatus, SCAM_LIST_STATUS_KEY);
  }
  return scamListState(db);
}

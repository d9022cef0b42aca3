/** How a kept threat list (addresses, MetaMask's phishing configuration, ScamSniffer's domains) is doing, for Settings and the schedule. */

/** After a failed attempt, wait this long before the schedule tries again (a Save in Settings tries at once). */
export const LIST_RETRY_MS = 3_600_000;

/** How long one refresh took, by phase (unix ms spans measured in the worker). */
export interface ListTimings {
  fetchMs: number;
  parseMs: number;
  storeMs: number;
}

export interface ListStatus {
  /** Unix ms of the last attempt. */
  attemptedAt: number;
  url: string;
  /** Why the last attempt failed (the kept list, if any, is still used). */
  error?: string;
  /** A list far smaller than the kept copy was refused; since when the server has been serving a list that size. */
  shrink?: { count: number; since: number };
}

/** What Settings shows: the copy in use (without its entries) and the last attempt. */
export interface ListState {
  /** The fetched copy in use. `count`: addresses, or blocked hosts. */
  list?: { url: string; fetchedAt: number; count: number; allowCount?: number; fuzzyCount?: number; bytes?: number; took?: ListTimings };
  /** The copy bundled at build time, used before the first fetch (MetaMask's phishing list only). */
  bundled?: { count: number; allowCount: number; fuzzyCount: number };
  status?: ListStatus;
}

/** Whether the schedule should fetch now: no list yet, another URL, or an old list (not right after a failure). */
export function listDue(state: ListState, url: string, now: number, maxAgeMs: number): boolean {
  const failedRecently = !!state.status?.error && state.status.url === url && now - state.status.attemptedAt < LIST_RETRY_MS;
  if (failedRecently) return false;
  return !state.list || state.list.url !== url || now - state.list.fetchedAt >= maxAgeMs;
}

/** A list is refused as truncated when it has fewer than this share of the kept copy's entries. */
export const SHRINK_FLOOR = 0.5;
/** ...unless the server has kept serving a list about that size for this long: then it really shrank. */
export const SHRINK_ACCEPT_AFTER_MS = 3 * 86_400_000;

export class ListShrankError extends Error {
  override name = 'ListShrankError';
  constructor(
    message: string,
    readonly count: number,
    readonly since: number,
  ) {
    super(message);
  }
}

/**
 * Refuses a fetched list with far fewer entries than the copy kept from the same URL (a download cut short, a
 * server answering a stub): the kept copy stays in use. A smaller list served for SHRINK_ACCEPT_AFTER_MS (within
 * 10 % of the same size) is taken: the publisher pruned it.
 */
export function checkShrink(what: string, count: number, kept: number | undefined, status: ListStatus | undefined, url: string, now: number): void {
  if (kept === undefined || count >= kept * SHRINK_FLOOR) return;
  const seen = status?.url === url ? status.shrink : undefined;
  const same = seen && Math.abs(seen.count - count) <= seen.count * 0.1;
  const since = same ? seen.since : now;
  if (same && now - since >= SHRINK_ACCEPT_AFTER_MS) return;
  const n = (x: number) => x.toLocaleString('en-US');
  throw new ListShrankError(
    `The fetched ${what} has ${n(count)} entries, the copy in use ${n(kept)}: it looks truncated, so it was refused (a smaller list is taken once the server has served it for 3 days).`,
    count,
    since,
  );
}

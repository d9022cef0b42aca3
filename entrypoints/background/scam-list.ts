import { db } from '@/components/storage/db';
import { loadSettings } from '@/components/storage/settings';
import { loadScamList, refreshScamList, scamListDue, scamListState, type ScamListState } from '@/core/store/scam-list';

/** Checked every 30 minutes for every threat list; each is fetched only when due (no list, another URL, old; an hour after a failure). */
export const THREAT_ALARM = 'threat-list';

/** Cache of the kept list's addresses (the worker can stop at any time: IndexedDB is the truth). */
let cached: { fetchedAt: number; url: string; set: ReadonlySet<string> } | undefined;

/** The kept list as a set, for reviews; undefined before the first successful fetch. */
export async function scamAddresses(): Promise<ReadonlySet<string> | undefined> {
  const list = await loadScamList(await db());
  if (!list) return undefined;
  if (!cached || cached.fetchedAt !== list.fetchedAt || cached.url !== list.url) cached = { fetchedAt: list.fetchedAt, url: list.url, set: new Set(list.addresses) };
  return cached.set;
}

/** Fetches the list from the Settings URL (a plain GET of the public file: nothing about the user goes with it). */
export async function refreshThreatList(): Promise<ScamListState> {
  const { threatListUrl } = await loadSettings();
  return refreshScamList(await db(), (url, init) => fetch(url, init), threatListUrl, Date.now(), async () => (await loadSettings()).threatListUrl);
}

export async function threatListState(): Promise<ScamListState> {
  return scamListState(await db());
}

export async function onThreatAlarm(): Promise<void> {
  const { threatListUrl } = await loadSettings();
  if (scamListDue(await threatListState(), threatListUrl, Date.now())) await refreshThreatList();
}

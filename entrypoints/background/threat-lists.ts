import { db } from '@/components/storage/db';
import { loadSettings } from '@/components/storage/settings';
import type { Settings } from '@/core/settings/settings';
import type { ListState } from '@/core/store/list-state';
import { checkHostInLists, domainListDue, domainListState, refreshDomainList, type DomainListId } from '@/core/store/threat-domains';
import { checkDomain, hostnameOf, PHISHING_LIST_SIZE } from '@/core/review/phishing';
import type { DomainCheck } from '@/core/threat/domain-check';
import type { ThreatListId, ThreatListsState } from '@/core/messages';
import { refreshThreatList, threatListState } from './scam-list';

/**
 * MetaMask's phishing configuration and ScamSniffer's domain list: fetched on the threat alarm when due (6 h and
 * 12 h; an hour after a failure; Save in Settings fetches at once), kept in IndexedDB (core/store/threat-domains.ts).
 * The fetch is a plain GET of the URL in Settings; checks are local.
 */
const URL_OF: Record<DomainListId, (s: Settings) => string> = { phishing: (s) => s.phishingListUrl, 'scam-domains': (s) => s.scamDomainsUrl };
const BUNDLED = { count: PHISHING_LIST_SIZE.block, allowCount: PHISHING_LIST_SIZE.allow, fuzzyCount: PHISHING_LIST_SIZE.fuzzy };
const bundledOf = (id: DomainListId) => (id === 'phishing' ? BUNDLED : undefined);

function refreshDomains(id: DomainListId, settings: Settings): Promise<ListState> {
  return db().then((database) =>
    refreshDomainList(database, id, (url, init) => fetch(url, init), URL_OF[id](settings), {
      now: Date.now,
      currentUrl: async () => URL_OF[id](await loadSettings()),
      bundledCount: PHISHING_LIST_SIZE.block,
      bundled: bundledOf(id),
    }),
  );
}

/** Settings: each list's copy in use (age, size) and how the last fetch went. */
export async function threatListsState(): Promise<ThreatListsState> {
  const database = await db();
  const [addresses, phishing, domains] = await Promise.all([threatListState(), domainListState(database, 'phishing', BUNDLED), domainListState(database, 'scam-domains')]);
  return { addresses, phishing, domains };
}

/** Settings' Save: fetch one list now from the URL just saved. */
export async function refreshThreatListNow(list: ThreatListId): Promise<ListState> {
  if (list === 'addresses') return refreshThreatList();
  return refreshDomains(list === 'phishing' ? 'phishing' : 'scam-domains', await loadSettings());
}

/** The threat alarm for the domain lists: fetch each one that is due. */
export async function onDomainListsAlarm(): Promise<void> {
  const settings = await loadSettings();
  const database = await db();
  for (const id of ['phishing', 'scam-domains'] as const) {
    if (domainListDue(await domainListState(database, id), id, URL_OF[id](settings), Date.now())) await refreshDomains(id, settings).catch(() => undefined);
  }
}

/**
 * Whether a page's origin is a known phishing site by the lists in use now (read at every call, so a list learnt
 * while the page is open counts at its next request). A database that cannot be read falls back to the bundled list.
 */
export async function originCheck(origin: string): Promise<DomainCheck | undefined> {
  const host = hostnameOf(origin);
  return host ? hostCheck(host) : undefined;
}

/** A host checked against the lists in use now (for reviews and the page banner). */
export async function hostCheck(host: string): Promise<DomainCheck> {
  try {
    return await checkHostInLists(await db(), host);
  } catch {
    return checkDomain(host);
  }
}

import type { IDBPDatabase } from 'idb';
import { BUNDLED_FUZZY, bundledHits } from '../review/phishing';
import { candidateDomains, decideHost, normaliseHost, type DomainCheck, type DomainHits, type FuzzyParams } from '../threat/domain-check';
import { fetchListText, parseListJson, type FetchLike } from '../threat/list-fetch';
import { DEFAULT_PHISHING_CONFIG_URL, parsePhishingConfig } from '../threat/phishing-config';
import { parseScamDomains } from '../threat/scam-domains';
import type { PreflightSchema } from './db';
import { checkShrink, listDue, ListShrankError, type ListState, type ListStatus, type ListTimings } from './list-state';

type Db = IDBPDatabase<PreflightSchema>;

/**
 * The fetched domain lists, kept in IndexedDB and used offline: MetaMask's phishing configuration ('phishing') and
 * ScamSniffer's domain list ('scam-domains'). The entries are spread over hash buckets (about 64 names each), one
 * record per bucket keyed [list, generation, bucket], so a check reads the few buckets of the names that can match a
 * host (core/threat/domain-check.ts) and nothing is held in memory; a copy of 231k names is ~4k records, not 231k
 * (Chromium's IndexedDB writes a few thousand records a second). A new copy is written under a new generation in
 * small transactions (a review reading the lists waits for one chunk at most), then the list's meta record in `kv`
 * is switched to it in one write and the old generation deleted. Until the switch, the copy kept before is what
 * every check reads; a failure anywhere leaves it untouched.
 */
export type DomainListId = 'phishing' | 'scam-domains';

interface ListSpec {
  what: string;
  metaKey: string;
  statusKey: string;
  /** Refetch when the kept copy is this old. */
  maxAgeMs: number;
  /** Anything larger is not this list. */
  maxBytes: number;
}

/** The real files are ~6 MB (MetaMask, ~231k blocked hosts, March 2026) and 9.0 MB (ScamSniffer): caps well above both. */
export const DOMAIN_LIST_MAX_BYTES = 32 * 1_048_576;

export const DOMAIN_LISTS: Record<DomainListId, ListSpec> = {
  // MetaMask's file changes many times a day; a copy 6 h old is fresh enough for a ~6 MB download 4 times a day.
  phishing: { what: "MetaMask's phishing list", metaKey: 'phishingList', statusKey: 'phishingListStatus', maxAgeMs: 6 * 3_600_000, maxBytes: DOMAIN_LIST_MAX_BYTES },
  // ScamSniffer publishes once a day.
  'scam-domains': { what: "ScamSniffer's domain list", metaKey: 'scamDomains', statusKey: 'scamDomainsStatus', maxAgeMs: 12 * 3_600_000, maxBytes: DOMAIN_LIST_MAX_BYTES },
};

/** Bucket records per write transaction. */
const CHUNK = 500;
/** About this many names per bucket. */
const PER_BUCKET = 64;

/** A bucket: its blocked and allowed names, each joined by newlines (names with white space can match no host name). */
export interface DomainBucket {
  block?: string;
  allow?: string;
}

/** FNV-1a, 32 bits: a cheap, stable spread of names over buckets. */
function bucketOf(name: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return (h >>> 0) % buckets;
}

const holds = (joined: string | undefined, name: string) => !!joined && `\n${joined}\n`.includes(`\n${name}\n`);

/** The kept copy's meta record: where it came from, its generation in `threatDomains`, sizes, and MetaMask's fuzzy settings. */
export interface DomainListMeta {
  url: string;
  fetchedAt: number;
  generation: number;
  /** How many buckets the names are spread over. */
  buckets: number;
  bytes: number;
  /** Blocked hosts. */
  count: number;
  allowCount: number;
  fuzzy?: FuzzyParams;
  took: ListTimings;
}

function isMeta(v: unknown): v is DomainListMeta {
  const m = v as Partial<DomainListMeta> | undefined;
  return typeof m === 'object' && m !== null && typeof m.url === 'string' && typeof m.generation === 'number' && typeof m.buckets === 'number' && typeof m.count === 'number';
}

export async function loadDomainListMeta(db: Db, id: DomainListId): Promise<DomainListMeta | undefined> {
  const v = await db.get('kv', DOMAIN_LISTS[id].metaKey);
  return isMeta(v) ? v : undefined;
}

/** Both lists' meta records in one read (what a check needs first). */
export async function loadDomainMetas(db: Db): Promise<Partial<Record<DomainListId, DomainListMeta>>> {
  const tx = db.transaction('kv');
  const [phishing, scam] = await Promise.all([tx.store.get(DOMAIN_LISTS.phishing.metaKey), tx.store.get(DOMAIN_LISTS['scam-domains'].metaKey), tx.done]);
  return { ...(isMeta(phishing) ? { phishing } : {}), ...(isMeta(scam) ? { 'scam-domains': scam } : {}) };
}

export async function domainListState(db: Db, id: DomainListId, bundled?: ListState['bundled']): Promise<ListState> {
  const spec = DOMAIN_LISTS[id];
  const [meta, status] = await Promise.all([loadDomainListMeta(db, id), db.get('kv', spec.statusKey) as Promise<ListStatus | undefined>]);
  return {
    list: meta && { url: meta.url, fetchedAt: meta.fetchedAt, count: meta.count, allowCount: meta.allowCount, fuzzyCount: meta.fuzzy?.fuzzylist.length, bytes: meta.bytes, took: meta.took },
    ...(bundled && !meta ? { bundled } : {}),
    status,
  };
}

export function domainListDue(state: ListState, id: DomainListId, url: string, now: number): boolean {
  return listDue(state, url, now, DOMAIN_LISTS[id].maxAgeMs);
}

/**
 * The entries of the kept lists among `host`'s candidate names, for the detector; undefined for a list with no kept
 * copy (the caller then uses the bundled copy of MetaMask's list, and no ScamSniffer configuration).
 */
export async function lookupHost(db: Db, host: string, metas: Partial<Record<DomainListId, DomainListMeta>>): Promise<{ phishing?: Pick<DomainHits, 'allow' | 'block'>; scam?: string[] }> {
  const names = candidateDomains(host);
  const tx = db.transaction('threatDomains');
  const read = (id: DomainListId) => {
    const meta = metas[id];
    return meta ? Promise.all(names.map((n) => tx.store.get([id, meta.generation, bucketOf(n, meta.buckets)]))) : undefined;
  };
  const [phishing, scam] = await Promise.all([read('phishing'), read('scam-domains'), tx.done]);
  const pick = (found: (DomainBucket | undefined)[], part: keyof DomainBucket) => names.filter((n, i) => holds(found[i]?.[part], n));
  return {
    ...(phishing ? { phishing: { allow: pick(phishing, 'allow'), block: pick(phishing, 'block') } } : {}),
    ...(scam ? { scam: pick(scam, 'block') } : {}),
  };
}

/**
 * Whether `hostname` is a phishing site by the lists in use now: MetaMask's fetched configuration (the bundled copy
 * before the first fetch) and ScamSniffer's domains when a copy is kept. Reads IndexedDB on every call: a list
 * learnt while a page is open counts at that page's next request.
 */
export async function checkHostInLists(db: Db, hostname: string): Promise<DomainCheck> {
  const host = normaliseHost(hostname);
  if (!host) return { phishing: false, type: 'none' };
  const metas = await loadDomainMetas(db);
  const hits = await lookupHost(db, host, metas);
  const phishing = hits.phishing ?? bundledHits(host);
  return decideHost(host, { ...phishing, ...(hits.scam ? { scam: hits.scam } : {}) }, metas.phishing?.fuzzy ?? BUNDLED_FUZZY, metas['scam-domains']?.fetchedAt);
}

/** Deletes every generation of `id` but `keep` (interrupted writes, the copy just replaced). */
async function dropGenerations(db: Db, id: DomainListId, keep?: number): Promise<void> {
  const tx = db.transaction('threatDomains', 'readwrite');
  if (keep === undefined) {
    await Promise.all([tx.store.delete(IDBKeyRange.bound([id, -Infinity], [id, Infinity])), tx.done]);
    return;
  }
  // Array keys sort above numbers, so [id, keep, []] is above every [id, keep, bucket].
  await Promise.all([tx.store.delete(IDBKeyRange.bound([id, -Infinity], [id, keep], false, true)), tx.store.delete(IDBKeyRange.bound([id, keep, []], [id, Infinity])), tx.done]);
}

/** Spreads the names over buckets, each part's names joined by newlines. */
function toBuckets(block: readonly string[], allow: readonly string[]): { buckets: number; records: DomainBucket[] } {
  let buckets = 64;
  while (buckets < (block.length + allow.length) / PER_BUCKET && buckets < 65_536) buckets *= 2;
  const parts = Array.from({ length: buckets }, () => ({ block: [] as string[], allow: [] as string[] }));
  const usable = (d: string) => d !== '' && !/\s/.test(d);
  for (const d of block) if (usable(d)) parts[bucketOf(d, buckets)]!.block.push(d);
  for (const d of allow) if (usable(d)) parts[bucketOf(d, buckets)]!.allow.push(d);
  const records = parts.map((p) => ({ ...(p.block.length ? { block: p.block.join('\n') } : {}), ...(p.allow.length ? { allow: p.allow.join('\n') } : {}) }));
  return { buckets, records };
}

async function writeGeneration(db: Db, id: DomainListId, generation: number, records: DomainBucket[]): Promise<void> {
  for (let i = 0; i < records.length; i += CHUNK) {
    const tx = db.transaction('threatDomains', 'readwrite');
    records.slice(i, i + CHUNK).forEach((r, j) => void ((r.block || r.allow) && tx.store.put(r, [id, generation, i + j])));
    await tx.done;
  }
}

interface Parsed {
  block: string[];
  allow: string[];
  count: number;
  allowCount: number;
  fuzzy?: FuzzyParams;
}

function parse(id: DomainListId, json: unknown): Parsed {
  if (id === 'scam-domains') {
    const hosts = parseScamDomains(json);
    return { block: hosts, allow: [], count: hosts.length, allowCount: 0 };
  }
  const c = parsePhishingConfig(json);
  return { block: c.blocklist, allow: c.allowlist, count: c.blocklist.length, allowCount: c.allowlist.length, fuzzy: { version: c.version, tolerance: c.tolerance, fuzzylist: c.fuzzylist } };
}

/** One refresh at a time per list and database (a scheduled refresh and a Save in Settings must not interleave writes). */
const running = new WeakMap<Db, Map<DomainListId, Promise<unknown>>>();
function serially<T>(db: Db, id: DomainListId, job: () => Promise<T>): Promise<T> {
  let perDb = running.get(db);
  if (!perDb) running.set(db, (perDb = new Map()));
  const next = (perDb.get(id) ?? Promise.resolve()).then(job, job);
  perDb.set(id, next.catch(() => undefined));
  return next;
}

export interface RefreshOptions {
  now: () => number;
  /** The URL in Settings now: a fetch of a URL the user replaced while it ran does not overwrite the newer one. */
  currentUrl?: () => Promise<string>;
  /** The bundled copy's size, compared against on the first fetch from the default URL (a truncated first download). */
  bundledCount?: number;
  bundled?: ListState['bundled'];
}

/**
 * Fetches list `id` from `url` and keeps it. A list that fails to download, is not the right JSON, is larger than the
 * cap or far smaller than the kept copy (truncated) is refused with the reason stored for Settings; the kept copy
 * stays in use untouched. Returns the state Settings shows.
 */
export function refreshDomainList(db: Db, id: DomainListId, fetchFn: FetchLike, url: string, opts: RefreshOptions): Promise<ListState> {
  return serially(db, id, async () => {
    const spec = DOMAIN_LISTS[id];
    const started = opts.now();
    const stale = async () => !!opts.currentUrl && (await opts.currentUrl()) !== url;
    const [meta, status] = await Promise.all([loadDomainListMeta(db, id), db.get('kv', spec.statusKey) as Promise<ListStatus | undefined>]);
    let generation: number | undefined;
    try {
      const fetched = await fetchListText(fetchFn, url, { what: spec.what, maxBytes: spec.maxBytes });
      const fetchedAt = opts.now();
      const parsed = parse(id, parseListJson(fetched.text, fetched.url));
      const parsedAt = opts.now();
      const kept = meta?.url === fetched.url ? meta.count : id === 'phishing' && fetched.url === DEFAULT_PHISHING_CONFIG_URL ? opts.bundledCount : undefined;
      checkShrink(spec.what, parsed.count, kept, status, fetched.url, started);
      if (await stale()) return domainListState(db, id, opts.bundled);
      generation = Math.max(started, (meta?.generation ?? 0) + 1);
      await dropGenerations(db, id, meta?.generation); // what an interrupted write left behind
      const { buckets, records } = toBuckets(parsed.block, parsed.allow);
      await writeGeneration(db, id, generation, records);
      if (await stale()) {
        await dropGenerations(db, id, meta?.generation);
        return domainListState(db, id, opts.bundled);
      }
      const took = { fetchMs: fetchedAt - started, parseMs: parsedAt - fetchedAt, storeMs: opts.now() - parsedAt };
      const next: DomainListMeta = { url: fetched.url, fetchedAt: started, generation, buckets, bytes: fetched.bytes, count: parsed.count, allowCount: parsed.allowCount, ...(parsed.fuzzy ? { fuzzy: parsed.fuzzy } : {}), took };
      const tx = db.transaction('kv', 'readwrite');
      await Promise.all([tx.store.put(next, spec.metaKey), tx.store.put({ attemptedAt: started, url: fetched.url } satisfies ListStatus, spec.statusKey), tx.done]);
      await dropGenerations(db, id, generation);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      if (generation !== undefined) await dropGenerations(db, id, meta?.generation).catch(() => undefined);
      if (!(await stale())) {
        const shrink = e instanceof ListShrankError ? { count: e.count, since: e.since } : undefined;
        await db.put('kv', { attemptedAt: started, url, error, ...(shrink ? { shrink } : {}) } satisfies ListStatus, spec.statusKey);
      }
    }
    return domainListState(db, id, opts.bundled);
  });
}

import 'fake-indexeddb/auto'; // idb's wrap() checks instanceof against the IDB globals
import { IDBFactory } from 'fake-indexeddb';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import config from 'eth-phishing-detect/src/config.json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPreflightDb } from './db';
import { LIST_RETRY_MS, SHRINK_ACCEPT_AFTER_MS } from './list-state';
import { checkHostInLists, DOMAIN_LISTS, DOMAIN_LIST_MAX_BYTES, domainListDue, domainListState, refreshDomainList } from './threat-domains';

/**
 * MetaMask's phishing configuration and ScamSniffer's domain list served by a real HTTP server on 127.0.0.1, as the
 * public files are: the fetched copy is used, a broken, truncated or huge one is refused and the kept copy stays.
 */
const ONLY_FETCHED = 'only-in-the-fetched-list.example';
/** On the bundled blocklist (eth-phishing-detect 1.2.0); the fetched configuration allowlists it. */
const BUNDLED_BLOCKED = 'moonbirds.tv';
const SCAM_ONLY = 'drainer-on-scamsniffer.example';

/** Part of the real list (a few thousand entries keep the test quick) plus the entries the tests look for. */
const fetched = { ...config, blacklist: [...config.blacklist.slice(0, 2_000), ONLY_FETCHED], whitelist: [...config.whitelist, BUNDLED_BLOCKED, 'allowed-by-metamask.example'] };
const fetchedText = JSON.stringify(fetched, null, 2);
const domains = [SCAM_ONLY, 'allowed-by-metamask.example', ...Array.from({ length: 2_000 }, (_, i) => `phish-${i}.example`)];

let server: Server;
let base: string;
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
/** What /config.json answers now (a test changes it, as the publisher's file changes under the same URL). */
let liveConfig = fetchedText;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    switch (req.url) {
      case '/config.json':
        return void res.end(liveConfig);
      case '/domains.json':
        return void res.end(JSON.stringify(domains));
      case '/declared-huge.json':
        res.setHeader('content-length', String(DOMAIN_LIST_MAX_BYTES + 1));
        return void res.end();
      case '/streamed-huge.json': {
        // No length announced: the reader must stop by itself once past the cap.
        const chunk = Buffer.alloc(1_048_576, 0x20);
        const pump = () => {
          while (res.write(chunk)) if (res.writableLength > 8 * 1_048_576) break;
        };
        res.on('drain', pump);
        req.socket.on('close', () => res.destroy());
        pump();
        return;
      }
      case '/page.html':
        return void res.end('<html>rate limited</html>');
      default:
        res.statusCode = 404;
        res.end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const open = () => openPreflightDb(new IDBFactory());
const clock = (t: number) => ({ now: () => t });
const bundledCount = config.blacklist.length;

describe('MetaMask phishing list and ScamSniffer domains, fetched and kept in IndexedDB', () => {
  it('before any fetch the bundled copy decides; after it, the fetched configuration does (its allowlist too)', async () => {
    const db = await open();
    expect((await checkHostInLists(db, BUNDLED_BLOCKED)).phishing).toBe(true);
    expect((await checkHostInLists(db, ONLY_FETCHED)).phishing).toBe(false);
    seen.length = 0;
    const state = await refreshDomainList(db, 'phishing', fetch, `${base}/config.json`, { ...clock(1_000), bundledCount });
    expect(state.status?.error).toBeUndefined();
    expect(state.list).toMatchObject({ url: `${base}/config.json`, fetchedAt: 1_000, count: fetched.blacklist.length, allowCount: fetched.whitelist.length, fuzzyCount: config.fuzzylist.length, bytes: Buffer.byteLength(fetchedText) });
    expect(await checkHostInLists(db, ONLY_FETCHED)).toEqual({ phishing: true, type: 'blocklist', list: 'metamask' });
    expect(await checkHostInLists(db, `login.${ONLY_FETCHED}`)).toMatchObject({ phishing: true, type: 'blocklist' });
    expect(await checkHostInLists(db, BUNDLED_BLOCKED)).toEqual({ phishing: false, type: 'allowlist', list: 'metamask' });
    expect(await checkHostInLists(db, 'rnetamask.io')).toMatchObject({ phishing: true, type: 'fuzzy', match: 'metamask.io' });
    expect(await checkHostInLists(db, 'metamask.io')).toMatchObject({ phishing: false });
    // A plain GET: no cookie, no referrer, no validator from an earlier answer, nothing added to the URL.
    expect(seen.map((s) => s.url)).toEqual(['/config.json']);
    const h = seen[0]!.headers;
    expect([h.cookie, h.referer, h['if-none-match'], h['if-modified-since'], h.authorization]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('ScamSniffer domains are a second configuration: listed hosts are blocked, MetaMask’s allowlist still wins', async () => {
    const db = await open();
    await refreshDomainList(db, 'phishing', fetch, `${base}/config.json`, clock(1_000));
    const state = await refreshDomainList(db, 'scam-domains', fetch, `${base}/domains.json`, clock(2_000));
    expect(state.list).toMatchObject({ count: domains.length, allowCount: 0 });
    expect(await checkHostInLists(db, SCAM_ONLY)).toEqual({ phishing: true, type: 'blocklist', list: 'scamsniffer' });
    expect(await checkHostInLists(db, `app.${SCAM_ONLY}`)).toMatchObject({ phishing: true, list: 'scamsniffer' });
    expect(await checkHostInLists(db, 'allowed-by-metamask.example')).toMatchObject({ phishing: false, type: 'allowlist' });
    expect(await checkHostInLists(db, 'example.com')).toEqual({ phishing: false, type: 'none' });
  });

  it.each([
    ['a 404', '/missing.json', /answered HTTP 404/],
    ['an HTML page', '/page.html', /did not return JSON/],
    ['a size announced above the cap', '/declared-huge.json', /larger than 32 MB/],
    ['a body that keeps coming past the cap', '/streamed-huge.json', /larger than 32 MB/],
    ['ScamSniffer-shaped JSON where the configuration should be', '/domains.json', /not a JSON object/],
  ])('on %s the kept list stays in use and the error says what happened', async (_what, path, message) => {
    const db = await open();
    await refreshDomainList(db, 'phishing', fetch, `${base}/config.json`, clock(1_000));
    const state = await refreshDomainList(db, 'phishing', fetch, `${base}${path}`, clock(5_000));
    expect(state.status).toMatchObject({ attemptedAt: 5_000, error: expect.stringMatching(message) });
    expect(state.list).toMatchObject({ url: `${base}/config.json`, fetchedAt: 1_000, count: fetched.blacklist.length });
    expect((await checkHostInLists(db, ONLY_FETCHED)).phishing).toBe(true);
    expect((await checkHostInLists(db, BUNDLED_BLOCKED)).phishing).toBe(false);
  });

  it('a truncated download (invalid JSON) and a list far smaller than the kept one are refused; a shrink that lasts 3 days is taken', async () => {
    const db = await open();
    const url = `${base}/config.json`;
    await refreshDomainList(db, 'phishing', fetch, url, clock(1_000));
    try {
      liveConfig = fetchedText.slice(0, fetchedText.length / 2);
      expect((await refreshDomainList(db, 'phishing', fetch, url, clock(2_000))).status?.error).toMatch(/did not return JSON .*cut short/);
      liveConfig = JSON.stringify({ ...fetched, blacklist: fetched.blacklist.slice(0, 100) });
      const refused = await refreshDomainList(db, 'phishing', fetch, url, clock(3_000));
      expect(refused.status?.error).toMatch(/has 100 entries, the copy in use 2,001: it looks truncated/);
      expect(refused.list?.count).toBe(fetched.blacklist.length);
      expect((await checkHostInLists(db, ONLY_FETCHED)).phishing).toBe(true);
      // Still that size two days later: refused; three days after it was first seen: the publisher pruned it.
      expect((await refreshDomainList(db, 'phishing', fetch, url, clock(3_000 + 2 * 86_400_000))).status?.error).toMatch(/truncated/);
      const taken = await refreshDomainList(db, 'phishing', fetch, url, clock(3_000 + SHRINK_ACCEPT_AFTER_MS));
      expect(taken.status?.error).toBeUndefined();
      expect(taken.list?.count).toBe(100);
    } finally {
      liveConfig = fetchedText;
    }
  });

  it('the first fetch from the default URL is compared with the bundled copy', async () => {
    const db = await open();
    const small = JSON.stringify({ ...config, blacklist: config.blacklist.slice(0, 10) });
    const fake = (async () => new Response(small, { status: 200 })) as typeof fetch;
    const state = await refreshDomainList(db, 'phishing', fake, 'https://raw.githubusercontent.com/MetaMask/eth-phishing-detect/main/src/config.json', { ...clock(1_000), bundledCount });
    expect(state.status?.error).toMatch(/has 10 entries, the copy in use 13,752/);
    expect(state.list).toBeUndefined();
  });

  it('keeps one generation: a refresh replaces the entries, an interrupted write is cleaned up', async () => {
    const db = await open();
    await refreshDomainList(db, 'scam-domains', fetch, `${base}/domains.json`, clock(1_000));
    const records = await db.count('threatDomains');
    // ~64 names a bucket: thousands of names, tens of records.
    expect(records).toBeGreaterThan(20);
    expect(records).toBeLessThan(domains.length / 10);
    // What a worker stopped mid-write leaves: part of a newer generation that no meta points to.
    for (let b = 0; b < 64; b++) await db.put('threatDomains', { block: 'half-written.example' }, ['scam-domains', 1_500, b]);
    expect((await checkHostInLists(db, 'half-written.example')).phishing).toBe(false);
    await refreshDomainList(db, 'scam-domains', fetch, `${base}/domains.json`, clock(2_000));
    expect(await db.count('threatDomains')).toBe(records);
    expect((await checkHostInLists(db, SCAM_ONLY)).phishing).toBe(true);
  });

  it('two refreshes at once (the schedule and a Save) run one after the other and leave one complete copy', async () => {
    const db = await open();
    const [a, b] = await Promise.all([
      refreshDomainList(db, 'scam-domains', fetch, `${base}/domains.json`, clock(1_000)),
      refreshDomainList(db, 'scam-domains', fetch, `${base}/domains.json`, clock(1_001)),
    ]);
    expect([a.status?.error, b.status?.error]).toEqual([undefined, undefined]);
    const once = await open();
    await refreshDomainList(once, 'scam-domains', fetch, `${base}/domains.json`, clock(1_000));
    expect(await db.count('threatDomains')).toBe(await once.count('threatDomains'));
    expect((await domainListState(db, 'scam-domains')).list?.fetchedAt).toBe(1_001);
  });

  it('a URL replaced in Settings while a fetch runs: the old fetch does not overwrite the new list', async () => {
    const db = await open();
    const state = await refreshDomainList(db, 'scam-domains', fetch, `${base}/domains.json`, { ...clock(1_000), currentUrl: async () => `${base}/other.json` });
    expect(state.list).toBeUndefined();
    expect(state.status).toBeUndefined();
    expect(await db.count('threatDomains')).toBe(0);
  });

  it('is due with no list, another URL, an old list; not right after a failure', async () => {
    const db = await open();
    const url = `${base}/config.json`;
    expect(domainListDue(await domainListState(db, 'phishing'), 'phishing', url, 0)).toBe(true);
    await refreshDomainList(db, 'phishing', fetch, url, clock(10_000));
    const ok = await domainListState(db, 'phishing');
    expect(domainListDue(ok, 'phishing', url, 10_000 + DOMAIN_LISTS.phishing.maxAgeMs - 1)).toBe(false);
    expect(domainListDue(ok, 'phishing', url, 10_000 + DOMAIN_LISTS.phishing.maxAgeMs)).toBe(true);
    expect(domainListDue(ok, 'phishing', `${base}/elsewhere.json`, 10_001)).toBe(true);
    await refreshDomainList(db, 'phishing', fetch, `${base}/missing.json`, clock(20_000));
    const failed = await domainListState(db, 'phishing');
    expect(domainListDue(failed, 'phishing', `${base}/missing.json`, 20_000 + LIST_RETRY_MS - 1)).toBe(false);
    expect(domainListDue(failed, 'phishing', `${base}/missing.json`, 20_000 + LIST_RETRY_MS)).toBe(true);
  });

  it('Settings sees the bundled copy before the first fetch', async () => {
    const db = await open();
    const bundled = { count: bundledCount, allowCount: config.whitelist.length, fuzzyCount: config.fuzzylist.length };
    expect(await domainListState(db, 'phishing', bundled)).toEqual({ bundled, status: undefined, list: undefined });
  });
});

import 'fake-indexeddb/auto'; // idb's wrap() checks instanceof against the IDB globals
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCAM_LIST_FILE } from '../review/fixtures/scam-list';
import { parseScamList, validateScamListUrl, ScamListFormatError } from '../threat/scam-list';
import { openPreflightDb } from './db';
import { refreshScamList, scamListDue, scamListState, SCAM_LIST_MAX_AGE_MS, SCAM_LIST_RETRY_MS } from './scam-list';

/** A real HTTP server on 127.0.0.1 serving the shared copy of ScamSniffer's list, a broken file, and errors. */
let server: Server;
let base: string;
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
const shared = readFileSync(SCAM_LIST_FILE, 'utf8');
const sharedCount = (JSON.parse(shared) as unknown[]).length;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    if (req.url === '/address.json') return void res.end(shared);
    if (req.url === '/small.json') return void res.end(JSON.stringify(['0x101ce0cedd142f199c9ef61739ae59b6611a0fc0', 'not an address']));
    if (req.url === '/page.html') return void res.end('<html>rate limited</html>');
    if (req.url === '/object.json') return void res.end('{"addresses": []}');
    res.statusCode = 404;
    res.end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const open = () => openPreflightDb(new IDBFactory());

describe('public scam-address list, kept in IndexedDB', () => {
  it('parses the shared copy: every entry an address, lower-case', () => {
    const list = parseScamList(JSON.parse(shared));
    expect(list.length).toBe(sharedCount);
    expect(list.every((a) => /^0x[0-9a-f]{40}$/.test(a))).toBe(true);
    expect(() => parseScamList({ addresses: [] })).toThrow(ScamListFormatError);
    expect(() => parseScamList(['nope'])).toThrow(/no addresses/);
  });

  it('accepts https anywhere and http only on this computer', () => {
    expect(validateScamListUrl(' https://raw.githubusercontent.com/x/y.json ')).toBe('https://raw.githubusercontent.com/x/y.json');
    expect(validateScamListUrl('http://127.0.0.1:8080/a.json')).toBe('http://127.0.0.1:8080/a.json');
    expect(() => validateScamListUrl('http://lists.example/a.json')).toThrow(/https:\/\//);
    expect(() => validateScamListUrl('file:///etc/passwd')).toThrow(/https:\/\//);
    expect(() => validateScamListUrl('not a url')).toThrow(/not a URL/);
  });

  it('fetches and keeps the list; the request carries no cookie, no referrer and nothing added to the URL', async () => {
    const db = await open();
    seen.length = 0;
    const state = await refreshScamList(db, fetch, `${base}/address.json`, 1_000);
    expect(state.list).toEqual({ url: `${base}/address.json`, fetchedAt: 1_000, count: sharedCount, bytes: Buffer.byteLength(shared) });
    expect(state.status?.error).toBeUndefined();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe('/address.json');
    expect(seen[0]!.headers.cookie).toBeUndefined();
    expect(seen[0]!.headers.referer).toBeUndefined();
    expect(Object.keys(seen[0]!.headers).filter((h) => /^x-|authorization/.test(h))).toEqual([]);
  });

  it.each([
    ['a 404', '/missing.json', /answered HTTP 404/],
    ['an HTML page', '/page.html', /did not return JSON/],
    ['JSON that is not a list', '/object.json', /not a JSON array/],
  ])('on %s the kept list stays in use and the error says what happened', async (_what, path, message) => {
    const db = await open();
    await refreshScamList(db, fetch, `${base}/address.json`, 1_000);
    const state = await refreshScamList(db, fetch, `${base}${path}`, 2_000);
    expect(state.list?.count).toBe(sharedCount);
    expect(state.list?.fetchedAt).toBe(1_000);
    expect(state.status?.error).toMatch(message);
    expect(state.status?.attemptedAt).toBe(2_000);
  });

  it('offline (nothing listening): a clear error, nothing lost', async () => {
    const db = await open();
    await refreshScamList(db, fetch, `${base}/small.json`, 1_000);
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as { port: number }).port;
    await new Promise<void>((r) => dead.close(() => r()));
    const state = await refreshScamList(db, fetch, `http://127.0.0.1:${port}/address.json`, 2_000);
    expect(state.status?.error).toMatch(/^Could not reach http:\/\/127\.0\.0\.1:\d+\/address\.json .*Offline/);
    expect(state.list).toMatchObject({ count: 1, fetchedAt: 1_000 });
  });

  it('a fetch of a URL replaced while it ran stores nothing (a scheduled refresh racing a Save)', async () => {
    const db = await open();
    await refreshScamList(db, fetch, `${base}/small.json`, 1_000);
    const raced = await refreshScamList(db, fetch, `${base}/address.json`, 2_000, async () => `${base}/small.json`);
    expect(raced.list).toMatchObject({ url: `${base}/small.json`, count: 1 });
    const failed = await refreshScamList(db, fetch, `${base}/missing.json`, 3_000, async () => `${base}/small.json`);
    expect(failed.status?.error).toBeUndefined();
    const current = await refreshScamList(db, fetch, `${base}/address.json`, 4_000, async () => `${base}/address.json`);
    expect(current.list).toMatchObject({ url: `${base}/address.json`, count: sharedCount });
  });

  it('is due with no list, another URL or an old list, and not again within the retry time after a failure', async () => {
    const db = await open();
    const url = `${base}/address.json`;
    expect(scamListDue(await scamListState(db), url, 0)).toBe(true);
    await refreshScamList(db, fetch, url, 10_000);
    const fresh = await scamListState(db);
    expect(scamListDue(fresh, url, 10_000 + SCAM_LIST_MAX_AGE_MS - 1)).toBe(false);
    expect(scamListDue(fresh, url, 10_000 + SCAM_LIST_MAX_AGE_MS)).toBe(true);
    expect(scamListDue(fresh, `${base}/other.json`, 10_001)).toBe(true);
    const failed = await refreshScamList(db, fetch, `${base}/missing.json`, 20_000);
    expect(scamListDue(failed, `${base}/missing.json`, 20_000 + SCAM_LIST_RETRY_MS - 1)).toBe(false);
    expect(scamListDue(failed, `${base}/missing.json`, 20_000 + SCAM_LIST_RETRY_MS)).toBe(true);
  });
});

import type { Frame, Page, Worker } from 'playwright-core';
import { recoverMessageAddress, type Hex } from 'viem';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { clickCase, decide, readVerdict, reviewFrame, reviewFrames } from './harness';
import { METAMASK_ID, startMetaMaskWorld, type MetaMaskWorld } from './metamask-harness';
import { extensionIdOfKey, LATE_KEY, manifestKey, preflightWithKey } from './extension-order';
import { answerFor, answersFor, installAttack, post, providerOutcome, providerRequest, timings } from './stream-attack';

/**
 * Requests that go around Preflight's provider wrapper, straight to the real MetaMask 13.5.0 (issue 16):
 * JSON-RPC posted on MetaMask's page streams (the provider stream and the legacy one), from the page and from a
 * same-origin iframe, a provider the page builds on the stream, and MetaMask's multichain API over chrome.runtime.
 *  - the build (its id sorts before MetaMask's, so its content script runs first): each is stopped and reviewed;
 *    MetaMask's window does not open before the user decided in the panel; Reject → 4001 in MetaMask's shape;
 *  - a copy whose id sorts after MetaMask's (MetaMask's listener runs first, nothing can stop it there): the banner
 *    and the Reviews-tab entry appear within 1 s, with a system notification.
 * Normal dApp traffic (connect, reads, events, requests continued in the panel) raises none of it.
 */

const ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const OTHER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const hex = (text: string): Hex => `0x${Buffer.from(text).toString('hex')}`;
const typedData = (contents: string) =>
  JSON.stringify({
    types: { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }], Mail: [{ name: 'contents', type: 'string' }] },
    primaryType: 'Mail',
    domain: { name: 'Stream test', chainId: 31337 },
    message: { contents },
  });
/** The three signing requests of the issue, each with its own text so every case is a new request. */
const REQUESTS = (tag: string) => [
  { method: 'personal_sign', params: [hex(`stream ${tag}`), ACCOUNT.toLowerCase()] },
  { method: 'eth_sendTransaction', params: [{ from: ACCOUNT.toLowerCase(), to: OTHER.toLowerCase(), value: '0x1' }] },
  { method: 'eth_signTypedData_v4', params: [ACCOUNT.toLowerCase(), typedData(`stream ${tag}`)] },
];

/** A same-origin iframe on the dApp page, loaded, with the attack script in it. */
async function sameOriginFrame(page: Page, url: string): Promise<Frame> {
  await page.evaluate((u) => {
    const f = document.createElement('iframe');
    f.id = 'attacker-frame';
    f.src = u;
    f.style.cssText = 'width:700px;height:700px';
    document.body.prepend(f);
  }, url);
  const handle = await page.waitForSelector('#attacker-frame');
  const frame = (await handle.contentFrame())!;
  await frame.waitForLoadState('load');
  await installAttack(frame);
  return frame;
}

/** Preflight's review records, straight from its IndexedDB. */
const records = (w: Worker) =>
  w.evaluate(
    () =>
      new Promise<{ key: string; createdAt: number; bypass?: string; request: { method: string; params: unknown; origin: string; chainId: number } }[]>((resolve) => {
        const open = indexedDB.open('preflight');
        open.onsuccess = () => {
          const all = open.result.transaction('reviews').objectStore('reviews').getAll();
          all.onsuccess = () => {
            resolve(all.result);
            open.result.close();
          };
        };
      }),
  );
const bypassRecords = async (w: Worker) => (await records(w)).filter((r) => r.bypass === 'stream');
interface NotificationsApi {
  create(id: string, options: { title: string; message: string }): Promise<string>;
}
/**
 * Records every system notification the worker creates (then creates it as before): Chromium lists only those still
 * on screen, and a basic notification leaves the screen after a few seconds.
 */
const recordNotifications = (w: Worker) =>
  w.evaluate(() => {
    const g = globalThis as unknown as { chrome: { notifications: NotificationsApi }; __created?: { id: string; title: string; message: string }[] };
    if (g.__created) return;
    const created: { id: string; title: string; message: string }[] = (g.__created = []);
    const api = g.chrome.notifications;
    const create = api.create.bind(api);
    api.create = (id, options) => {
      created.push({ id, title: options.title, message: options.message });
      return create(id, options);
    };
  });
const createdNotifications = (w: Worker) => w.evaluate(() => (globalThis as unknown as { __created?: { id: string; title: string; message: string }[] }).__created ?? []);

/** No banner on the page, and no Reviews-tab bypass entry since `since` (the worker's clock; earlier tests' entries stay). */
async function expectNoBypassSigns(mm: MetaMaskWorld, page: Page, since: number) {
  expect(await page.locator('preflight-banner[data-kind="bypass"]').count(), 'bypass banner').toBe(0);
  expect((await bypassRecords(await mm.browser.worker())).filter((r) => r.createdAt >= since), 'Reviews-tab bypass entries').toEqual([]);
}
const workerNow = async (mm: MetaMaskWorld) => (await mm.browser.worker()).evaluate(() => Date.now());

/** The panel of the request just made: a review frame that was not there before (a companion card may linger). */
async function newReviewFrame(page: Page, known: Set<string>, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = reviewFrames(page).find((f) => !known.has(f.url()));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error('no new review panel appeared');
    await page.waitForTimeout(20);
  }
}

/** Normal use of the demo dApp: connect, reads and events, and requests continued in the panel. */
async function normalDappTraffic(mm: MetaMaskWorld) {
  const page = mm.page;
  const connect = await clickCase(page, 'connect');
  expect((await connect.settled(60_000)).status).toBe('ok'); // already connected: MetaMask answers without a window
  const read = await clickCase(page, 'get-balance');
  expect((await read.settled(60_000)).status).toBe('ok');
  await page.evaluate(() => {
    const eth = (window as unknown as { ethereum: { on(e: string, f: () => void): void; request(a: object): Promise<unknown> } }).ethereum;
    eth.on('chainChanged', () => undefined);
    eth.on('accountsChanged', () => undefined);
    return Promise.all([eth.request({ method: 'eth_chainId' }), eth.request({ method: 'eth_accounts' }), eth.request({ method: 'eth_blockNumber' })]);
  });
  for (const name of ['personal-sign-siwe', 'legacy-send-async', 'eth-transfer']) {
    const before = mm.windowsOpened();
    const known = new Set(reviewFrames(page).map((f) => f.url()));
    const c = await clickCase(page, name);
    const frame = await newReviewFrame(page, known);
    await readVerdict(frame, 30_000);
    known.add(frame.url());
    await decide(frame, 'continue');
    await mm.confirm(await mm.waitForWindow());
    expect((await c.settled(60_000)).status, name).toBe('ok');
    expect(mm.windowsOpened() - before, `${name}: MetaMask windows`).toBe(1);
    expect(reviewFrames(page).filter((f) => !known.has(f.url())), `${name}: no second panel for the wrapper's own forward`).toEqual([]);
  }
}

describe('the build: Preflight’s content script runs before MetaMask’s, so a request around the wrapper is stopped', () => {
  let mm: MetaMaskWorld;
  beforeAll(async () => {
    mm = await startMetaMaskWorld({ seed: 16 });
  }, 360_000);
  afterAll(async () => {
    await mm?.close();
  });
  afterEach(async () => {
    await mm?.reset();
  });

  it('the build’s id sorts before MetaMask’s (the premise of this part)', () => {
    expect(extensionIdOfKey(manifestKey()) < METAMASK_ID).toBe(true);
    expect(mm.browser.extensionId).toBe(extensionIdOfKey(manifestKey()));
  });

  it('posted straight on MetaMask’s stream by the page: personal_sign, eth_sendTransaction, eth_signTypedData_v4 wait for the panel; Reject → 4001, MetaMask never asked', async () => {
    await installAttack(mm.page);
    for (const r of [...REQUESTS('page'), { ...REQUESTS('legacy')[0]!, stream: 'legacy' as const }]) {
      const before = mm.windowsOpened();
      const id = await post(mm.page, 'stream' in r ? r.stream : 'provider', r.method, r.params);
      const frame = await reviewFrame(mm.page, 30_000);
      await readVerdict(frame, 30_000);
      expect(mm.windowsOpened() - before, `${r.method}: MetaMask asked before the panel decided`).toBe(0);
      await decide(frame, 'reject');
      expect(await answerFor(mm.page, id), r.method).toEqual({ error: { code: 4001, message: 'User rejected the request.' } });
      await mm.page.waitForTimeout(500); // a window MetaMask opened now would be counted
      expect(mm.windowsOpened() - before, `${r.method}: MetaMask windows after Reject`).toBe(0);
    }
  }, 240_000);

  it('Continue hands the stopped request to MetaMask: one window, and the page gets MetaMask’s signature', async () => {
    await installAttack(mm.page);
    const [sign] = REQUESTS('continue');
    const before = mm.windowsOpened();
    const id = await post(mm.page, 'provider', sign!.method, sign!.params);
    const frame = await reviewFrame(mm.page, 30_000);
    await readVerdict(frame, 30_000);
    expect(mm.windowsOpened() - before).toBe(0);
    await decide(frame, 'continue');
    await mm.confirm(await mm.waitForWindow());
    const answer = await answerFor(mm.page, id);
    expect(mm.windowsOpened() - before, 'MetaMask windows for one request').toBe(1);
    expect(await recoverMessageAddress({ message: { raw: sign!.params[0] as Hex }, signature: answer.result as Hex })).toBe(ACCOUNT);
    await expect.poll(() => reviewFrames(mm.page).length, { timeout: 10_000 }).toBe(0); // the companion card goes when MetaMask answered
  }, 240_000);

  it('from a same-origin iframe: each of the three waits for the panel; Reject → 4001 in the frame, MetaMask never asked', async () => {
    const frame = await sameOriginFrame(mm.page, mm.dappUrl);
    for (const r of REQUESTS('iframe')) {
      const before = mm.windowsOpened();
      const id = await post(frame, 'provider', r.method, r.params);
      const panel = await reviewFrame(mm.page, 30_000);
      await readVerdict(panel, 30_000);
      expect(mm.windowsOpened() - before, `${r.method}: MetaMask asked before the panel decided`).toBe(0);
      await decide(panel, 'reject');
      expect((await answerFor(frame, id)).error?.code, r.method).toBe(4001);
      await mm.page.waitForTimeout(500);
      expect(mm.windowsOpened() - before, `${r.method}: MetaMask windows after Reject`).toBe(0);
    }
  }, 240_000);

  it('through a provider the page builds on MetaMask’s stream: the panel first; Continue → MetaMask, whose own answer the provider gets', async () => {
    await installAttack(mm.page);
    for (const r of REQUESTS('provider')) {
      const before = mm.windowsOpened();
      await providerRequest(mm.page, r.method, r.params);
      const panel = await reviewFrame(mm.page, 30_000);
      await readVerdict(panel, 30_000);
      expect(mm.windowsOpened() - before, `${r.method}: MetaMask asked before the panel decided`).toBe(0);
      if (r.method === 'eth_signTypedData_v4') {
        await decide(panel, 'continue');
        await mm.cancel(await mm.waitForWindow()); // MetaMask's own rejection reaches the page's provider
        expect(mm.windowsOpened() - before).toBe(1);
      } else await decide(panel, 'reject');
      expect((await providerOutcome(mm.page)).error?.code, r.method).toBe(4001);
    }
  }, 240_000);

  it('MetaMask’s multichain API over chrome.runtime.connect: wallet_invokeMethod personal_sign waits for the panel; Reject → 4001 on the port; Continue → MetaMask signs', async () => {
    await installAttack(mm.page);
    await mm.page.evaluate((id) => (window as unknown as { __attack: { caip: { connect(id: string): void } } }).__attack.caip.connect(id), METAMASK_ID);
    const call = (method: string, params: unknown) => mm.page.evaluate(([m, p]) => (window as unknown as { __attack: { caip: { call(m: string, p: unknown): number } } }).__attack.caip.call(m, p), [method, params] as const);
    const session = await call('wallet_createSession', { optionalScopes: { 'eip155:31337': { methods: [], notifications: [], accounts: [] } } });
    await mm.confirm(await mm.waitForWindow()); // a connect, not a signature: no panel
    expect((await answerFor(mm.page, session, 'caip')).result).toBeTruthy();
    expect(reviewFrames(mm.page)).toEqual([]);
    const invoke = (text: string) => call('wallet_invokeMethod', { scope: 'eip155:31337', request: { method: 'personal_sign', params: [hex(text), ACCOUNT.toLowerCase()] } });

    let before = mm.windowsOpened();
    const rejected = await invoke('multichain, rejected');
    let panel = await reviewFrame(mm.page, 30_000);
    await readVerdict(panel, 30_000);
    expect(mm.windowsOpened() - before, 'MetaMask asked before the panel decided').toBe(0);
    await decide(panel, 'reject');
    expect(await answerFor(mm.page, rejected, 'caip')).toEqual({ error: { code: 4001, message: 'User rejected the request.' } });
    expect(mm.windowsOpened() - before).toBe(0);

    before = mm.windowsOpened();
    const signed = await invoke('multichain, continued');
    panel = await reviewFrame(mm.page, 30_000);
    await readVerdict(panel, 30_000);
    expect(mm.windowsOpened() - before).toBe(0);
    await decide(panel, 'continue');
    await mm.confirm(await mm.waitForWindow());
    const answer = await answerFor(mm.page, signed, 'caip');
    expect(await recoverMessageAddress({ message: { raw: hex('multichain, continued') }, signature: answer.result as Hex })).toBe(ACCOUNT);
    expect(mm.windowsOpened() - before).toBe(1);
  }, 240_000);

  it('no false alarm: subscriptions, reads and events on the stream pass untouched; normal dApp traffic raises no second panel, banner or entry', async () => {
    const since = await workerNow(mm);
    await installAttack(mm.page);
    for (const [method, params] of [['eth_subscribe', ['newHeads']], ['eth_chainId', []], ['eth_accounts', []], ['eth_getBalance', [ACCOUNT, 'latest']]] as const) {
      const id = await post(mm.page, 'provider', method, params);
      expect((await answerFor(mm.page, id)).error, method).toBeUndefined();
    }
    expect(reviewFrames(mm.page)).toEqual([]);
    await normalDappTraffic(mm);
    await expectNoBypassSigns(mm, mm.page, since);
    expect(await answersFor(mm.page, 'none')).toEqual([]);
  }, 300_000);
});

describe('a Preflight whose id sorts after MetaMask’s: MetaMask’s listener runs first, so the request is reported at once', () => {
  let mm: MetaMaskWorld;
  let late: ReturnType<typeof preflightWithKey>;
  beforeAll(async () => {
    late = preflightWithKey(LATE_KEY);
    mm = await startMetaMaskWorld({ seed: 17, preflightDir: late.dir });
  }, 360_000);
  afterAll(async () => {
    await mm?.close();
    late?.remove();
  });
  afterEach(async () => {
    await mm?.reset();
  });

  it('the copy’s id sorts after MetaMask’s (the premise of this part)', () => {
    expect(late.id > METAMASK_ID).toBe(true);
    expect(mm.browser.extensionId).toBe(late.id);
  });

  it('from the page, a same-origin iframe and a page-built provider: MetaMask opens, and within 1 s the banner and the exact request in the Reviews tab, with a notification', async () => {
    await installAttack(mm.page);
    const frame = await sameOriginFrame(mm.page, mm.dappUrl);
    const worker = await mm.browser.worker();
    await recordNotifications(worker);
    const cases: { via: string; method: string; params: unknown; target: Page | Frame }[] = [];
    for (const r of REQUESTS('late page')) cases.push({ via: 'page', ...r, target: mm.page });
    for (const r of REQUESTS('late provider')) cases.push({ via: 'provider', ...r, target: mm.page });
    for (const r of REQUESTS('late iframe')) cases.push({ via: 'iframe', ...r, target: frame });
    const measured: { label: string; banner: number; entry?: number }[] = [];
    onTestFinished(() => console.log(`[metamask-stream] ms from the request to the banner / the Reviews-tab entry: ${JSON.stringify(measured)}`));
    for (const c of cases) {
      const label = `${c.via} ${c.method}`;
      const before = mm.windowsOpened();
      const seen = (await bypassRecords(worker)).length;
      const bannersBefore = (await timings(mm.page)).bannerAt.length;
      const postedAt = await mm.page.evaluate(() => Date.now());
      if (c.via === 'provider') await providerRequest(c.target, c.method, c.params);
      else await post(c.target, 'provider', c.method, c.params);
      const win = await mm.waitForWindow(); // nothing could stop it
      await expect.poll(async () => (await timings(mm.page)).bannerAt.length, { timeout: 10_000, message: `${label}: banner` }).toBeGreaterThan(bannersBefore);
      const bannerAt = (await timings(mm.page)).bannerAt.at(-1)!;
      measured.push({ label, banner: bannerAt - postedAt });
      expect(bannerAt - postedAt, `${label}: ms from the request to the banner`).toBeLessThan(1_000);
      await expect.poll(async () => (await bypassRecords(worker)).length, { timeout: 10_000, message: `${label}: Reviews-tab entry` }).toBe(seen + 1);
      const entry = (await bypassRecords(worker)).sort((a, b) => b.createdAt - a.createdAt)[0]!;
      measured.at(-1)!.entry = entry.createdAt - postedAt;
      expect(entry.createdAt - postedAt, `${label}: ms from the request to the Reviews-tab entry`).toBeLessThan(1_000);
      expect(entry.request.method).toBe(c.method);
      expect(entry.request.params, label).toEqual(c.params);
      expect(entry.request.origin).toBe(new URL(mm.dappUrl).origin);
      expect(entry.request.chainId, `${label}: reviewed on the wallet's chain`).toBe(31337);
      expect(reviewFrames(mm.page), `${label}: no panel (MetaMask already has it)`).toEqual([]);
      await mm.cancel(win);
      expect(mm.windowsOpened() - before).toBe(1);
    }
    const shownNotes = (await createdNotifications(worker)).filter((n) => n.id.startsWith('bypass-'));
    expect(shownNotes.length, 'one system notification per request').toBe(cases.length);
    expect(shownNotes[0]).toMatchObject({ title: 'A signing request skipped the Preflight review' });
    expect(shownNotes[0]!.message).toContain('Reject it in MetaMask unless you started it');

    const popup = await mm.browser.context.newPage();
    await popup.goto(`chrome-extension://${mm.browser.extensionId}/popup.html`);
    await popup.locator('[data-testid="tab-reviews"]').click();
    const items = popup.locator('[data-testid="review-item"][data-bypass="stream"]');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(cases.length);
    expect(await items.first().locator('[data-testid="review-bypass"]').textContent()).toBe('sent to MetaMask without a Preflight review: reject it in MetaMask unless you started it');
    const shown = await popup.locator('[data-testid="bypass-request"]').allTextContents();
    expect(shown.some((t) => t.startsWith('eth_signTypedData_v4') && t.includes('late provider'))).toBe(true);
    expect(shown.some((t) => t.startsWith('personal_sign') && t.includes(hex('stream late iframe')))).toBe(true);
    await popup.close();
  }, 400_000);

  it('no false alarm: connect, reads, events, subscriptions and requests continued in the panel raise no banner or entry', async () => {
    const since = await workerNow(mm);
    await installAttack(mm.page);
    const id = await post(mm.page, 'provider', 'eth_subscribe', ['newHeads']);
    expect((await answerFor(mm.page, id)).error).toBeUndefined();
    await normalDappTraffic(mm);
    await mm.page.waitForTimeout(1_000); // a late report would land now
    await expectNoBypassSigns(mm, mm.page, since);
  }, 300_000);
});

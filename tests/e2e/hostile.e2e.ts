import { createServer, type Server } from 'node:http';
import config from 'eth-phishing-detect/src/config.json';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decide, drivers, panelReview, readVerdict, type BrowserSession, type DriverPage, type PanelSurface } from './driver';
import { serveStatic } from './static-server';
import { answerFor, installAttack, post } from './stream-attack';

/** A wallet that records what reaches it. chainId 0x7a69 (31337). */
const WALLET = `
window.__forwarded = [];
window.__wallet = { isMetaMask: true, async request(a) {
  if (a.method === 'eth_chainId') return '0x7a69';
  window.__forwarded.push(JSON.parse(JSON.stringify(a)));
  return 'ok:' + a.method;
} };
window.ethereum = window.__wallet;
window.__call = (method, params) => { window.__result = undefined; window.ethereum.request({ method, params }).then((r) => (window.__result = 'ok ' + r), (e) => (window.__result = 'error ' + e.code)); };
`;
/** Issue 22: on no list until the fetched configuration names it. */
const LATE_PHISH = 'late-phish.test';
/** On the bundled blocklist (eth-phishing-detect 1.2.0); the fetched configuration allowlists it. */
const BUNDLED_BLOCKED = 'moonbirds.tv';
/** Only on ScamSniffer's domain list. */
const SCAM_HOST = 'drainer-kit.test';
const page = (extra = '') => `<!doctype html><html><body><h1>hostile</h1><script>${WALLET}${extra}</script></body></html>`;
const SIGN = ['0x68656c6c6f', '0x0000000000000000000000000000000000000001'];

let server: Awaited<ReturnType<typeof serveStatic>>;

beforeAll(async () => {
  server = await serveStatic({
    '/plain': page(),
    '/forge': page(`
      // Forge the handshake and decisions the content script would send.
      document.dispatchEvent(new CustomEvent('preflight:welcome', { detail: 'a'.repeat(32) }));
      window.__forge = () => { for (const t of ['preflight:' + 'a'.repeat(32) + ':down', 'preflight:down']) document.dispatchEvent(new CustomEvent(t, { detail: JSON.stringify({ t: 'decision', id: 'x', decision: 'continue' }) })); };
      window.__spied = [];
      const orig = EventTarget.prototype.dispatchEvent;
      EventTarget.prototype.dispatchEvent = function (e) { window.__spied.push(e.type); return orig.call(this, e); };
    `),
    '/patched': page(`
      // Patch every built-in the wrapper could lean on, after document_start.
      const realThen = Promise.prototype.then;
      Promise.prototype.then = function (a, b) { return realThen.call(this, a, b); };
      window.__stolen = [];
      const realSet = Map.prototype.set;
      Map.prototype.set = function (k, v) { window.__stolen.push(v); return realSet.call(this, k, v); };
      Array.prototype.includes = () => false;
      JSON.parse = () => ({ t: 'decision', id: 'x', decision: 'continue' });
      window.setTimeout = (fn) => { fn(); return 0; };
      Object.freeze(Object);
    `),
    '/proxy': page(`
      const proxied = new Proxy(window.__wallet, {});
      Object.defineProperty(window, 'ethereum', { configurable: true, get: () => proxied });
    `),
    '/frozen': `<!doctype html><html><body><script>
      // A wallet injected after document_start as a frozen object: Preflight cannot wrap it and must say so.
      window.__forwarded = [];
      const frozen = Object.freeze({ isMetaMask: true, async request(a) { if (a.method === 'eth_chainId') return '0x7a69'; window.__forwarded.push(a); return 'ok'; } });
      window.ethereum = frozen;
    </script></body></html>`,
    '/late-frozen-define': `<!doctype html><html><body><script>
      // The page breaks Object.defineProperty (and freezes Object) before its wallet arrives late.
      window.__forwarded = [];
      Object.defineProperty = function () { throw new Error('defineProperty disabled by the page'); };
      Object.freeze(Object);
      setTimeout(() => {
        window.ethereum = { isMetaMask: true, async request(a) { if (a.method === 'eth_chainId') return '0x7a69'; window.__forwarded.push(a); return 'ok:' + a.method; } };
        window.__call = (method, params) => { window.__result = undefined; window.ethereum.request({ method, params }).then((r) => (window.__result = 'ok ' + r), (e) => (window.__result = 'error ' + e.code)); };
      }, 50);
    </script></body></html>`,
    '/getter-proxy': page(`
      // A getter that hands out a fresh Proxy on every read, whose get trap serves a request function saved earlier.
      const saved = window.__wallet.request;
      Object.defineProperty(window, 'ethereum', { configurable: true, get: () => new Proxy({}, { get: (_, k) => (k === 'request' ? saved.bind(window.__wallet) : window.__wallet[k]) }) });
    `),
    '/cover': page(`
      window.__cover = () => document.body.insertAdjacentHTML('beforeend', '<div id="cover" style="position:fixed;inset:0;z-index:2147483647;background:#fff">Click here to continue</div>');
    `),
    '/sandboxed': page(`document.body.insertAdjacentHTML('beforeend', '<iframe id="sb" sandbox="allow-scripts" src="/plain" style="width:600px;height:700px"></iframe>');`),
    '/frames': page(`document.body.insertAdjacentHTML('beforeend', '<iframe id="same" src="/plain" style="width:600px;height:700px"></iframe>');`),
    // Not hostile: wallets slow to say their chain, as the real MetaMask is on a loaded machine (its worker answers).
    '/slow-chain': page(`
      const answer = window.__wallet.request;
      window.__wallet.request = async (a) => a.method === 'eth_chainId' ? new Promise((r) => setTimeout(() => r('0x7a69'), 1200)) : answer(a);
    `),
    '/silent-chain': page(`
      const answer = window.__wallet.request;
      window.__wallet.chainId = '0x7a69';
      window.__wallet.request = async (a) => a.method === 'eth_chainId' ? new Promise(() => undefined) : answer(a);
    `),
    // No MetaMask installed: a listener of the page's own (registered after document_start, so after Preflight's guard)
    // stands where MetaMask's content script would, and records what reaches MetaMask's provider stream.
    '/stream': page(`
      window.__streamSeen = [];
      window.addEventListener('message', (e) => { const d = e.data; if (d && d.target === 'metamask-contentscript' && d.data && d.data.data && d.data.data.id !== undefined) window.__streamSeen.push(JSON.parse(JSON.stringify(d))); });
    `),
  });
});

afterAll(async () => {
  await server?.close();
});

type Doc = Pick<DriverPage, 'evaluate' | 'waitForFunction'>;
const forwarded = (p: Doc) => p.evaluate(() => (window as unknown as { __forwarded: unknown[] }).__forwarded.length);
const result = async (p: Doc) => {
  await p.waitForFunction(() => (window as unknown as { __result?: string }).__result);
  return p.evaluate(() => (window as unknown as { __result?: string }).__result);
};
const callSign = (p: Doc) => p.evaluate((params) => (window as unknown as { __call(m: string, p: unknown): void }).__call('personal_sign', params), SIGN);
const keyOf = (f: PanelSurface) => f.evaluate(() => location.hash).catch(() => '');

describe.each(drivers)('hostile pages (built extension, $name)', (driver) => {
  let browser: BrowserSession;
  let tab: DriverPage;

  beforeAll(async () => {
    // The threat-list test's hosts, resolved to this machine by the browser (the static server answers on any name).
    browser = await driver.launch({ hostsToLocalhost: [LATE_PHISH, BUNDLED_BLOCKED, SCAM_HOST] });
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await tab?.close();
  });

  async function open(path: string): Promise<DriverPage> {
    tab = await browser.newPage();
    await tab.goto(server.url + path);
    return tab;
  }

  /** personal_sign from the page: held (nothing forwarded) until the panel's decision, then answered as the wallet would. */
  async function heldUntilDecided(p: DriverPage, choice: 'continue' | 'reject'): Promise<void> {
    const frame = await browser.reviewFrame(p);
    await readVerdict(frame);
    expect(await forwarded(p)).toBe(0);
    await decide(frame, choice);
    expect(await result(p)).toBe(choice === 'continue' ? 'ok ok:personal_sign' : 'error 4001');
    expect(await forwarded(p)).toBe(choice === 'continue' ? 1 : 0);
  }

  it('forged handshake and decision events do not forward a request', async () => {
    const p = await open('/forge');
    await p.evaluate((params) => (window as unknown as { __call(m: string, p: unknown): void }).__call('personal_sign', params), SIGN);
    const frame = await browser.reviewFrame(p);
    await p.evaluate(() => (window as unknown as { __forge(): void }).__forge());
    await readVerdict(frame);
    expect(await forwarded(p)).toBe(0);
    const spied = await p.evaluate(() => (window as unknown as { __spied: string[] }).__spied);
    expect(spied.filter((t) => /^preflight:[0-9a-f]{32}:/.test(t) && !t.includes('a'.repeat(32)))).toEqual([]);
    await decide(frame, 'reject');
    expect(await result(p)).toBe('error 4001');
    expect(await forwarded(p)).toBe(0);
  });

  it('patched built-ins (then, Map.set, includes, JSON.parse, setTimeout, frozen Object) cannot bypass the review', async () => {
    const p = await open('/patched');
    await p.evaluate((params) => (window as unknown as { __call(m: string, p: unknown): void }).__call('personal_sign', params), SIGN);
    const frame = await browser.reviewFrame(p);
    await readVerdict(frame);
    await p.waitForTimeout(300);
    expect(await forwarded(p)).toBe(0);
    // Whatever the page stole through Map.prototype.set holds no resolver of ours.
    expect(await p.evaluate(() => (window as unknown as { __stolen: unknown[] }).__stolen.some((v) => typeof v === 'object' && v !== null && 'resolve' in v))).toBe(false);
    await decide(frame, 'continue');
    expect(await result(p)).toBe('ok ok:personal_sign');
    expect(await forwarded(p)).toBe(1);
  });

  it('the page removing the panel does not decide: it comes back, and Reject still answers 4001', async () => {
    const p = await open('/plain');
    await p.evaluate((params) => (window as unknown as { __call(m: string, p: unknown): void }).__call('personal_sign', params), SIGN);
    await readVerdict(await browser.reviewFrame(p));
    await p.evaluate(() => document.querySelectorAll('preflight-panel').forEach((e) => e.remove()));
    await p.waitForFunction(() => document.querySelectorAll('preflight-panel').length === 1);
    const frame = await browser.reviewFrame(p);
    await readVerdict(frame);
    expect(await forwarded(p)).toBe(0);
    await decide(frame, 'reject');
    expect(await result(p)).toBe('error 4001');
  });

  it('params changed by the page after the request are not what gets forwarded', async () => {
    const p = await open('/plain');
    await p.evaluate(() => {
      const params = [{ from: '0x0000000000000000000000000000000000000001', to: '0x0000000000000000000000000000000000000002', value: '0x1' }];
      (window as unknown as { __call(m: string, p: unknown): void }).__call('eth_sendTransaction', params);
      setTimeout(() => (params[0]!.value = '0xde0b6b3a7640000'), 0);
    });
    const frame = await browser.reviewFrame(p);
    await readVerdict(frame);
    await decide(frame, 'continue');
    await result(p);
    const sent = await p.evaluate(() => (window as unknown as { __forwarded: { params: { value: string }[] }[] }).__forwarded[0]!.params[0]!.value);
    expect(sent).toBe('0x1');
  });

  it('window.ethereum redefined as a getter returning a Proxy is still reviewed', async () => {
    const p = await open('/proxy');
    await callSign(p);
    await heldUntilDecided(p, 'reject');
  });

  it('a flood of 300 signing requests is capped: one panel, the excess rejected with 4001, nothing forwarded, the page responsive', async () => {
    const p = await open('/plain');
    await p.evaluate((params) => {
      const w = window as unknown as { __flood: string[]; ethereum: { request(a: unknown): Promise<unknown> } };
      w.__flood = [];
      for (let i = 0; i < 300; i++) w.ethereum.request({ method: 'personal_sign', params }).then(() => w.__flood.push('ok'), (e: { code: number }) => w.__flood.push(String(e.code)));
    }, SIGN);
    await p.waitForFunction(() => (window as unknown as { __flood: string[] }).__flood.length >= 280, undefined, { timeout: 20_000 });
    const started = Date.now();
    expect(await p.evaluate(() => 1 + 1)).toBe(2);
    expect(Date.now() - started).toBeLessThan(1_000);
    const outcomes = await p.evaluate(() => (window as unknown as { __flood: string[] }).__flood);
    expect(outcomes.every((o) => o === '4001')).toBe(true);
    expect(outcomes.length).toBe(280);
    expect(await forwarded(p)).toBe(0);
    // The 280 rejections come at once; the one panel may still be loading then (Firefox under CI's load): wait for
    // it, then there must be exactly one.
    const frame = await browser.reviewFrame(p);
    expect((await browser.reviewFrames(p)).length).toBe(1);
    await readVerdict(frame);
    await decide(frame, 'reject');
  });

  it('a frozen provider that cannot be wrapped is reported with a banner (bypass watcher)', async () => {
    const p = await open('/frozen');
    await expect.poll(() => p.locator('preflight-banner').count(), { timeout: 5_000 }).toBe(1);
  });

  it('a request from a same-origin iframe is reviewed in that frame', async () => {
    const p = await open('/frames');
    const child = await browser.childFrame(p, '/plain');
    await child.waitForFunction(() => typeof (window as unknown as { __call?: unknown }).__call === 'function');
    await child.evaluate((params) => (window as unknown as { __call(m: string, p: unknown): void }).__call('eth_sign', [params[1], `0x${'ab'.repeat(32)}`]), SIGN);
    const frame = await browser.reviewFrame(p);
    expect((await readVerdict(frame)).codes).toContain('eth-sign');
    expect(await child.evaluate(() => (window as unknown as { __forwarded: unknown[] }).__forwarded.length)).toBe(0);
    await decide(frame, 'reject');
    expect(await result(child)).toBe('error 4001');
    await expect.poll(async () => (await browser.reviewFrames(p)).length).toBe(0);
  });

  it('a decision for one request is not applied to another: Continue on the first forwards only the first', async () => {
    const p = await open('/plain');
    await p.evaluate((params) => {
      const w = window as unknown as { __two: string[]; ethereum: { request(a: unknown): Promise<unknown> } };
      w.__two = [];
      for (const i of [1, 2]) w.ethereum.request({ method: 'personal_sign', params: [params[0] + '0' + i, params[1]] }).then((r) => w.__two.push(i + ' ' + String(r)), (e: { code: number }) => w.__two.push(i + ' ' + e.code));
    }, SIGN);
    const first = await browser.reviewFrame(p);
    await readVerdict(first);
    await decide(first, 'continue');
    await p.waitForFunction(() => (window as unknown as { __two: string[] }).__two.length === 1);
    await p.waitForTimeout(300);
    expect(await p.evaluate(() => (window as unknown as { __two: string[] }).__two)).toEqual(['1 ok:personal_sign']);
    expect(await forwarded(p)).toBe(1);
    const firstKey = await keyOf(first);
    const second = await (async () => {
      for (let i = 0; i < 200; i++) {
        for (const f of await browser.reviewFrames(p)) {
          if (f.isDetached() || (await keyOf(f)) === firstKey) continue;
          if (await f.locator('[data-testid="review"]').count().catch(() => 0)) return f;
        }
        await p.waitForTimeout(25);
      }
      throw new Error('no second panel');
    })();
    await readVerdict(second);
    await decide(second, 'reject');
    await p.waitForFunction(() => (window as unknown as { __two: string[] }).__two.length === 2);
    expect(await p.evaluate(() => (window as unknown as { __two: string[] }).__two)).toEqual(['1 ok:personal_sign', '2 4001']);
    expect(await forwarded(p)).toBe(1);
  });

  it('a page that covers the panel cannot decide: the request waits, nothing is forwarded, the panel still answers', async () => {
    const p = await open('/cover');
    await p.evaluate((params) => (window as unknown as { __call(m: string, p: unknown): void }).__call('personal_sign', params), SIGN);
    const frame = await browser.reviewFrame(p);
    await readVerdict(frame);
    await p.evaluate(() => (window as unknown as { __cover(): void }).__cover());
    await p.mouse.click(1_000, 40); // where the panel's buttons would be: the page's cover takes the click
    await p.keyboard.press('Enter');
    await p.waitForTimeout(500);
    expect(await p.evaluate(() => (window as unknown as { __result?: string }).__result)).toBeUndefined();
    expect(await forwarded(p)).toBe(0);
    await decide(frame, 'reject');
    expect(await result(p)).toBe('error 4001');
    expect(await forwarded(p)).toBe(0);
  });

  it('Object.defineProperty replaced and Object frozen before a late wallet: the wallet is still wrapped', async () => {
    const p = await open('/late-frozen-define');
    await p.waitForFunction(() => typeof (window as unknown as { __call?: unknown }).__call === 'function');
    await callSign(p);
    await heldUntilDecided(p, 'reject');
  });

  it('a getter handing out a fresh Proxy with a saved request function on every read is still reviewed', async () => {
    const p = await open('/getter-proxy');
    await callSign(p);
    await heldUntilDecided(p, 'continue');
  });

  it('a request from a sandboxed iframe (opaque origin) is reviewed and not forwarded before the decision', async () => {
    const p = await open('/sandboxed');
    const child = await browser.childFrame(p, '/plain');
    await child.waitForFunction(() => typeof (window as unknown as { __call?: unknown }).__call === 'function');
    await child.evaluate((params) => (window as unknown as { __call(m: string, p: unknown): void }).__call('personal_sign', params), SIGN);
    const frame = await browser.reviewFrame(p);
    await readVerdict(frame);
    expect(await child.evaluate(() => (window as unknown as { __forwarded: unknown[] }).__forwarded.length)).toBe(0);
    await decide(frame, 'reject');
    expect(await result(child)).toBe('error 4001');
    expect(await child.evaluate(() => (window as unknown as { __forwarded: unknown[] }).__forwarded.length)).toBe(0);
  });

  // The chain a request is reviewed on, when the wallet is slow to say it.
  for (const [path, how] of [['/slow-chain', 'eth_chainId answered after 1.2 s'], ['/silent-chain', 'eth_chainId never answered; the provider’s chainId property']] as const) {
    it(`${how}: reviewed on the wallet’s chain (31337), not on a default`, async () => {
      const p = await open(path);
      await callSign(p);
      const frame = await browser.reviewFrame(p);
      await readVerdict(frame);
      expect((await panelReview(frame)).request.chainId).toBe(31337);
      await decide(frame, 'reject');
      expect(await result(p)).toBe('error 4001');
      expect(await forwarded(p)).toBe(0);
    });
  }

  it('requests posted straight on MetaMask’s page stream (around window.ethereum) are held for the panel: Reject → 4001 in MetaMask’s shape, nothing reaches the stream; Continue → posted on once, unchanged; the multichain substream too', async () => {
    const p = await open('/stream');
    await installAttack(p);
    const seen = (id: string) => p.evaluate((i) => (window as unknown as { __streamSeen: { data: { data: { id: string } } }[] }).__streamSeen.filter((d) => d.data.data.id === i), id);
    const hex = `0x${Buffer.from(`stream ${driver.name}`).toString('hex')}`;
    const rejected = await post(p, 'provider', 'personal_sign', [hex, SIGN[1]]);
    let frame = await browser.reviewFrame(p);
    expect((await panelReview(frame)).request.method).toBe('personal_sign');
    await readVerdict(frame);
    const known = new Set([await keyOf(frame)]);
    expect(await seen(rejected)).toEqual([]);
    await decide(frame, 'reject');
    expect(await answerFor(p, rejected, 'stream', 15_000)).toEqual({ error: { code: 4001, message: 'User rejected the request.' } });
    expect(await seen(rejected)).toEqual([]);

    /** The panel of the request just posted (a companion card of an earlier one may still be on the page). */
    const newPanel = async () => {
      for (const until = Date.now() + 15_000; ; ) {
        for (const f of await browser.reviewFrames(p)) {
          const k = await keyOf(f);
          if (k && !known.has(k)) {
            known.add(k);
            return f;
          }
        }
        if (Date.now() > until) throw new Error('no panel for the request just posted');
        await p.waitForTimeout(50);
      }
    };
    const tx = { from: SIGN[1], to: '0x0000000000000000000000000000000000000002', value: '0x1' };
    const continued = await post(p, 'provider', 'eth_sendTransaction', [tx]);
    frame = await newPanel();
    expect((await panelReview(frame)).request).toMatchObject({ method: 'eth_sendTransaction', params: [tx] });
    await readVerdict(frame);
    expect(await seen(continued)).toEqual([]);
    await decide(frame, 'continue');
    await p.waitForFunction((i) => (window as unknown as { __streamSeen: { data: { data: { id: string } } }[] }).__streamSeen.some((d) => d.data.data.id === i), continued, { timeout: 15_000 });
    await p.waitForTimeout(300); // a second copy would arrive now
    expect(await seen(continued)).toEqual([{ target: 'metamask-contentscript', data: { name: 'metamask-provider', data: { jsonrpc: '2.0', id: continued, method: 'eth_sendTransaction', params: [tx] } } }]);
    expect(await forwarded(p)).toBe(0); // not through window.ethereum either

    // MetaMask's multichain API on the same window stream (its background wires this substream on Firefox only):
    // wallet_invokeMethod carrying a personal_sign for the devnet's scope is held too, and Reject answers 4001 there.
    const caipId = `caip-${driver.name}`;
    await p.evaluate(
      ([id, message, account]) => window.postMessage({ target: 'metamask-contentscript', data: { name: 'metamask-multichain-provider', data: { jsonrpc: '2.0', id, method: 'wallet_invokeMethod', params: { scope: 'eip155:31337', request: { method: 'personal_sign', params: [message, account] } } } } }, location.origin),
      [caipId, hex, SIGN[1]] as const,
    );
    frame = await newPanel();
    expect((await panelReview(frame)).request).toMatchObject({ method: 'personal_sign', chainId: 31337 });
    await readVerdict(frame);
    expect(await seen(caipId)).toEqual([]);
    await decide(frame, 'reject');
    expect(await answerFor(p, caipId, 'stream', 15_000)).toEqual({ error: { code: 4001, message: 'User rejected the request.' } });
    expect(await seen(caipId)).toEqual([]);
  });

  // Threat lists that stay fresh (issue 22): fetched from localhost, checked at each request.
  /** MetaMask's configuration as its repository serves it: the bundled entries plus one, and one bundled block allowlisted. */
  const fetched = JSON.stringify({ ...config, blacklist: [...config.blacklist, LATE_PHISH], whitelist: [...config.whitelist, BUNDLED_BLOCKED] }, null, 2);
  const blocked = config.blacklist.length + 1;

  it('the fetched list is used (a host only it blocks is flagged, one it allows is not), learnt while a page is open, and a malformed, truncated or huge list is refused with the reason in Settings', async () => {
    let served = fetched;
    const requests: { url: string; cookie?: string; referer?: string }[] = [];
    const lists: Server = createServer((req, res) => {
      requests.push({ url: req.url ?? '', cookie: req.headers.cookie, referer: req.headers.referer });
      res.setHeader('access-control-allow-origin', '*'); // as raw.githubusercontent.com answers
      if (req.url === '/config.json') return void res.end(served);
      if (req.url === '/domains.json') return void res.end(JSON.stringify([SCAM_HOST, 'other-drainer.example']));
      if (req.url === '/huge.json') {
        // A 40 MB download as a server sends one: the length first, then the body as it comes (here: its first bytes,
        // the rest never). Firefox refuses a response cut short before its declared length outright, so it is not ended.
        res.setHeader('content-length', String(40 * 1_048_576));
        return void res.write('{"blacklist":[');
      }
      res.statusCode = 404;
      res.end('not found');
    });
    await new Promise<void>((r) => lists.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(lists.address() as { port: number }).port}`;
    const port = new URL(server.url).port;
    const pages: DriverPage[] = [];
    const visit = async (host: string) => {
      const p = await browser.newPage();
      pages.push(p);
      await p.goto(`http://${host}:${port}/plain`);
      return p;
    };
    const sign = async (p: DriverPage) => {
      await callSign(p);
      const frame = await browser.reviewFrame(p);
      const v = await readVerdict(frame);
      await decide(frame, 'reject');
      expect(await result(p)).toBe('error 4001');
      return v;
    };
    const banners = (p: DriverPage) => p.locator('preflight-banner[data-kind="phishing"]').count();
    try {
      // Open before the list knows it: nothing to say.
      const open = await visit(LATE_PHISH);
      expect((await sign(open)).codes).not.toContain('phishing-domain');
      expect(await banners(open)).toBe(0);

      const popup = await browser.openExtensionPage('popup.html');
      pages.push(popup);
      await popup.locator('[data-testid="tab-settings"]').click();
      const status = popup.locator('[data-testid="settings-phishing-status"]');
      await popup.locator(`[data-testid="settings-phishing-status"][data-source="bundled"][data-count="${config.blacklist.length}"]`).waitFor();
      const save = async (testId: 'phishing' | 'domains', url: string) => {
        await popup.bringToFront(); // a background tab's animation frames are throttled, and clicks wait for them
        await popup.locator(`[data-testid="settings-${testId}-url"]`).fill(url);
        await popup.locator(`[data-testid="settings-${testId}-save"]`).click();
      };
      await save('phishing', `${base}/config.json`);
      await popup.locator(`[data-testid="settings-phishing-status"][data-ok="true"][data-source="fetched"][data-count="${blocked}"]`).waitFor({ timeout: 20_000 });
      expect(await status.textContent()).toMatch(new RegExp(`${blocked.toLocaleString('en-US')} blocked sites, ${(config.whitelist.length + 1).toLocaleString('en-US')} allowed, ${config.fuzzylist.length} sites whose look-alikes are blocked \\(\\d+ KB\\), fetched .* \\(\\d+ seconds? ago\\)`));

      // The page opened before: its next request is flagged, and its banner follows.
      const now = await sign(open);
      expect(now.codes).toContain('phishing-domain');
      expect(now.verdict).toBe('danger');
      await expect.poll(() => banners(open)).toBe(1);

      // Blocked by the bundled list, allowed by the fetched one: no banner, no finding.
      const allowed = await visit(BUNDLED_BLOCKED);
      expect((await sign(allowed)).codes).not.toContain('phishing-domain');
      expect(await banners(allowed)).toBe(0);

      // ScamSniffer's domains: a host only it lists is flagged like a phishing page.
      await save('domains', `${base}/domains.json`);
      await popup.locator('[data-testid="settings-domains-status"][data-ok="true"][data-count="2"]').waitFor({ timeout: 20_000 });
      const scam = await visit(SCAM_HOST);
      await expect.poll(() => banners(scam)).toBe(1);
      expect((await sign(scam)).codes).toContain('phishing-domain');

      // Refused, each with its reason; the list fetched before stays in use.
      const refused = async (url: string, reason: RegExp) => {
        await save('phishing', url);
        // Each refusal changes the error shown; wait for this one.
        await popup.locator('[data-testid="settings-phishing-status"][data-ok="false"]', { hasText: reason }).waitFor({ timeout: 20_000 });
        expect(await status.getAttribute('data-count')).toBe(String(blocked));
        expect(await status.textContent()).toMatch(reason);
        expect(await status.textContent()).toContain('The list fetched before is still used.');
      };
      // The same URL now serves a download cut short, then a list of 50 blocked sites (compared with the kept copy).
      served = fetched.slice(0, fetched.length / 3);
      await refused(`${base}/config.json`, /did not return JSON/);
      served = JSON.stringify({ ...config, blacklist: config.blacklist.slice(0, 50) });
      await refused(`${base}/config.json`, /has 50 entries, the copy in use 13,753: it looks truncated/);
      await refused(`${base}/huge.json`, /larger than 32 MB/);
      await popup.locator(`[data-testid="settings-phishing-status"][data-source="fetched"][data-count="${blocked}"]`).waitFor();
      expect((await sign(open)).codes).toContain('phishing-domain');

      // Plain GETs: no cookie, no referrer, nothing added to the URL.
      expect(new Set(requests.map((r) => r.url))).toEqual(new Set(['/config.json', '/domains.json', '/huge.json']));
      expect(requests.filter((r) => r.cookie || r.referer)).toEqual([]);
    } finally {
      for (const p of pages) await p.close().catch(() => undefined);
      lists.closeAllConnections();
      await new Promise<void>((r) => lists.close(() => r()));
    }
  });
});

import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';
import { startDapp } from '../../scripts/devnet/dapp-server';
import { clickCase, clickInPanel, decide, drivers, pressInPanel, readVerdict, type BrowserSession, type DriverPage } from './driver';

let devnet: Devnet;
let dapp: { url: string; stop(): Promise<void> };

const baseSettings = () => ({
  rpcs: { '31337': devnet.rpcUrl },
  privateRpc: { '31337': true },
  labels: { [devnet.contracts.v2Router.toLowerCase()]: 'Uniswap V2 Router' },
});

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, seed: 7, traffic: false, quiet: true });
  dapp = await startDapp({ port: 0, devnet });
});

afterAll(async () => {
  await dapp?.stop();
  await devnet?.stop();
});

type WarmHeard = { __warmHeard?: string[] };

/** From now on, the background records the page URL of each `worker:warm` it hears (what it heard before is cleared). */
async function listenForWarm(browser: BrowserSession): Promise<void> {
  await browser.inExtension(() => {
    const g = globalThis as unknown as WarmHeard & { chrome: { runtime: { onMessage: { addListener(fn: (m: unknown, s: { url?: string }) => undefined): void } } } };
    if (!g.__warmHeard) {
      const heard: string[] = [];
      g.__warmHeard = heard;
      g.chrome.runtime.onMessage.addListener((m, sender) => {
        if ((m as { t?: unknown } | null)?.t === 'worker:warm') heard.push(sender.url ?? '');
      });
    }
    g.__warmHeard.length = 0;
  });
}

/** The page URLs of the `worker:warm` messages heard since `listenForWarm`. */
function warmHeard(browser: BrowserSession): Promise<string[]> {
  return browser.inExtension(() => [...((globalThis as unknown as WarmHeard).__warmHeard ?? [])]);
}

describe.each(drivers)('review spine (built extension, $name, anvil)', (driver) => {
  let browser: BrowserSession;
  let page: DriverPage;

  beforeAll(async () => {
    browser = await driver.launch();
    await browser.setSettings(baseSettings());
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    await browser.setSettings(baseSettings());
    page = await browser.newPage();
    await page.goto(dapp.url);
  });

  afterEach(async () => {
    await page?.close();
  });

  it('unlimited approve → panel with unlimited-approval → Continue → the approval is mined', async () => {
    const c = await clickCase(page, 'approve-unlimited');
    const frame = await browser.reviewFrame(page);
    const v = await readVerdict(frame);
    expect(v.codes).toContain('unlimited-approval');
    expect(await frame.locator('[data-testid="review-summary"]').textContent()).toMatch(/^Approve 0x.{4}….{4} \(Uniswap V2 Router\) to spend unlimited USDC$/);
    await decide(frame, 'continue');
    const r = await c.settled();
    expect(r.status).toBe('ok');
    await page.locator('[data-testid="result-approve-unlimited"][data-mined="1"]').waitFor({ timeout: 15_000 });
  });

  it('Reject → the dApp receives 4001', async () => {
    const c = await clickCase(page, 'approve-unlimited');
    const frame = await browser.reviewFrame(page);
    await readVerdict(frame);
    await decide(frame, 'reject');
    const r = await c.settled();
    expect(r.status).toBe('error');
    expect(r.text).toContain('4001');
  });

  it('closing the panel counts as Reject (close button and Escape)', async () => {
    const a = await clickCase(page, 'personal-sign-siwe');
    const f1 = await browser.reviewFrame(page);
    await readVerdict(f1);
    await clickInPanel(f1, 'button.close');
    expect((await a.settled()).text).toContain('4001');
    const b = await clickCase(page, 'eth-transfer');
    const f2 = await browser.reviewFrame(page);
    await readVerdict(f2);
    await pressInPanel(f2, 'Escape');
    expect((await b.settled()).text).toContain('4001');
  });

  it('a read call (eth_getBalance) passes through without a panel', async () => {
    const c = await clickCase(page, 'get-balance');
    const r = await c.settled();
    expect(r.status).toBe('ok');
    expect(await browser.reviewFrames(page)).toHaveLength(0);
  });

  it('the panel frame: none on a page that never asks a wallet; preloaded hidden once it asks; a request while it still loads is shown by it', async () => {
    const hosts = (p: DriverPage, selector: string) => p.evaluate((sel) => document.querySelectorAll(sel).length, selector);
    // A page of this origin that never touches a wallet (the dApp server's 404 page), in a tab of its own: nothing
    // loaded, even after its load event and an idle moment.
    const plain = await browser.newPage();
    await plain.goto(`${dapp.url}an-article`);
    await plain.evaluate(() => new Promise((r) => requestIdleCallback(() => setTimeout(r, 1_500))));
    expect(await hosts(plain, 'preflight-panel')).toBe(0);
    // It asks (EIP-6963): one hidden frame (a blank standby host), and no panel shown.
    await plain.evaluate(() => window.dispatchEvent(new Event('eip6963:requestProvider')));
    await plain.waitForFunction(() => document.querySelectorAll('preflight-panel[data-standby]').length === 1);
    expect(await hosts(plain, 'preflight-panel')).toBe(1);
    expect(await browser.reviewFrames(plain)).toHaveLength(0);
    await plain.close();
    // The demo dApp asks at load; its request goes out the moment the preloaded frame's host is there, before the
    // frame is up: that frame shows it (no second frame), and the decision goes through.
    await page.goto(dapp.url);
    await page.waitForFunction(() => document.querySelector('preflight-panel[data-standby]') !== null, undefined, { polling: 1 });
    const c = await clickCase(page, 'eth-sign');
    const frame = await browser.reviewFrame(page);
    expect((await readVerdict(frame)).codes).toContain('eth-sign');
    expect(await hosts(page, 'preflight-panel')).toBe(1);
    await decide(frame, 'reject');
    expect((await c.settled()).text).toContain('4001');
  });

  it('a page that used a wallet keeps the background from idling while it is in use, with no input (keep-warm)', async () => {
    // The demo dApp (loaded by beforeEach) used its wallet at load; nothing is pressed or typed from here on.
    await listenForWarm(browser);
    // Chrome stops an idle worker after 30 s; the page speaks every 25 s.
    await new Promise((r) => setTimeout(r, 27_000));
    const heard = await warmHeard(browser);
    expect(heard.length).toBeGreaterThanOrEqual(1);
    expect(heard.every((u) => u.startsWith(dapp.url))).toBe(true);
  }, 60_000);

  it('the pointer moving over a page that used a wallet wakes the background at once (its start overlaps the hand on its way to the button)', async () => {
    // Past the content script's 10 s between wakes since the page's load; the keep-warm timer's first message is at 25 s.
    await new Promise((r) => setTimeout(r, 10_500));
    await listenForWarm(browser);
    await page.mouse.move(200, 200);
    await page.mouse.move(240, 220);
    const deadline = Date.now() + 3_000;
    let heard: string[] = [];
    while (Date.now() < deadline && heard.length === 0) {
      await new Promise((r) => setTimeout(r, 100));
      heard = await warmHeard(browser);
    }
    expect(heard.length).toBeGreaterThanOrEqual(1);
    expect(heard.every((u) => u.startsWith(dapp.url))).toBe(true);
  }, 30_000);

  it('a provider found only through EIP-6963 is reviewed', async () => {
    await page.goto(`${dapp.url}?inject=6963`);
    expect(await page.evaluate(() => 'ethereum' in window && (window as { ethereum?: unknown }).ethereum !== undefined)).toBe(false);
    const c = await clickCase(page, 'eth-sign');
    const v = await readVerdict(await browser.reviewFrame(page));
    expect(v.verdict).toBe('danger');
    expect(v.codes).toContain('eth-sign');
    await decide(await browser.reviewFrame(page), 'reject');
    expect((await c.settled()).text).toContain('4001');
  });

  it('a provider assigned to window.ethereum after page load is reviewed', async () => {
    await page.goto(`${dapp.url}?inject=late`);
    await page.waitForFunction(() => (window as { ethereum?: unknown }).ethereum !== undefined, undefined, { timeout: 5_000 });
    const c = await clickCase(page, 'set-approval-for-all');
    const frame = await browser.reviewFrame(page);
    const v = await readVerdict(frame);
    expect(v.codes).toContain('nft-approval-for-all');
    await decide(frame, 'continue');
    expect((await c.settled()).status).toBe('ok');
  });

  it('a chain switch shows chain-switch', async () => {
    const c = await clickCase(page, 'switch-chain');
    const frame = await browser.reviewFrame(page);
    const v = await readVerdict(frame);
    expect(v.codes).toEqual(['chain-switch']);
    await decide(frame, 'continue');
    expect((await c.settled()).status).toBe('ok');
  });

  it('an analyzer that throws (dead RPC) gives verdict error and Continue still works', async () => {
    await browser.setSettings({ rpcs: { '31337': 'http://127.0.0.1:1' }, privateRpc: { '31337': true } });
    const c = await clickCase(page, 'approve-unlimited');
    const frame = await browser.reviewFrame(page);
    const v = await readVerdict(frame);
    expect(v.verdict).toBe('error');
    expect(v.codes).toContain('analysis-failed');
    await decide(frame, 'continue');
    expect((await c.settled()).status).toBe('ok');
    await page.locator('[data-testid="result-approve-unlimited"][data-mined="1"]').waitFor({ timeout: 15_000 });
  });

  it('the background (service worker, event page) stopped between request and decision does not lose the request', async () => {
    const c = await clickCase(page, 'eth-transfer');
    const frame = await browser.reviewFrame(page);
    await readVerdict(frame);
    await browser.stopBackground();
    await decide(frame, 'continue');
    expect((await c.settled()).status).toBe('ok');
    await page.locator('[data-testid="result-eth-transfer"][data-mined="1"]').waitFor({ timeout: 15_000 });
  });

  it('the background (service worker, event page) stopped before the request: the review still arrives', async () => {
    await browser.stopBackground();
    const c = await clickCase(page, 'eth-sign');
    const frame = await browser.reviewFrame(page);
    expect((await readVerdict(frame)).codes).toContain('eth-sign');
    await decide(frame, 'reject');
    expect((await c.settled()).text).toContain('4001');
  });

  it('the background stopped before an approve to an address with no code: danger (the spender check ran in the background it woke)', async () => {
    await browser.stopBackground();
    const c = await clickCase(page, 'approve-eoa');
    const frame = await browser.reviewFrame(page);
    const v = await readVerdict(frame);
    expect(v.verdict).toBe('danger');
    expect(v.codes).toContain('approval-to-eoa');
    await decide(frame, 'reject');
    expect((await c.settled()).text).toContain('4001');
  });

  // Chromium only: the service worker's start time is readable there (Firefox's event page is not reachable from here).
  it.skipIf(driver.name !== 'chromium')('a key pressed on a page that used a wallet wakes the stopped background before any request', async () => {
    await page.evaluate(() => (window as unknown as { ethereum: { request(a: unknown): Promise<unknown> } }).ethereum.request({ method: 'eth_chainId' }));
    await page.waitForTimeout(1_500); // what the page load wakes (the phishing check after the load event) is done
    await browser.stopBackground();
    await page.waitForTimeout(300);
    const pressed = Date.now();
    await page.locator('body').press('Shift');
    // Nothing else asked the background: it runs only if the press woke it (else this waits and fails).
    const started = await browser.inExtension(() => performance.timeOrigin);
    expect(started).toBeGreaterThanOrEqual(pressed - 5);
    expect(started).toBeLessThan(pressed + 1_500);
  });

  it('legacy sendAsync callbacks keep working through review', async () => {
    const c = await clickCase(page, 'legacy-send-async');
    const frame = await browser.reviewFrame(page);
    await readVerdict(frame);
    await decide(frame, 'continue');
    const r = await c.settled();
    expect(r.status).toBe('ok');
    expect(r.text).toMatch(/0x[0-9a-f]{130}/);
  });

  it('the background stopped while it re-checks the outcome after Continue: nothing is forwarded meanwhile, the panel stays usable, the next background checks again and forwards', async () => {
    const proxy = await holdingProxy(devnet.rpcUrl);
    try {
      await browser.setSettings({ rpcs: { '31337': proxy.url }, privateRpc: { '31337': true } });
      const c = await clickCase(page, 'eth-transfer');
      const frame = await browser.reviewFrame(page);
      await readVerdict(frame);
      proxy.holdSimulations(true);
      await decide(frame, 'continue');
      await expect.poll(() => proxy.held(), { timeout: 10_000 }).toBeGreaterThan(0); // the re-check is waiting for the node
      await browser.stopBackground();
      await page.waitForTimeout(300);
      expect(await c.result.getAttribute('data-status'), 'forwarded before the re-check answered').toBeNull();
      proxy.holdSimulations(false);
      proxy.release();
      // The panel asks again; the new worker runs the check again (unchanged) and forwards.
      expect((await c.settled(20_000)).status).toBe('ok');
    } finally {
      await proxy.stop();
    }
  });

  it('a node that does not answer the re-check in 1.5 s: the panel says so, nothing is forwarded until Continue is pressed again', async () => {
    const proxy = await holdingProxy(devnet.rpcUrl);
    try {
      await browser.setSettings({ rpcs: { '31337': proxy.url }, privateRpc: { '31337': true } });
      const c = await clickCase(page, 'eth-transfer');
      const frame = await browser.reviewFrame(page);
      await readVerdict(frame);
      proxy.holdSimulations(true);
      await decide(frame, 'continue');
      const notice = frame.locator('[data-testid="review-changed"][data-state="unavailable"]');
      await notice.waitFor({ timeout: 10_000 });
      expect(await notice.textContent()).toContain('The node did not answer within 1.5 s');
      expect(await c.result.getAttribute('data-status')).toBeNull();
      await decide(frame, 'continue');
      expect((await c.settled()).status).toBe('ok');
    } finally {
      proxy.release();
      await proxy.stop();
    }
  });

  it('the popup lists reviews with their decisions', async () => {
    const popup = await browser.openExtensionPage('popup.html');
    await popup.locator('[data-testid="tab-reviews"]').click();
    const items = popup.locator('[data-testid="review-item"]');
    await items.first().waitFor();
    const decisions = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-decision')));
    expect(decisions).toContain('continue');
    expect(decisions).toContain('reject');
    await popup.close();
  });
});

/**
 * A JSON-RPC proxy in front of anvil that can hold every request carrying eth_simulateV1 (single or batched) until
 * released: a node that stops answering while the release check waits for it.
 */
async function holdingProxy(target: string): Promise<{ url: string; holdSimulations(on: boolean): void; held(): number; release(): void; stop(): Promise<void> }> {
  let holding = false;
  let heldCount = 0;
  const waiting: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const forward = () =>
        fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
          async (r) => {
            res.writeHead(r.status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
            res.end(await r.text());
          },
          () => res.destroy(),
        );
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'POST' });
        res.end();
        return;
      }
      if (holding && body.includes('"eth_simulateV1"')) {
        heldCount++;
        waiting.push(() => void forward());
        return;
      }
      void forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    holdSimulations: (on) => {
      holding = on;
    },
    held: () => heldCount,
    release: () => waiting.splice(0).forEach((go) => go()),
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

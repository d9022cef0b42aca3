import { createServer, type Server } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';
import { startDapp } from '../../scripts/devnet/dapp-server';
import { clickCase, clickInPanel, decide, pressInPanel, launchWithExtension, readVerdict, reviewFrame, reviewFrames, type ExtensionBrowser } from './harness';

let devnet: Devnet;
let dapp: { url: string; stop(): Promise<void> };
let browser: ExtensionBrowser;
let page: Page;

const baseSettings = () => ({
  rpcs: { '31337': devnet.rpcUrl },
  privateRpc: { '31337': true },
  labels: { [devnet.contracts.v2Router.toLowerCase()]: 'Uniswap V2 Router' },
});

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, seed: 7, traffic: false, quiet: true });
  dapp = await startDapp({ port: 0, devnet });
  browser = await launchWithExtension();
  await browser.setSettings(baseSettings());
});

afterAll(async () => {
  await browser?.close();
  await dapp?.stop();
  await devnet?.stop();
});

beforeEach(async () => {
  await browser.setSettings(baseSettings());
  page = await browser.context.newPage();
  await page.goto(dapp.url);
});

afterEach(async () => {
  await page?.close();
});

describe('review spine (built extension, Chromium, anvil)', () => {
  it('unlimited approve → panel with unlimited-approval → Continue → the approval is mined', async () => {
    const c = await clickCase(page, 'approve-unlimited');
    const frame = await reviewFrame(page);
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
    const frame = await reviewFrame(page);
    await readVerdict(frame);
    await decide(frame, 'reject');
    const r = await c.settled();
    expect(r.status).toBe('error');
    expect(r.text).toContain('4001');
  });

  it('closing the panel counts as Reject (close button and Escape)', async () => {
    const a = await clickCase(page, 'personal-sign-siwe');
    const f1 = await reviewFrame(page);
    await readVerdict(f1);
    await clickInPanel(f1, 'button.close');
    expect((await a.settled()).text).toContain('4001');
    const b = await clickCase(page, 'eth-transfer');
    const f2 = await reviewFrame(page);
    await readVerdict(f2);
    await pressInPanel(f2, 'Escape');
    expect((await b.settled()).text).toContain('4001');
  });

  it('a read call (eth_getBalance) passes through without a panel', async () => {
    const c = await clickCase(page, 'get-balance');
    const r = await c.settled();
    expect(r.status).toBe('ok');
    expect(reviewFrames(page)).toHaveLength(0);
  });

  it('a provider found only through EIP-6963 is reviewed', async () => {
    await page.goto(`${dapp.url}?inject=6963`);
    expect(await page.evaluate(() => 'ethereum' in window && (window as { ethereum?: unknown }).ethereum !== undefined)).toBe(false);
    const c = await clickCase(page, 'eth-sign');
    const v = await readVerdict(await reviewFrame(page));
    expect(v.verdict).toBe('danger');
    expect(v.codes).toContain('eth-sign');
    await decide(await reviewFrame(page), 'reject');
    expect((await c.settled()).text).toContain('4001');
  });

  it('a provider assigned to window.ethereum after page load is reviewed', async () => {
    await page.goto(`${dapp.url}?inject=late`);
    await page.waitForFunction(() => (window as { ethereum?: unknown }).ethereum !== undefined, undefined, { timeout: 5_000 });
    const c = await clickCase(page, 'set-approval-for-all');
    const frame = await reviewFrame(page);
    const v = await readVerdict(frame);
    expect(v.codes).toContain('nft-approval-for-all');
    await decide(frame, 'continue');
    expect((await c.settled()).status).toBe('ok');
  });

  it('a chain switch shows chain-switch', async () => {
    const c = await clickCase(page, 'switch-chain');
    const frame = await reviewFrame(page);
    const v = await readVerdict(frame);
    expect(v.codes).toEqual(['chain-switch']);
    await decide(frame, 'continue');
    expect((await c.settled()).status).toBe('ok');
  });

  it('an analyzer that throws (dead RPC) gives verdict error and Continue still works', async () => {
    await browser.setSettings({ rpcs: { '31337': 'http://127.0.0.1:1' }, privateRpc: { '31337': true } });
    const c = await clickCase(page, 'approve-unlimited');
    const frame = await reviewFrame(page);
    const v = await readVerdict(frame);
    expect(v.verdict).toBe('error');
    expect(v.codes).toContain('analysis-failed');
    await decide(frame, 'continue');
    expect((await c.settled()).status).toBe('ok');
    await page.locator('[data-testid="result-approve-unlimited"][data-mined="1"]').waitFor({ timeout: 15_000 });
  });

  it('the service worker stopped between request and decision does not lose the request', async () => {
    const c = await clickCase(page, 'eth-transfer');
    const frame = await reviewFrame(page);
    await readVerdict(frame);
    await browser.stopWorker(page);
    await decide(frame, 'continue');
    expect((await c.settled()).status).toBe('ok');
    await page.locator('[data-testid="result-eth-transfer"][data-mined="1"]').waitFor({ timeout: 15_000 });
  });

  it('the service worker stopped before the request: the review still arrives', async () => {
    await browser.stopWorker(page);
    const c = await clickCase(page, 'eth-sign');
    const frame = await reviewFrame(page);
    expect((await readVerdict(frame)).codes).toContain('eth-sign');
    await decide(frame, 'reject');
    expect((await c.settled()).text).toContain('4001');
  });

  it('legacy sendAsync callbacks keep working through review', async () => {
    const c = await clickCase(page, 'legacy-send-async');
    const frame = await reviewFrame(page);
    await readVerdict(frame);
    await decide(frame, 'continue');
    const r = await c.settled();
    expect(r.status).toBe('ok');
    expect(r.text).toMatch(/0x[0-9a-f]{130}/);
  });

  it('the worker stopped while it re-checks the outcome after Continue: nothing is forwarded meanwhile, the panel stays usable, the next worker checks again and forwards', async () => {
    const proxy = await holdingProxy(devnet.rpcUrl);
    try {
      await browser.setSettings({ rpcs: { '31337': proxy.url }, privateRpc: { '31337': true } });
      const c = await clickCase(page, 'eth-transfer');
      const frame = await reviewFrame(page);
      await readVerdict(frame);
      proxy.holdSimulations(true);
      await decide(frame, 'continue');
      await expect.poll(() => proxy.held(), { timeout: 10_000 }).toBeGreaterThan(0); // the re-check is waiting for the node
      await browser.stopWorker(page, { only: 'preflight' });
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
      const frame = await reviewFrame(page);
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
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
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

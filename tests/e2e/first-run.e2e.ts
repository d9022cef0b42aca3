import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpcUrlsFor } from '../../core/chain/client';
import { startDapp } from '../../scripts/devnet/dapp-server';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';
import { CHROMIUM } from './harness';
import { clickCase, decide, drivers, readVerdict, type BrowserSession } from './driver';

/** First run: the popup's welcome, the built-in test page with its pretend wallet, and the panel in a 360 px window. */
let devnet: Devnet;
let dapp: { url: string; stop(): Promise<void> };

beforeAll(async () => {
  devnet = await startDevnet({ seed: 43, quiet: true });
  dapp = await startDapp({ devnet });
});
afterAll(async () => {
  await dapp?.stop();
  await devnet?.stop();
});

describe.each(drivers)('first run (built extension, $name)', (driver) => {
  let browser: BrowserSession;
  beforeAll(async () => {
    // Chromium takes its UI language only from a locale it ships (Debian's chromium-l10n has ja.pak); firefox-esr
    // from a language pack (Debian's firefox-esr-l10n-ja) and intl.locale.requested.
    if (driver.name === 'chromium' && !existsSync('/usr/lib/chromium/locales/ja.pak') && CHROMIUM === '/usr/bin/chromium') throw new Error('Chromium has no Japanese locale: apt-get install chromium-l10n');
    if (driver.name === 'firefox' && !existsSync('/usr/lib/firefox-esr/browser/extensions/langpack-ja@firefox-esr.mozilla.org.xpi')) throw new Error('firefox-esr has no Japanese language pack: apt-get install firefox-esr-l10n-ja');
    browser = await driver.launch({ uiLanguage: 'ja' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  // First, while nothing is stored yet: the browser is in Japanese (one launch for the whole file), so the extension
  // starts in Japanese; the user then picks English in Settings, which the tests below read in.
  it('a browser in Japanese opens on Japanese: the welcome, the tabs and the manifest description; English in Settings wins', async () => {
    const popup = await browser.openExtensionPage('popup.html');
    const welcome = popup.locator('[data-testid="welcome"]');
    await welcome.waitFor();
    expect(await popup.locator('#welcome-title').textContent()).toBe('Preflight へようこそ');
    expect(await popup.locator('[data-testid="tab-settings"]').textContent()).toBe('設定');
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('ja');
    // The manifest's name and description come from _locales/ja through the platform's i18n.
    const self = await browser.inExtension(async () => {
      const c = (globalThis as unknown as { chrome: { management: { getSelf(): Promise<{ name: string; description: string }> } } }).chrome;
      return c.management.getSelf();
    });
    expect(self.name).toBe('Preflight');
    expect(self.description).toContain('MetaMask が開く前に');
    // Still the user's choice: English in Settings wins over the browser's language.
    await popup.locator('[data-testid="tab-settings"]').click();
    await popup.locator('[data-testid="settings-lang"]').selectOption('en');
    await popup.locator('[data-testid="tab-settings"]', { hasText: 'Settings' }).waitFor();
    await popup.reload();
    await popup.locator('[data-testid="tab-settings"]', { hasText: 'Settings' }).waitFor();
    await popup.close();
  });

  it('the popup welcomes: what is checked, the RPCs in use, MetaMask not found; Start puts it away for good', async () => {
    await browser.setSettings({ rpcs: { '31337': devnet.rpcUrl } });
    const popup = await browser.openExtensionPage('popup.html');
    const welcome = popup.locator('[data-testid="welcome"]');
    await welcome.waitFor();
    expect(await welcome.textContent()).toContain('Nothing leaves it except JSON-RPC calls');
    const rpcs = (await popup.locator('[data-testid="welcome-rpcs"]').textContent()) ?? '';
    // Mainnet's default public node, as the registry (viem/chains) names it: listed and marked public.
    const mainnetPublic = new URL(rpcUrlsFor({ chainId: 1, usePublicFallbacks: true })[0]!).host;
    expect(rpcs).toContain(`Ethereum: ${mainnetPublic} (public)`);
    expect(rpcs).toMatch(/127\.0\.0\.1:\d+ \(yours\)/); // the devnet RPC set above
    // No MetaMask in this browser: said so, not guessed.
    await popup.locator('[data-testid="welcome-metamask"][data-found="false"]').waitFor({ timeout: 15_000 });
    await popup.locator('[data-testid="welcome-done"]').click();
    await welcome.waitFor({ state: 'detached' });
    await popup.reload();
    await popup.locator('[data-testid="welcome-open"]').waitFor();
    expect(await welcome.count()).toBe(0);
    await popup.locator('[data-testid="welcome-open"]').click();
    await welcome.waitFor();
    // The test page opens in a tab.
    const tryPage = await browser.waitForNewPage(() => popup.locator('[data-testid="welcome-try"]').click());
    await tryPage.waitForFunction(() => location.pathname === '/try.html' && document.readyState === 'complete');
    expect(await tryPage.evaluate(() => location.href)).toBe(`${browser.extensionOrigin}/try.html`);
    await tryPage.close();
    await popup.close();
  });

  it('the test page: real reviews, a pretend wallet that never signs', async () => {
    const page = await browser.openExtensionPage('try.html');
    const run = async (id: string) => {
      await page.locator(`[data-testid="try-${id}"]`).click();
      const frame = await browser.reviewFrame(page, 15_000);
      return { frame, ...(await readVerdict(frame, 20_000)) };
    };
    const hostile = await run('eth-sign');
    expect(hostile.verdict).toBe('danger');
    expect(hostile.codes).toContain('eth-sign');
    await decide(hostile.frame, 'reject');
    await page.locator('[data-testid="try-result-eth-sign"][data-status="rejected"]').waitFor({ timeout: 10_000 });
    const elsewhere = await run('sign-in-elsewhere');
    expect(elsewhere.codes).toContain('siwe-domain-mismatch');
    await decide(elsewhere.frame, 'reject');
    await page.locator('[data-testid="try-result-sign-in-elsewhere"]').waitFor({ timeout: 10_000 });
    // A harmless sign-in for this very page: nothing above info; Continue reaches the pretend wallet, which refuses.
    const harmless = await run('sign-in');
    expect(harmless.verdict).toBe('ok');
    await decide(harmless.frame, 'continue');
    await page.locator('[data-testid="try-result-sign-in"][data-status="not-signed"]').waitFor({ timeout: 10_000 });
    await page.close();
  });

  it('the panel fits a 360 px wide window: nothing cut off, nothing to scroll sideways', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 360, height: 640 });
    await page.goto(dapp.url);
    await page.locator('body[data-ready="1"]').waitFor();
    await clickCase(page, 'approve-eoa');
    const frame = await browser.reviewFrame(page);
    await readVerdict(frame, 20_000);
    // The panel's host on the page is exactly its frame's box (the frame sits in the host's closed shadow root).
    const box = await page.locator('preflight-panel').boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Every control is a native focusable element (buttons, inputs, disclosure summaries): Reject and Continue among them.
    const focusable = await frame.evaluate(() => [...document.querySelectorAll('button, input, summary, [tabindex]:not([tabindex="-1"])')].map((e) => (e as HTMLElement).dataset.testid ?? e.tagName));
    expect(focusable).toEqual(expect.arrayContaining(['review-reject', 'review-continue']));
    await decide(frame, 'reject');
    await page.close();
  });
});

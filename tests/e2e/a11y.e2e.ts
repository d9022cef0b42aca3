import axe from 'axe-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDapp } from '../../scripts/devnet/dapp-server';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';
import { clickCase, decide, drivers, readVerdict, type BrowserSession, type Surface } from './driver';

/**
 * Accessibility with axe-core (WCAG 2.x A/AA rules and best practices) on every popup tab, the first-run welcome,
 * the test page and the review panel for danger, caution and ok, in light and dark: no serious or critical
 * violation, and none of the moderate ones the popup and panel used to have (no main landmark, no level-one heading).
 */
let devnet: Devnet;
let dapp: { url: string; stop(): Promise<void> };

beforeAll(async () => {
  devnet = await startDevnet({ seed: 41, quiet: true });
  dapp = await startDapp({ devnet });
});
afterAll(async () => {
  await dapp?.stop();
  await devnet?.stop();
});

interface Violation {
  id: string;
  impact?: string | null;
  nodes: { target: unknown }[];
}

const MUST_BE_GONE = ['landmark-one-main', 'page-has-heading-one'];

function check(where: string, violations: Violation[]) {
  const list = violations.map((v) => `${v.impact ?? '?'} ${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id), `${where}\n${list.join('\n')}`).toEqual([]);
  expect(violations.filter((v) => MUST_BE_GONE.includes(v.id)).map((v) => v.id), `${where}\n${list.join('\n')}`).toEqual([]);
  expect(violations.filter((v) => v.impact === 'moderate').map((v) => v.id), `${where}\n${list.join('\n')}`).toEqual([]);
}

/** axe-core run in a document (a popup tab, the review panel's frame in a closed shadow root), all rules. */
async function runAxe(doc: Surface): Promise<Violation[]> {
  await doc.evaluate(axe.source);
  return doc.evaluate(async () => (await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] })).violations as unknown as Violation[]);
}

describe.each(drivers)('accessibility (axe-core, built extension, $name)', (driver) => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await driver.launch();
    await browser.setSettings({ rpcs: { '31337': devnet.rpcUrl }, privateRpc: { '31337': true } });
  });
  afterAll(async () => {
    await browser?.close();
  });
  // Firefox over BiDi has no colour-scheme emulation: light only there.
  const schemes = driver.name === 'firefox' ? (['light'] as const) : (['light', 'dark'] as const);
  const popupPage = (scheme: 'light' | 'dark') => browser.openExtensionPage('popup.html', { width: 400, height: 800, colorScheme: scheme });

  for (const scheme of schemes) {
    it(`popup: the welcome and every tab, ${scheme}`, async () => {
      const popup = await popupPage(scheme);
      // First run shows the welcome; after "Start" the header's "?" brings it back.
      await popup.locator('[data-testid="welcome"], [data-testid="welcome-open"]').first().waitFor();
      if (await popup.locator('[data-testid="welcome-open"]').count()) await popup.locator('[data-testid="welcome-open"]').click();
      await popup.locator('[data-testid="welcome-metamask"][data-found]').waitFor({ timeout: 15_000 });
      await popup.locator('[data-testid="gas-chain"]').selectOption('31337');
      await popup.locator('[data-testid="gas-now"]').waitFor({ timeout: 30_000 });
      check(`${scheme} welcome + gas`, await runAxe(popup));
      await popup.locator('[data-testid="welcome-done"]').click();
      for (const tab of ['gas', 'reviews', 'withdraw', 'approvals', 'settings']) {
        await popup.locator(`[data-testid="tab-${tab}"]`).click();
        await popup.locator(`#panel-${tab}`).waitFor();
        if (tab === 'approvals') {
          // With rows: the devnet user's router approvals, scanned.
          await popup.locator('[data-testid="approvals-chain"]').selectOption('31337');
          // The wallet search first (it fills the field with the node's account): typing while it ends raced it.
          await popup.locator('[data-testid="approvals-metamask"][data-state="missing"]').waitFor({ timeout: 20_000 });
          await popup.locator('[data-testid="approvals-account"]').fill(devnet.accounts[0]!);
          await popup.locator('[data-testid="approvals-scan"]').click();
          await popup.locator('[data-testid="approvals-progress"][data-state="done"]').waitFor({ timeout: 30_000 });
          await popup.locator('[data-testid="approval-row"]').first().waitFor();
        }
        await popup.waitForTimeout(300);
        check(`${scheme} tab ${tab}`, await runAxe(popup));
      }
      await popup.close();
    });
  }

  for (const [name, expected] of [
    ['approve-eoa', 'danger'],
    ['approve-unlimited', 'caution'],
    ['eth-transfer', 'ok'],
  ] as const) {
    for (const scheme of schemes) {
      it(`review panel, ${expected} (${name}), ${scheme}`, async () => {
        const page = await browser.newPage();
        if (scheme === 'dark') await page.emulateMedia({ colorScheme: scheme });
        await page.goto(dapp.url);
        await page.locator('body[data-ready="1"]').waitFor();
        await clickCase(page, name);
        const frame = await browser.reviewFrame(page);
        expect((await readVerdict(frame, 20_000)).verdict).toBe(expected);
        check(`${scheme} panel ${expected}`, await runAxe(frame));
        await decide(frame, 'reject');
        await page.close();
      });
    }
  }

  it('keyboard: Tab reaches the popup tabs, arrows / Home / End move between them and take the focus along', async () => {
    const popup = await popupPage('light');
    await popup.locator('[data-testid="tab-gas"]').waitFor();
    if (await popup.locator('[data-testid="welcome-done"]').count()) await popup.locator('[data-testid="welcome-done"]').click();
    const focused = () => popup.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? document.activeElement?.tagName);
    const selected = () => popup.locator('[role="tab"][aria-selected="true"]').getAttribute('data-testid');
    // From the top of the page, Tab lands on the selected tab (roving tabindex: one tab stop for the tab list).
    await popup.locator('body').focus();
    for (let i = 0; i < 6 && (await focused()) !== 'tab-gas'; i++) await popup.keyboard.press('Tab');
    expect(await focused()).toBe('tab-gas');
    const steps: [string, string][] = [['ArrowRight', 'tab-reviews'], ['ArrowRight', 'tab-withdraw'], ['End', 'tab-settings'], ['ArrowRight', 'tab-gas'], ['ArrowLeft', 'tab-settings'], ['Home', 'tab-gas']];
    for (const [key, tab] of steps) {
      await popup.keyboard.press(key);
      expect(await focused(), key).toBe(tab);
      expect(await selected(), key).toBe(tab);
      await popup.locator(`#panel-${tab.slice(4)}`).waitFor();
    }
    // Tab leaves the tab list for the panel's first control, not the next tab.
    await popup.keyboard.press('Tab');
    expect(await focused()).not.toMatch(/^tab-/);
    await popup.close();
  });

  it('keyboard: in the panel, Tab reaches Continue and Enter continues; Escape rejects', async () => {
    const page = await browser.newPage();
    await page.goto(dapp.url);
    await page.locator('body[data-ready="1"]').waitFor();
    const sent = await clickCase(page, 'eth-transfer');
    let frame = await browser.reviewFrame(page);
    expect((await readVerdict(frame, 20_000)).verdict).toBe('ok');
    const focusedIn = (f: Surface) => f.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? '');
    await frame.locator('[data-testid="review-reject"]').focus();
    for (let i = 0; i < 4 && (await focusedIn(frame)) !== 'review-continue'; i++) await frame.locator(':focus').press('Tab');
    expect(await focusedIn(frame)).toBe('review-continue');
    await frame.locator(':focus').press('Enter');
    expect((await sent.settled(30_000)).status).toBe('ok');
    await page.close();

    // A fresh page, so the companion card of the request above cannot be taken for the new panel.
    const page2 = await browser.newPage();
    await page2.goto(dapp.url);
    await page2.locator('body[data-ready="1"]').waitFor();
    const signed = await clickCase(page2, 'personal-sign-siwe');
    frame = await browser.reviewFrame(page2);
    await readVerdict(frame, 20_000);
    await frame.locator('[data-testid="review-reject"]').focus();
    await frame.locator(':focus').press('Escape');
    expect((await signed.settled(30_000)).text).toContain('4001');
    await page2.close();
  });

  it('the test page', async () => {
    const page = await browser.openExtensionPage('try.html');
    await page.locator('[data-testid="try-eth-sign"]').waitFor();
    check('test page', await runAxe(page));
    await page.close();
  });
});

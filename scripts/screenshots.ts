/**
 * README screenshots from the real flows: the built extension (.output/chrome-mv3) in Debian's Chromium, the devnet
 * (anvil with Uniswap) and the demo dApp, in a 360 px wide window, English and Japanese, light theme, at 1x.
 * Writes docs/screenshots/<lang>-<view>.png. Run with `npm run screenshots` (builds first); not part of `npm test`.
 * The store listings' screenshots (docs/store-listing.md) come from the same run, at the size both stores take
 * (1280×800): the demo dApp with the review panel over it, and the popup's tabs side by side, in docs/store/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { parseFeeDataFile } from '../core/gas';
import { gasDataFile } from '../core/gas/shared-data';
import type { Lang } from '../core/i18n/localized';
import { startDapp } from './devnet/dapp-server';
import { startDevnet, type Devnet } from './devnet/index';
import { clickCase, decide, launchWithExtension, readVerdict, reviewFrame, type ExtensionBrowser } from '../tests/e2e/harness';

const OUT = resolve('docs/screenshots');
const STORE_OUT = resolve('docs/store');
/** Chrome Web Store screenshots are 1280×800 or 640×400; addons.mozilla.org takes the same. */
const STORE = { width: 1280, height: 800 } as const;
/** The panel over the dApp page, for the store: what the user sees before MetaMask opens. */
const STORE_PANELS = [
  ['1-safe-delegatecall', 'safe-delegatecall', 'danger'],
  ['2-unlimited-approval', 'approve-unlimited', 'caution'],
  ['3-restricted-delegation', 'delegation-restricted', 'ok'],
] as const;
const WIDTH = 360;
/** Real mainnet base fees replayed on anvil, so the Gas tab has a history, a forecast and advice to show. */
const REPLAYED = 600;
const DEPOSIT = '0x000000000000000000000000000000000000de90';

const PANELS = [
  ['danger', 'approve-eoa'],
  ['caution', 'approve-unlimited'],
  ['ok', 'eth-transfer'],
] as const;

async function rpc(devnet: Devnet, method: string, params: unknown[]): Promise<unknown> {
  const r = await fetch(devnet.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const body = (await r.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

async function replayFees(devnet: Devnet): Promise<void> {
  const file = parseFeeDataFile(readFileSync(gasDataFile('mainnet-2026-01-blocks.json'), 'utf8'), 'mainnet-2026-01-blocks.json');
  if (file.kind !== 'blocks') throw new Error('expected a block file');
  for (const b of file.blocks.slice(0, REPLAYED)) {
    await rpc(devnet, 'anvil_setNextBlockBaseFeePerGas', [`0x${b.baseFeePerGas.toString(16)}`]);
    await rpc(devnet, 'evm_mine', []);
  }
}

const written: string[] = [];
async function shot(target: { screenshot(o: { path: string; animations?: 'disabled' }): Promise<unknown> }, lang: Lang, name: string) {
  const path = `${OUT}/${lang}-${name}.png`;
  await target.screenshot({ path, animations: 'disabled' });
  written.push(path);
  console.log(`wrote ${path}`);
}

/** The page from the top of `from` to the bottom of `to`, the popup's full width. */
async function region(page: Page, from: string, to: string) {
  const top = (await page.locator(from).boundingBox())!;
  const bottom = (await page.locator(to).boundingBox())!;
  const clip = { x: 0, y: Math.floor(top.y), width: WIDTH, height: Math.ceil(bottom.y + bottom.height - top.y) + 8 };
  return { screenshot: (o: { path: string; animations?: 'disabled' }) => page.screenshot({ ...o, clip, fullPage: true }) };
}

async function popup(browser: ExtensionBrowser, height: number): Promise<Page> {
  const page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: WIDTH, height });
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  return page;
}

async function panels(browser: ExtensionBrowser, dappUrl: string, lang: Lang) {
  for (const [verdict, name] of PANELS) {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: WIDTH, height: 720 });
    await page.goto(dappUrl);
    await page.locator('body[data-ready="1"]').waitFor();
    await clickCase(page, name);
    const frame = await reviewFrame(page);
    const got = (await readVerdict(frame, 30_000)).verdict;
    if (got !== verdict) throw new Error(`${name}: expected a ${verdict} verdict, got ${got}`);
    await page.waitForTimeout(500); // late cards (chain source, fiat) settle
    await shot(await frame.frameElement(), lang, `panel-${verdict}`);
    await decide(frame, 'reject');
    await page.close();
  }
}

async function storePanels(browser: ExtensionBrowser, dappUrl: string, lang: Lang) {
  for (const [file, name, verdict] of STORE_PANELS) {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(STORE);
    await page.goto(dappUrl);
    await page.locator('body[data-ready="1"]').waitFor();
    await clickCase(page, name);
    const frame = await reviewFrame(page);
    const got = (await readVerdict(frame, 30_000)).verdict;
    if (got !== verdict) throw new Error(`${name}: expected a ${verdict} verdict, got ${got}`);
    await page.waitForTimeout(500);
    const path = `${STORE_OUT}/${lang}-${file}.png`;
    await page.screenshot({ path, animations: 'disabled' });
    written.push(path);
    console.log(`wrote ${path}`);
    await decide(frame, 'reject');
    await page.close();
  }
}

/** The popup's own screenshots (already taken above, real UI at 360 px) side by side on one 1280×800 canvas. */
async function storePopups(browser: ExtensionBrowser, lang: Lang) {
  const views = [
    ['gas', lang === 'ja' ? 'ガス代：今送るか、いつまで待つか' : 'Gas: send now or wait, with honest intervals'],
    ['withdraw', lang === 'ja' ? '出金プラン：分割、タイミング、経路、リスク' : 'Withdrawals: splits, timing, routes and risk'],
  ] as const;
  const img = (view: string) => `data:image/png;base64,${readFileSync(`${OUT}/${lang}-${view}.png`).toString('base64')}`;
  const html = `<!doctype html><html><body style="margin:0;width:${STORE.width}px;height:${STORE.height}px;background:#eef1f5;font:20px system-ui,sans-serif;display:flex;gap:64px;justify-content:center;align-items:flex-start;padding-top:36px;box-sizing:border-box">${views
    .map(([view, caption]) => `<figure style="margin:0;width:420px;text-align:center"><figcaption style="margin-bottom:14px;color:#1d2733">${caption}</figcaption><div style="width:360px;margin:0 auto;height:${STORE.height - 110}px;overflow:hidden;border-radius:10px;box-shadow:0 4px 24px #0002;background:#fff"><img src="${img(view)}" style="width:360px;display:block"></div></figure>`)
    .join('')}</body></html>`;
  const page = await browser.context.newPage();
  await page.setViewportSize(STORE);
  await page.setContent(html);
  await page.waitForTimeout(200);
  const path = `${STORE_OUT}/${lang}-4-popup.png`;
  await page.screenshot({ path });
  written.push(path);
  console.log(`wrote ${path}`);
  await page.close();
}

async function gasTab(browser: ExtensionBrowser, lang: Lang) {
  const page = await popup(browser, 1200);
  await page.locator('[data-testid="gas-chain"]').selectOption('31337');
  await page.locator('[data-testid="gas-advice"]').waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="gas-chart"] canvas').waitFor();
  await page.waitForTimeout(500);
  await shot(await region(page, '.popup', 'figure.gas-chart'), lang, 'gas'); // header, advice, tiers and the chart
  await page.close();
}

/** 40 WETH into USDC, sent on to an exchange deposit address within 6 h (as in tests/e2e/withdraw.e2e.ts). */
async function fillPlanForm(page: Page) {
  await page.locator('[data-testid="withdraw-asset"]').selectOption('WETH');
  await page.locator('[data-testid="withdraw-amount"]').fill('40');
  await page.locator('[data-testid="withdraw-into-deposit"]').check();
  await page.locator('[data-testid="withdraw-deposit-address"]').fill(DEPOSIT);
  await page.locator('[data-testid="withdraw-deadline"]').fill('6');
  await page.locator('[data-testid="withdraw-create"]').click();
}

async function withdrawPlan(browser: ExtensionBrowser, lang: Lang) {
  const page = await popup(browser, 1400);
  await page.locator('[data-testid="tab-withdraw"]').click();
  await page.locator('[data-testid="withdraw-chain"]').selectOption('31337');
  await page.locator('[data-testid="withdraw-wallet"][data-kind="node-accounts"]').waitFor({ timeout: 30_000 });
  await page.locator('[data-testid="withdraw-balance"][data-symbol="WETH"]').waitFor({ timeout: 30_000 });
  const saved = await page.locator('[data-testid="withdraw-plans"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  if (saved.length) {
    // The plan made in the other language: the same plan, shown in this one.
    await page.locator('[data-testid="withdraw-plans"]').selectOption(saved[0]!);
  } else {
    await fillPlanForm(page);
  }
  const plan = page.locator('[data-testid="withdraw-plan"]');
  await plan.waitFor({ timeout: 90_000 });
  await page.locator('[data-testid="withdraw-schedule-chart"] canvas').waitFor();
  await page.locator('[data-testid="withdraw-risk-chart"]').waitFor();
  await page.waitForTimeout(500);
  await shot(await region(page, '[data-testid="withdraw-plan"]', '[data-testid="withdraw-risk-chart"]'), lang, 'withdraw'); // summary, routes, charts
  await page.close();
}

/** Without a Japanese font Chromium draws the Japanese screenshots as empty boxes: refuse rather than write them. */
function requireJapaneseFont(): void {
  let fonts = '';
  try {
    fonts = execFileSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8' });
  } catch {
    // no fontconfig: let Chromium try
    return;
  }
  if (!fonts.trim()) throw new Error('no Japanese font is installed: the ja-* screenshots would show empty boxes (apt-get install -y fonts-noto-cjk)');
}

async function main() {
  requireJapaneseFont();
  mkdirSync(OUT, { recursive: true });
  mkdirSync(STORE_OUT, { recursive: true });
  const devnet = await startDevnet({ seed: 41, quiet: true });
  const dapp = await startDapp({ devnet });
  let browser: ExtensionBrowser | undefined;
  try {
    await replayFees(devnet);
    browser = await launchWithExtension();
    await browser.setSettings({ rpcs: { '31337': devnet.rpcUrl }, privateRpc: { '31337': true } });
    // Past the first-run welcome (it has its own e2e), once for both languages.
    const first = await popup(browser, 800);
    await first.locator('[data-testid="welcome-done"]').click();
    await first.close();
    for (const lang of ['en', 'ja'] as const) {
      await browser.setSettings({ lang });
      await panels(browser, dapp.url, lang);
      await gasTab(browser, lang);
      await withdrawPlan(browser, lang);
      await storePanels(browser, dapp.url, lang);
      await storePopups(browser, lang);
    }
  } finally {
    await browser?.close();
    await dapp.stop();
    await devnet.stop();
  }
  console.log(`${written.length} screenshots in ${OUT}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

/**
 * The real MetaMask (vendored 13.5.0, /work/shared/vendor) behind Preflight, in headless Chromium, on the devnet.
 *
 * API (keep it small; tests/e2e/metamask*.e2e.ts and other suites build on it):
 *   const mm = await startMetaMaskWorld({ seed })   // in beforeAll (≈ 30–60 s): anvil + dApp + Chromium with both
 *                                                   // extensions, MetaMask onboarded from anvil's mnemonic, the devnet
 *                                                   // added through the dApp (Preflight reviews it first) and the dApp connected
 *   mm.devnet, mm.dapp, mm.browser (ExtensionBrowser: setSettings, stopWorker, …), mm.page (the connected dApp tab)
 *   await mm.openDapp()                             // a fresh dApp tab (?wallet=browser: MetaMask's provider); becomes mm.page
 *   await mm.reset()                                // between tests: closes MetaMask windows and the dApp tab, opens a fresh one
 *   await mm.waitForWindow()                        // MetaMask's confirmation window (notification.html), once visible
 *   mm.windows()                                    // MetaMask windows open now
 *   mm.windowsOpened()                              // MetaMask windows opened since launch (take a difference: "exactly one")
 *   await mm.confirm(win) / mm.cancel(win)          // its approve / cancel button; resolves when the window has closed
 *   await mm.minedTx(hash)                          // the transaction as anvil mined it (waits for the receipt)
 *   await mm.restart()                              // browser closed and started again on the same profile (MetaMask locked)
 *   await mm.unlock(win?)                           // MetaMask's password on its own page (after restart), or in its window
 *   await mm.lock()                                 // MetaMask's own "Lock" (its account menu)
 *   await mm.close()                                // in afterAll
 *
 * Facts it relies on are in /work/shared/vendor/README.md: 800×600 window (MetaMask places its popup on screen),
 * the phrase pasted as a ClipboardEvent, onboarding tab closed before any popup, one DOM click on the first
 * network confirmation (an overlay covers it while MetaMask still points at the unreachable mainnet).
 * MetaMask logs failed fetches and Blockaid "couldn't check" offline: expected, not failures.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startDapp } from '../../scripts/devnet/dapp-server';
import { DEVNET_MNEMONIC } from '../../scripts/devnet/anvil';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';
import { clickCase, decide, launchWithExtension, readVerdict, reviewFrame, reviewFrames, type ExtensionBrowser } from './harness';

export const METAMASK_DIR = resolve(process.env.METAMASK_DIR ?? resolve(process.cwd(), '../shared/vendor/metamask-chrome-13.5.0'));
/** Fixed by the `key` in the vendored build's manifest. */
export const METAMASK_ID = 'hebhblbkkdabgoldnojllkipeoacjioc';
/** The password MetaMask was onboarded with (its unlock screen asks for it). */
export const METAMASK_PASSWORD = 'preflight-e2e-password';
const PASSWORD = METAMASK_PASSWORD;

export interface RawTx {
  hash: string;
  from: string;
  to: string | null;
  value: string;
  input: string;
  type: string;
  maxFeePerGas?: string;
  maxPriorityFeePerGas?: string;
  gasPrice?: string;
  blockNumber: string | null;
}

/** The setup's own wallet_addEthereumChain, as a test would check it: the panel, then MetaMask. */
export interface AddChainSeen {
  verdict: string;
  codes: string[];
  /** MetaMask windows while the panel was deciding (expected 0) and right after Continue (expected 1). */
  windowsBeforeContinue: number;
  windowsAfterContinue: number;
  /** The dApp's result text (MetaMask answers null). */
  answer: string;
}

export interface MetaMaskWorld {
  addChainSeen: AddChainSeen;
  devnet: Devnet;
  dapp: { url: string; stop(): Promise<void> };
  browser: ExtensionBrowser & { userDataDir: string };
  /** The dApp tab connected to MetaMask (replaced by openDapp). */
  page: Page;
  /** The dApp URL that makes the page use the browser's wallet (MetaMask), not the demo's own. */
  dappUrl: string;
  openDapp(): Promise<Page>;
  /** Closes leftover MetaMask windows (MetaMask rejects their requests) and the dApp tab, then opens a fresh tab. */
  reset(): Promise<Page>;
  windows(): Page[];
  /** How many MetaMask confirmation windows have opened since launch (also ones that closed again). */
  windowsOpened(): number;
  waitForWindow(timeoutMs?: number): Promise<Page>;
  confirm(win: Page): Promise<void>;
  cancel(win: Page): Promise<void>;
  rpc<T = unknown>(method: string, params?: unknown[]): Promise<T>;
  minedTx(hash: string, timeoutMs?: number): Promise<RawTx>;
  /** Closes the browser and starts it again on the same profile (both extensions as installed); MetaMask is then locked. */
  restart(): Promise<void>;
  /**
   * Unlocks MetaMask with the onboarding password: on its own page (home.html), then closes that tab; or in `win`,
   * one of its windows showing the unlock screen (left open: MetaMask shows its pending request there next).
   */
  unlock(win?: Page): Promise<void>;
  /** Locks MetaMask from its account menu (unlocking its page first if it shows the unlock screen), then closes that tab. */
  lock(): Promise<void>;
  close(): Promise<void>;
}

const isNotification = (p: Page) => p.url().startsWith(`chrome-extension://${METAMASK_ID}/notification.html`);

/**
 * `seed`: the devnet's (ignored with `devnet`: share one devnet between worlds); `preflight: false`: MetaMask alone,
 * Preflight not loaded (the baseline of the overhead benchmark; addChainSeen is then empty).
 * `preflightDir`: load Preflight from there instead of the build (e.g. tests/e2e/extension-order.ts's copy with a later id).
 */
export async function startMetaMaskWorld(opts: { seed?: number; devnet?: Devnet; preflight?: boolean; preflightDir?: string } = {}): Promise<MetaMaskWorld> {
  const withPreflight = opts.preflight ?? true;
  if (!existsSync(resolve(METAMASK_DIR, 'manifest.json'))) throw new Error(`The vendored MetaMask is missing at ${METAMASK_DIR} (set METAMASK_DIR)`);
  trace('start');
  const devnet = opts.devnet ?? (await startDevnet({ port: 0, seed: opts.seed ?? 13, traffic: false, quiet: true }));
  trace('devnet up');
  const dapp = await startDapp({ port: 0, devnet });
  const launch = (userDataDir?: string) => launchWithExtension({
    withExtension: withPreflight,
    extensionDir: opts.preflightDir,
    otherExtensions: [METAMASK_DIR],
    viewport: null,
    extraArgs: ['--window-size=800,600', '--window-position=0,0'],
    keepUserDataDir: true, // restart() reuses it; close() removes it
    ...(userDataDir ? { userDataDir } : {}),
  });
  const browser = await launch();
  const dappUrl = `${dapp.url}?wallet=browser`;
  let opened = 0;
  const countWindows = (b: ExtensionBrowser) => b.context.on('page', (p) => {
    if (isNotification(p)) opened++;
  });
  countWindows(browser);
  if (withPreflight) await browser.setSettings({ rpcs: { '31337': devnet.rpcUrl }, privateRpc: { '31337': true } });

  const rpc = async <T>(method: string, params: unknown[] = []): Promise<T> => {
    const r = await fetch(devnet.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
    const body = (await r.json()) as { result?: T; error?: { message: string } };
    if (body.error) throw new Error(`${method}: ${body.error.message}`);
    return body.result as T;
  };

  const world: MetaMaskWorld = {
    devnet,
    dapp,
    browser,
    page: undefined as unknown as Page,
    addChainSeen: undefined as unknown as AddChainSeen,
    dappUrl,
    async openDapp() {
      const page = await world.browser.context.newPage();
      await page.goto(dappUrl);
      await page.locator('body[data-ready="1"]').waitFor();
      await page.bringToFront();
      world.page = page;
      return page;
    },
    async reset() {
      for (const win of world.windows()) await win.close().catch(() => undefined);
      await world.page?.close().catch(() => undefined);
      return world.openDapp();
    },
    windows: () => world.browser.context.pages().filter(isNotification),
    windowsOpened: () => opened,
    async waitForWindow(timeoutMs = 30_000) {
      // Not waiting for its load here: MetaMask's UI bundle takes long on a loaded machine; confirm/cancel wait for their buttons.
      return world.windows()[0] ?? (await world.browser.context.waitForEvent('page', { predicate: isNotification, timeout: timeoutMs }));
    },
    async confirm(win) {
      await pressMetaMaskButton(win, ['confirm-footer-button', 'confirm-btn', 'confirmation-submit-button', 'page-container-footer-next']);
    },
    async cancel(win) {
      await pressMetaMaskButton(win, ['confirm-footer-cancel-button', 'cancel-btn', 'confirmation-cancel-button', 'page-container-footer-cancel']);
    },
    rpc,
    async minedTx(hash, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const receipt = await rpc<{ blockNumber: string } | null>('eth_getTransactionReceipt', [hash]);
        if (receipt?.blockNumber) return rpc<RawTx>('eth_getTransactionByHash', [hash]);
        if (Date.now() > deadline) throw new Error(`transaction ${hash} was not mined in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async restart() {
      await world.browser.close();
      world.browser = await launch(browser.userDataDir);
      countWindows(world.browser);
    },
    async unlock(win) {
      const home = win ?? (await world.browser.context.newPage());
      if (!win) await home.goto(`chrome-extension://${METAMASK_ID}/home.html`, { waitUntil: 'commit', timeout: 60_000 }); // its bundle loads slowly under load; the locators below wait
      await home.locator('[data-testid="unlock-password"]').fill(PASSWORD, { timeout: 60_000 });
      await click(home, 'unlock-submit');
      await home.locator('[data-testid="unlock-page"]').waitFor({ state: 'detached', timeout: 60_000 });
      if (!win) await home.close(); // MetaMask opens no popup while one of its own tabs is active
    },
    async lock() {
      const home = await world.browser.context.newPage();
      await home.goto(`chrome-extension://${METAMASK_ID}/home.html`, { waitUntil: 'commit', timeout: 60_000 }); // its bundle loads slowly under load; the locators below wait
      const unlock = home.locator('[data-testid="unlock-password"]');
      const menu = home.locator('[data-testid="account-options-menu-button"]');
      await unlock.or(menu).first().waitFor({ timeout: 120_000 });
      if (await unlock.isVisible()) {
        await unlock.fill(PASSWORD);
        await click(home, 'unlock-submit');
      }
      await clickIfShown(home, 'popover-close', 3_000);
      if (!(await clickIfShown(home, 'account-options-menu-button', 60_000))) throw new Error('MetaMask showed no account menu');
      if (!(await clickIfShown(home, 'global-menu-lock', 30_000))) throw new Error('MetaMask showed no Lock in its menu');
      await home.locator('[data-testid="unlock-page"]').waitFor({ timeout: 60_000 });
      await home.close();
    },
    async close() {
      await world.browser.close();
      rmSync(browser.userDataDir, { recursive: true, force: true });
      await dapp.stop();
      if (!opts.devnet) await devnet.stop();
    },
  };

  try {
    trace('launched');
    await onboard(browser);
    trace('onboarded');
    await world.openDapp();
    world.addChainSeen = await addDevnetAndConnect(world, withPreflight);
    trace('devnet added, dApp connected');
  } catch (error) {
    await world.page?.screenshot({ path: '/tmp/metamask-harness-failure.png' }).catch(() => undefined);
    await world.close();
    throw error;
  }
  return world;
}

/** Clicks the first of these MetaMask buttons the window shows (once enabled) and waits for the window to close. */
async function pressMetaMaskButton(win: Page, testIds: string[]): Promise<void> {
  const button = win.locator(testIds.map((id) => `[data-testid="${id}"]`).join(', ')).first();
  await button.waitFor({ timeout: 60_000 });
  await waitEnabled(button);
  let closed = false;
  const closing = win.waitForEvent('close', { timeout: 60_000 }).then(() => (closed = true));
  // A DOM click: MetaMask's own overlays (network connecting, Blockaid loading) may sit over the button.
  await button.evaluate((el: HTMLElement) => el.click());
  // After several rejections from one site MetaMask asks whether to block it ("We've noticed multiple requests"):
  // its "Cancel" rejects this request only, as the click meant.
  const spamCancel = win.locator('.mm-modal-footer').filter({ hasText: 'Temporarily block this site' }).locator('button').last();
  while (!closed) {
    await Promise.race([closing, new Promise((r) => setTimeout(r, 500))]);
    if (!closed && (await spamCancel.isVisible().catch(() => false))) await spamCancel.evaluate((el: HTMLElement) => el.click()).catch(() => undefined);
  }
  await closing;
}

async function waitEnabled(button: Locator): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (await button.isDisabled()) {
    if (Date.now() > deadline) throw new Error('MetaMask button stayed disabled');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const T0 = Date.now();
/** PREFLIGHT_E2E_TRACE=1 prints each MetaMask step with its time. */
function trace(msg: string): void {
  if (process.env.PREFLIGHT_E2E_TRACE) process.stderr.write(`[metamask ${((Date.now() - T0) / 1000).toFixed(1)} s] ${msg}\n`);
}

async function click(page: Page, testId: string, timeoutMs = 30_000): Promise<void> {
  const el = page.locator(`[data-testid="${testId}"]`);
  await el.waitFor({ timeout: timeoutMs });
  trace(`click ${testId}`);
  await waitEnabled(el);
  await el.click();
}

/** Clicks the control if it shows up within the time given; MetaMask shows some screens only sometimes. */
async function clickIfShown(page: Page, testId: string, timeoutMs: number): Promise<boolean> {
  const el = page.locator(`[data-testid="${testId}"]`);
  const t0 = Date.now();
  try {
    await el.waitFor({ timeout: timeoutMs });
  } catch {
    trace(`${testId} not shown (${Date.now() - t0} ms)`);
    return false;
  }
  trace(`${testId} shown after ${Date.now() - t0} ms`);
  await waitEnabled(el);
  await el.evaluate((e: HTMLElement) => e.click());
  return true;
}

async function onboard(browser: ExtensionBrowser): Promise<void> {
  const { context } = browser;
  const isHome = (p: Page) => p.url().startsWith(`chrome-extension://${METAMASK_ID}/home.html`);
  // MetaMask opens its onboarding tab once its worker has started: minutes when several browsers share 2 cores.
  const home = context.pages().find(isHome) ?? (await context.waitForEvent('page', { predicate: isHome, timeout: 180_000 }));
  await home.bringToFront();
  await click(home, 'onboarding-import-wallet', 180_000);
  const srp = home.locator('[data-testid="srp-input-import__srp-note"]');
  await srp.waitFor({ timeout: 30_000 });
  await srp.evaluate((el, phrase) => {
    const data = new DataTransfer();
    data.setData('text/plain', phrase);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, DEVNET_MNEMONIC);
  await click(home, 'import-srp-confirm');
  await home.locator('[data-testid="create-password-new-input"]').fill(PASSWORD);
  await home.locator('[data-testid="create-password-confirm-input"]').fill(PASSWORD);
  await click(home, 'create-password-terms');
  await click(home, 'create-password-submit');
  await click(home, 'metametrics-no-thanks', 60_000);
  await click(home, 'onboarding-complete-done', 60_000);
  await clickIfShown(home, 'download-app-continue', 10_000);
  await clickIfShown(home, 'pin-extension-next', 10_000);
  await clickIfShown(home, 'pin-extension-done', 10_000);
  // The home screen: a terms modal, then tours, each only sometimes.
  if (await clickIfShown(home, 'terms-of-use-scroll-button', 15_000)) {
    await click(home, 'terms-of-use-checkbox');
    await click(home, 'terms-of-use-agree-button');
  }
  await clickIfShown(home, 'tour-cta-button', 5_000);
  await clickIfShown(home, 'popover-close', 1_000);
  // MetaMask opens no popup while one of its own tabs is active.
  await home.close();
}

/** Adds the devnet through the dApp (Preflight reviews it first; Continue), then connects the dApp. Returns what was seen. */
async function addDevnetAndConnect(mm: MetaMaskWorld, withPreflight: boolean): Promise<AddChainSeen> {
  const add = await clickCase(mm.page, 'add-devnet');
  let seen = { verdict: '', codes: [] as string[] };
  let windowsBeforeContinue = 0;
  if (withPreflight) {
    const frame = await reviewFrame(mm.page, 30_000);
    seen = await readVerdict(frame, 30_000);
    windowsBeforeContinue = mm.windows().length;
    await decide(frame, 'continue');
  }
  const { verdict, codes } = seen;
  const win = await mm.waitForWindow();
  const windowsAfterContinue = mm.windows().length;
  await mm.confirm(win);
  const added = await add.settled(60_000);
  if (added.status !== 'ok') throw new Error(`adding the devnet to MetaMask failed: ${added.text}`);
  const connect = await clickCase(mm.page, 'connect');
  const cwin = await mm.waitForWindow();
  await mm.confirm(cwin);
  const connected = await connect.settled(60_000);
  if (connected.status !== 'ok' || !/0xf39f/i.test(connected.text)) throw new Error(`connecting the dApp failed: ${connected.text}`);
  // The companion card goes once MetaMask answered; a panel still up is a second review of what was approved (e.g.
  // MetaMask's provider re-sending the add after its chainChanged, core/intercept/wallet-retries.ts).
  const deadline = Date.now() + 15_000;
  while (reviewFrames(mm.page).length > 0) {
    if (Date.now() > deadline) throw new Error(`a Preflight panel is still up after the set-up: ${reviewFrames(mm.page).map((f) => f.url()).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { verdict, codes, windowsBeforeContinue, windowsAfterContinue, answer: added.text };
}

import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page, type Worker } from 'playwright-core';
import * as flows from './driver/flows';
import type { PanelSurface } from './driver/types';

export const EXTENSION_DIR = resolve(process.cwd(), '.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The slice of chrome.storage.local used from tests. */
export interface ExtensionLocalStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker(): Promise<Worker>;
  /**
   * Stops service workers as the browser would after idling: all of them (CDP ServiceWorker.stopAllWorkers), or with
   * `only` just one extension's (ServiceWorker.stopWorker): `'preflight'` for Preflight's, or another extension's id.
   */
  stopWorker(page: Page, opts?: { only?: string }): Promise<void>;
  setSettings(settings: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/**
 * `userDataDir`: reuse this profile (e.g. to relaunch after close, as a browser restart); `keepUserDataDir`:
 * close() leaves the profile on disk so a later launch can reuse it (the caller removes it).
 */
export async function launchWithExtension(opts: {
  withExtension?: boolean;
  /** Other unpacked extensions loaded next to Preflight (e.g. the vendored MetaMask). */
  otherExtensions?: string[];
  extraArgs?: string[];
  /** The browser's UI language (Chromium on Linux takes it from LANGUAGE, with --lang; needs its locale .pak files). */
  uiLanguage?: string;
  /** The browser's time zone (IANA, through TZ): times the UI prints are in it. */
  timeZone?: string;
  userDataDir?: string;
  keepUserDataDir?: boolean;
  /** `null`: pages take the window's size (needed where an extension places popup windows on screen). */
  viewport?: null;
  /** Preflight from another directory than the build (e.g. a copy with another manifest key). */
  extensionDir?: string;
} = {}): Promise<ExtensionBrowser & { userDataDir: string }> {
  const withExtension = opts.withExtension ?? true;
  const extensionDir = opts.extensionDir ?? EXTENSION_DIR;
  if (withExtension && !existsSync(join(extensionDir, 'manifest.json'))) throw new Error('Build the extension first: npm run build');
  const extensions = [...(opts.otherExtensions ?? []), ...(withExtension ? [extensionDir] : [])].join(',');
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'preflight-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    ...(opts.uiLanguage || opts.timeZone ? { env: { ...process.env, ...(opts.uiLanguage ? { LANGUAGE: opts.uiLanguage } : {}), ...(opts.timeZone ? { TZ: opts.timeZone } : {}) } } : {}),
    ...(opts.uiLanguage ? { locale: opts.uiLanguage } : {}),
    ...(opts.viewport === null ? { viewport: null } : {}),
    args: [
      ...(extensions ? [`--disable-extensions-except=${extensions}`, `--load-extension=${extensions}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...(opts.uiLanguage ? [`--lang=${opts.uiLanguage}`] : []),
      ...(opts.extraArgs ?? []),
    ],
  });
  const isPreflight = (w: Worker) => w.url().endsWith('/background.js');
  const worker = async () => context.serviceWorkers().find(isPreflight) ?? (await context.waitForEvent('serviceworker', { predicate: isPreflight, timeout: 15_000 }));
  const extensionId = withExtension ? new URL((await worker()).url()).host : '';
  return {
    context,
    extensionId,
    userDataDir,
    worker,
    async stopWorker(page, stopOpts) {
      const cdp = await context.newCDPSession(page);
      if (!stopOpts?.only) {
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await cdp.detach();
        return;
      }
      const running = new Map<string, string>(); // versionId → script URL
      cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
        for (const v of e.versions) {
          if (v.runningStatus === 'running') running.set(v.versionId, v.scriptURL);
          else running.delete(v.versionId);
        }
      });
      await cdp.send('ServiceWorker.enable');
      const target = stopOpts.only === 'preflight' ? extensionId : stopOpts.only;
      const ours = `chrome-extension://${target}/`;
      const deadline = Date.now() + 5_000;
      while (![...running.values()].some((u) => u.startsWith(ours)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const versions = [...running].filter(([, url]) => url.startsWith(ours)).map(([id]) => id);
      if (versions.length === 0) throw new Error(`the service worker of ${target} is not running (nothing to stop)`);
      for (const versionId of versions) await cdp.send('ServiceWorker.stopWorker', { versionId });
      await cdp.detach();
    },
    async setSettings(settings) {
      const w = await worker();
      await w.evaluate(async (s) => {
        // Runs in the extension's worker, where `chrome` exists (the Node-side types do not know it).
        const local = (globalThis as unknown as { chrome: { storage: { local: ExtensionLocalStorage } } }).chrome.storage.local;
        const current = ((await local.get('settings')) as { settings?: object }).settings ?? {};
        await local.set({ settings: { ...current, ...s } });
      }, settings);
    },
    async close() {
      await context.close();
      if (!opts.keepUserDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A panel showing a request: review.html#<key>, not the kept frame waiting hidden for the next one (#standby). */
const isPanelFrame = (f: Frame) => /\/review\.html#(?!standby$)./.test(f.url());

/** The review iframe lives in a closed shadow root: find it through the frame tree, by URL. */
export async function reviewFrame(page: Page, timeoutMs = 10_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const frame = page.frames().find(isPanelFrame);
    if (frame) return frame;
    await page.waitForTimeout(10);
  }
  throw new Error('no review panel appeared');
}

export function reviewFrames(page: Page): Frame[] {
  return page.frames().filter(isPanelFrame);
}

/** Waits for the verdict and returns it with the finding codes shown (driver/flows.ts, for Playwright's Frame). */
export function readVerdict(frame: Frame, timeoutMs = 10_000): ReturnType<typeof flows.readVerdict> {
  return flows.readVerdict(panel(frame), timeoutMs);
}

/** Clicks a demo dApp button and returns a reader for its result element. */
export async function clickCase(page: Page, name: string) {
  await page.locator(`[data-testid="btn-${name}"]`).click();
  const result = page.locator(`[data-testid="result-${name}"]`);
  return {
    result,
    async settled(timeoutMs = 15_000) {
      await page.locator(`[data-testid="result-${name}"][data-status]`).waitFor({ timeout: timeoutMs });
      return { status: await result.getAttribute('data-status'), text: (await result.textContent()) ?? '' };
    },
  };
}

/** How many times a real click into the panel got no input acknowledgement (driver/flows.ts clickInPanel). */
export const inputStalls = flows.inputStalls;

/** Playwright's Frame is the driver layer's panel surface (tests/e2e/driver/chromium.ts). */
const panel = (frame: Frame) => frame as unknown as PanelSurface;

/** A click into the panel as a user would, with the fallback for headless Chromium's lost input (driver/flows.ts). */
export function clickInPanel(frame: Frame, selector: string): Promise<void> {
  return flows.clickInPanel(panel(frame), selector);
}

/** Continue or Reject in the panel. */
export function decide(frame: Frame, choice: 'continue' | 'reject'): Promise<void> {
  return flows.decide(panel(frame), choice);
}

/** A key press in the panel (focus moves into it first), with the same stall fallback as clickInPanel. */
export function pressInPanel(frame: Frame, key: string): Promise<void> {
  return flows.pressInPanel(panel(frame), key);
}

/** What the panel reviewed: the background's record for this panel (driver/flows.ts). */
export function panelReview(frame: Frame): ReturnType<typeof flows.panelReview> {
  return flows.panelReview(panel(frame));
}

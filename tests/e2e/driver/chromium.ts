import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { CHROMIUM, EXTENSION_DIR, launchWithExtension } from '../harness';
import { isPanelUrl } from './panel-url';
import type { BrowserSession, Driver, DriverPage, LaunchOptions, PanelSurface } from './types';

/**
 * Debian's Chromium through playwright-core (tests/e2e/harness.ts). Playwright's Page and Frame are the shapes the
 * shared tests are written against (driver/types.ts), so they are handed over as they are.
 */
const asPage = (p: Page) => p as unknown as DriverPage;
const asPanel = (f: Frame) => f as unknown as PanelSurface;
const pageOf = (p: DriverPage) => p as unknown as Page;

export const chromiumDriver: Driver = {
  name: 'chromium',
  unavailable() {
    if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
    if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) return 'build the extension first: npm run build';
    return undefined;
  },
  async launch(opts: LaunchOptions = {}): Promise<BrowserSession> {
    const b = await launchWithExtension({
      ...(opts.uiLanguage ? { uiLanguage: opts.uiLanguage } : {}),
      ...(opts.hostsToLocalhost?.length ? { extraArgs: [`--host-resolver-rules=${opts.hostsToLocalhost.map((h) => `MAP ${h} 127.0.0.1`).join(',')}`] } : {}),
    });
    const origin = `chrome-extension://${b.extensionId}`;
    return {
      name: 'chromium',
      extensionOrigin: origin,
      async newPage() {
        return asPage(await b.context.newPage());
      },
      async openExtensionPage(path, o) {
        const p = await b.context.newPage();
        if (o?.width && o.height) await p.setViewportSize({ width: o.width, height: o.height });
        if (o?.colorScheme) await p.emulateMedia({ colorScheme: o.colorScheme });
        await p.goto(`${origin}/${path.replace(/^\//, '')}`);
        return asPage(p);
      },
      async waitForNewPage(action) {
        const [p] = await Promise.all([b.context.waitForEvent('page'), action()]);
        await p.waitForLoadState();
        return asPage(p);
      },
      setSettings: (s) => b.setSettings(s),
      async inExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
        const worker = await b.worker();
        return worker.evaluate(fn as (a: unknown) => R | Promise<R>, arg as unknown);
      },
      async notifications() {
        const worker = await b.worker();
        return worker.evaluate(async () => Object.keys(await (globalThis as unknown as { chrome: { notifications: { getAll(): Promise<Record<string, unknown>> } } }).chrome.notifications.getAll()));
      },
      async stopBackground() {
        const open = b.context.pages()[0];
        const page = open ?? (await b.context.newPage());
        await b.stopWorker(page);
        if (!open) await page.close();
      },
      async reviewFrame(page, timeoutMs = 10_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const frame = pageOf(page).frames().find((f) => isPanelUrl(f.url()));
          if (frame) return asPanel(frame);
          if (Date.now() > deadline) throw new Error('no review panel appeared');
          await pageOf(page).waitForTimeout(10);
        }
      },
      async reviewFrames(page) {
        return pageOf(page).frames().filter((f) => isPanelUrl(f.url())).map(asPanel);
      },
      async childFrame(page, suffix, timeoutMs = 10_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const frame = pageOf(page).frames().find((f) => f.url().endsWith(suffix));
          if (frame) return asPanel(frame);
          if (Date.now() > deadline) throw new Error(`no frame ending with ${suffix}`);
          await pageOf(page).waitForTimeout(20);
        }
      },
      close: () => b.close(),
    };
  },
};

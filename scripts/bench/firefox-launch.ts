/**
 * A minimal firefox-esr launcher for the benchmarks (the Firefox MV3 build, puppeteer-core over WebDriver BiDi, no
 * browser download): enough to time a request's verdict in the panel beside Chromium's. The extension's UUID is fixed
 * by the `extensions.webextensions.uuids` pref; settings are written from an extension page the test tab navigates
 * itself to (BiDi does not open moz-extension: addresses, a web page may navigate to the web-accessible review.html);
 * the panel frame (an extension frame in a closed shadow root, which puppeteer may not track) is found and read with
 * raw BiDi `browsingContext.getTree` and `script.evaluate`, values returned as JSON.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = resolve(process.cwd(), process.env.PREFLIGHT_FIREFOX_DIR ?? '.output/firefox-mv3');
const ADDON_ID = 'preflight@preflight.local';

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}
interface BidiContext {
  context: string;
  children?: BidiContext[] | null;
}

/** A frame reached through raw BiDi: evaluates an expression (its value must be JSON). */
export interface RawFrame {
  evaluate<R>(expression: string): Promise<R>;
}

export interface FirefoxSession {
  browser: Browser;
  newPage(): Promise<Page>;
  setSettings(settings: Record<string, unknown>, fromUrl: string): Promise<void>;
  /** The page's panel frame showing a request (review.html#<key>, not #standby). */
  panelFrame(page: Page, timeoutMs?: number): Promise<RawFrame>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isPanelUrl = (url: string) => /\/review\.html#(?!standby$)./.test(url);

export function firefoxUnavailable(): string | undefined {
  if (!existsSync(FIREFOX)) return `no Firefox at ${FIREFOX}`;
  if (!existsSync(resolve(FIREFOX_EXTENSION_DIR, 'manifest.json'))) return 'no Firefox build (npx wxt build -b firefox --mv3)';
  return undefined;
}

export async function launchFirefoxWithExtension(): Promise<FirefoxSession> {
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1280, height: 720 },
    args: ['--no-remote'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }), 'dom.security.https_first': false },
  });
  await browser.installExtension(FIREFOX_EXTENSION_DIR);
  const connection = (browser as unknown as { connection: BidiConnection }).connection;
  const raw = async <R>(context: string, expression: string): Promise<R> => {
    const answer = (await connection.send('script.evaluate', {
      expression: `(async () => JSON.stringify(await (${expression})))()`,
      target: { context },
      awaitPromise: true,
      resultOwnership: 'none',
    })).result as { type: string; result?: { value?: string }; exceptionDetails?: { text?: string } };
    if (answer.type !== 'success') throw new Error(`firefox: ${answer.exceptionDetails?.text ?? 'evaluate failed'}`);
    return (answer.result?.value === undefined ? undefined : JSON.parse(answer.result.value)) as R;
  };
  const contextOf = (page: Page) => (page.mainFrame() as unknown as { _id: string })._id;
  return {
    browser,
    newPage: () => browser.newPage(),
    async setSettings(settings, fromUrl) {
      const page = await browser.newPage();
      await page.goto(fromUrl);
      const target = `moz-extension://${uuid}/review.html#`;
      await raw(contextOf(page), `(location.href = ${JSON.stringify(target)}, true)`);
      for (let i = 0; ; i++) {
        const at = await raw<string>(contextOf(page), 'location.href').catch(() => '');
        if (at === target && (await raw<string>(contextOf(page), 'document.readyState').catch(() => 'loading')) !== 'loading') break;
        if (i > 400) throw new Error('firefox: the extension page did not open');
        await sleep(25);
      }
      await raw(
        contextOf(page),
        `(async () => { const l = browser.storage.local; const c = (await l.get('settings')).settings || {}; await l.set({ settings: { ...c, ...${JSON.stringify(settings)} } }); return true; })()`,
      );
      await page.close();
    },
    async panelFrame(page, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const tree = (await connection.send('browsingContext.getTree', { root: contextOf(page) })).result as { contexts: BidiContext[] };
        const ids: string[] = [];
        const walk = (c: BidiContext) => {
          for (const child of c.children ?? []) {
            ids.push(child.context);
            walk(child);
          }
        };
        for (const c of tree.contexts) walk(c);
        for (const id of ids) {
          const href = await raw<string>(id, 'location.href').catch(() => '');
          if (isPanelUrl(href)) return { evaluate: <R>(expression: string) => raw<R>(id, expression) };
        }
        if (Date.now() > deadline) throw new Error('firefox: no review panel appeared');
        await sleep(10);
      }
    },
    close: () => browser.close(),
  };
}

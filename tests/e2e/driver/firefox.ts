import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { serveStatic } from '../static-server';
import type { BrowserSession, Driver, DriverPage, LaunchOptions, Loc, Surface, WaitOptions } from './types';
import { isPanelUrl } from './panel-url';

/**
 * Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi (no browser download), the Firefox MV3 build
 * installed as a temporary add-on. What BiDi does not give directly, and how it is done here:
 * - the extension's UUID is fixed by the `extensions.webextensions.uuids` pref, so its pages' addresses are known;
 * - BiDi will not navigate a tab to a moz-extension: address, but a web page may navigate itself to the
 *   web-accessible review.html, and that extension page may navigate on to any other page of the extension
 *   (popup.html, try.html): that is how extension pages open here;
 * - an extension context for storage, IndexedDB, alarms and notifications: a tab on review.html showing nothing;
 * - the background (an event page in Firefox MV3) is stopped with the call about:debugging's "Terminate background
 *   script" button makes (ExtensionParent.DebugUtils.terminateBackgroundScript), evaluated in the browser's chrome
 *   scope, which BiDi reaches with --remote-allow-system-access;
 * - frames report `about:blank` for the panel (an extension frame in a closed shadow root): their real address is
 *   read inside them (location.href).
 * Functions sent to the page are sent as source text; the element-finding code below is plain JS in a string so
 * that no transpiler helper ends up in it.
 */
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = resolve(process.cwd(), '.output/firefox-mv3');
const ADDON_ID = 'preflight@preflight.local';
const DEFAULT_TIMEOUT = 30_000;
const VIEWPORT = { width: 1280, height: 720 };

/** hasText: a substring, or a regular expression as its source and flags. */
type Step = { sel: string; hasText?: string | { source: string; flags: string } } | { nth: number };
const textStep = (t: string | RegExp | undefined) => (t instanceof RegExp ? { source: t.source, flags: t.flags } : t);

/** Finds the elements a chain of steps selects in `document` (plain JS, sent as text). */
const FIND = `(chain) => {
  let els = [document];
  for (const s of chain) {
    if ('sel' in s) {
      const next = [];
      const has = s.hasText === undefined ? () => true : typeof s.hasText === 'string' ? (t) => t.includes(s.hasText) : (t) => new RegExp(s.hasText.source, s.hasText.flags).test(t);
      for (const e of els) for (const m of e.querySelectorAll(s.sel)) if (!next.includes(m) && has(m.textContent || '')) next.push(m);
      els = next;
    } else els = s.nth < els.length ? [els[s.nth]] : [];
  }
  return els;
}`;
const VISIBLE = `(e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; }`;

/**
 * The tab in front, per browser. Input goes to the tab in front only (BiDi input to a background tab is lost), as
 * for a person: real clicks and key presses bring their tab to the front first.
 */
const fronts = new WeakMap<Browser, Page>();
async function toFront(page: Page): Promise<void> {
  const browser = page.browser();
  if (fronts.get(browser) === page) return;
  await page.bringToFront();
  fronts.set(browser, page);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const js = (v: unknown) => (v === undefined ? 'undefined' : JSON.stringify(v));

/** Retries while a navigation replaces the document the call ran in. */
async function settle<R>(fn: () => Promise<R>, timeoutMs = DEFAULT_TIMEOUT): Promise<R> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      if (Date.now() > deadline || !/context|destroyed|navigat|detached|no such frame|realm/i.test(text)) throw e;
      await sleep(50);
    }
  }
}

class FxLoc implements Loc {
  constructor(
    private readonly frame: FxFrame,
    private readonly chain: Step[],
  ) {}

  locator(selector: string, opts?: { hasText?: string | RegExp }): Loc {
    return new FxLoc(this.frame, [...this.chain, { sel: selector, hasText: textStep(opts?.hasText) }]);
  }
  first(): Loc {
    return this.nth(0);
  }
  nth(index: number): Loc {
    return new FxLoc(this.frame, [...this.chain, { nth: index }]);
  }
  private describe() {
    return this.chain.map((s) => ('sel' in s ? s.sel + (s.hasText ? ` hasText=${JSON.stringify(s.hasText)}` : '') : `nth=${s.nth}`)).join(' >> ');
  }
  /** Runs `body` (source of `(els, arg) => …`) on the matched elements. */
  private run<R>(body: string, arg?: unknown): Promise<R> {
    return this.frame.raw(`(async () => { const els = (${FIND})(${js(this.chain)}); return await (${body})(els, ${js(arg)}); })()`);
  }
  async waitFor(opts?: WaitOptions): Promise<void> {
    const state = opts?.state ?? 'visible';
    const test = {
      attached: 'els.length > 0',
      detached: 'els.length === 0',
      visible: `els.length > 0 && (${VISIBLE})(els[0])`,
      hidden: `els.length === 0 || !(${VISIBLE})(els[0])`,
    }[state];
    const timeout = opts?.timeout ?? DEFAULT_TIMEOUT;
    const deadline = Date.now() + timeout;
    while (!(await settle(() => this.run<boolean>(`(els) => ${test}`), timeout).catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`timeout ${timeout} ms waiting for ${this.describe()} to be ${state}`);
      await sleep(40);
    }
  }
  /** Waits for the element; Playwright's strictness: more than one match is an error. */
  private async one(state: 'attached' | 'visible' = 'attached', timeout?: number): Promise<void> {
    await this.waitFor({ state, timeout });
    const n = await this.count();
    if (n > 1) throw new Error(`${this.describe()} matched ${n} elements`);
  }
  count(): Promise<number> {
    return this.run<number>('(els) => els.length');
  }
  /**
   * A real click at the element's centre, once nothing covers it there (as Playwright checks before it clicks:
   * puppeteer would click whatever is on top). Checked in the element's own document, and in the page for a
   * frame: there the top element must be a frame or the host of the closed shadow root that holds the panel.
   */
  async click(opts?: { timeout?: number }): Promise<void> {
    const timeout = opts?.timeout ?? DEFAULT_TIMEOUT;
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.one('visible', Math.max(1, deadline - Date.now()));
      const point = await this.frame.clickPoint(this.chain).catch(() => undefined);
      if (point) {
        await toFront(this.frame.page);
        await this.frame.page.mouse.click(point.x, point.y);
        return;
      }
      if (Date.now() > deadline) throw new Error(`${this.describe()}: another element covers it, the click would land there`);
      await sleep(100);
    }
  }
  async fill(value: string): Promise<void> {
    await this.one('visible');
    // The native value setter and an input event: what React's onChange listens to (as Playwright's fill does).
    await this.run(
      `(els, v) => { const e = els[0]; e.focus(); const proto = e instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype; Object.getOwnPropertyDescriptor(proto, 'value').set.call(e, v); e.dispatchEvent(new Event('input', { bubbles: true })); e.dispatchEvent(new Event('change', { bubbles: true })); }`,
      value,
    );
  }
  async check(opts?: { timeout?: number }): Promise<void> {
    await this.one('visible', opts?.timeout);
    if (!(await this.run<boolean>('(els) => els[0].checked === true'))) await this.click(opts);
  }
  async focus(): Promise<void> {
    await this.one('attached');
    await this.run('(els) => els[0].focus()');
  }
  async press(key: string, opts?: { timeout?: number }): Promise<void> {
    await this.one('attached', opts?.timeout);
    await this.run('(els) => els[0].focus()');
    await toFront(this.frame.page);
    await this.frame.page.keyboard.press(key as never);
  }
  async selectOption(value: string): Promise<unknown> {
    await this.one('attached');
    await this.run(
      `(els, v) => { const e = els[0]; if (![...e.options].some((o) => o.value === v)) throw new Error('no option ' + v); Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(e, v); e.dispatchEvent(new Event('input', { bubbles: true })); e.dispatchEvent(new Event('change', { bubbles: true })); }`,
      value,
    );
    return [value];
  }
  async textContent(opts?: { timeout?: number }): Promise<string | null> {
    await this.one('attached', opts?.timeout);
    return this.run('(els) => els[0].textContent');
  }
  async innerText(): Promise<string> {
    await this.one('attached');
    return this.run('(els) => els[0].innerText');
  }
  async inputValue(): Promise<string> {
    await this.one('attached');
    return this.run('(els) => els[0].value');
  }
  async getAttribute(name: string): Promise<string | null> {
    await this.one('attached');
    return this.run('(els, n) => els[0].getAttribute(n)', name);
  }
  allTextContents(): Promise<string[]> {
    return this.run("(els) => els.map((e) => e.textContent || '')");
  }
  async evaluate<R, A = undefined, E extends Element = HTMLElement>(fn: (el: E, arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    await this.one('attached');
    return this.run(`(els, a) => (${fn.toString()})(els[0], a)`, arg);
  }
  evaluateAll<R, A = undefined>(fn: (els: HTMLElement[], arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.run(fn.toString(), arg);
  }
  async boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null> {
    await this.one('attached');
    return this.run('(els) => { const r = els[0].getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; }');
  }
}

/** Where a chain's element is clicked in page coordinates, or undefined while something else covers it. */
type Point = { x: number; y: number };

/** The element's centre in its document, once it is the top element there (scrolled into view first). */
const CENTRE_ON_TOP = `(els) => {
  const e = els[0];
  e.scrollIntoView({ block: 'center', inline: 'center' });
  const r = e.getBoundingClientRect();
  const x = r.x + r.width / 2, y = r.y + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  return hit !== null && (hit === e || e.contains(hit)) ? { x, y, w: innerWidth, h: innerHeight } : null;
}`;
/** In the page: the top element at a point is a frame, or the host of a closed shadow root (the panel's). */
const FRAME_ON_TOP = `(p) => { const hit = document.elementFromPoint(p.x, p.y); return hit !== null && (hit.tagName === 'IFRAME' || (hit.tagName.includes('-') && hit.shadowRoot === null && hit.childElementCount === 0)); }`;

class FxFrame implements Surface {
  constructor(
    readonly frame: Frame | undefined,
    readonly page: Page,
  ) {}
  /** Evaluates an expression (source text) in this document. */
  raw<R>(expression: string): Promise<R> {
    return this.frame!.evaluate(expression) as Promise<R>;
  }
  /**
   * A real click lands where the element is, once nothing covers it there (as Playwright checks before it clicks;
   * puppeteer would click whatever is on top): checked in the element's own document and, for a frame, in the page.
   */
  async clickPoint(chain: Step[]): Promise<Point | undefined> {
    const local = await this.raw<{ x: number; y: number } | null>(`((${CENTRE_ON_TOP})((${FIND})(${js(chain)})))`);
    if (!local) return undefined;
    const main = this.page.mainFrame();
    if (this.frame === main) return local;
    const handle = await this.frame!.evaluateHandle(`(${FIND})(${js(chain)})[0]`);
    const point = await handle.asElement()?.clickablePoint().catch(() => undefined);
    await handle.dispose();
    if (!point || !(await main.evaluate(`(${FRAME_ON_TOP})(${js(point)})`))) return undefined;
    return point;
  }
  locator(selector: string, opts?: { hasText?: string | RegExp }): Loc {
    return new FxLoc(this, [{ sel: selector, hasText: textStep(opts?.hasText) }]);
  }
  evaluate<R, A = undefined>(fn: ((arg: A) => R | Promise<R>) | string, arg?: A): Promise<R> {
    if (typeof fn === 'string') return this.raw(`(() => { ${fn}\n; return undefined; })()`);
    return this.raw(`(async () => (${fn.toString()})(${js(arg)}))()`);
  }
  async waitForFunction<A = undefined>(fn: (arg: A) => unknown, arg?: A, opts?: { timeout?: number; polling?: number }): Promise<unknown> {
    const timeout = opts?.timeout ?? DEFAULT_TIMEOUT;
    const deadline = Date.now() + timeout;
    for (;;) {
      const v = await settle(() => this.evaluate(fn, arg), timeout).catch(() => undefined);
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`waitForFunction: timeout ${timeout} ms`);
      await sleep(opts?.polling ?? 40);
    }
  }
  isDetached(): boolean {
    return this.frame!.detached;
  }
  href(): Promise<string> {
    return this.raw<string>('location.href').catch(() => '');
  }
}

/**
 * A frame puppeteer does not track: Firefox's BiDi reports no contextCreated event for a frame inside an extension
 * page (the test page's panel), though browsingContext.getTree lists it. Reached with raw script.evaluate (values
 * come back as JSON: only extension frames are met this way, never a page that could patch JSON). A click lands at
 * the element's place in the frame plus the frame's place on the page: its panel host, the one of the frame's size
 * (the host is a few pixels taller: the inline frame sits on its text baseline).
 */
class RawFrame extends FxFrame {
  private gone = false;
  constructor(
    private readonly connection: BidiConnection,
    readonly context: string,
    page: Page,
  ) {
    super(undefined, page);
  }
  override async raw<R>(expression: string): Promise<R> {
    const answer = (await this.connection.send('script.evaluate', {
      expression: `(async () => JSON.stringify(await (${expression})))()`,
      target: { context: this.context },
      awaitPromise: true,
      resultOwnership: 'none',
    }).catch((e: unknown) => {
      if (/no such frame/i.test(String(e))) this.gone = true;
      throw e;
    })).result as { type: string; result?: { value?: string }; exceptionDetails?: { text?: string } };
    if (answer.type !== 'success') throw new Error(`evaluate in frame ${this.context}: ${answer.exceptionDetails?.text ?? 'failed'}`);
    const text = answer.result?.value;
    return (text === undefined ? undefined : JSON.parse(text)) as R;
  }
  override async clickPoint(chain: Step[]): Promise<Point | undefined> {
    const local = await this.raw<{ x: number; y: number; w: number; h: number } | null>(`((${CENTRE_ON_TOP})((${FIND})(${js(chain)})))`);
    if (!local) return undefined;
    const host = (await this.page.mainFrame().evaluate(
      `(() => { for (const h of document.querySelectorAll('preflight-panel')) { const r = h.getBoundingClientRect(); if (Math.abs(r.width - ${local.w}) < 2 && r.height - ${local.h} > -2 && r.height - ${local.h} < 10) return { x: r.x, y: r.y }; } return null; })()`,
    )) as Point | null;
    if (!host) return undefined;
    const point = { x: host.x + local.x, y: host.y + local.y };
    return (await this.page.mainFrame().evaluate(`(${FRAME_ON_TOP})(${js(point)})`)) ? point : undefined;
  }
  override isDetached(): boolean {
    return this.gone;
  }
}

/** Top-level navigations Firefox reported as aborted in this process (see FxPage.goto). */
export const abortedNavigations = { count: 0 };

class FxPage extends FxFrame implements DriverPage {
  constructor(page: Page) {
    super(page.mainFrame(), page);
  }
  async goto(url: string): Promise<unknown> {
    try {
      return await this.page.goto(url);
    } catch (e) {
      // Firefox's BiDi now and then reports a top-level navigation as aborted (NS_BINDING_ABORTED) although the page
      // goes on to load (seen in 2 of ~15 full runs, on different tests). Where the page did arrive, that is not a
      // failure of what the test checks; where it did not, navigate once more. Counted and printed, not hidden.
      if (!String(e).includes('NS_BINDING_ABORTED')) throw e;
      abortedNavigations.count += 1;
      console.log(`firefox: navigation to ${url} reported NS_BINDING_ABORTED (${abortedNavigations.count} so far)`);
      const arrived = await this.page
        .waitForFunction((u: string) => location.href === u && document.readyState === 'complete', { timeout: 5_000 }, url)
        .then(() => true, () => false);
      return arrived ? undefined : this.page.goto(url);
    }
  }
  async reload(): Promise<unknown> {
    if (!(await this.href()).startsWith('moz-extension:')) return this.page.reload();
    // BiDi does not reload extension pages: the page reloads itself, and the mark it carried is gone after.
    await this.raw("window.__preflightBeforeReload = true; setTimeout(() => location.reload(), 0); true");
    await this.waitForFunction(() => !(window as unknown as { __preflightBeforeReload?: boolean }).__preflightBeforeReload && document.readyState !== 'loading');
    return undefined;
  }
  close(): Promise<void> {
    return this.page.close();
  }
  bringToFront(): Promise<void> {
    return toFront(this.page);
  }
  waitForTimeout(ms: number): Promise<void> {
    return sleep(ms);
  }
  setViewportSize(size: { width: number; height: number }): Promise<void> {
    return this.page.setViewport(size);
  }
  async emulateMedia(opts: { colorScheme: 'light' | 'dark' }): Promise<void> {
    if (opts.colorScheme !== 'light') throw new Error('firefox driver: no color-scheme emulation over BiDi (pages render light)');
  }
  screenshot(opts: { path: string; fullPage?: boolean }): Promise<unknown> {
    return this.page.screenshot({ path: opts.path as `${string}.png`, fullPage: opts.fullPage });
  }
  readonly keyboard = { press: async (key: string) => (await toFront(this.page), this.page.keyboard.press(key as never)) };
  readonly mouse = {
    click: async (x: number, y: number) => (await toFront(this.page), this.page.mouse.click(x, y)),
    move: async (x: number, y: number) => (await toFront(this.page), this.page.mouse.move(x, y)),
  };
  on(event: 'pageerror', listener: (error: Error) => void): unknown {
    return this.page.on(event, (e: unknown) => listener(e instanceof Error ? e : new Error(String(e))));
  }
}

/** Raw BiDi commands (puppeteer's connection; the chrome scope needs --remote-allow-system-access). */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}
interface BidiContext {
  context: string;
  url: string;
  children?: BidiContext[] | null;
}

export const firefoxDriver: Driver = {
  name: 'firefox',
  unavailable() {
    if (!existsSync(FIREFOX)) return `no Firefox at ${FIREFOX} (apt-get install firefox-esr)`;
    if (!existsSync(resolve(FIREFOX_EXTENSION_DIR, 'manifest.json'))) return 'build the Firefox extension first: npm run build:firefox';
    return undefined;
  },
  async launch(opts: LaunchOptions = {}): Promise<BrowserSession> {
    const uuid = randomUUID();
    const origin = `moz-extension://${uuid}`;
    // A page of our own to start extension pages from (see above).
    const blank = await serveStatic({ '/': '<!doctype html><title>start</title>' });
    const browser: Browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      defaultViewport: VIEWPORT,
      args: ['--no-remote', '--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }),
        // Plain http on the test's own hosts, as typed.
        'dom.security.https_first': false,
        ...(opts.uiLanguage ? { 'intl.locale.requested': opts.uiLanguage, 'intl.accept_languages': opts.uiLanguage } : {}),
        ...(opts.hostsToLocalhost?.length ? { 'network.dns.localDomains': opts.hostsToLocalhost.join(',') } : {}),
      },
    });
    await browser.installExtension(FIREFOX_EXTENSION_DIR);
    const connection = (browser as unknown as { connection: BidiConnection }).connection;

    const newPage = async () => {
      const page = await browser.newPage();
      fronts.set(browser, page); // a new tab opens in front
      return new FxPage(page);
    };
    const navigateWithin = async (p: FxPage, url: string) => {
      await p.raw(`location.href = ${js(url)}; true`);
      const deadline = Date.now() + DEFAULT_TIMEOUT;
      while (!((await p.href()) === url && (await p.raw<string>('document.readyState').catch(() => 'loading')) !== 'loading')) {
        if (Date.now() > deadline) throw new Error(`firefox driver: did not reach ${url}`);
        await sleep(25);
      }
    };
    const openExtensionPage = async (path: string, o?: { width?: number; height?: number; colorScheme?: 'light' | 'dark' }): Promise<FxPage> => {
      const p = await newPage();
      if (o?.width && o.height) await p.setViewportSize({ width: o.width, height: o.height });
      if (o?.colorScheme) await p.emulateMedia({ colorScheme: o.colorScheme });
      await p.goto(blank.url + '/');
      await navigateWithin(p, `${origin}/review.html#`);
      const target = `${origin}/${path.replace(/^\//, '')}`;
      if (!target.endsWith('/review.html#')) await navigateWithin(p, target);
      return p;
    };
    // The extension context, opened now: it also records the notifications the extension shows (see notifications()).
    const control = await openExtensionPage('review.html#');
    await control.evaluate(() => {
      const w = window as unknown as { __notified: string[]; browser: { notifications: { onClosed: { addListener(f: (id: string) => void): void } } } };
      w.__notified = [];
      w.browser.notifications.onClosed.addListener((id) => w.__notified.push(id));
    });
    const inExtension = <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> => control.evaluate(fn, arg);
    const seenAt = new Map<string, number>();
    /** Every frame of the page: puppeteer's, and the ones only browsingContext.getTree lists (see RawFrame). */
    const framesOf = async (page: DriverPage): Promise<FxFrame[]> => {
      const p = (page as FxPage).page;
      const known = new Map<string, FxFrame>();
      for (const f of p.frames()) if (f !== p.mainFrame() && !f.detached) known.set((f as unknown as { _id: string })._id, new FxFrame(f, p));
      const root = (p.mainFrame() as unknown as { _id: string })._id;
      const tree = (await connection.send('browsingContext.getTree', { root }).catch(() => ({ result: { contexts: [] } }))).result as { contexts: BidiContext[] };
      const out: FxFrame[] = [...known.values()];
      const unknown: string[] = [];
      const walk = (c: BidiContext) => {
        for (const child of c.children ?? []) {
          if (!known.has(child.context)) unknown.push(child.context);
          walk(child);
        }
      };
      for (const c of tree.contexts) walk(c);
      for (const id of unknown) {
        // A frame created a moment ago may not have reached puppeteer yet: give it 300 ms before going raw.
        const seen = seenAt.get(id) ?? Date.now();
        seenAt.set(id, seen);
        const tracked = p.frames().find((f) => (f as unknown as { _id: string })._id === id);
        if (tracked) out.push(new FxFrame(tracked, p));
        else if (Date.now() - seen > 300) out.push(new RawFrame(connection, id, p));
      }
      return out;
    };
    const panels = async (page: DriverPage): Promise<FxFrame[]> => {
      const out: FxFrame[] = [];
      for (const frame of await framesOf(page)) if (isPanelUrl(await frame.href())) out.push(frame);
      return out;
    };

    return {
      name: 'firefox',
      extensionOrigin: origin,
      newPage,
      openExtensionPage,
      async waitForNewPage(action) {
        const before = new Set(await browser.pages());
        await action();
        const deadline = Date.now() + DEFAULT_TIMEOUT;
        for (;;) {
          const fresh = (await browser.pages()).find((p) => !before.has(p));
          if (fresh) {
            fronts.set(browser, fresh);
            return new FxPage(fresh);
          }
          if (Date.now() > deadline) throw new Error('firefox driver: no new tab opened');
          await sleep(50);
        }
      },
      async setSettings(settings) {
        await inExtension(async (s: Record<string, unknown>) => {
          const local = (globalThis as unknown as { browser: { storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } } } }).browser.storage.local;
          const current = ((await local.get('settings')).settings as object | undefined) ?? {};
          await local.set({ settings: { ...current, ...s } });
        }, settings);
      },
      inExtension,
      notifications: () => control.evaluate(() => [...new Set((window as unknown as { __notified: string[] }).__notified)]),
      async stopBackground() {
        const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as { contexts: { context: string }[] };
        const context = tree.contexts[0]?.context;
        if (!context) throw new Error('firefox driver: no chrome-scope context (is --remote-allow-system-access honoured?)');
        const expression = `(async () => {
          const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
          await ExtensionParent.DebugUtils.terminateBackgroundScript(${js(ADDON_ID)});
          return String(ExtensionParent.GlobalManager.getExtension(${js(ADDON_ID)}).backgroundState);
        })()`;
        const answer = (await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: true })).result as { type: string; result?: { value?: string }; exceptionDetails?: { text?: string } };
        if (answer.type !== 'success') throw new Error(`firefox driver: terminating the background failed: ${answer.exceptionDetails?.text ?? 'unknown'}`);
        if (answer.result?.value === 'running') throw new Error('firefox driver: the background still runs after terminateBackgroundScript');
      },
      async reviewFrame(page, timeoutMs = 10_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const [frame] = await panels(page);
          if (frame) return frame;
          if (Date.now() > deadline) throw new Error('no review panel appeared');
          await sleep(15);
        }
      },
      reviewFrames: panels,
      async childFrame(page, suffix, timeoutMs = 10_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          for (const frame of await framesOf(page)) if ((await frame.href()).endsWith(suffix)) return frame;
          if (Date.now() > deadline) throw new Error(`no frame ending with ${suffix}`);
          await sleep(20);
        }
      },
      async close() {
        await browser.close().catch(() => undefined);
        await blank.close();
      },
    };
  },
};

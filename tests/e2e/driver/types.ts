/**
 * What the shared end-to-end tests need from a browser, so one test file runs in Chromium (playwright-core) and in
 * firefox-esr (puppeteer-core over WebDriver BiDi). The shapes are the subset of Playwright's Page / Frame / Locator
 * the tests use: Playwright's own objects fill them in Chromium (chromium.ts), puppeteer-backed classes in Firefox
 * (firefox.ts). A test written against these types therefore reads as a Playwright test.
 */

export type BrowserName = 'chromium' | 'firefox';

export interface WaitOptions {
  timeout?: number;
  state?: 'attached' | 'detached' | 'visible' | 'hidden';
}

/** A lazy handle on the elements a selector matches (Playwright's Locator, the part the tests use). */
export interface Loc {
  locator(selector: string, opts?: { hasText?: string | RegExp }): Loc;
  first(): Loc;
  nth(index: number): Loc;
  waitFor(opts?: WaitOptions): Promise<void>;
  count(): Promise<number>;
  click(opts?: { timeout?: number; noWaitAfter?: boolean }): Promise<void>;
  fill(value: string): Promise<void>;
  check(opts?: { timeout?: number }): Promise<void>;
  focus(): Promise<void>;
  press(key: string, opts?: { timeout?: number; noWaitAfter?: boolean }): Promise<void>;
  selectOption(value: string): Promise<unknown>;
  textContent(opts?: { timeout?: number }): Promise<string | null>;
  innerText(): Promise<string>;
  inputValue(): Promise<string>;
  getAttribute(name: string): Promise<string | null>;
  allTextContents(): Promise<string[]>;
  evaluate<R, A = undefined, E extends Element = HTMLElement>(fn: (el: E, arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  evaluateAll<R, A = undefined>(fn: (els: HTMLElement[], arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
}

/** A document: a page's main frame or a frame in it (the review panel). */
export interface Surface {
  locator(selector: string, opts?: { hasText?: string | RegExp }): Loc;
  /** A function run with `arg`, or an expression's source text (e.g. a library's source, run as it is). */
  evaluate<R, A = undefined>(fn: ((arg: A) => R | Promise<R>) | string, arg?: A): Promise<R>;
  waitForFunction<A = undefined>(fn: (arg: A) => unknown, arg?: A, opts?: { timeout?: number; polling?: number }): Promise<unknown>;
}

/** The review panel's frame. */
export interface PanelSurface extends Surface {
  isDetached(): boolean;
}

export interface DriverPage extends Surface {
  goto(url: string): Promise<unknown>;
  reload(): Promise<unknown>;
  close(): Promise<void>;
  /** Makes this the active tab (a background tab's animation frames are throttled). */
  bringToFront(): Promise<void>;
  waitForTimeout(ms: number): Promise<void>;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  emulateMedia(opts: { colorScheme: 'light' | 'dark' }): Promise<void>;
  screenshot(opts: { path: string; fullPage?: boolean }): Promise<unknown>;
  readonly keyboard: { press(key: string): Promise<void> };
  readonly mouse: { click(x: number, y: number): Promise<void>; move(x: number, y: number): Promise<void> };
  /** Uncaught errors in the page. */
  on(event: 'pageerror', listener: (error: Error) => void): unknown;
}

export interface LaunchOptions {
  /** The extension's UI language as the browser reports it (browser.i18n.getUILanguage()). */
  uiLanguage?: 'ja';
  /** Hosts the browser resolves to 127.0.0.1 (a blocklisted domain served by the test's own server). */
  hostsToLocalhost?: string[];
}

/** One browser with the built extension installed. */
export interface BrowserSession {
  readonly name: BrowserName;
  readonly extensionOrigin: string;
  newPage(): Promise<DriverPage>;
  /** An extension page (popup.html, try.html, …) in a tab of its own. */
  openExtensionPage(path: string, opts?: { width?: number; height?: number; colorScheme?: 'light' | 'dark' }): Promise<DriverPage>;
  /** Runs `action` and returns the tab it opened. */
  waitForNewPage(action: () => Promise<unknown>): Promise<DriverPage>;
  /** Merges into the stored settings (browser.storage.local `settings`), from an extension context. */
  setSettings(settings: Record<string, unknown>): Promise<void>;
  /** Runs in an extension context: Chromium's service worker, a Firefox extension page. `chrome.*` exists in both. */
  inExtension<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /**
   * Ids of the system notifications the extension showed: Chromium's open ones (notifications.getAll); Firefox
   * headless has no notification service and closes each one as it is created, so there the ids its onClosed
   * event reported since launch.
   */
  notifications(): Promise<string[]>;
  /**
   * Stops the background as the browser does when it idles: Chromium's service worker (CDP
   * ServiceWorker.stopAllWorkers), Firefox's event page (the call about:debugging's "Terminate background script"
   * makes). The next event starts it again.
   */
  stopBackground(): Promise<void>;
  /** The review panel showing a request on this page (not a kept, hidden frame). */
  reviewFrame(page: DriverPage, timeoutMs?: number): Promise<PanelSurface>;
  reviewFrames(page: DriverPage): Promise<PanelSurface[]>;
  /** A frame of the page whose address ends with `suffix` (a page's own iframe). */
  childFrame(page: DriverPage, suffix: string, timeoutMs?: number): Promise<Surface>;
  close(): Promise<void>;
}

export interface Driver {
  readonly name: BrowserName;
  /** Why it cannot run on this machine, or undefined. */
  unavailable(): string | undefined;
  launch(opts?: LaunchOptions): Promise<BrowserSession>;
}

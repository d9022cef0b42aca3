import { browser } from 'wxt/browser';
import { afterLoadIdle } from './after-load';
import { randomKey } from './random-key';

/**
 * The review panel: an iframe of the extension's own origin inside a closed shadow root, so the page can
 * neither read nor restyle what it shows. If the page removes it, it is put back.
 *
 * A panel frame is never moved (moving a frame reloads it, except with Chromium's `moveBefore`, which Firefox lacks).
 * Instead its host element changes state in place: a frame can wait hidden on the page (standby) and become the
 * next panel by a style change and a message. That standby frame comes from two places:
 * - preloaded (`preloadPanel`), once the page shows it uses a wallet (its first provider call, or an EIP-6963
 *   provider request), after the page's load event and when the page is idle: pages that never ask a wallet for
 *   anything load nothing;
 * - kept: a removed panel's frame stays loaded, hidden and blank, for the next request on the page.
 * A standby frame is told its next request by a message only it accepts: addressed to the extension's origin and
 * carrying the frame's secret (a preloaded frame's `window.name`, a kept frame's first key), which the page never
 * sees. The frame confirms it shows the request; without that confirmation in time, a fresh frame is loaded
 * instead. A request that arrives while the preloaded frame is still loading waits for it (it is further along
 * than a fresh frame would be), up to `LOAD_MS`, then a fresh frame replaces it.
 */
export interface Panel {
  setMode(mode: 'review' | 'companion'): void;
  remove(): void;
}

/** 400 px wide, or the window less its margins: a 360 px window (MetaMask's own is 357) still shows all of it. */
const STYLE = {
  review: 'width:min(400px,calc(100vw - 24px));height:min(640px,calc(100vh - 24px));',
  companion: 'width:min(400px,calc(100vw - 24px));height:min(210px,calc(100vh - 24px));',
};
const FRAME_LOOK = 'border:0;border-radius:12px;box-shadow:0 8px 32px rgba(0,0,0,.35);background:Canvas;color-scheme:light dark;';
const HOST_SHOWN = 'all:initial;position:fixed;top:12px;right:12px;z-index:2147483647;display:block;';
const HOST_HIDDEN = 'all:initial;position:fixed;top:0;left:0;width:0;height:0;overflow:hidden;visibility:hidden;pointer-events:none;display:block;';

/** The key a standby frame shows: nothing (entrypoints/review/main.tsx). */
export const STANDBY_KEY = 'standby';
/** How long a loaded standby frame has to confirm it shows the next request before a fresh frame replaces it. */
const CONFIRM_MS = 1_000;
/** How long a request waits for a preloaded frame that is still loading before a fresh frame replaces it. */
const LOAD_MS = 5_000;

/** A panel frame and the secret it accepts `show` messages with. */
interface PanelFrame {
  frame: HTMLIFrameElement;
  secret: string;
  /** The frame confirmed it is loaded and listening (its first show). */
  ready: boolean;
  /** Called once when the frame first confirms (at once if it already has). */
  onReady(fn: () => void): void;
  /** Removes the frame and stops waiting for its first confirmation. */
  drop(): void;
}

/** A host element on the page (closed shadow root) holding one frame. */
interface Slot {
  host: HTMLElement;
  root: ShadowRoot;
  frame: PanelFrame;
}

/** The frame waiting hidden for the next panel on this page. */
let standby: Slot | undefined;
/** A preload asked for and not yet started (it waits for the page's load event and an idle moment). */
let preloadScheduled = false;
/** Panels on the page now (shown or companion): no preload while one is up, its frame is kept afterwards. */
let mounted = 0;
let shows = 0;
/** Confirmations from our frames ({t:'preflight:shown', n}); the page cannot forge `event.source`. */
const confirmations = new Map<number, { frame: HTMLIFrameElement; done(): void }>();
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  window.addEventListener('message', (e) => {
    const d = e.data as { t?: unknown; n?: unknown } | null;
    if (!d || d.t !== 'preflight:shown' || typeof d.n !== 'number') return;
    const waiting = confirmations.get(d.n);
    if (waiting && e.source === waiting.frame.contentWindow) waiting.done();
  });
}

const panelUrl = (key: string) => `${browser.runtime.getURL('/review.html')}#${key}`;
const extensionOrigin = () => new URL(browser.runtime.getURL('/')).origin;
const attachTo = (host: HTMLElement) => (document.body ?? document.documentElement).appendChild(host);

/** Tells a loaded frame to show `key`; calls `failed` if it does not confirm in time. */
function tell(p: PanelFrame, key: string, failed: () => void): void {
  listen();
  const n = ++shows;
  const timer = setTimeout(() => {
    confirmations.delete(n);
    failed();
  }, CONFIRM_MS);
  confirmations.set(n, {
    frame: p.frame,
    done: () => {
      clearTimeout(timer);
      confirmations.delete(n);
    },
  });
  // The frame's origin is the extension's own id, not the dynamic URL it was loaded from: try both.
  for (const origin of new Set([extensionOrigin(), `chrome-extension://${browser.runtime.id}`])) {
    try {
      p.frame.contentWindow?.postMessage({ t: 'preflight:show', secret: p.secret, key, n }, origin);
    } catch {
      // not that origin
    }
  }
}

/** A frame showing `key` when it loads; with `key` = standby, a blank frame whose secret is its window name. */
function newFrame(key: string): PanelFrame {
  const frame = document.createElement('iframe');
  const secret = key === STANDBY_KEY ? randomKey() : key;
  // The name is the frame's window.name: readable inside the frame, not by the page (another origin).
  if (key === STANDBY_KEY) frame.name = secret;
  frame.src = panelUrl(key);
  frame.setAttribute('allow', '');
  frame.setAttribute('title', 'Preflight review');
  let waiters: (() => void)[] = [];
  // The first show confirms too (n = 0): only then may the frame be told another request.
  const onShown = (e: MessageEvent) => {
    const d = e.data as { t?: unknown; n?: unknown } | null;
    if (d?.t === 'preflight:shown' && d.n === 0 && e.source === frame.contentWindow) {
      p.ready = true;
      window.removeEventListener('message', onShown);
      const w = waiters;
      waiters = [];
      for (const fn of w) fn();
    }
  };
  window.addEventListener('message', onShown);
  const p: PanelFrame = {
    frame,
    secret,
    ready: false,
    onReady(fn) {
      if (p.ready) fn();
      else waiters.push(fn);
    },
    drop() {
      waiters = [];
      window.removeEventListener('message', onShown);
      frame.remove();
    },
  };
  return p;
}

function newSlot(key: string, hidden: boolean): Slot {
  const host = document.createElement('preflight-panel');
  host.setAttribute('style', hidden ? HOST_HIDDEN : HOST_SHOWN);
  if (hidden) host.setAttribute('data-standby', '');
  const root = host.attachShadow({ mode: 'closed' });
  const frame = newFrame(key);
  root.appendChild(frame.frame);
  attachTo(host);
  return { host, root, frame };
}

const styleFrame = (p: PanelFrame, mode: 'review' | 'companion') => p.frame.setAttribute('style', `${STYLE[mode]}${FRAME_LOOK}`);

/** The standby slot, if it is still on this page (the page may have removed its host). */
function takeStandby(): Slot | undefined {
  const kept = standby;
  standby = undefined;
  if (!kept) return undefined;
  if (kept.host.isConnected && kept.frame.frame.isConnected) return kept;
  kept.frame.drop();
  kept.host.remove();
  return undefined;
}

/** Hides a slot and keeps it for the next panel (blank while hidden); false where that is not possible. */
function keepForLater(slot: Slot): boolean {
  if (standby && !standby.host.isConnected) takeStandby(); // removed by the page: let it go
  if (standby || !slot.frame.ready || !slot.host.isConnected) return false;
  slot.host.setAttribute('style', HOST_HIDDEN);
  slot.host.setAttribute('data-standby', '');
  standby = slot;
  // Blank while hidden; a frame that does not confirm is not reused.
  tell(slot.frame, STANDBY_KEY, () => {
    if (standby !== slot) return; // taken for a request meanwhile: that show has its own confirmation
    standby = undefined;
    slot.frame.drop();
    slot.host.remove();
  });
  return true;
}

/**
 * Loads a hidden panel frame for this page's first request, after the page's load event, when the page is idle:
 * called when the page shows it talks to a wallet. Does nothing if a frame is already there or on its way.
 */
export function preloadPanel(): void {
  if (preloadScheduled || mounted > 0 || (standby && standby.host.isConnected)) return;
  preloadScheduled = true;
  const start = () => {
    if (!preloadScheduled) return; // a request came first and loaded its own frame
    preloadScheduled = false;
    if (mounted > 0 || (standby && standby.host.isConnected)) return;
    takeStandby();
    standby = newSlot(STANDBY_KEY, true);
    styleFrame(standby.frame, 'review');
  };
  // A frame added before the load event would hold the page's own load event back.
  afterLoadIdle(start);
}

export function mountPanel(key: string): Panel {
  // A request now: a preload not yet started is not needed any more (this panel's frame is kept afterwards).
  preloadScheduled = false;
  mounted++;
  let removed = false;
  let mode: 'review' | 'companion' = 'review';
  let slot: Slot;
  const setStyle = (m: 'review' | 'companion') => {
    mode = m;
    styleFrame(slot.frame, m);
  };
  /** Replaces the shown frame by a freshly loaded one (the standby frame did not confirm or did not load). */
  const replaceWithFresh = () => {
    if (removed) return;
    slot.frame.drop();
    slot.frame = newFrame(key);
    slot.root.appendChild(slot.frame.frame);
    setStyle(mode);
  };

  const kept = takeStandby();
  if (kept) {
    slot = kept;
    slot.host.removeAttribute('data-standby');
    slot.host.setAttribute('style', HOST_SHOWN);
    const taken = slot.frame;
    if (taken.ready) tell(taken, key, replaceWithFresh);
    else {
      // Still loading (preloaded just before this request): it shows this request as soon as it is up.
      const late = setTimeout(() => slot.frame === taken && replaceWithFresh(), LOAD_MS);
      taken.onReady(() => {
        clearTimeout(late);
        if (!removed && slot.frame === taken) tell(taken, key, replaceWithFresh);
      });
    }
  } else {
    slot = newSlot(key, false);
  }
  setStyle('review');

  const observer = new MutationObserver(() => {
    if (removed || slot.host.isConnected) return;
    // Put back: the frame loads again from its src, so point that at this request first.
    if (slot.frame.secret !== key) replaceWithFresh();
    attachTo(slot.host);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });

  return {
    setMode: setStyle,
    remove() {
      if (removed) return;
      removed = true;
      mounted--;
      observer.disconnect();
      if (!keepForLater(slot)) {
        slot.frame.drop();
        slot.host.remove();
      }
    },
  };
}

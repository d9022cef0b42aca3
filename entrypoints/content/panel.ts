import { browser } from 'wxt/browser';

/**
 * The review panel: an iframe of the extension's own origin inside a closed shadow root, so the page can
 * neither read nor restyle what it shows. If the page removes it, it is put back.
 *
 * A removed panel's frame is kept loaded, hidden and blank, and the next panel on this page takes it over: the
 * review page (React and its strings) loads once per page, not once per request. The frame is moved without
 * reloading it (`moveBefore`, Chromium 133+) and told its next request by a message only it accepts: addressed to
 * the extension's origin and carrying the key the frame was loaded with (a secret the page never sees). The frame
 * confirms it shows the request; without that confirmation in time, a fresh frame is loaded instead. Where frames
 * cannot be moved (Firefox), every panel loads a fresh frame as before.
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

/** The key a kept frame shows while hidden: nothing (entrypoints/review/main.tsx). */
export const STANDBY_KEY = 'standby';
/** How long a kept frame has to confirm it shows the next request before a fresh frame replaces it. */
const CONFIRM_MS = 1_000;

/** A loaded panel frame and the key it was loaded with (what it accepts `show` messages with). */
interface PanelFrame {
  frame: HTMLIFrameElement;
  secret: string;
  /** The frame confirmed showing a request (it is loaded and listening). */
  ready: boolean;
}

type MoveBefore = (node: Node, child: Node | null) => void;
const moveBeforeOf = (parent: ParentNode): MoveBefore | undefined => {
  const m = (parent as unknown as { moveBefore?: MoveBefore }).moveBefore;
  return typeof m === 'function' ? m.bind(parent) : undefined;
};

/** The kept frame, in its own hidden host, while no panel shows. */
let standby: { host: HTMLElement; panel: PanelFrame } | undefined;
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
      p.ready = true;
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

function freshFrame(key: string): PanelFrame {
  const frame = document.createElement('iframe');
  frame.src = panelUrl(key);
  frame.setAttribute('allow', '');
  frame.setAttribute('title', 'Preflight review');
  const p: PanelFrame = { frame, secret: key, ready: false };
  listen();
  // The first show confirms too: only then may the frame be kept for the next request.
  const onShown = (e: MessageEvent) => {
    const d = e.data as { t?: unknown; n?: unknown } | null;
    if (d?.t === 'preflight:shown' && d.n === 0 && e.source === frame.contentWindow) {
      p.ready = true;
      window.removeEventListener('message', onShown);
    }
  };
  window.addEventListener('message', onShown);
  return p;
}

/** The kept frame, if it is still loaded on this page (the page may have removed its host). */
function takeStandby(): { host: HTMLElement; panel: PanelFrame } | undefined {
  const kept = standby;
  standby = undefined;
  if (!kept) return undefined;
  if (kept.host.isConnected && kept.panel.frame.isConnected) return kept;
  kept.host.remove();
  return undefined;
}

/** Keeps a loaded frame in a hidden host for the next panel; false where that is not possible. */
function keepForLater(p: PanelFrame): boolean {
  if (standby || !p.ready || !p.frame.isConnected) return false;
  const host = document.createElement('preflight-standby');
  host.setAttribute('style', 'all:initial;position:fixed;top:0;left:0;width:0;height:0;overflow:hidden;visibility:hidden;pointer-events:none;display:block;');
  host.setAttribute('aria-hidden', 'true');
  const root = host.attachShadow({ mode: 'closed' });
  const move = moveBeforeOf(root);
  if (!move) return false;
  attachTo(host);
  try {
    move(p.frame, null);
  } catch {
    host.remove();
    return false;
  }
  const kept = { host, panel: p };
  standby = kept;
  // Blank while hidden; a frame that does not confirm is not reused.
  tell(p, STANDBY_KEY, () => {
    if (standby === kept) standby = undefined;
    host.remove();
  });
  return true;
}

export function mountPanel(key: string): Panel {
  const host = document.createElement('preflight-panel');
  host.setAttribute('style', 'all:initial;position:fixed;top:12px;right:12px;z-index:2147483647;display:block;');
  const root = host.attachShadow({ mode: 'closed' });
  attachTo(host);
  let removed = false;
  let mode: 'review' | 'companion' = 'review';
  const setStyle = (m: 'review' | 'companion') => {
    mode = m;
    current.frame.setAttribute('style', `${STYLE[m]}border:0;border-radius:12px;box-shadow:0 8px 32px rgba(0,0,0,.35);background:Canvas;color-scheme:light dark;`);
  };
  /** Replaces the shown frame by a freshly loaded one (the kept frame did not confirm, or could not be moved). */
  const replaceWithFresh = () => {
    if (removed) return;
    current.frame.remove();
    current = freshFrame(key);
    root.appendChild(current.frame);
    setStyle(mode);
  };

  let current: PanelFrame;
  const kept = takeStandby();
  const move = moveBeforeOf(root);
  let reused = false;
  if (kept && move) {
    try {
      move(kept.panel.frame, null);
      reused = true;
    } catch {
      // not movable here: a fresh frame below
    }
  }
  kept?.host.remove(); // with the kept frame in it, unless it moved out
  if (kept && reused) {
    current = kept.panel;
    current.ready = false;
    tell(current, key, replaceWithFresh);
  } else {
    current = freshFrame(key);
    root.appendChild(current.frame);
  }
  setStyle('review');

  const observer = new MutationObserver(() => {
    if (removed || host.isConnected) return;
    // Put back: the frame loads again from its src, so point that at this request first.
    if (current.secret !== key) {
      current.frame.remove();
      current = freshFrame(key);
      root.appendChild(current.frame);
      setStyle(mode);
    }
    attachTo(host);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });

  return {
    setMode: setStyle,
    remove() {
      removed = true;
      observer.disconnect();
      if (!host.isConnected || !keepForLater(current)) current.frame.remove();
      host.remove();
    },
  };
}

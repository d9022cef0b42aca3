import { browser } from 'wxt/browser';
import type { RuntimeMessage, TabMessage } from '@/core/messages';
import { isReviewedMethod, type ReviewedMethod } from '@/core/review/types';
import type { PhishingCheckResponse } from '@/core/messages';
import type { ReviewFees } from '@/core/intercept/protocol';
import { showBypassBanner, showPhishingBanner, showUnwrappableBanner } from './banner';
import { openContentChannel } from './channel';
import { mountPanel, preloadPanel, type Panel } from './panel';
import { installStreamGuard } from './stream-guard';
import { afterLoadIdle } from './after-load';
import { randomKey } from './random-key';
import { keepWarmWhileInUse } from './keep-warm';

/**
 * A page may not queue more than this many undecided requests: the rest are rejected at once (4001),
 * never forwarded, so a flood can neither bury the user in panels nor slip a request past them.
 */
export const MAX_PENDING_PER_PAGE = 20;

/** A page's presses and keys wake the worker at most this often (Chrome stops an idle one after ~30 s). */
const WARM_EVERY_MS = 10_000;

interface Pending {
  key: string;
  panel?: Panel;
  decided: boolean;
  /** Called once with the user's decision. */
  decide(decision: 'continue' | 'reject', fees?: ReviewFees): void;
}

/**
 * Firefox gives an extension frame inside a sandboxed frame without allow-same-origin (an opaque origin) the sandbox
 * too, and with it no extension APIs: a panel there would stay blank while its request waits. So such a frame's
 * panel is shown on the tab's top page (through the background); Chromium runs the panel in the frame itself.
 */
const panelElsewhere = browser.runtime.getURL('/').startsWith('moz-extension:') && window !== window.top && window.origin === 'null';

/** The panel of this frame's request, on the top page; shown here after all if the top page cannot show it. */
function topPanel(key: string): Panel {
  let local: Panel | undefined;
  let removed = false;
  let mode: 'review' | 'companion' = 'review';
  const ask: RuntimeMessage = { t: 'panel:top', key };
  browser.runtime.sendMessage(ask).then(
    (answer: { ok?: boolean } | undefined) => {
      if (answer?.ok || removed) return;
      local = mountPanel(key);
      local.setMode(mode);
    },
    () => {
      if (removed) return;
      local = mountPanel(key);
      local.setMode(mode);
    },
  );
  return {
    // The top page's panel goes when the decision arrives there; a companion card is not kept for such a frame.
    setMode(m) {
      mode = m;
      local?.setMode(m);
    },
    remove() {
      removed = true;
      local?.remove();
    },
  };
}


/** Only the language is needed here: read it directly rather than bundle the settings module. */
const lang = (): Promise<'en' | 'ja'> =>
  browser.storage.local.get('settings').then(
    (r: Record<string, unknown>) => ((r.settings as { lang?: string } | undefined)?.lang === 'ja' ? 'ja' : 'en'),
    () => 'en' as const,
  );

/** Sends to the background, retrying while its worker starts. */
function sendRuntime(message: RuntimeMessage): void {
  const send = (attempt: number): void => {
    browser.runtime.sendMessage(message).catch(() => attempt < 3 && setTimeout(() => send(attempt + 1), 200 * (attempt + 1)));
  };
  send(0);
}

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  allFrames: true,
  main() {
    // The language, read once: the bypass banner must not wait for storage when MetaMask already has the request.
    let language: 'en' | 'ja' = 'en';
    void lang().then((l) => (language = l));
    const byKey = new Map<string, Pending>();
    /** The wrapper's requests by its id. */
    const byId = new Map<string, Pending>();
    const queue: Pending[] = [];
    let floodWarned = false;
    let bypassReports = 0;

    /** One panel at a time: the oldest undecided request is shown; the rest wait their turn. */
    const showNext = () => {
      const next = queue.find((p) => !p.decided);
      if (next && !next.panel) next.panel = panelElsewhere ? topPanel(next.key) : mountPanel(next.key);
    };
    /** Panels shown here for requests of this tab's frames whose own panel could not run (top frame only). */
    const forFrames = new Map<string, Panel>();
    const forget = (p: Pending) => {
      p.panel?.remove();
      byKey.delete(p.key);
    };

    // Asked at load and again with each request the page sends to be signed: a list learnt while the page is open
    // (MetaMask's or ScamSniffer's, fetched in the background) shows its banner by the page's next request at the latest.
    let phishingBanner = false;
    const checkPhishing = () => {
      if (phishingBanner || window !== window.top) return;
      const ask: RuntimeMessage = { t: 'phishing:check' };
      browser.runtime.sendMessage(ask).then(
        (answer: { ok: boolean; result?: PhishingCheckResponse }) => {
          if (!answer?.ok || !answer.result?.listed || phishingBanner) return;
          phishingBanner = true;
          showPhishingBanner(answer.result);
        },
        () => undefined,
      );
    };

    /** Queues a review and starts it in the background; undefined when the page already has too many waiting. */
    const enqueue = (request: { method: ReviewedMethod; params: unknown; chainId: string | null }, decide: Pending['decide']): Pending | undefined => {
      if (queue.length >= MAX_PENDING_PER_PAGE) {
        if (!floodWarned) console.warn(`[Preflight] more than ${MAX_PENDING_PER_PAGE} signing requests waiting on this page: the rest are rejected.`);
        floodWarned = true;
        return undefined;
      }
      checkPhishing();
      const p: Pending = { key: randomKey(), decided: false, decide };
      byKey.set(p.key, p);
      queue.push(p);
      sendRuntime({ t: 'review:start', key: p.key, request });
      showNext();
      return p;
    };

    const guard = installStreamGuard({
      async review(request) {
        const chainId = request.chainId ?? (await guard.chainId());
        return new Promise((resolve) => {
          const p = enqueue({ method: request.method, params: request.params, chainId }, (decision, fees) => {
            if (decision === 'continue') p?.panel?.setMode('companion');
            else if (p) forget(p);
            resolve({ decision, fees, onAnswered: () => p && forget(p) });
          });
          if (!p) resolve({ decision: 'reject' });
        });
      },
      bypassed(requests) {
        // The banner first: MetaMask already has the request.
        // In a frame, the background puts the banner on the top page, where the user looks.
        if (window === window.top) showBypassBanner(language, requests[0]!.method);
        // The chain a request without a scope is for: MetaMask's, as the guard last saw it on the stream (or asked there, at most 1 s).
        const wallet = requests.some((r) => r.chainId === null) ? guard.chainId() : Promise.resolve(null);
        const listed: typeof requests = [];
        for (const r of requests) {
          // A flood gets one banner and the first requests in the Reviews tab, not a notification each.
          if (bypassReports++ >= MAX_PENDING_PER_PAGE) {
            if (bypassReports === MAX_PENDING_PER_PAGE + 1) console.warn('[Preflight] this page keeps sending signing requests straight to MetaMask; only the first are listed.');
            continue;
          }
          listed.push(r);
        }
        void wallet.then((chainId) => {
          for (const r of listed) sendRuntime({ t: 'bypass:stream', key: randomKey(), request: { method: r.method, params: r.params, chainId: r.chainId ?? chainId } });
        });
      },
    });

    // Chrome stops an idle extension worker after ~30 s, and starting it again (fetching and compiling its bundle) is
    // most of the wait for the first request after that. Once the page has used a wallet, a press, a key or the pointer
    // moving on the page, or the tab shown again, wakes the worker (at most once per WARM_EVERY_MS): its start then
    // overlaps the click that asks to sign and whatever the dApp does before it sends the request. Pages that never ask
    // a wallet for anything send nothing.
    let usesWallet = false;
    let warmedAt = -Infinity;
    const sendWarm = () => {
      warmedAt = performance.now();
      const ask: RuntimeMessage = { t: 'worker:warm' };
      try {
        browser.runtime.sendMessage(ask).catch(() => undefined);
      } catch {
        // The extension was reloaded or updated under this page: this script can no longer reach it.
      }
    };
    // And while such a page is in use (visible, and loaded, pressed, typed in, pointed at, shown again or asked to sign
    // within IN_USE_FOR_MS), the worker is not left to stop: a message every KEEP_WARM_EVERY_MS keeps it running, so a
    // user who reads the page for a minute and then signs meets a running worker. A hidden tab, or one left alone for
    // IN_USE_FOR_MS, lets it stop.
    const keepWarm = keepWarmWhileInUse({
      send: sendWarm,
      visible: () => document.visibilityState === 'visible',
      now: () => performance.now(),
      setTimer: (fn, ms) => window.setTimeout(fn, ms),
      clearTimer: (id) => window.clearTimeout(id),
    });
    const used = () => {
      if (!usesWallet) return;
      keepWarm.used();
      if (performance.now() - warmedAt >= WARM_EVERY_MS) sendWarm();
    };
    window.addEventListener('pointerdown', used, { capture: true, passive: true });
    window.addEventListener('keydown', used, { capture: true, passive: true });
    // The pointer moving over the page, and the tab shown again, come before a click to sign by a second or more: the
    // worker's start then overlaps them (a user back at a tab left for longer than IN_USE_FOR_MS meets a running worker).
    window.addEventListener('pointermove', used, { capture: true, passive: true });
    document.addEventListener(
      'visibilitychange',
      () => {
        if (!usesWallet) return;
        keepWarm.visibilityChanged();
        if (document.visibilityState === 'visible') used();
      },
      { passive: true },
    );

    const channel = openContentChannel((m) => {
      if (m.t === 'review' || m.t === 'interest') {
        usesWallet = true;
        keepWarm.used(); // the page's first wallet use (the user has just opened it), and each request since
      }
      if (m.t === 'review') {
        if (!isReviewedMethod(m.method) || byId.has(m.id)) return;
        channel.send({ t: 'ack', id: m.id });
        const p = enqueue({ method: m.method, params: m.params, chainId: m.chainId }, (decision, fees) => {
          // The wrapper forwards exactly this request next: the stream guard lets that one message through.
          if (decision === 'continue' && m.via !== 'port') guard.expectForward(m.method, m.params, fees);
          channel.send({ t: 'decision', id: m.id, decision, fees });
          if (decision === 'continue') p?.panel?.setMode('companion');
          else if (p) {
            forget(p);
            byId.delete(m.id);
          }
        });
        if (p) byId.set(m.id, p);
        else channel.send({ t: 'decision', id: m.id, decision: 'reject' });
      } else if (m.t === 'interest') {
        if (!panelElsewhere) preloadPanel(); // (such a frame's panel shows on the top page)
      } else if (m.t === 'unwrappable') {
        void lang().then(showUnwrappableBanner);
      } else if (m.t === 'settled') {
        // The wallet answered: the companion card has done its job.
        const p = byId.get(m.id);
        if (p) {
          forget(p);
          byId.delete(m.id);
        }
      }
    });

    // Phishing banner once the page has loaded (top frame only: one banner per tab), or at its first request if that
    // comes sooner. Asked after the load event and an idle moment: starting the worker (parsing its bundle) would
    // otherwise compete with the page's own loading for the CPU on every page load.
    if (window === window.top) afterLoadIdle(checkPhishing, 500);

    browser.runtime.onMessage.addListener((message: unknown) => {
      const m = message as TabMessage;
      if (m?.t === 'bypass:banner') {
        if (window === window.top) showBypassBanner(language, m.method);
        return;
      }
      if (m?.t === 'panel:show') {
        if (window === window.top && !forFrames.has(m.key)) forFrames.set(m.key, mountPanel(m.key));
        return;
      }
      if (m?.t !== 'review:decided') return;
      const shownForFrame = forFrames.get(m.key);
      if (shownForFrame) {
        forFrames.delete(m.key);
        shownForFrame.remove();
      }
      const p = byKey.get(m.key);
      if (!p || p.decided) return;
      p.decided = true;
      queue.splice(queue.indexOf(p), 1);
      p.decide(m.decision, m.fees);
      showNext();
    });
  },
});

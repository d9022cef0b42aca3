import { browser } from 'wxt/browser';
import type { RuntimeMessage, TabMessage } from '@/core/messages';
import { isReviewedMethod } from '@/core/review/types';
import type { PhishingCheckResponse } from '@/core/messages';
import { showPhishingBanner, showUnwrappableBanner } from './banner';
import { openContentChannel } from './channel';
import { mountPanel, type Panel } from './panel';

/**
 * A page may not queue more than this many undecided requests: the rest are rejected at once (4001),
 * never forwarded, so a flood can neither bury the user in panels nor slip a request past them.
 */
export const MAX_PENDING_PER_PAGE = 20;

interface Pending {
  id: string;
  key: string;
  panel?: Panel;
  decided: boolean;
}

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  allFrames: true,
  main() {
    const byKey = new Map<string, Pending>();
    const byId = new Map<string, Pending>();
    const queue: Pending[] = [];
    let floodWarned = false;
    const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(16).padStart(2, '0')).join('');

    /** One panel at a time: the oldest undecided request is shown; the rest wait their turn. */
    const showNext = () => {
      const next = queue.find((p) => !p.decided);
      if (next && !next.panel) next.panel = mountPanel(next.key);
    };

    const channel = openContentChannel((m) => {
      if (m.t === 'review') {
        if (!isReviewedMethod(m.method) || byId.has(m.id)) return;
        if (queue.length >= MAX_PENDING_PER_PAGE) {
          channel.send({ t: 'ack', id: m.id });
          channel.send({ t: 'decision', id: m.id, decision: 'reject' });
          if (!floodWarned) console.warn(`[Preflight] more than ${MAX_PENDING_PER_PAGE} signing requests waiting on this page: the rest are rejected.`);
          floodWarned = true;
          return;
        }
        const p: Pending = { id: m.id, key: newKey(), decided: false };
        byId.set(m.id, p);
        byKey.set(p.key, p);
        queue.push(p);
        channel.send({ t: 'ack', id: m.id });
        const start: RuntimeMessage = { t: 'review:start', key: p.key, request: { method: m.method, params: m.params, chainId: m.chainId } };
        const send = (attempt: number): void => {
          browser.runtime.sendMessage(start).catch(() => attempt < 3 && setTimeout(() => send(attempt + 1), 200 * (attempt + 1)));
        };
        send(0);
        showNext();
      } else if (m.t === 'unwrappable') {
        // Only the language is needed here: read it directly rather than bundle the settings module.
        browser.storage.local.get('settings').then(
          (r: Record<string, unknown>) => showUnwrappableBanner((r.settings as { lang?: string } | undefined)?.lang === 'ja' ? 'ja' : 'en'),
          () => showUnwrappableBanner('en'),
        );
      } else if (m.t === 'settled') {
        // The wallet answered: the companion card has done its job.
        const p = byId.get(m.id);
        if (p) {
          p.panel?.remove();
          byId.delete(m.id);
          byKey.delete(p.key);
        }
      }
    });

    // Phishing banner as soon as the page's DOM is there (top frame only: one banner per tab). Asked after
    // DOMContentLoaded so that waking the worker never competes with the page's own loading.
    if (window === window.top) {
      const check = () => {
        const ask: RuntimeMessage = { t: 'phishing:check' };
        browser.runtime.sendMessage(ask).then(
          (answer: { ok: boolean; result?: PhishingCheckResponse }) => answer?.ok && answer.result?.listed && showPhishingBanner(answer.result),
          () => undefined,
        );
      };
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', check, { once: true });
      else check();
    }

    browser.runtime.onMessage.addListener((message: unknown) => {
      const m = message as TabMessage;
      if (m?.t !== 'review:decided') return;
      const p = byKey.get(m.key);
      if (!p || p.decided) return;
      p.decided = true;
      queue.splice(queue.indexOf(p), 1);
      channel.send({ t: 'decision', id: p.id, decision: m.decision, fees: m.fees });
      if (m.decision === 'continue') p.panel?.setMode('companion');
      else {
        p.panel?.remove();
        byId.delete(p.id);
        byKey.delete(p.key);
      }
      showNext();
    });
  },
});

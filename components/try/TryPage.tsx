import { useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { wrapProvider, type Verdict } from '@/core/intercept/wrap-provider';
import type { Lang } from '@/core/i18n/localized';
import { isReviewedMethod } from '@/core/review/types';
import type { RuntimeMessage, TabMessage } from '@/core/messages';
import { mountPanel } from '@/entrypoints/content/panel';
import { t } from '@/components/i18n/ui-text';
import { EXAMPLES, type Example } from './examples';
import { pretendWallet } from './pretend-wallet';

interface Outcome {
  id: string;
  text: string;
  status: 'rejected' | 'not-signed' | 'error';
}

const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The pretend wallet wrapped by Preflight's own provider wrapper (core/intercept/wrap-provider.ts), with the real
 * review flow: the background reviews the request, the panel (review.html) is framed on this page, and the
 * decision comes back as it does to the content script on any dApp page. The wallet never signs.
 */
function reviewedPretendWallet() {
  const waiting = new Map<string, { resolve(v: Verdict): void; params: unknown; panel: ReturnType<typeof mountPanel> }>();
  const panels = new Map<string, ReturnType<typeof mountPanel>>();
  browser.runtime.onMessage.addListener((message: unknown) => {
    const m = message as TabMessage;
    if (m?.t !== 'review:decided') return;
    const w = waiting.get(m.key);
    if (!w) return;
    waiting.delete(m.key);
    if (m.decision === 'continue') {
      w.panel.setMode('companion');
      panels.set(m.key, w.panel);
    } else w.panel.remove();
    w.resolve({ decision: m.decision, fees: m.fees, ticket: m.key, params: w.params });
  });
  const wallet = pretendWallet('0x1');
  wrapProvider(wallet, {
    async review(method, params) {
      const key = newKey();
      if (!isReviewedMethod(method)) return { decision: 'continue' }; // the wrapper asks only for reviewed methods
      const copy = structuredClone(params);
      const start: RuntimeMessage = { t: 'review:start', key, request: { method, params: copy, chainId: '0x1' } };
      const decided = new Promise<Verdict>((resolve) => waiting.set(key, { resolve, params: copy, panel: mountPanel(key) }));
      await browser.runtime.sendMessage(start);
      return decided;
    },
    settled(ticket) {
      // The pretend wallet answered (it refused): the companion card has done its job.
      panels.get(ticket)?.remove();
      panels.delete(ticket);
    },
  });
  return wallet;
}

export function TryPage({ lang }: { lang: Lang }) {
  const wallet = useMemo(reviewedPretendWallet, []);
  const [busy, setBusy] = useState<string | undefined>();
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);

  async function run(example: Example) {
    setBusy(example.id);
    let outcome: Outcome;
    try {
      await wallet.request({ method: example.method, params: example.params(location.origin, location.host, Date.now()) });
      outcome = { id: example.id, status: 'error', text: t(lang, 'trySigned') };
    } catch (e) {
      const code = (e as { code?: number }).code;
      outcome = code === 4001 ? { id: example.id, status: 'rejected', text: t(lang, 'tryRejected') } : code === 4200 ? { id: example.id, status: 'not-signed', text: t(lang, 'tryNotSigned') } : { id: example.id, status: 'error', text: String(e) };
    }
    setOutcomes((o) => [outcome, ...o].slice(0, 20));
    setBusy(undefined);
  }

  const group = (kind: Example['kind']) => (
    <section className="card try-group" aria-labelledby={`try-${kind}`}>
      <h2 id={`try-${kind}`}>{t(lang, kind === 'harmless' ? 'tryHarmless' : 'tryHostile')}</h2>
      <div className="try-buttons">
        {EXAMPLES.filter((x) => x.kind === kind).map((x) => (
          <button key={x.id} type="button" data-testid={`try-${x.id}`} disabled={busy !== undefined} onClick={() => void run(x)}>
            {x.label[lang]}
          </button>
        ))}
      </div>
    </section>
  );

  return (
    <main className="try-page">
      <h1>
        <img src="/icon/32.png" alt="" width={24} height={24} /> {t(lang, 'tryTitle')}
      </h1>
      <p>{t(lang, 'tryIntro')}</p>
      <p className="muted small">{t(lang, 'tryNoWallet')}</p>
      {group('harmless')}
      {group('hostile')}
      <section aria-labelledby="try-log" className="card">
        <h2 id="try-log">{t(lang, 'tryLog')}</h2>
        {outcomes.length === 0 ? (
          <p className="muted small">{t(lang, 'tryLogEmpty')}</p>
        ) : (
          <ul className="small try-log" aria-live="polite">
            {outcomes.map((o, i) => (
              <li key={outcomes.length - i} data-testid={`try-result-${o.id}`} data-status={o.status}>
                <strong>{EXAMPLES.find((x) => x.id === o.id)?.label[lang]}</strong>: {o.text}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

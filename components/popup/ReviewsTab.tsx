import { useEffect, useState } from 'react';
import { pick, type Lang } from '@/core/i18n/localized';
import type { ReviewsListResponse } from '@/core/messages';
import type { BypassEvent } from '@/core/review/bypass-watch';
import { ErrorNotice } from '@/components/ErrorNotice';
import { t, tf, tk } from '@/components/i18n/ui-text';
import { ask } from '@/components/runtime';
import { dateTime } from '@/components/i18n/time';

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/** The request exactly as the page sent it (params as JSON), for a request that reached MetaMask unreviewed. */
function exactRequest(method: string, params: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(params, null, 1) ?? '';
  } catch {
    text = String(params);
  }
  return `${method} ${text.length > 4_000 ? `${text.slice(0, 4_000)}…` : text}`;
}

/** The bypass watcher's after-the-fact warning: transactions from watched accounts that no review explains. */
function BypassNotice({ lang, events, onDismiss }: { lang: Lang; events: BypassEvent[]; onDismiss: () => void }) {
  return (
    <section className="notice" role="alert" data-testid="bypass-notice" data-count={events.reduce((n, e) => n + e.count, 0)}>
      <strong>{t(lang, 'bypassTitle')}</strong>
      <p className="small">{t(lang, 'bypassBody')}</p>
      <ul className="small">
        {events.slice(-5).map((e, i) => (
          <li key={e.hash ?? `${e.account}-${e.detectedAt}-${i}`} data-testid="bypass-item" data-hash={e.hash ?? ''}>
            {e.hash
              ? tf(lang, 'bypassTx', { account: short(e.account), to: e.to ? short(e.to) : '—', block: e.block ?? '?' })
              : tf(lang, 'bypassCount', { n: e.count, account: short(e.account) })}
            {e.hash && <code className="muted"> {short(e.hash)}</code>}
          </li>
        ))}
      </ul>
      <button data-testid="bypass-dismiss" onClick={onDismiss}>
        {t(lang, 'bypassDismiss')}
      </button>
    </section>
  );
}

export function ReviewsTab({ lang }: { lang: Lang }) {
  const [records, setRecords] = useState<ReviewsListResponse | undefined>();
  const [bypass, setBypass] = useState<BypassEvent[]>([]);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    ask<ReviewsListResponse>({ t: 'reviews:list', limit: 100 }).then(setRecords, (e: unknown) => setError(e ?? 'error'));
    ask<BypassEvent[]>({ t: 'bypass:list' }).then(setBypass, () => undefined);
  }, []);
  const dismiss = () => void ask({ t: 'bypass:clear' }).then(() => setBypass([]), () => undefined);
  const notice = bypass.length > 0 && <BypassNotice lang={lang} events={bypass} onDismiss={dismiss} />;
  if (error !== undefined) return <ErrorNotice error={error} lang={lang} testId="reviews-error" />;
  if (!records) return <p className="muted">{t(lang, 'loading')}</p>;
  if (records.length === 0)
    return (
      <>
        {notice}
        <p className="muted">{t(lang, 'noReviews')}</p>
      </>
    );
  const unsaved = records.filter((r) => r.unsaved).length;
  return (
    <>
      {notice}
      {unsaved > 0 && (
        <p className="error-text" role="status" data-testid="reviews-unsaved">
          {tf(lang, 'historyUnsavedList', { n: unsaved })}
        </p>
      )}
      <ul className="history" data-testid="reviews-list">
        {records.map((r) => (
          <li key={r.key} data-testid="review-item" data-verdict={r.review?.verdict ?? ''} data-decision={r.decision ?? ''} data-bypass={r.bypass ?? ''} className={r.bypass ? 'bypassed' : undefined}>
            {r.bypass && (
              <p className="error-text" role="alert" data-testid="review-bypass">
                {t(lang, 'streamBypass')}
              </p>
            )}
            <div>
              <span className={`badge ${r.review?.verdict ?? ''}`}>{r.review ? tk(lang, 'badge_', r.review.verdict) : '…'}</span>{' '}
              <span className="badge">{r.bypass ? t(lang, 'streamBypassBadge') : t(lang, r.decision ? `decision_${r.decision}` : 'decision_none')}</span>{' '}
              {r.unsaved && <span className="badge">{t(lang, 'unsavedBadge')}</span>}{' '}
              <span className="muted small">{dateTime(r.createdAt, lang)}</span>
            </div>
            <div>{r.review ? pick(r.review.summary, lang) : r.request.method}</div>
            <div className="muted small">
              {r.request.origin} · {r.review?.findings.map((f) => f.code).join(', ')}
            </div>
            {r.bypass && (
              <pre className="small request-json" data-testid="bypass-request">
                {exactRequest(r.request.method, r.request.params)}
              </pre>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

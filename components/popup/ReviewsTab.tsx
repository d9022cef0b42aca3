import { useEffect, useState } from 'react';
import { pick, type Lang } from '@/core/i18n/localized';
import type { ReviewsListResponse } from '@/core/messages';
import { t, tf } from '@/components/i18n/ui-text';
import { ask } from '@/components/runtime';

export function ReviewsTab({ lang }: { lang: Lang }) {
  const [records, setRecords] = useState<ReviewsListResponse | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    ask<ReviewsListResponse>({ t: 'reviews:list', limit: 100 }).then(setRecords, (e: unknown) => setError(String(e)));
  }, []);
  if (error) return <p className="error-text">{error}</p>;
  if (!records) return <p className="muted">{t(lang, 'loading')}</p>;
  if (records.length === 0) return <p className="muted">{t(lang, 'noReviews')}</p>;
  const unsaved = records.filter((r) => r.unsaved).length;
  return (
    <>
      {unsaved > 0 && (
        <p className="error-text" role="status" data-testid="reviews-unsaved">
          {tf(lang, 'historyUnsavedList', { n: unsaved })}
        </p>
      )}
      <ul className="history" data-testid="reviews-list">
        {records.map((r) => (
          <li key={r.key} data-testid="review-item" data-verdict={r.review?.verdict ?? ''} data-decision={r.decision ?? ''}>
            <div>
              <span className={`badge ${r.review?.verdict ?? ''}`}>{r.review?.verdict ?? '…'}</span>{' '}
              <span className="badge">{t(lang, r.decision ? `decision_${r.decision}` : 'decision_none')}</span>{' '}
              {r.unsaved && <span className="badge">{t(lang, 'unsavedBadge')}</span>}{' '}
              <span className="muted small">{new Date(r.createdAt).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US')}</span>
            </div>
            <div>{r.review ? pick(r.review.summary, lang) : r.request.method}</div>
            <div className="muted small">
              {r.request.origin} · {r.review?.findings.map((f) => f.code).join(', ')}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

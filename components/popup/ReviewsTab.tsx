import { useEffect, useState } from 'react';
import { pick, type Lang } from '@/core/i18n/localized';
import type { ReviewRecord } from '@/core/store/db';
import { t } from '@/components/i18n/ui-text';
import { ask } from '@/components/runtime';

export function ReviewsTab({ lang }: { lang: Lang }) {
  const [records, setRecords] = useState<ReviewRecord[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    ask<ReviewRecord[]>({ t: 'reviews:list', limit: 100 }).then(setRecords, (e: unknown) => setError(String(e)));
  }, []);
  if (error) return <p className="error-text">{error}</p>;
  if (!records) return <p className="muted">{t(lang, 'loading')}</p>;
  if (records.length === 0) return <p className="muted">{t(lang, 'noReviews')}</p>;
  return (
    <ul className="history" data-testid="reviews-list">
      {records.map((r) => (
        <li key={r.key} data-testid="review-item" data-verdict={r.review?.verdict ?? ''} data-decision={r.decision ?? ''}>
          <div>
            <span className={`badge ${r.review?.verdict ?? ''}`}>{r.review?.verdict ?? '…'}</span>{' '}
            <span className="badge">{t(lang, r.decision ? `decision_${r.decision}` : 'decision_none')}</span>{' '}
            <span className="muted small">{new Date(r.createdAt).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US')}</span>
          </div>
          <div>{r.review ? pick(r.review.summary, lang) : r.request.method}</div>
          <div className="muted small">
            {r.request.origin} · {r.review?.findings.map((f) => f.code).join(', ')}
          </div>
        </li>
      ))}
    </ul>
  );
}

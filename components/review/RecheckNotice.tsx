import { pick, type Lang } from '@/core/i18n/localized';
import type { RecheckResult } from '@/core/review/recheck';
import { sideBySide } from '@/core/review/outcome-text';
import { t, type UiKey } from '@/components/i18n/ui-text';

/**
 * What the release check found when it stopped a Continue (test hook `review-changed`, `data-state` = `changed` |
 * `unavailable`): the outcome as reviewed and as it is now, side by side, the lines that moved against the user marked;
 * or that the node did not answer. Nothing was forwarded; the panel's Continue and Reject decide.
 */
export function RecheckNotice({
  recheck,
  lang,
  testId = 'review-changed',
  hints = { changed: 'recheckHint', unavailable: 'recheckUnavailableHint' },
}: {
  recheck: Exclude<RecheckResult, { status: 'unchanged' }>;
  lang: Lang;
  /** `plan-step-changed` in the Withdraw tab. */
  testId?: string;
  /** What pressing again does there. */
  hints?: { changed: UiKey; unavailable: UiKey };
}) {
  if (recheck.status === 'unavailable') {
    return (
      <section className="card recheck" data-testid={testId} data-state="unavailable" role="alert">
        <strong>{t(lang, 'recheckUnavailable')}</strong>
        <p className="small">{pick(recheck.reason, lang)}</p>
        <p className="small">{t(lang, hints.unavailable)}</p>
      </section>
    );
  }
  const rows = sideBySide(recheck.before, recheck.now, recheck.changes);
  return (
    <section className="card recheck" data-testid={testId} data-state="changed" role="alert">
      <strong>{t(lang, 'recheckChanged')}</strong>
      <table>
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t(lang, 'recheckAtReview')}</th>
            <th scope="col">{t(lang, 'recheckNow')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} data-testid="review-changed-row" data-kind={r.kind ?? ''} data-worse={r.worse ? '1' : '0'} className={r.worse ? 'worse' : undefined}>
              <th scope="row">{pick(r.label, lang)}</th>
              <td data-testid="review-changed-before">{pick(r.before, lang)}</td>
              <td data-testid="review-changed-now">{pick(r.now, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small">{t(lang, hints.changed)}</p>
    </section>
  );
}

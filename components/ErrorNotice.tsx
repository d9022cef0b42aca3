import { describeError, type ErrorKind } from '@/core/errors/describe-error';
import type { Lang } from '@/core/i18n/localized';
import { t, type UiKey } from '@/components/i18n/ui-text';

/** The sentence and what to do, per kind ('stated' errors bring their own sentence). */
const SAY: Record<Exclude<ErrorKind, 'stated'>, [UiKey, UiKey]> = {
  'no-rpc': ['err_no_rpc', 'errDo_no_rpc'],
  'rpc-unreachable': ['err_rpc_unreachable', 'errDo_rpc_unreachable'],
  'rpc-wrong-chain': ['err_rpc_wrong_chain', 'errDo_rpc_wrong_chain'],
  'rpc-unsupported': ['err_rpc_unsupported', 'errDo_rpc_unsupported'],
  'rpc-rate-limited': ['err_rpc_rate_limited', 'errDo_rpc_rate_limited'],
  history: ['err_history', 'errDo_history'],
  rejected: ['err_rejected', 'errDo_rejected'],
  'storage-full': ['err_storage_full', 'errDo_storage_full'],
  background: ['err_background', 'errDo_background'],
  unknown: ['err_unknown', 'errDo_unknown'],
};

/** The sentence and what to do, as one string (for inline lists of problems). */
export function errorSentence(error: unknown, lang: Lang): string {
  const d = describeError(error);
  return d.kind === 'stated' ? d.message : `${t(lang, SAY[d.kind][0])} ${t(lang, SAY[d.kind][1])}`;
}

/**
 * Every error the UI shows, one way: a sentence a user understands, what to do, and the technical detail folded
 * away in a <details> (cleaned by core/errors/describe-error.ts: no request bodies, URL paths, stacks).
 * `title` names what failed ("Gas outlook unavailable"); `testId`/`kind` keep callers' test hooks.
 */
export function ErrorNotice({ error, lang, title, testId, dataKind, compact }: { error: unknown; lang: Lang; title?: string; testId?: string; dataKind?: string; compact?: boolean }) {
  const d = describeError(error);
  const sentence = errorSentence(error, lang);
  const showDetail = d.detail !== '' && d.detail !== sentence;
  return (
    <div className={`notice error${compact ? ' compact' : ' card'}`} role="alert" data-testid={testId} data-kind={dataKind ?? d.kind} data-error-kind={d.kind}>
      {title && <strong>{title}</strong>}
      <p className={title ? 'small' : undefined}>
        {sentence}
      </p>
      {showDetail && (
        <details className="small">
          <summary>{t(lang, 'errTechnical')}</summary>
          <pre className="detail">{d.detail}</pre>
        </details>
      )}
    </div>
  );
}

import { formatNumber } from '@/core/format/amount';
import type { Lang } from '@/core/i18n/localized';
import type { PlanView } from '@/core/messages';
import { t, tk } from '@/components/i18n/ui-text';
import { useWithdraw } from '@/components/stores/withdraw-store';
import { WithdrawReserves } from './WithdrawReserves';
import { RecheckNotice } from '@/components/review/RecheckNotice';
import { shortDateTime } from '@/components/i18n/time';

const fmt = (x: number | undefined) => (x === undefined ? '–' : formatNumber(x));

/** The step list: each step's status, review, buttons, hash and realised output; only the next step can act. */
export function WithdrawSteps({ view, lang }: { view: PlanView; lang: Lang }) {
  const { busy, prepare, send, skip } = useWithdraw();
  const { record } = view;
  const readOnly = record.wallet === 'read-only';
  const walletWaiting = view.wallet !== undefined && 'since' in view.wallet;
  const now = Date.now() / 1000;
  const q = record.plan.quoteSymbol;
  return (
    <section className="card" aria-label={t(lang, 'wdSteps')}>
      <h2>{t(lang, 'wdSteps')}</h2>
      <div className="small">
        {t(lang, 'wdProgress')}: {view.progress.done} / {view.progress.total}
      </div>
      <progress data-testid="plan-progress" max={view.progress.total} value={view.progress.done} aria-label={t(lang, 'wdProgress')} style={{ width: '100%' }} />
      {readOnly && <p className="muted small">{t(lang, 'wdReadOnlyHint')}</p>}
      <ol className="plan-steps">
        {record.plan.steps.map((p) => {
          const s = record.steps.find((x) => x.id === p.id)!;
          const isNext = view.nextStepId === p.id;
          const working = busy === p.id;
          const asset = p.kind === 'transfer' ? q : p.asset;
          return (
            <li key={p.id} data-testid="plan-step" data-step-id={p.id} data-kind={p.kind} data-status={s.status} aria-current={isNext ? 'step' : undefined} className={isNext ? 'next' : undefined}>
              <div>
                <strong>{tk(lang, 'wdKind_', p.kind)}</strong> {fmt(p.amountIn)} {asset} · {tk(lang, 'wdStatus_', s.status)}
              </div>
              <div className="small muted">
                {p.dueAt <= now && s.status === 'pending' ? t(lang, 'wdDueNow') : `${t(lang, 'wdDue')} ${shortDateTime(p.dueAt * 1000, lang)}`}
                {p.kind === 'swap' && (
                  <>
                    {' '}· {t(lang, 'wdPlanned')} {fmt(p.expectedOut)} {q} ({t(lang, 'wdMinOut')} {fmt(p.minOut)})
                  </>
                )}
              </div>
              {s.realisedOut !== undefined && (
                <div className="small" data-testid="plan-step-realised" data-realised-base={s.realisedOutBase}>
                  {t(lang, 'wdRealised')} {fmt(s.realisedOut)} {q} vs {t(lang, 'wdPlanned')} {fmt(p.expectedOut)} ({p.expectedOut ? `${(((s.realisedOut - p.expectedOut) / p.expectedOut) * 100).toFixed(3)} %` : '–'})
                </div>
              )}
              {s.txHash && (
                <div className="small mono" data-testid="plan-step-tx">
                  {t(lang, 'wdTx')}: {s.txHash.slice(0, 18)}…
                </div>
              )}
              {s.note && <div className="small muted">{s.note}</div>}
              {view.wallet?.stepId === p.id && s.status === 'pending' && (
                'since' in view.wallet
                  ? <div className="small" role="status" data-testid="plan-step-wallet" data-state="waiting">{t(lang, 'mmConfirmStep')}</div>
                  : <div className="small error-text" role="alert" data-testid="plan-step-wallet" data-state={view.wallet.rejected ? 'rejected' : 'error'}>{view.wallet.rejected ? t(lang, 'mmRejected') : view.wallet.error}</div>
              )}
              {view.recheck?.stepId === p.id && s.status === 'pending' && (
                <RecheckNotice recheck={view.recheck.result} lang={lang} testId="plan-step-changed" hints={{ changed: 'recheckStepChanged', unavailable: 'recheckStepUnavailable' }} />
              )}
              {p.kind === 'transfer' && <WithdrawReserves lang={lang} />}
              {s.review && s.status === 'pending' && (
                <div data-testid="plan-step-review" data-verdict={s.review.verdict}>
                  <div className={`small verdict-${s.review.verdict}`}>{tk(lang, 'verdict_', s.review.verdict)}: {s.review.summary[lang]}</div>
                  <ul className="small">
                    {s.review.findings.map((f) => (
                      <li key={f.code} data-testid="finding" data-code={f.code} data-severity={f.severity}>
                        {f.title[lang]}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {isNext && s.status !== 'sent' && (
                <div className="row">
                  {p.kind !== 'bridge' && (
                    <button type="button" data-testid="plan-step-prepare" disabled={!!busy || walletWaiting} onClick={() => void prepare(p.id)}>
                      {t(lang, 'wdPrepare')}
                    </button>
                  )}
                  {p.kind !== 'bridge' && s.tx && s.status === 'pending' && !readOnly && (
                    <button type="button" data-testid="plan-step-send" disabled={!!busy || walletWaiting} onClick={() => void send(p.id)}>
                      {t(lang, 'wdSend')}
                    </button>
                  )}
                  {p.kind === 'bridge' && (
                    <button type="button" data-testid="plan-step-done" disabled={!!busy} onClick={() => void skip(p.id, true)}>
                      {t(lang, 'wdMarkDone')}
                    </button>
                  )}
                  <button type="button" data-testid="plan-step-skip" disabled={!!busy || walletWaiting} onClick={() => void skip(p.id, false)}>
                    {t(lang, 'wdSkip')}
                  </button>
                  {working && <span className="muted small" role="status">{t(lang, 'wdWorking')}</span>}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

import type { Lang } from '@/core/i18n/localized';
import type { Fiat } from '@/core/settings/settings';
import type { GasReportResponse } from '@/core/messages';
import { t, tf } from '@/components/i18n/ui-text';
import { clock, gwei, money, span } from './gas-format';

/** "Send now", "wait until HH:MM, save X %" or "wait for a base fee ≤ X (else send by HH:MM)", with the saving's 10–90 % range and the chance waiting costs more. */
export function GasAdvice({ report, lang, fiat, price }: { report: GasReportResponse['report']; lang: Lang; fiat: Fiat; price?: number }) {
  const { advice } = report;
  const symbol = report.chain.nativeSymbol;
  const amount = (wei: string) => {
    const m = money(BigInt(wei), symbol, lang, fiat, price);
    return m.fiat ? `${m.coin} (${m.fiat})` : m.coin;
  };
  const wait = advice.action === 'wait' ? advice.wait : undefined;
  const best = advice.bestCandidate;
  // Hourly forecasts reach 24 h; with less history the advice only looks up to an hour ahead.
  const window = report.outlook.hours.length > 0 ? tf(lang, 'gasHours', { n: 24 }) : tf(lang, 'gasHours', { n: 1 });
  return (
    <section className={`card gas-advice ${wait ? 'wait' : 'now'}`} data-testid="gas-advice" data-action={advice.action} aria-live="polite">
      {wait?.limit ? (
        <>
          <strong>
            {t(lang, 'gasWaitFor')} {gwei(wait.limit.targetBaseFee)} · {t(lang, 'gasSave')} {Math.round(wait.expectedSavingShare * 100)} %
          </strong>
          <p className="small" data-testid="gas-advice-target">
            {tf(lang, 'gasTargetHistory', { pct: Math.round(wait.limit.hitShare * 100), n: wait.limit.cases, time: clock(wait.sendAt, lang), deadline: clock(wait.limit.deadline, lang), lost: Math.round(wait.probabilityWaitCostsMore * 100) })}
          </p>
          <p className="small">
            {t(lang, 'gasRange')}: {amount(wait.savingP10Wei)} – {amount(wait.savingP90Wei)}
          </p>
          <p className="muted small">{tf(lang, 'gasTargetHow', { fee: gwei(wait.limit.targetBaseFee) })}</p>
        </>
      ) : wait ? (
        <>
          <strong>
            {t(lang, 'gasWaitUntil')} {clock(wait.sendAt, lang)} · {t(lang, 'gasSave')} {Math.round(wait.expectedSavingShare * 100)} %
          </strong>
          <p className="small">
            {t(lang, 'gasRange')}: {amount(wait.savingP10Wei)} – {amount(wait.savingP90Wei)} · {t(lang, 'gasLoseChance')} {Math.round(wait.probabilityWaitCostsMore * 100)} %
          </p>
        </>
      ) : (
        <strong>{best || !advice.reason.startsWith('no forecast') ? t(lang, 'gasSendNow') : t(lang, 'gasAdviceNone')}</strong>
      )}
      {best && !(wait?.limit && best.expectedSavingShare < 0.005) && (
        <p className="muted small" data-testid="gas-cheapest">
          {tf(lang, 'gasCheapestIn', { window })}:{' '}
          {best.expectedSavingShare >= 0.005
            ? `${clock(best.sendAt, lang)} (${span(best.waitSeconds, lang)}, −${Math.round(best.expectedSavingShare * 100)} %, ${t(lang, 'gasLoseChance')} ${Math.round(best.probabilityWaitCostsMore * 100)} %)`
            : t(lang, 'gasCheapestNow')}
        </p>
      )}
    </section>
  );
}

import { formatNumber } from '@/core/format/amount';
import type { Lang } from '@/core/i18n/localized';
import type { PlanView } from '@/core/messages';
import { t } from '@/components/i18n/ui-text';
import { useWithdraw } from '@/components/stores/withdraw-store';
import { RiskChart, ScheduleChart } from './WithdrawCharts';
import { WithdrawSteps } from './WithdrawSteps';
import { WithdrawTaxes } from './WithdrawTaxes';
import { WithdrawParking } from './WithdrawParking';
import { routeText, trustText } from './withdraw-route-text';

const money = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });


/** One plan: what it yields and costs against one swap now, its routes, risk, schedule and steps. */
export function WithdrawPlan({ view, lang }: { view: PlanView; lang: Lang }) {
  const { busy, checkPrices, replan } = useWithdraw();
  const { record } = view;
  const { plan } = record;
  const q = plan.quoteSymbol;
  const a = plan.assets[0];
  const saved = record.baseline ? plan.totals.netProceeds - record.baseline.netProceeds : undefined;
  return (
    <div data-testid="withdraw-plan" data-plan-id={record.id}>
      <section className="card" aria-label={t(lang, 'wdNet')}>
        <div className="small muted">
          {a ? `${formatNumber(a.amount)} ${a.symbol} → ${q}` : ''} · {t(lang, 'wdVenue')} {record.venue ?? '–'}
        </div>
        <div>
          {t(lang, 'wdNet')}: <strong data-testid="withdraw-net" data-value={plan.totals.netProceeds}>{money(plan.totals.netProceeds)} {q}</strong>
        </div>
        {saved !== undefined && (
          <div className="small" data-testid="withdraw-vs-oneshot" data-value={saved}>
            {t(lang, 'wdVsOneShot')}: {saved >= 0 ? '+' : ''}
            {money(saved)} {q}
          </div>
        )}
        <h2 className="small">{t(lang, 'wdCosts')}</h2>
        <ul className="small" data-testid="withdraw-costs">
          <li>{t(lang, 'wdImpact')}: {money(plan.totals.impact)} {q}</li>
          <li>{t(lang, 'wdGasCost')}: {money(plan.totals.gas)} {q}</li>
          <li>{t(lang, 'wdBridgeFees')}: {money(plan.totals.bridgeFees)} {q}</li>
          <li>{t(lang, 'wdMev')}: {money(plan.totals.mevAllowance)} {q}</li>
        </ul>
        {a && (
          <div className="small">
            {a.schedule.slices} × {t(lang, 'wdKind_swap')}, {a.schedule.startHour.toFixed(1)}–{a.schedule.endHour.toFixed(1)} h
          </div>
        )}
      </section>
      {a && (
        <section className="card" aria-label={t(lang, 'wdRoutes')}>
          <h2 className="small">{t(lang, 'wdRoutes')}</h2>
          <ul className="small routes-list" data-testid="withdraw-routes">
            {a.routes.map((r) => (
              <li key={r.id} data-testid="withdraw-route" data-route-id={r.id}>
                <div>{routeText(r, lang)}{r.id === a.route.id ? t(lang, 'wdChosen') : ''}</div>
                <div className="muted">
                  {money(r.netProceeds)} {q} · p95 {r.p95ArrivalHours.toFixed(1)} h · <span data-trust={r.trust}>{trustText(r.trust, lang)}</span>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ScheduleChart record={record} lang={lang} />
      <RiskChart record={record} lang={lang} />
      <section className="card">
        <button type="button" data-testid="withdraw-check" disabled={!!busy} onClick={() => void checkPrices()}>
          {t(lang, 'wdReplanCheck')}
        </button>
        {record.replan && (
          <p className="small" data-testid="withdraw-replan" data-needed={record.replan.needed} role="status">
            {record.replan.needed ? t(lang, 'wdReplanNeeded') : t(lang, 'wdReplanOk')}{' '}
            {record.replan.moves.map((m) => `${m.asset} ${(m.move * 100).toFixed(2)} %`).join(', ')}
          </p>
        )}
        {record.replan?.needed && !record.replacedBy && (
          <button type="button" data-testid="withdraw-replan-go" disabled={!!busy} onClick={() => void replan()}>
            {t(lang, 'wdReplan')}
          </button>
        )}
      </section>
      {plan.warnings.length > 0 && (
        <section className="card small">
          <h2 className="small">{t(lang, 'wdWarnings')}</h2>
          <ul>
            {plan.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </section>
      )}
      <WithdrawSteps view={view} lang={lang} />
      <WithdrawTaxes record={record} lang={lang} />
      <WithdrawParking lang={lang} proceeds={plan.totals.netProceeds} quote={q} />
    </div>
  );
}

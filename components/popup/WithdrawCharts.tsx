import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatNumber } from '@/core/format/amount';
import type { Lang } from '@/core/i18n/localized';
import type { PlanRecord } from '@/core/store/plans';
import { chartColors, useColorScheme } from '@/components/chart-theme';
import { t } from '@/components/i18n/ui-text';
import { clock, shortDateTime } from '@/components/i18n/time';


/** Columns: time (unix s, from the plan's start to its deadline), unsold amount (human units) after each swap step, slice size at swap times. */
export function scheduleData(record: PlanRecord): [number[], number[], (number | null)[], (number | null)[]] {
  const swaps = record.plan.steps.filter((s) => s.kind === 'swap');
  const total = swaps.reduce((sum, s) => sum + s.amountIn, 0);
  const xs: number[] = [record.plan.createdAt];
  const held: number[] = [total];
  const planned: (number | null)[] = [null];
  const done: (number | null)[] = [null];
  let left = total;
  for (const s of swaps) {
    left -= s.amountIn;
    const status = record.steps.find((x) => x.id === s.id)?.status;
    xs.push(Math.max(s.dueAt, (xs.at(-1) ?? 0) + 1)); // uPlot needs strictly increasing x
    held.push(Math.max(0, left));
    planned.push(status === 'confirmed' ? null : s.amountIn);
    done.push(status === 'confirmed' ? s.amountIn : null);
  }
  // Out to the plan's deadline: the window the plan was made for, also when it sells everything at once.
  if (record.plan.deadlineAt > (xs.at(-1) ?? 0)) {
    xs.push(record.plan.deadlineAt);
    held.push(held.at(-1) ?? 0);
    planned.push(null);
    done.push(null);
  }
  return [xs, held, planned, done];
}

const num = (x: number | null) => (x === null ? '' : formatNumber(x, 3));

/** Holdings over time (the AC trajectory) with a marker per slice: orange planned, green confirmed. */
/** Axis labels in the user's zone: "14:05" when the plan stays within a day, "4 Dec 02:10" when it spans days. */
function timeTicks(ticks: (number | null)[], lang: Lang): string[] {
  const set = ticks.filter((x): x is number => x !== null);
  const withinDay = set.length > 0 && Math.max(...set) - Math.min(...set) < 20 * 3600;
  return ticks.map((unix) => (unix === null ? '' : withinDay ? clock(unix * 1000, lang) : shortDateTime(unix * 1000, lang)));
}

export function ScheduleChart({ record, lang }: { record: PlanRecord; lang: Lang }) {
  const ref = useRef<HTMLDivElement>(null);
  const scheme = useColorScheme();
  const [colors, setColors] = useState<ReturnType<typeof chartColors> | undefined>();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = chartColors();
    setColors(c);
    const [HOLD, SLICE, DONE] = [c.primary, c.forecast, c.success];
    const dots = { show: true, size: 7, width: 0 };
    const plot = new uPlot(
      {
        width: Math.max(240, el.clientWidth || 396),
        height: 150,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        // Room on the right for the last time label (uPlot centres labels on their ticks).
        padding: [8, 18, 0, 0],
        axes: [
          { size: 30, font: '11px system-ui', stroke: c.axis, grid: { stroke: c.grid }, ticks: { stroke: c.grid }, values: (_u, v) => timeTicks(v, lang) },
          { size: 48, font: '11px system-ui', stroke: c.axis, grid: { stroke: c.grid }, ticks: { stroke: c.grid }, values: (_u, v) => v.map(num) },
        ],
        series: [
          {},
          { label: t(lang, 'wdHoldings'), stroke: HOLD, width: 1.5, paths: uPlot.paths.stepped!({ align: 1 }) },
          { label: t(lang, 'wdSlices'), stroke: SLICE, points: { ...dots, fill: SLICE }, paths: () => null },
          { label: t(lang, 'wdStatus_confirmed'), stroke: DONE, points: { ...dots, fill: DONE }, paths: () => null },
        ],
      },
      scheduleData(record),
      el,
    );
    return () => plot.destroy();
  }, [record, lang, scheme]);
  const swaps = record.plan.steps.filter((s) => s.kind === 'swap').length;
  return (
    <figure className="card">
      <figcaption className="small">{t(lang, 'wdSchedule')}</figcaption>
      <div ref={ref} role="img" aria-label={`${t(lang, 'wdSchedule')}: ${swaps}`} data-testid="withdraw-schedule-chart" />
      <p className="gas-legend small" aria-hidden="true">
        <span><i style={{ background: colors?.primary }} />{t(lang, 'wdHoldings')}</span>
        <span><i style={{ background: colors?.forecast }} />{t(lang, 'wdSlices')}</span>
        <span><i style={{ background: colors?.success }} />{t(lang, 'wdStatus_confirmed')}</span>
      </p>
    </figure>
  );
}

/** VaR / ES at 95 and 99 % (parametric and Monte Carlo) and the stress losses, as horizontal bars in quote units. */
export function RiskChart({ record, lang }: { record: PlanRecord; lang: Lang }) {
  useColorScheme(); // re-render in the new theme's colours
  const a = record.plan.assets[0];
  if (!a) return null;
  const q = record.plan.quoteSymbol;
  const rows: { label: string; value: number; kind: 'var' | 'es' | 'stress' }[] = [];
  for (const r of [a.risk.parametric, a.risk.monteCarlo]) {
    const m = r.method === 'parametric' ? 'param.' : `MC ${r.paths ?? ''}`;
    for (const l of r.levels) {
      rows.push({ label: `VaR ${Math.round(l.level * 100)} % (${m})`, value: l.valueAtRisk, kind: 'var' });
      rows.push({ label: `ES ${Math.round(l.level * 100)} % (${m})`, value: l.expectedShortfall, kind: 'es' });
    }
  }
  for (const s of a.risk.stress) rows.push({ label: `${t(lang, 'wdStress')}: ${s.id}`, value: s.worstLoss, kind: 'stress' });
  const max = Math.max(...rows.map((r) => r.value), 1e-9);
  const c = chartColors();
  const color = { var: c.primary, es: c.forecast, stress: c.error };
  return (
    <figure className="card" data-testid="withdraw-risk-chart" role="img" aria-label={t(lang, 'wdRiskChart')}>
      <figcaption className="small">{t(lang, 'wdRiskTitle')} ({q})</figcaption>
      {/* A 300-unit wide drawing: at the popup's width (about 300 px inside the card) its 10-unit text stays 10 px. */}
      <svg width="100%" viewBox={`0 0 300 ${rows.length * 16 + 4}`} aria-hidden="true">
        {rows.map((r, i) => (
          <g key={r.label} transform={`translate(0 ${i * 16 + 2})`}>
            <text x="0" y="11" fontSize="10" fill="currentColor">{r.label}</text>
            <rect x="132" y="2" height="11" width={Math.max(1, (r.value / max) * 118)} fill={color[r.kind]} />
            <text x={136 + (r.value / max) * 118} y="11" fontSize="10" fill="currentColor">{formatNumber(r.value, 4)}</text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

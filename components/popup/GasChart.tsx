import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { gasChartUnit, gasTick, toGasUnit, type GasUnit } from '@/core/format/gas';
import type { GasReportResponse } from '@/core/messages';
import { chartColors, useColorScheme } from '@/components/chart-theme';
import { clock } from '@/components/i18n/time';
import type { Lang } from '@/core/i18n/localized';


export interface GasChartLabels {
  history: string;
  median: string;
  band: string;
  /** Accessible summary of the whole chart, naming the unit of its axis. */
  summary: (unit: GasUnit) => string;
}

/** The unit the chart reads best in: gwei, or wei when every fee is below 0.001 gwei (L2 base fees). */
export function chartUnit(report: GasReportResponse['report']): GasUnit {
  const fees = [...report.history.map(([, fee = 0]) => Number(fee)), ...[...report.outlook.blocks, ...report.outlook.hours].map((p) => Number(p.p90))];
  return gasChartUnit(Math.max(0, ...fees));
}

/** Chart columns: time, history, median, p10, p90 (in `unit`; null where a series has no point). */
export function chartData(report: GasReportResponse['report'], unit: GasUnit = chartUnit(report)): [number[], (number | null)[], (number | null)[], (number | null)[], (number | null)[]] {
  const gwei = (wei: string | number) => toGasUnit(Number(wei), unit);
  const xs: number[] = [];
  const hist: (number | null)[] = [];
  const med: (number | null)[] = [];
  const lo: (number | null)[] = [];
  const hi: (number | null)[] = [];
  for (const [at = 0, fee = 0] of report.history) {
    xs.push(at);
    hist.push(gwei(fee));
    med.push(null);
    lo.push(null);
    hi.push(null);
  }
  const last = report.history.at(-1);
  // Join the band to the last observed point.
  if (last) med[med.length - 1] = lo[lo.length - 1] = hi[hi.length - 1] = gwei(last[1] ?? 0);
  for (const p of [...report.outlook.blocks, ...report.outlook.hours].sort((a, b) => a.at - b.at)) {
    if (p.at <= (xs.at(-1) ?? -Infinity)) continue;
    xs.push(p.at);
    hist.push(null);
    med.push(gwei(p.median));
    lo.push(gwei(p.p10));
    hi.push(gwei(p.p90));
  }
  return [xs, hist, med, lo, hi];
}


/** Base fee history and the forecast band (10–90 %) with its median, in gwei (wei for sub-0.001 gwei fees), on a log scale. */
export function GasChart({ report, labels, lang }: { report: GasReportResponse['report']; labels: GasChartLabels; lang: Lang }) {
  const ref = useRef<HTMLDivElement>(null);
  const unit = chartUnit(report);
  const scheme = useColorScheme();
  const [colors, setColors] = useState<ReturnType<typeof chartColors> | undefined>();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = chartColors();
    setColors(c);
    const plot = new uPlot(
      {
        width: Math.max(240, el.clientWidth || 396),
        height: 170,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        // Log scale: a spike and a calm hour both stay readable.
        scales: { x: { time: true }, y: { distr: 3 } },
        axes: [
          { size: 30, font: '11px system-ui', stroke: c.axis, grid: { stroke: c.grid }, ticks: { stroke: c.grid }, values: (_u, v) => v.map((unix) => (unix === null ? '' : clock(unix * 1000, lang))) },
          { size: 48, font: '11px system-ui', stroke: c.axis, grid: { stroke: c.grid }, ticks: { stroke: c.grid }, values: (_u, v) => v.map(gasTick) },
        ],
        series: [
          {},
          { label: labels.history, stroke: c.primary, width: 1.5 },
          { label: labels.median, stroke: c.forecast, width: 1.5, dash: [4, 3] },
          { label: '10 %', stroke: `${c.forecast}59`, width: 1 },
          { label: '90 %', stroke: `${c.forecast}59`, width: 1 },
        ],
        bands: [{ series: [4, 3], fill: c.band }],
      },
      chartData(report, unit),
      el,
    );
    return () => plot.destroy();
  }, [report, unit, scheme, labels.history, labels.median, lang]);
  return (
    <figure className="gas-chart card">
      <div ref={ref} role="img" aria-label={labels.summary(unit)} data-testid="gas-chart" />
      <figcaption className="gas-legend small" aria-hidden="true">
        <span><i style={{ background: colors?.primary }} />{labels.history}</span>
        <span><i className="dashed" style={{ borderColor: colors?.forecast }} />{labels.median}</span>
        <span><i style={{ background: colors?.band, border: `1px solid ${colors?.forecast}` }} />{labels.band}</span>
        <span data-testid="gas-chart-unit">{unit}</span>
      </figcaption>
    </figure>
  );
}

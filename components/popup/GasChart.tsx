import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { GasReportResponse } from '@/core/messages';

const HISTORY = '#2d6cdf';
const FORECAST = '#e07b00';
const BAND = 'rgba(224,123,0,.16)';

export interface GasChartLabels {
  history: string;
  median: string;
  band: string;
  /** Accessible summary of the whole chart. */
  summary: string;
}

/** Chart columns: time, history, median, p10, p90 (gwei; null where a series has no point). */
export function chartData(report: GasReportResponse['report']): [number[], (number | null)[], (number | null)[], (number | null)[], (number | null)[]] {
  const gwei = (wei: string | number) => Number(wei) / 1e9;
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

const tick = (x: number | null) => (x === null || !Number.isFinite(x) ? '' : x < 0.001 ? x.toExponential(0) : x < 1 ? String(Number(x.toPrecision(2))) : x < 100 ? String(Number(x.toFixed(1))) : x.toFixed(0));
const hhmm = (unix: number | null) => (unix === null ? '' : new Date(unix * 1000).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }));

/** Base fee history and the forecast band (10–90 %) with its median, in gwei, on a log scale. */
export function GasChart({ report, labels }: { report: GasReportResponse['report']; labels: GasChartLabels }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const plot = new uPlot(
      {
        width: Math.max(240, el.clientWidth || 396),
        height: 170,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        // Log scale: a spike and a calm hour both stay readable.
        scales: { x: { time: true }, y: { distr: 3 } },
        axes: [
          { size: 30, font: '11px system-ui', stroke: '#5b6472', grid: { stroke: '#eef0f4' }, values: (_u, v) => v.map(hhmm) },
          { size: 48, font: '11px system-ui', stroke: '#5b6472', grid: { stroke: '#eef0f4' }, values: (_u, v) => v.map(tick) },
        ],
        series: [
          {},
          { label: labels.history, stroke: HISTORY, width: 1.5 },
          { label: labels.median, stroke: FORECAST, width: 1.5, dash: [4, 3] },
          { label: '10 %', stroke: 'rgba(224,123,0,.35)', width: 1 },
          { label: '90 %', stroke: 'rgba(224,123,0,.35)', width: 1 },
        ],
        bands: [{ series: [4, 3], fill: BAND }],
      },
      chartData(report),
      el,
    );
    return () => plot.destroy();
  }, [report, labels.history, labels.median]);
  return (
    <figure className="gas-chart card">
      <div ref={ref} role="img" aria-label={labels.summary} data-testid="gas-chart" />
      <figcaption className="gas-legend small" aria-hidden="true">
        <span><i style={{ background: HISTORY }} />{labels.history}</span>
        <span><i className="dashed" style={{ borderColor: FORECAST }} />{labels.median}</span>
        <span><i style={{ background: BAND, border: `1px solid ${FORECAST}` }} />{labels.band}</span>
      </figcaption>
    </figure>
  );
}

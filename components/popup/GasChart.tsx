import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { GasReportResponse } from '@/core/messages';

/** Base fee history and the forecast band (10–90 %) with its median, in gwei. */
export function GasChart({ report, labels }: { report: GasReportResponse['report']; labels: { history: string; median: string; band: string } }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const gwei = (wei: string | number) => Number(wei) / 1e9;
    const xs: number[] = [];
    const hist: (number | null)[] = [];
    const med: (number | null)[] = [];
    const lo: (number | null)[] = [];
    const hi: (number | null)[] = [];
    for (const point of report.history) {
      xs.push(point[0] ?? 0);
      hist.push(gwei(point[1] ?? 0));
      med.push(null);
      lo.push(null);
      hi.push(null);
    }
    const last = report.history[report.history.length - 1];
    if (last) {
      // Join the band to the last observed point.
      med[med.length - 1] = lo[lo.length - 1] = hi[hi.length - 1] = gwei(last[1] ?? 0);
    }
    for (const p of [...report.outlook.blocks, ...report.outlook.hours].sort((a, b) => a.at - b.at)) {
      if (last && p.at <= (last[0] ?? 0)) continue;
      xs.push(p.at);
      hist.push(null);
      med.push(gwei(p.median));
      lo.push(gwei(p.p10));
      hi.push(gwei(p.p90));
    }
    const plot = new uPlot(
      {
        width: 388,
        height: 170,
        legend: { show: true },
        // Log scale: a spike and a calm hour both stay readable.
        scales: { x: { time: true }, y: { distr: 3 } },
        axes: [{ size: 28 }, { size: 56, values: (_u, v) => v.map((x) => (x < 1 ? x.toFixed(3) : x.toFixed(1))) }],
        series: [
          {},
          { label: labels.history, stroke: '#2d6cdf', width: 1.5 },
          { label: labels.median, stroke: '#e07b00', width: 1.5, dash: [4, 3] },
          { label: '10 %', stroke: 'rgba(224,123,0,.35)', width: 1 },
          { label: '90 %', stroke: 'rgba(224,123,0,.35)', width: 1 },
        ],
        bands: [{ series: [4, 3], fill: 'rgba(224,123,0,.15)' }],
      },
      [xs, hist, med, lo, hi],
      ref.current,
    );
    return () => plot.destroy();
  }, [report, labels]);
  return <div ref={ref} role="img" aria-label={labels.band} data-testid="gas-chart" />;
}

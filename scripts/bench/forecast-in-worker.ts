/**
 * Bundled by worker-forecast.ts and evaluated inside the extension's service worker: the same forecast
 * as `gas bench-forecast` (30 days of history, the popup's full outlook) and the naive baseline,
 * alternating, timed with the worker's own clock.
 */
import { naiveOutlook, thirtyDaysOfSamples } from '../../core/gas/bench-data';
import { feeOutlook } from '../../core/gas/outlook';
import { SHIPPED_PRIOR } from '../../core/gas/prior';

function bench(runs: number): { preflight: number[]; naive: number[] } {
  const samples = thirtyDaysOfSamples();
  const cases = { preflight: () => feeOutlook(samples, SHIPPED_PRIOR), naive: () => naiveOutlook(samples) };
  for (let i = 0; i < 10; i++) for (const f of Object.values(cases)) f();
  const out = { preflight: [] as number[], naive: [] as number[] };
  for (let i = 0; i < runs; i++) {
    for (const name of ['preflight', 'naive'] as const) {
      const t0 = performance.now();
      cases[name]();
      out[name].push(performance.now() - t0);
    }
  }
  return out;
}

(globalThis as unknown as { __preflightForecastBench: typeof bench }).__preflightForecastBench = bench;

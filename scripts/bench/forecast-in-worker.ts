/**
 * Bundled by worker-forecast.ts and evaluated inside the extension's service worker: the same forecast
 * as `gas bench-forecast` (30 days of history, the popup's full outlook), the send-or-wait advice and the
 * naive baseline, alternating, timed with the worker's own clock.
 */
import { naiveOutlook, thirtyDaysOfSamples } from '../../core/gas/bench-data';
import { adviseSendOrWait } from '../../core/gas/advice';
import { feeOutlook } from '../../core/gas/outlook';
import { SHIPPED_PRIOR } from '../../core/gas/prior';

function bench(runs: number): { preflight: number[]; naive: number[]; advice: number[] } {
  const samples = thirtyDaysOfSamples();
  const hourly = feeOutlook(samples, SHIPPED_PRIOR).hourlySeries!;
  const now = hourly.startTime + (hourly.logFee.length - 1) * 3600;
  const cases = {
    preflight: () => feeOutlook(samples, SHIPPED_PRIOR),
    naive: () => naiveOutlook(samples),
    // The send-or-wait advice on the hourly series, 24 h deadline (forecasts at 24 horizons + the target-fee policy).
    advice: () => adviseSendOrWait(hourly, { gasLimit: 21_000n, withinSeconds: 86_400, now }, { prior: SHIPPED_PRIOR, window: 720, maxStalenessSeconds: 7200 }),
  };
  for (let i = 0; i < 10; i++) for (const f of Object.values(cases)) f();
  const out = { preflight: [] as number[], naive: [] as number[], advice: [] as number[] };
  for (let i = 0; i < runs; i++) {
    for (const name of ['preflight', 'naive', 'advice'] as const) {
      const t0 = performance.now();
      cases[name]();
      out[name].push(performance.now() - t0);
    }
  }
  return out;
}

(globalThis as unknown as { __preflightForecastBench: typeof bench }).__preflightForecastBench = bench;

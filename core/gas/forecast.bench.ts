/**
 * Forecast from 30 days of per-block history (216,000 blocks) vs the naive baseline on the same
 * data. Both include reading the stored columns; Preflight also aggregates to hours and runs the
 * block (1..300) and hourly (1..24 h) forecasts. Run: npx vitest bench core/gas/forecast.bench.ts --run
 * (add --outputJson FILE for p50 / p99 of every sample; the console table shows mean / p75 / p99).
 */
import { bench, describe } from 'vitest';
import { naiveOutlook, thirtyDaysOfSamples as thirtyDays } from './bench-data';
import { feeOutlook } from './outlook';
import { SHIPPED_PRIOR } from './prior';

const samples = thirtyDays();

describe('forecast from 30 days of history', () => {
  bench(
    'preflight feeOutlook (4 block + 24 hourly horizons)',
    () => {
      feeOutlook(samples, SHIPPED_PRIOR);
    },
    { time: 4000, iterations: 200, warmupIterations: 10 },
  );
  bench('naive baseline (last base fee for every horizon)', () => {
    naiveOutlook(samples);
  }, { time: 4000, iterations: 200, warmupIterations: 10 });
});

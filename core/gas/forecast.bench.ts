/**
 * Forecast from 30 days of per-block history (216,000 blocks) vs the naive baseline on the same
 * data. Both include reading the stored columns; Preflight also aggregates to hours and runs the
 * block (1..300) and hourly (1..24 h) forecasts. Run: npx vitest bench core/gas/forecast.bench.ts --run
 * (add --outputJson FILE for p50 / p99 of every sample; the console table shows mean / p75 / p99).
 */
import { bench, describe } from 'vitest';
import type { FeeSamples } from './history';
import { feeOutlook } from './outlook';
import { SHIPPED_PRIOR } from './prior';

function thirtyDays(): FeeSamples {
  const n = 216_000;
  const s: FeeSamples = { blocks: [], timestamps: [], baseFee: [], gasUsedRatio: [], rewards: [] };
  let x = Math.log(20e9);
  let seed = 7;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const t = 1_700_000_000 + i * 12;
    x += ((seed / 2 ** 31) - 0.5) * 0.2 - 0.02 * (x - Math.log(20e9) - 0.4 * Math.sin((2 * Math.PI * t) / 86400));
    s.blocks.push(18_000_000 + i);
    s.timestamps.push(t);
    s.baseFee.push(Math.round(Math.exp(x)));
    s.gasUsedRatio.push(0.5);
    s.rewards.push([1e8]);
  }
  return s;
}

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
    const last = samples.baseFee[samples.baseFee.length - 1]!;
    const out: number[] = [];
    for (let h = 0; h < 28; h++) out.push(last);
    let mean = 0;
    for (const v of samples.baseFee) mean += v; // touch the same data once
    if (mean < 0) throw new Error('unreachable');
  }, { time: 4000, iterations: 200, warmupIterations: 10 });
});

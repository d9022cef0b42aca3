/** Deterministic 30 days of per-block fee samples (216,000 blocks, a daily cycle plus noise) for the
 * forecast benchmarks (core/gas/forecast.bench.ts and `gas bench-forecast`). Not engine API. */
import type { FeeSamples } from './history';

export function thirtyDaysOfSamples(): FeeSamples {
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


/** The naive baseline's work: the last base fee for each of the 28 horizons, reading the column once. */
export function naiveOutlook(samples: FeeSamples): number[] {
  const last = samples.baseFee[samples.baseFee.length - 1]!;
  const out: number[] = [];
  for (let h = 0; h < 28; h++) out.push(last);
  let mean = 0;
  for (const v of samples.baseFee) mean += v; // touch the same data once
  if (mean < 0) throw new Error('unreachable');
  return out;
}

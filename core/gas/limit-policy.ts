/**
 * "Wait for a target fee": hold the transaction (or give it a max fee that low, so the chain itself
 * includes it in the first block whose base fee is at or below it) until the base fee falls to a target
 * below the fee now; if that has not happened by the deadline, send at the going fee then.
 *
 * The target's depth below the fee now is learned walk-forward on the series' own past: every past
 * origin whose deadline has already passed is replayed with each candidate depth, and the depth with
 * the best mean saving is chosen among those whose past replays lost money (paid more than sending at
 * once) in at most `maxLossShare` of cases and saved in the median case. Nothing after the origin is read.
 *
 * "Sending at once" pays the next point of the series on a block series (the next block; a mined block
 * cannot be joined) and the current point on an hourly one (this hour's average).
 */
import { empiricalQuantile } from './conformal';
import { GasInputError } from './errors';
import type { FeeSeries } from './types';

/** Candidate depths below the fee now, natural-log units (−0.1 ≈ 9.5 % lower). */
export const LIMIT_DEPTHS: readonly number[] = [-0.01, -0.02, -0.03, -0.05, -0.075, -0.1, -0.15, -0.2, -0.3, -0.4, -0.5];

export interface LimitPolicyOptions {
  /** Index of the last known point (default: last of the series). */
  asOf?: number;
  /** Trailing points whose origins are replayed (default 3000). */
  window?: number;
  /** Largest share of past replays allowed to lose money (default 0.1, half the 20 % target). */
  maxLossShare?: number;
  /** Smallest mean past saving worth waiting for, share of the cost now (default 0.02). */
  minMeanSaving?: number;
  /** Fewest past replays to learn from (default 40). */
  minCases?: number;
  /** Past origins replayed at most (default 600; evenly spaced). */
  maxCases?: number;
  depths?: readonly number[];
}

export interface LimitPolicy {
  /** Log depth of the target below the fee now (negative). */
  depth: number;
  /** Steps of the series the policy waits at most. */
  deadlineSteps: number;
  /** Past replays behind the numbers below. */
  cases: number;
  /** Share of past replays in which the fee reached the target before the deadline. */
  hitShare: number;
  /** Share of past replays that paid more than sending at once. */
  lossShare: number;
  /** Saving vs sending at once, share of that cost, over the past replays. */
  meanSaving: number;
  medianSaving: number;
  savingP10: number;
  savingP90: number;
  /** Median steps until the target was reached, among past hits. */
  typicalHitSteps: number;
}

export interface LimitReplay {
  /** Log fee paid. */
  paid: number;
  /** Steps after the origin at which it was paid. */
  steps: number;
  hit: boolean;
}

/** Index of the point "sending at once" pays, for an origin s. */
export function sendNowIndex(series: FeeSeries, s: number): number {
  return series.stepSeconds >= 3600 ? s : s + 1;
}

/** Replay the policy from origin s with target log fee `target`: the first point within the deadline at or below it, else the deadline's. */
export function replayLimit(x: ArrayLike<number>, s: number, target: number, deadlineSteps: number): LimitReplay {
  for (let k = 1; k <= deadlineSteps; k++) if (x[s + k]! <= target) return { paid: x[s + k]!, steps: k, hit: true };
  return { paid: x[s + deadlineSteps]!, steps: deadlineSteps, hit: false };
}


/** The best depth learned from the past, or undefined when waiting for any target lost too often or saved too little. */
export function learnLimitPolicy(series: FeeSeries, deadlineSteps: number, options: LimitPolicyOptions = {}): LimitPolicy | undefined {
  const x = series.logFee;
  const t = options.asOf ?? x.length - 1;
  if (!Number.isInteger(deadlineSteps) || deadlineSteps < 1) throw new GasInputError(`deadline of ${deadlineSteps} steps must be a positive whole number`);
  if (!Number.isInteger(t) || t < 0 || t >= x.length) throw new GasInputError(`origin ${t} is outside the series (0..${x.length - 1})`);
  const depths = [...(options.depths ?? LIMIT_DEPTHS)].sort((a, b) => b - a); // shallow first
  const lo = Math.max(0, t - (options.window ?? 3000) + 1);
  const last = t - deadlineSteps; // its deadline point is the newest known
  if (last < lo) return undefined;
  const stride = Math.max(1, Math.ceil((last - lo + 1) / (options.maxCases ?? 600)));
  const origins: number[] = [];
  for (let s = last; s >= lo; s -= stride) origins.push(s);
  if (origins.length < (options.minCases ?? 40)) return undefined;
  // One scan per origin serves every depth: the running minimum reaches the deeper targets later.
  const savings = depths.map(() => new Float64Array(origins.length));
  const hitSteps = depths.map(() => [] as number[]);
  origins.forEach((s, i) => {
    const ref = x[sendNowIndex(series, s)]!;
    let d = 0;
    for (let k = 1; k <= deadlineSteps && d < depths.length; k++) {
      const v = x[s + k]!;
      while (d < depths.length && v <= x[s]! + depths[d]!) {
        savings[d]![i] = 1 - Math.exp(v - ref);
        hitSteps[d]!.push(k);
        d++;
      }
    }
    for (; d < depths.length; d++) savings[d]![i] = 1 - Math.exp(x[s + deadlineSteps]! - ref);
  });
  const maxLoss = options.maxLossShare ?? 0.1;
  let best: LimitPolicy | undefined;
  depths.forEach((depth, j) => {
    const v = savings[j]!;
    const sorted = Float64Array.from(v).sort();
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const lossShare = v.filter((z) => z < 0).length / v.length;
    const median = empiricalQuantile(sorted, 0.5);
    if (lossShare > maxLoss || !(median > 0) || mean < (options.minMeanSaving ?? 0.02)) return;
    if (best && mean <= best.meanSaving) return;
    const hits = Float64Array.from(hitSteps[j]!).sort();
    best = {
      depth,
      deadlineSteps,
      cases: v.length,
      hitShare: hits.length / v.length,
      lossShare,
      meanSaving: mean,
      medianSaving: median,
      savingP10: empiricalQuantile(sorted, 0.1),
      savingP90: empiricalQuantile(sorted, 0.9),
      typicalHitSteps: hits.length > 0 ? empiricalQuantile(hits, 0.5) : deadlineSteps,
    };
  });
  return best;
}

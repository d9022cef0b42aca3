/**
 * Hour-of-week seasonality prior: the typical log deviation of the fee from its weekly level
 * for each hour of the week (UTC). Learned offline from the long hourly series (see
 * `gas learn-prior` in the CLI), shipped as prior.json.
 */
import { InsufficientHistoryError } from './errors';
import type { FeeSeries } from './types';

export interface SeasonalPrior {
  version: 1;
  /** Where it was learned from and how. */
  source: string;
  method: string;
  /** 168 log offsets (mean 0); index 0 = Monday 00:00–01:00 UTC. */
  hourOfWeek: number[];
  /** Hours of data used. */
  hours: number;
  /** Period learned from, unix seconds [from, until). Forecasts scored before `until` would reuse it. */
  trainedFrom?: number;
  trainedUntil?: number;
}

/** Hour of week, 0 = Monday 00:00 UTC. */
export function hourOfWeek(timeSeconds: number): number {
  const hours = Math.floor(timeSeconds / 3600);
  // 1970-01-01 was a Thursday (= index 3 when Monday is 0).
  return (((hours + 3 * 24) % 168) + 168) % 168;
}

/** Seasonal log offset at a time, linearly interpolated between hour centres. */
export function seasonalOffset(prior: SeasonalPrior, timeSeconds: number): number {
  const h = timeSeconds / 3600 - 0.5;
  const base = Math.floor(h);
  const frac = h - base;
  const a = prior.hourOfWeek[hourOfWeek(base * 3600)] ?? 0;
  const b = prior.hourOfWeek[hourOfWeek((base + 1) * 3600)] ?? 0;
  return a + (b - a) * frac;
}

/**
 * Learn the profile from an hourly series: deviation from a centred one-week mean, averaged per
 * hour of week, smoothed over neighbouring hours and shrunk toward 0 by its sampling noise.
 */
export function learnSeasonalPrior(full: FeeSeries, source: string, until = Number.POSITIVE_INFINITY): SeasonalPrior {
  if (full.stepSeconds !== 3600) throw new InsufficientHistoryError('the seasonal prior is learned from an hourly series');
  const series = { ...full, logFee: full.logFee.subarray(0, Math.max(0, Math.min(full.logFee.length, Math.ceil((until - full.startTime) / 3600)))) };
  const x = series.logFee;
  const half = 84;
  if (x.length < 2 * half + 168 * 2) throw new InsufficientHistoryError(`need at least ${2 * half + 336} hours, got ${x.length}`);
  const prefix = new Float64Array(x.length + 1);
  for (let i = 0; i < x.length; i++) prefix[i + 1] = prefix[i]! + x[i]!;
  const sum = new Float64Array(168);
  const sumSq = new Float64Array(168);
  const count = new Float64Array(168);
  for (let i = half; i < x.length - half; i++) {
    const level = (prefix[i + half + 1]! - prefix[i - half]!) / (2 * half + 1);
    const d = x[i]! - level;
    const how = hourOfWeek(series.startTime + i * 3600);
    sum[how] = sum[how]! + d;
    sumSq[how] = sumSq[how]! + d * d;
    count[how] = count[how]! + 1;
  }
  const raw: number[] = [];
  let noise = 0;
  for (let k = 0; k < 168; k++) {
    const n = count[k]!;
    const mean = n > 0 ? sum[k]! / n : 0;
    raw.push(mean);
    noise += n > 1 ? (sumSq[k]! / n - mean * mean) / n : 0;
  }
  noise /= 168;
  const smooth = raw.map((_, k) => 0.25 * raw[(k + 167) % 168]! + 0.5 * raw[k]! + 0.25 * raw[(k + 1) % 168]!);
  const mean = smooth.reduce((a, b) => a + b, 0) / 168;
  const centred = smooth.map((v) => v - mean);
  const variance = centred.reduce((a, b) => a + b * b, 0) / 168;
  // Smoothing over 3 hours cuts the noise variance to ~3/8 of the raw per-hour noise.
  const shrink = variance > 0 ? Math.max(0, 1 - (0.375 * noise) / variance) : 0;
  return {
    version: 1,
    source,
    method: `mean log deviation from a centred 169 h mean per hour of week (UTC), 3-hour smoothing, shrink ${shrink.toFixed(3)}`,
    hourOfWeek: centred.map((v) => Math.round(v * shrink * 10_000) / 10_000),
    hours: x.length,
    trainedFrom: series.startTime,
    trainedUntil: series.startTime + x.length * 3600,
  };
}

/**
 * The trailing window a forecast works on: prefix sums, seasonal offsets and local volatility computed
 * once, the model's prediction at any past origin, and the past origins whose outcome is known.
 */
import { seasonalOffset, type SeasonalPrior } from './seasonality';
import type { FeeSeries } from './types';

/** Parameters of the forecast model (forecast.ts); NAIVE is "stays where it is". */
export interface ModelParams {
  phi: number;
  lambda: number;
  meanWindow: number;
}

export const NAIVE: ModelParams = { phi: 0, lambda: 0, meanWindow: 1 };
/** Fewest past origins that make a score. */
export const MIN_ORIGINS = 20;
/** Fewer independent windows than this: too little evidence to prefer a model over naive. */
export const MIN_EFFECTIVE = 8;
/** Steps of one-step changes behind the volatility scale (at least; the horizon if longer). */
const VOL_WINDOW = 32;
/** Volatility floor (log units): a flat fee still gets a non-degenerate scale. */
const VOL_FLOOR = 1e-4;
const MIN_VOL_STEPS = 8;

/** Context over the trailing window: prefix sums and seasonal offsets, computed once. */
export class Window {
  readonly lo: number;
  private readonly prefix: Float64Array;
  private readonly season: Float64Array | undefined;
  /** Prefix sums of the seasonal offsets (for the mean of the deseasonalised fee). */
  private readonly seasonPrefix: Float64Array | undefined;
  /** Prefix sums of squared one-step changes, for the local volatility. */
  private readonly squares: Float64Array;
  constructor(
    readonly series: FeeSeries,
    readonly t: number,
    size: number,
    readonly maxHorizon: number,
    prior: SeasonalPrior | undefined,
  ) {
    this.lo = Math.max(0, t - size + 1);
    const x = series.logFee;
    this.prefix = new Float64Array(t - this.lo + 2);
    this.squares = new Float64Array(t - this.lo + 1);
    for (let i = this.lo; i <= t; i++) {
      this.prefix[i - this.lo + 1] = this.prefix[i - this.lo]! + x[i]!;
      if (i > this.lo) this.squares[i - this.lo] = this.squares[i - this.lo - 1]! + (x[i]! - x[i - 1]!) ** 2;
    }
    if (prior) {
      this.season = new Float64Array(t - this.lo + 1 + maxHorizon);
      for (let i = 0; i < this.season.length; i++) this.season[i] = seasonalOffset(prior, series.startTime + (this.lo + i) * series.stepSeconds);
      this.seasonPrefix = new Float64Array(t - this.lo + 2);
      for (let i = 0; i <= t - this.lo; i++) this.seasonPrefix[i + 1] = this.seasonPrefix[i]! + this.season[i]!;
    }
  }
  /** RMS one-step change over the VOL_WINDOW (at least) steps up to s: the scale of the errors at s. */
  volatility(s: number, h: number): number {
    const span = Math.min(Math.max(VOL_WINDOW, h), s - this.lo);
    if (span < 1) return VOL_FLOOR;
    const i = s - this.lo;
    return Math.max(VOL_FLOOR, Math.sqrt((this.squares[i]! - this.squares[i - span]!) / span));
  }
  x(i: number): number {
    return this.series.logFee[i]!;
  }
  predict(s: number, h: number, p: ModelParams): number {
    const x = this.x(s);
    let pred = x;
    if (p.phi !== 0) {
      const from = Math.max(this.lo, s - p.meanWindow + 1);
      let mean = (this.prefix[s - this.lo + 1]! - this.prefix[from - this.lo]!) / (s - from + 1);
      let level = x;
      if (p.lambda !== 0 && this.season && this.seasonPrefix) {
        mean -= (p.lambda * (this.seasonPrefix[s - this.lo + 1]! - this.seasonPrefix[from - this.lo]!)) / (s - from + 1);
        level -= p.lambda * this.season[s - this.lo]!;
      }
      pred += p.phi * (mean - level);
    }
    if (p.lambda !== 0 && this.season) pred += p.lambda * (this.season[s + h - this.lo]! - this.season[s - this.lo]!);
    return pred;
  }
}

export function origins(w: Window, h: number, maxOrigins: number, warm: number): number[] {
  // Origins need a few steps before them for their volatility scale.
  const first = w.lo + Math.max(warm, MIN_VOL_STEPS);
  const last = w.t - h;
  if (last < first) return [];
  const stride = Math.max(1, Math.ceil((last - first + 1) / maxOrigins));
  const out: number[] = [];
  for (let s = last; s >= first; s -= stride) out.push(s);
  return out;
}

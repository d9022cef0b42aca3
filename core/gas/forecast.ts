/**
 * Base-fee forecast: median and 10/90 % quantiles at chosen horizons.
 *
 * Model per horizon h (steps of the series), at origin t with log fee x_t:
 *   y = x − λ·S (the fee with the hour-of-week seasonality S of the prior taken out)
 *   pred = x_t + φ·(mean of y over the last L points − y_t) + λ·(S(t+h) − S(t))
 * (mean reversion of the deseasonalised level + the seasonal change to the target hour). φ, λ, L are chosen on the
 * series' own recent past, walk-forward (only origins whose outcome is already known), and the
 * model is used only if it beats the naive "stays where it is" forecast there by 8 % in mean absolute
 * error, on both halves of the scored past, in median absolute error, and by two standard errors;
 * otherwise the horizon falls back to naive and says so. Intervals are conformal: the chosen
 * model's past errors at that horizon, normalised by the volatility at their origin and rescaled
 * to the volatility now, at quantile levels moved by adaptive conformal inference (conformal.ts).
 */
import { InsufficientHistoryError } from './errors';
import { seasonalOffset, type SeasonalPrior } from './seasonality';
import type { FeeSeries } from './types';
import { adaptiveLevels, calibratedLevel, NOMINAL_LEVELS, type QuantileLevels } from './conformal';

export interface ForecastOptions {
  prior?: SeasonalPrior | undefined;
  /** Index of the last known point (default: last of the series). Nothing after it is read. */
  asOf?: number;
  /** Trailing points used (default 3000). */
  window?: number;
  /** Max past origins scored per horizon (default 240). */
  maxOrigins?: number;
  /** Relative improvement over naive required to use the model (default 0.08). */
  margin?: number;
}

export interface ModelParams {
  phi: number;
  lambda: number;
  meanWindow: number;
}

/** Forecast distribution of the log fee at one horizon. */
export interface LogForecast {
  horizonSteps: number;
  /** Median prediction of the log fee. */
  center: number;
  /** Sorted past errors (realised − predicted) of the chosen model: the conformal scores. */
  residuals: Float64Array;
  /** Calibrated (ACI) levels of `residuals` that stand for the nominal 10 % and 90 % bounds. */
  levels: QuantileLevels;
  method: 'model' | 'naive';
  params: ModelParams;
  /** 1 − MAE(model)/MAE(naive) on the scored past origins (0 for naive). */
  skill: number;
  /** Independent windows behind the scores (span of scored origins / h); small means wide intervals. */
  effectiveSamples: number;
  /** Why the horizon is naive or degraded, if it is. */
  note?: string;
}

const NAIVE: ModelParams = { phi: 0, lambda: 0, meanWindow: 1 };
const MIN_ORIGINS = 20;
/** Fewer independent windows than this: too little evidence to prefer a model over naive. */
const MIN_EFFECTIVE = 8;
/** Overlapping errors still carry some information beyond the count of disjoint windows. */
const EFFECTIVE_FACTOR = 100;
/** Steps of one-step changes behind the volatility scale (at least; the horizon if longer). */
const VOL_WINDOW = 32;
/** Volatility floor (log units): a flat fee still gets a non-degenerate scale. */
const VOL_FLOOR = 1e-4;
const MIN_VOL_STEPS = 8;
/** Standard errors by which the model must beat naive on past origins. */
const SIGNIFICANCE = 2;

function candidates(h: number, hasPrior: boolean): ModelParams[] {
  const out: ModelParams[] = [];
  const base = Math.max(3, h);
  for (const phi of [0, 0.15, 0.3, 0.5]) {
    for (const lambda of hasPrior ? [0, 0.5, 1] : [0]) {
      for (const meanWindow of phi === 0 ? [1] : [base, 4 * base]) out.push({ phi, lambda, meanWindow });
    }
  }
  return out;
}

/** Context over the trailing window: prefix sums and seasonal offsets, computed once. */
class Window {
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

function origins(w: Window, h: number, maxOrigins: number, warm: number): number[] {
  // Origins need a few steps before them for their volatility scale.
  const first = w.lo + Math.max(warm, MIN_VOL_STEPS);
  const last = w.t - h;
  if (last < first) return [];
  const stride = Math.max(1, Math.ceil((last - first + 1) / maxOrigins));
  const out: number[] = [];
  for (let s = last; s >= first; s -= stride) out.push(s);
  return out;
}

function meanAbsError(w: Window, os: number[], h: number, p: ModelParams): number {
  let sum = 0;
  for (const s of os) sum += Math.abs(w.x(s + h) - w.predict(s, h, p));
  return sum / os.length;
}

/**
 * Paired test on the past origins: the model's absolute errors must be smaller than naive's by more
 * than two standard errors, counting only independent windows (overlapping errors are correlated).
 */
function significant(w: Window, os: number[], h: number, p: ModelParams, nEff: number): boolean {
  let sum = 0;
  let sumSq = 0;
  for (const s of os) {
    const y = w.x(s + h);
    const d = Math.abs(y - w.x(s)) - Math.abs(y - w.predict(s, h, p));
    sum += d;
    sumSq += d * d;
  }
  const m = os.length;
  const mean = sum / m;
  const sd = Math.sqrt(Math.max(0, sumSq / m - mean * mean));
  return mean > SIGNIFICANCE * (sd / Math.sqrt(Math.min(m, nEff)));
}

function medianAbsError(w: Window, os: number[], h: number, p: ModelParams): number {
  const e = Float64Array.from(os, (s) => Math.abs(w.x(s + h) - w.predict(s, h, p))).sort();
  const k = e.length >> 1;
  return e.length % 2 ? e[k]! : (e[k - 1]! + e[k]!) / 2;
}

/** Forecast the log fee at each horizon (in steps of the series). */
export function forecastLog(series: FeeSeries, horizons: readonly number[], options: ForecastOptions = {}): LogForecast[] {
  const n = series.logFee.length;
  const t = options.asOf ?? n - 1;
  if (!Number.isInteger(t) || t < 0 || t >= n) throw new InsufficientHistoryError(`forecast origin ${t} is outside the series (0..${n - 1})`);
  if (t < 2) throw new InsufficientHistoryError('need at least 3 points of fee history to forecast');
  for (const h of horizons) if (!Number.isInteger(h) || h < 1) throw new InsufficientHistoryError(`horizon ${h} must be a positive whole number of steps`);
  const maxH = Math.max(1, ...horizons);
  const w = new Window(series, t, options.window ?? 3000, maxH, options.prior);
  const maxOrigins = options.maxOrigins ?? 240;
  const margin = options.margin ?? 0.08;
  const out: LogForecast[] = [];
  for (const h of horizons) {
    const warm = Math.min(4 * Math.max(3, h), Math.floor((t - w.lo) / 4));
    const os = origins(w, h, maxOrigins, warm);
    if (os.length < MIN_ORIGINS) {
      out.push(fallback(w, h, maxOrigins));
      continue;
    }
    const nEff = Math.max(1, (os[0]! - os[os.length - 1]!) / h + 1);
    const naiveMae = meanAbsError(w, os, h, NAIVE);
    let best = NAIVE;
    let bestMae = naiveMae;
    for (const p of candidates(h, options.prior !== undefined)) {
      if (p.phi === 0 && p.lambda === 0) continue;
      const mae = meanAbsError(w, os, h, p);
      if (mae < bestMae) {
        best = p;
        bestMae = mae;
      }
    }
    // Stability guards: the model must also win on the older and on the newer half of the origins,
    // and in median absolute error (the typical case), not only on average.
    const half = Math.floor(os.length / 2);
    const stable = (part: number[]): boolean => meanAbsError(w, part, h, best) < meanAbsError(w, part, h, NAIVE);
    const useModel =
      best !== NAIVE &&
      nEff >= MIN_EFFECTIVE &&
      bestMae < naiveMae * (1 - margin) &&
      stable(os.slice(0, half)) &&
      stable(os.slice(half)) &&
      medianAbsError(w, os, h, best) < medianAbsError(w, os, h, NAIVE) &&
      significant(w, os, h, best, nEff);
    const params = useModel ? best : NAIVE;
    const stride = os.length > 1 ? os[0]! - os[1]! : 1;
    const cal = calibrate(w, os, h, params, stride);
    let residuals = cal.residuals;
    let levels = cal.levels;
    if (nEff < MIN_EFFECTIVE) {
      // Thin evidence at this horizon: take the scaled shorter-horizon errors if they imply a wider
      // interval (a blend toward them under-covered badly at 300 blocks on the short files).
      const other = shorterScaled(w, h, maxOrigins);
      if (other && width(other.residuals, other.effective) > width(residuals, nEff)) {
        residuals = other.residuals;
        levels = NOMINAL_LEVELS;
      }
    }
    const forecast: LogForecast = {
      horizonSteps: h,
      center: w.predict(t, h, params),
      residuals,
      levels,
      method: useModel ? 'model' : 'naive',
      params,
      skill: useModel && naiveMae > 0 ? 1 - bestMae / naiveMae : 0,
      effectiveSamples: nEff,
    };
    if (!useModel) forecast.note = nEff < MIN_EFFECTIVE ? `only ${nEff.toFixed(1)} independent windows of history; using naive` : 'model not better than naive on recent history; using naive';
    out.push(forecast);
  }
  return out;
}

/** Normalised scores of the chosen model at past origins, ACI levels, and the scores rescaled to now. */
function calibrate(w: Window, os: number[], h: number, p: ModelParams, stride: number): { residuals: Float64Array; levels: QuantileLevels } {
  const m = os.length;
  const asc: number[] = new Array<number>(m);
  const z = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const s = os[m - 1 - i]!;
    asc[i] = s;
    z[i] = (w.x(s + h) - w.predict(s, h, p)) / w.volatility(s, h);
  }
  const levels = adaptiveLevels(asc, z, h, stride);
  const scale = w.volatility(w.t, h);
  const residuals = z.map((v) => v * scale).sort();
  return { residuals, levels };
}

/** Naive errors of the longest shorter horizon with enough independent windows, scaled √(h/h'). */
function shorterScaled(w: Window, h: number, maxOrigins: number): { residuals: Float64Array; effective: number } | undefined {
  for (let hp = Math.floor(h / 2); hp >= 1; hp = Math.floor(hp / 2)) {
    const os = origins(w, hp, maxOrigins, 0);
    const eff = os.length > 0 ? (os[0]! - os[os.length - 1]!) / hp + 1 : 0;
    if (os.length >= MIN_ORIGINS && eff >= MIN_EFFECTIVE) {
      return { residuals: scaledNaive(w, os, hp, h), effective: eff };
    }
  }
  return undefined;
}

/** Naive errors at horizon hp, normalised by the volatility at their origin, rescaled to now and by √(h/hp). */
function scaledNaive(w: Window, os: number[], hp: number, h: number): Float64Array {
  const scale = w.volatility(w.t, hp) * Math.sqrt(h / hp);
  return Float64Array.from(os, (s) => ((w.x(s + hp) - w.x(s)) / w.volatility(s, hp)) * scale).sort();
}

function width(r: Float64Array, eff: number): number {
  return scoreQuantile(r, 0.9, eff) - scoreQuantile(r, 0.1, eff);
}

/** Too little history for horizon h: naive centre, errors of the longest scored shorter horizon
 * scaled by √(h/h'), or a ±12.5 %/block bound as a last resort. */
function fallback(w: Window, h: number, maxOrigins: number): LogForecast {
  let scaled: Float64Array | undefined;
  let nEff = 1;
  for (let hp = h - 1; hp >= 1 && !scaled; hp = Math.floor(hp / 2)) {
    const os = origins(w, hp, maxOrigins, 0);
    if (os.length >= MIN_ORIGINS) {
      scaled = scaledNaive(w, os, hp, h);
      nEff = Math.max(1, (os[0]! - os[os.length - 1]!) / hp + 1);
    }
  }
  const bound = Math.log(1.125) * Math.min(h, 8);
  return {
    horizonSteps: h,
    center: w.x(w.t),
    residuals: scaled ?? Float64Array.from([-bound, 0, bound]),
    levels: NOMINAL_LEVELS,
    method: 'naive',
    params: NAIVE,
    skill: 0,
    effectiveSamples: nEff,
    note: `not enough history to score horizon ${h}; naive with widened intervals`,
  };
}

/**
 * Conformal quantile of sorted scores at level q (0..1). The finite-sample correction uses the
 * number of independent windows `effective` (overlapping multi-step errors are not independent),
 * so thin evidence gives wider intervals.
 */
export function scoreQuantile(sorted: Float64Array, q: number, effective = sorted.length): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const m = Math.max(1, Math.min(n, EFFECTIVE_FACTOR * effective));
  const level = q >= 0.5 ? Math.min(1, Math.ceil((m + 1) * q) / m) : Math.max(0, Math.floor((m + 1) * q) / m);
  const i = Math.min(n - 1, Math.max(0, Math.ceil(level * n) - 1));
  return sorted[i]!;
}

/** Offset from `center` of the calibrated forecast quantile at nominal level q (0..1). */
export function forecastQuantile(f: LogForecast, q: number): number {
  return scoreQuantile(f.residuals, calibratedLevel(f.levels, q), f.effectiveSamples);
}

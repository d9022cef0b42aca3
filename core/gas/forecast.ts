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
import type { SeasonalPrior } from './seasonality';
import type { FeeSeries } from './types';
import { adaptiveLevels, calibratedLevel, NOMINAL_LEVELS, type QuantileLevels } from './conformal';
import { MIN_EFFECTIVE, MIN_ORIGINS, NAIVE, origins, Window, type ModelParams } from './forecast-window';
import { fallbackForecast, pooledScores, shorterScaled } from './thin-evidence';

export type { ModelParams } from './forecast-window';

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

/** Overlapping errors still carry some information beyond the count of disjoint windows. */
const EFFECTIVE_FACTOR = 100;
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
      out.push(fallbackForecast(w, h, maxOrigins));
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
      // Thin evidence at this horizon: pool its own scores with the scaled shorter-horizon errors (thin-evidence.ts).
      const standIn = shorterScaled(w, h, maxOrigins);
      if (standIn) {
        residuals = pooledScores(residuals, standIn, nEff);
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
/**
 * Walk-forward replay of a real fee file: forecast accuracy per horizon vs naive, interval
 * coverage, realised result of the send-or-wait advice, and max-fee headroom vs MetaMask / viem.
 * At each origin only data up to that origin is given to the engine.
 */
import { adviseSendOrWait } from './advice';
import type { FeeDataFile } from './blocks-file';
import { forecastLog, forecastQuantile } from './forecast';
import { replayLimit, sendNowIndex } from './limit-policy';
import { DEFAULT_FULL_BLOCKS, maxFeeForFullBlocks } from './max-fee';
import { nextBaseFee } from './next-base-fee';
import { peerMaxFees } from './peers';
import type { SeasonalPrior } from './seasonality';
import { seriesFromBlocks, seriesFromHourly } from './series';
import type { FeeSeries } from './types';

export interface BacktestOptions {
  /** Horizons in steps (blocks or hours). Defaults: blocks 1,12,60,300; hourly 1,6,24. */
  horizons?: number[];
  prior?: SeasonalPrior | undefined;
  /** Cap on scored origins per horizon (default 2500) and on advice decisions (default 600). */
  maxOrigins?: number;
  maxAdviceOrigins?: number;
}

export interface HorizonScore {
  horizon: number;
  unit: 'blocks' | 'hours';
  cases: number;
  medianAbsLogError: { preflight: number; naive: number };
  /** 1 − preflight/naive (positive = better than naive). */
  improvement: number;
  pinballLoss: { preflight: number; naive: number };
  coverage80: number;
  /** Non-overlapping windows of this horizon in the scored span: the outcomes of overlapping windows move together. */
  independentWindows: number;
  /** 95 % Wilson interval of the coverage, counting each independent window as one trial (so it is wide where windows are few). */
  coverage80Interval: [number, number];
  /** Share of origins where the model (not the naive fallback) was used. */
  modelShare: number;
  exact?: boolean;
}

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mean = (v: number[]): number => (v.length === 0 ? Number.NaN : v.reduce((a, b) => a + b, 0) / v.length);
const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;

/** 95 % Wilson score interval of a share p observed on n trials. */
export function wilson(p: number, n: number): [number, number] {
  if (!(n > 0)) return [0, 1];
  const z = 1.96;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [round(Math.max(0, c - h), 3), round(Math.min(1, c + h), 3)];
}

function pinball(y: number, q: number, level: number): number {
  return y >= q ? level * (y - q) : (1 - level) * (q - y);
}

function scoreHorizons(series: FeeSeries, horizons: number[], unit: 'blocks' | 'hours', warm: number, opts: BacktestOptions, exactNext?: Float64Array): HorizonScore[] {
  const n = series.logFee.length;
  const x = series.logFee;
  const stride = Math.max(1, Math.ceil((n - warm) / (opts.maxOrigins ?? 2500)));
  const acc = horizons.map(() => ({ err: [] as number[], naive: [] as number[], pin: 0, pinNaive: 0, cover: 0, model: 0, first: -1, last: -1 }));
  for (let t = warm; t < n - 1; t += stride) {
    const hs = horizons.filter((h) => t + h < n);
    if (hs.length === 0) break;
    const fs = forecastLog(series, hs, { asOf: t, prior: opts.prior, window: unit === 'hours' ? 720 : 3000 });
    for (const f of fs) {
      const a = acc[horizons.indexOf(f.horizonSteps)]!;
      const y = x[t + f.horizonSteps]!;
      const exact = f.horizonSteps === 1 && exactNext ? exactNext[t]! : Number.NaN;
      const center = Number.isNaN(exact) ? f.center : exact;
      const lo = Number.isNaN(exact) ? f.center + forecastQuantile(f, 0.1) : exact;
      const hi = Number.isNaN(exact) ? f.center + forecastQuantile(f, 0.9) : exact;
      a.err.push(Math.abs(y - center));
      a.naive.push(Math.abs(y - x[t]!));
      a.pin += (pinball(y, lo, 0.1) + pinball(y, center, 0.5) + pinball(y, hi, 0.9)) / 3;
      a.pinNaive += (pinball(y, x[t]!, 0.1) + pinball(y, x[t]!, 0.5) + pinball(y, x[t]!, 0.9)) / 3;
      if (y >= lo - 1e-12 && y <= hi + 1e-12) a.cover++;
      if (f.method === 'model') a.model++;
      if (a.first < 0) a.first = t;
      a.last = t;
    }
  }
  return horizons.map((horizon, i) => {
    const a = acc[i]!;
    const cases = a.err.length;
    const p = median(a.err);
    const nv = median(a.naive);
    const windows = a.first < 0 ? 0 : (a.last - a.first) / horizon + 1;
    const score: HorizonScore = {
      horizon,
      unit,
      cases,
      medianAbsLogError: { preflight: round(p, 5), naive: round(nv, 5) },
      improvement: round(nv > 0 ? 1 - p / nv : 0),
      pinballLoss: { preflight: round(a.pin / cases, 5), naive: round(a.pinNaive / cases, 5) },
      coverage80: round(a.cover / cases, 3),
      independentWindows: round(windows, 1),
      coverage80Interval: wilson(a.cover / cases, windows),
      modelShare: round(a.model / cases, 3),
    };
    if (horizon === 1 && exactNext) score.exact = true;
    return score;
  });
}

export interface AdviceScore {
  deadline: { steps: number; seconds: number };
  decisions: number;
  waitAdvisedShare: number;
  /** Realised saving vs sending at once, share of the cost (all decisions; "send now" saves 0). */
  vsSendNow: { medianSaving: number; meanSaving: number };
  /** The same, only over decisions that said "wait". */
  whenWaiting: { cases: number; medianSaving: number; meanSaving: number; lostMoneyShare: number };
  /** Waits for a target fee (limit-policy.ts) among them, and how often the target was reached before the deadline. */
  targetFeeWaits: { cases: number; reachedShare: number };
  /** Extra cost vs the cheapest moment within the deadline, in hindsight (share of that cost). */
  vsHindsightBest: { medianRegret: number; meanRegret: number };
}

function scoreAdvice(series: FeeSeries, deadline: number, candidates: number[], warm: number, opts: BacktestOptions): AdviceScore {
  const n = series.logFee.length;
  const x = series.logFee;
  const stride = Math.max(1, Math.ceil((n - deadline - warm) / (opts.maxAdviceOrigins ?? 600)));
  const all: number[] = [];
  const waits: number[] = [];
  const regret: number[] = [];
  let limitWaits = 0;
  let limitHits = 0;
  for (let t = warm; t + deadline < n; t += stride) {
    const now = series.startTime + t * series.stepSeconds;
    const advice = adviseSendOrWait(series, { gasLimit: 21_000n, withinSeconds: deadline * series.stepSeconds, now }, { asOf: t, prior: opts.prior, candidates, window: series.stepSeconds === 3600 ? 720 : 3000 });
    // Sending at once pays the next block (a mined one cannot be joined) or this hour's average.
    const first = sendNowIndex(series, t);
    const sendNow = Math.exp(x[first]!);
    let paid = sendNow;
    const limit = advice.wait?.limit;
    if (limit) {
      // Replayed exactly as advised: the first point at or below the target before its deadline, else the deadline's.
      const steps = Math.round((limit.deadline - now) / series.stepSeconds);
      const r = replayLimit(x, t, Math.log(Number(limit.targetBaseFee)), steps);
      paid = Math.exp(r.paid);
      limitWaits++;
      if (r.hit) limitHits++;
    } else if (advice.wait) {
      paid = Math.exp(x[t + Math.round(advice.wait.waitSeconds / series.stepSeconds)]!);
    }
    const saving = 1 - paid / sendNow;
    all.push(saving);
    if (advice.wait) waits.push(saving);
    let best = Infinity;
    for (let k = first - t; k <= deadline; k++) best = Math.min(best, Math.exp(x[t + k]!));
    regret.push(paid / best - 1);
  }
  return {
    deadline: { steps: deadline, seconds: deadline * series.stepSeconds },
    decisions: all.length,
    waitAdvisedShare: round(waits.length / Math.max(1, all.length), 3),
    vsSendNow: { medianSaving: round(median(all)), meanSaving: round(mean(all)) },
    whenWaiting: { cases: waits.length, medianSaving: round(median(waits)), meanSaving: round(mean(waits)), lostMoneyShare: round(waits.filter((s) => s < 0).length / Math.max(1, waits.length), 3) },
    targetFeeWaits: { cases: limitWaits, reachedShare: round(limitHits / Math.max(1, limitWaits), 3) },
    vsHindsightBest: { medianRegret: round(median(regret)), meanRegret: round(mean(regret)) },
  };
}

export interface PeerScore {
  name: string;
  /** Share of sends whose max fee is below the base fee of the block it lands in, by landing delay. */
  stuckShare: Record<'1' | '3' | '10', number>;
  /** Mean (max fee − pending base fee) / pending base fee. */
  meanHeadroom: number;
}

function scorePeers(file: Extract<FeeDataFile, { kind: 'blocks' }>): PeerScore[] {
  const b = file.blocks;
  const rows = new Map<string, { stuck: [number, number, number]; head: number; n: number }>();
  for (let t = 5; t + 11 < b.length; t++) {
    if (b[t + 11]!.number - b[t]!.number !== 11) continue; // skip windows with gaps
    const pending = b[t + 1]!.baseFeePerGas;
    const fees = { ...peerMaxFees(b.slice(t - 4, t + 1), pending), 'Preflight (3 full blocks)': maxFeeForFullBlocks(pending, DEFAULT_FULL_BLOCKS, 0n) };
    for (const [name, fee] of Object.entries(fees)) {
      const row = rows.get(name) ?? { stuck: [0, 0, 0], head: 0, n: 0 };
      [1, 3, 10].forEach((lag, i) => {
        if (fee < b[t + lag]!.baseFeePerGas) row.stuck[i]!++;
      });
      row.head += Number(fee - pending) / Number(pending);
      row.n++;
      rows.set(name, row);
    }
  }
  return [...rows].map(([name, r]) => ({
    name,
    stuckShare: { '1': round(r.stuck[0] / r.n), '3': round(r.stuck[1] / r.n), '10': round(r.stuck[2] / r.n) },
    meanHeadroom: round(r.head / r.n),
  }));
}

export interface BacktestReport {
  kind: 'blocks' | 'hourly';
  points: number;
  interpolatedPoints: number;
  nextBaseFee?: { checked: number; exact: number; maxErrorWei: bigint };
  horizons: HorizonScore[];
  advice: AdviceScore;
  peers?: PeerScore[];
  notes: string[];
}

export function backtest(file: FeeDataFile, opts: BacktestOptions = {}): BacktestReport {
  const notes = [
    'walk-forward: each forecast sees only data up to its origin',
    'log errors are natural-log ratios (0.1 ≈ 10 %)',
    'advice savings are shares of the cost of sending at once; "send now" counts as 0 in vsSendNow. The often quoted "67.8 % average gas saving" compares with whenWaiting.meanSaving at best (an average over chosen waits), not with the medians',
  ];
  if (file.kind === 'hourly') {
    const series = seriesFromHourly(file.hours);
    const horizons = opts.horizons ?? [1, 6, 24];
    // Score only origins after the prior's training period, so its gains are out of sample.
    const trainedSteps = opts.prior?.trainedUntil === undefined ? 0 : Math.ceil((opts.prior.trainedUntil - series.startTime) / 3600);
    const warm = Math.max(168, trainedSteps);
    if (opts.prior && opts.prior.trainedUntil === undefined) notes.push('the prior does not say which period it was learned on: scores may be in sample');
    if (trainedSteps > 0) notes.push(`prior learned on hours before ${new Date(opts.prior!.trainedUntil! * 1000).toISOString()}; only origins from then on are scored (disjoint from the prior's data)`);
    return {
      kind: 'hourly',
      points: series.logFee.length,
      interpolatedPoints: series.filled,
      horizons: scoreHorizons(series, horizons, 'hours', warm, opts),
      advice: scoreAdvice(series, 24, Array.from({ length: 24 }, (_, i) => i + 1), warm, opts),
      notes: [...notes, 'hourly averages of the gas price; advice deadline 24 h, candidate waits every hour'],
    };
  }
  const first = file.blocks[0]!.timestamp;
  const last = file.blocks[file.blocks.length - 1]!.timestamp;
  const p = opts.prior;
  if (p && p.trainedFrom !== undefined && p.trainedUntil !== undefined && first < p.trainedUntil && last >= p.trainedFrom) {
    notes.push(`this file lies inside the prior's training period (${new Date(p.trainedFrom * 1000).toISOString().slice(0, 10)} – ${new Date(p.trainedUntil * 1000).toISOString().slice(0, 10)}): scored without the prior`);
    opts = { ...opts, prior: undefined };
  } else if (p && p.trainedUntil === undefined) notes.push('the prior does not say which period it was learned on');
  const series = seriesFromBlocks(file.blocks);
  const horizons = opts.horizons ?? [1, 12, 60, 300];
  const warm = Math.min(300, Math.floor(series.logFee.length / 4));
  const exactNext = exactNextSeries(file, series.firstBlock, series.logFee.length);
  const report: BacktestReport = {
    kind: 'blocks',
    points: series.logFee.length,
    interpolatedPoints: series.filled,
    horizons: scoreHorizons(series, horizons, 'blocks', warm, opts, exactNext?.values),
    advice: scoreAdvice(series, Math.min(300, Math.floor(series.logFee.length / 3)), [12, 60, 150, 300], warm, opts),
    peers: scorePeers(file),
    notes: [...notes, 'advice deadline 300 blocks (1 h), candidate waits 12/60/150/300 blocks', 'peers: tips set to 0 for all (same for every peer), so headroom is base-fee headroom only'],
  };
  if (exactNext) report.nextBaseFee = exactNext.stats;
  else report.notes.push('no gas used/limit in this file: horizon 1 is scored as a forecast');
  return report;
}

/** Log of the exact next base fee per origin, when the file carries gas used and gas limit. */
function exactNextSeries(file: Extract<FeeDataFile, { kind: 'blocks' }>, firstBlock: number, length: number): { values: Float64Array; stats: { checked: number; exact: number; maxErrorWei: bigint } } | undefined {
  if (!file.blocks.every((b) => b.gasUsed !== undefined && b.gasLimit !== undefined)) return undefined;
  const values = new Float64Array(length).fill(Number.NaN);
  let checked = 0;
  let exact = 0;
  let maxError = 0n;
  for (let i = 0; i + 1 < file.blocks.length; i++) {
    const p = file.blocks[i]!;
    const next = nextBaseFee({ baseFeePerGas: p.baseFeePerGas, gasUsed: p.gasUsed ?? 0n, gasLimit: p.gasLimit ?? 1n });
    const idx = p.number - firstBlock;
    if (idx >= 0 && idx < length) values[idx] = Math.log(Number(next));
    const child = file.blocks[i + 1]!;
    if (child.number !== p.number + 1) continue;
    checked++;
    const err = next > child.baseFeePerGas ? next - child.baseFeePerGas : child.baseFeePerGas - next;
    if (err === 0n) exact++;
    if (err > maxError) maxError = err;
  }
  return { values, stats: { checked, exact, maxErrorWei: maxError } };
}

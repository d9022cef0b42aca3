/**
 * Risk of the unsold rest over a schedule: the position still held is exposed to the price until
 * it is sold. Holdings are piecewise constant between slices; over an interval of Δt hours with
 * h units held, the value changes by h·P·σ·√Δt·Z (arithmetic Brownian motion, AC's model), so the
 * loss is Gaussian with sd = P·σ·√(Σ h_k² Δt_k). VaR_α = z_α·sd, ES_α = sd·φ(z_α)/(1 − α).
 * Monte Carlo draws the same increments from a seeded PRNG ('gaussian'), or a lognormal path
 * ('lognormal', GBM) for a heavier view of large moves.
 */
import { WithdrawInputError } from './errors';
import { normalPdf, normalQuantile } from './normal';
import { seededNormal } from './prng';
import type { Schedule } from './schedule';

export interface Exposure {
  /** Hours from now. */
  from: number;
  to: number;
  units: number;
}

export interface RiskLevel {
  level: number;
  /** Loss (quote units, positive) not exceeded with probability `level`. */
  valueAtRisk: number;
  /** Mean loss beyond the VaR. */
  expectedShortfall: number;
}

export interface RiskReport {
  method: 'parametric' | 'monte-carlo';
  sd: number;
  levels: RiskLevel[];
  paths?: number;
  seed?: number;
}

export const DEFAULT_LEVELS = [0.95, 0.99] as const;

/** Holdings over time: the whole amount until the first slice, then what each slice leaves until the next one. */
export function exposuresOf(amount: number, schedule: Pick<Schedule, 'slices'>): Exposure[] {
  const out: Exposure[] = [];
  let held = amount;
  let t = 0;
  for (const s of schedule.slices) {
    if (s.atHour > t && held > 0) out.push({ from: t, to: s.atHour, units: held });
    held = s.remainingAfter;
    t = Math.max(t, s.atHour);
  }
  return out;
}

function check(price: number, sigmaPerHour: number): void {
  if (!(price > 0) || !(sigmaPerHour >= 0)) throw new WithdrawInputError('price must be positive and volatility non-negative');
}

export function parametricRisk(exposures: readonly Exposure[], price: number, sigmaPerHour: number, levels: readonly number[] = DEFAULT_LEVELS): RiskReport {
  check(price, sigmaPerHour);
  const v = exposures.reduce((s, e) => s + e.units * e.units * (e.to - e.from), 0);
  const sd = price * sigmaPerHour * Math.sqrt(v);
  return {
    method: 'parametric',
    sd,
    levels: levels.map((level) => {
      const z = normalQuantile(level);
      return { level, valueAtRisk: z * sd, expectedShortfall: (sd * normalPdf(z)) / (1 - level) };
    }),
  };
}

export interface MonteCarloOptions {
  paths?: number;
  seed?: number;
  model?: 'gaussian' | 'lognormal';
  levels?: readonly number[];
  /** Sub-steps per hour for the lognormal path (default 1). */
  stepsPerHour?: number;
}

export function monteCarloRisk(exposures: readonly Exposure[], price: number, sigmaPerHour: number, opts: MonteCarloOptions = {}): RiskReport {
  check(price, sigmaPerHour);
  const paths = opts.paths ?? 20_000;
  const seed = opts.seed ?? 1;
  const z = seededNormal(seed);
  const losses = new Float64Array(paths);
  const lognormal = opts.model === 'lognormal';
  for (let p = 0; p < paths; p++) {
    let loss = 0;
    let px = price;
    for (const e of exposures) {
      const dt = e.to - e.from;
      if (!lognormal) {
        loss -= e.units * price * sigmaPerHour * Math.sqrt(dt) * z();
        continue;
      }
      const steps = Math.max(1, Math.ceil(dt * (opts.stepsPerHour ?? 1)));
      const h = dt / steps;
      for (let k = 0; k < steps; k++) {
        const next = px * Math.exp(sigmaPerHour * Math.sqrt(h) * z() - 0.5 * sigmaPerHour * sigmaPerHour * h);
        loss += e.units * (px - next);
        px = next;
      }
    }
    losses[p] = loss;
  }
  losses.sort();
  let mean = 0;
  for (const l of losses) mean += l;
  mean /= paths;
  let ss = 0;
  for (const l of losses) ss += (l - mean) ** 2;
  return {
    method: 'monte-carlo',
    sd: Math.sqrt(ss / (paths - 1)),
    paths,
    seed,
    levels: (opts.levels ?? DEFAULT_LEVELS).map((level) => {
      const k = Math.min(paths - 1, Math.floor(level * paths));
      let tail = 0;
      for (let i = k; i < paths; i++) tail += losses[i]!;
      return { level, valueAtRisk: losses[k]!, expectedShortfall: tail / (paths - k) };
    }),
  };
}

export interface StressResult {
  id: 'crash-30-in-1h' | 'depeg-0.9' | 'depeg-0.5';
  description: string;
  /** Loss at the worst moment, quote units. */
  worstLoss: number;
  /** Hours from now of the worst moment. */
  worstAtHour: number;
  /** Loss if the event starts at each whole hour of the schedule: [hour, loss]. */
  profile: [number, number][];
}

/** Units still unsold at `hour` (slices at exactly `hour` already sent). */
function heldAt(amount: number, schedule: Pick<Schedule, 'slices'>, hour: number): number {
  let held = amount;
  for (const s of schedule.slices) if (s.atHour <= hour) held = s.remainingAfter;
  return held;
}

/**
 * Stress scenarios: the asset falls 30 % within an hour (the loss is on what is still unsold at the
 * start of that hour; the hour's own slices are assumed to fill at the fallen price), and — when the
 * proceeds are a stablecoin — a depeg to 0.9 and to 0.5 (the loss is on the proceeds received so far).
 */
export function stressScenarios(amount: number, price: number, schedule: Pick<Schedule, 'slices' | 'endHour'>, proceedsInStablecoin: boolean): StressResult[] {
  const hours = Array.from({ length: Math.floor(schedule.endHour) + 1 }, (_, h) => h);
  const crash = hours.map((h): [number, number] => [h, 0.3 * price * heldAt(amount, schedule, h - 1e-9)]);
  const worst = (profile: [number, number][]): [number, number] => profile.reduce((a, b) => (b[1] > a[1] ? b : a), [0, 0]);
  const out: StressResult[] = [];
  const [ch, cl] = worst(crash);
  out.push({ id: 'crash-30-in-1h', description: 'the asset falls 30 % within one hour', worstLoss: cl, worstAtHour: ch, profile: crash });
  if (proceedsInStablecoin) {
    const received = (h: number): number => schedule.slices.filter((s) => s.atHour <= h).reduce((sum, s) => sum + s.expectedOut, 0);
    for (const [id, peg] of [['depeg-0.9', 0.9], ['depeg-0.5', 0.5]] as const) {
      const profile = [...hours, schedule.endHour].map((h): [number, number] => [h, (1 - peg) * received(h)]);
      const [wh, wl] = worst(profile);
      out.push({ id, description: `the stablecoin trades at ${peg} after the sales`, worstLoss: wl, worstAtHour: wh, profile: profile.slice(0, hours.length) });
    }
  }
  return out;
}

/**
 * Almgren–Chriss liquidation schedule with a gas-aware number of slices.
 *
 * Model (discrete AC, "Optimal execution of portfolio transactions", 2000): sell X units in N
 * slices, slice j (1..N) at hour s + (j−1)τ with τ = (H − s)/N, s the start hour, H the deadline.
 * Holdings after slice j are x_j (x_0 = X, x_N = 0). The objective is E + λ·V:
 *   E = Σ_j c(n_j) + Σ_j gas(s + (j−1)τ)       c(n) = n·mid − quote(n), the exact shortfall of one
 *                                               slice against the mid price (LP fee + price impact)
 *   V = (σ·mid)² · (s·X² + τ·Σ_{j<N} x_j²)        the unsold rest is exposed while it waits
 * AC assumes temporary impact: between slices arbitrageurs bring the pool back to the market
 * price, so each slice is quoted against the pool as read now (true for slices minutes apart on a
 * pool that tracks a deeper market; false for a pool that IS the market — then impact is permanent
 * and splitting saves nothing but the LP fee's convexity).
 *
 * Linearising c(n) ≈ n·(mid − p₀) + η·n² (p₀ = the small-trade price, fee included) gives the
 * closed form x_j = X·sinh(κ(N − j))/sinh(κN) with 2(cosh κ − 1) = λσ²τ·mid²/η (κ per slice).
 * The planner scans every (N ≤ 50, start hour) with this model (microseconds), then re-prices the
 * best candidates with the exact quote and keeps the best exact one. λ = a/(X·mid), a the user's
 * risk aversion: dimensionless, so the same preference means the same thing for any position size.
 */
import { WithdrawInputError, WithdrawLiquidityError } from './errors';

export interface ScheduleInput {
  /** Units of the asset to sell (human units, e.g. 120.5 ETH). */
  amount: number;
  /** Mid price in quote units per asset unit: the reference for the shortfall. */
  midPrice: number;
  /** Exact output (quote units) of selling `amountIn` into the pool as it is now. */
  quote: (amountIn: number) => number;
  /** Volatility of the log price per √hour. */
  sigmaPerHour: number;
  /** Hours from now by which the last slice must be sent. */
  horizonHours: number;
  /** Gas cost of one swap sent `hour` hours from now, in quote units (from the gas forecast). */
  gasCostAtHour: (hour: number) => number;
  /** Risk aversion a ≥ 0 (see RISK_AVERSION). */
  riskAversion: number;
  /** MEV-safe slippage (bps) for a slice of this size (from core/mev's safeSlippage). */
  safeSlippageBps?: (amountIn: number) => number;
  maxSlices?: number;
  /** Candidate start hours (default every whole hour before the deadline). */
  startHours?: readonly number[];
  /** Smallest gap between slices, hours (default 1/60: a few blocks for the arbitrage). */
  minSpacingHours?: number;
}

export interface Slice {
  index: number;
  /** Hours from now. */
  atHour: number;
  amountIn: number;
  expectedOut: number;
  minOut: number;
  slippageBps: number;
  /** n·mid − expectedOut (LP fee + price impact). */
  impactCost: number;
  gasCost: number;
  /** Units still held after this slice. */
  remainingAfter: number;
}

export interface Schedule {
  slices: Slice[];
  startHour: number;
  tauHours: number;
  endHour: number;
  /** Model parameters: κ per slice and the linearised impact coefficient η (quote / unit²). */
  kappa: number;
  eta: number;
  lambda: number;
  expectedProceeds: number;
  cost: { impact: number; gas: number; total: number; mevAllowance: number };
  /** Variance of the unsold rest's value (quote units²). */
  variance: number;
  /** E + λV, the quantity minimised. */
  objective: number;
}

/** Preference presets for `a`: the variance penalty as a multiple of 1/(position value). */
export const RISK_AVERSION = { low: 0.5, medium: 2, high: 10 } as const;
export type RiskPreference = keyof typeof RISK_AVERSION | number;
export const riskAversionOf = (p: RiskPreference): number => (typeof p === 'number' ? p : RISK_AVERSION[p]);

/** κ per slice from 2(cosh κ − 1) = k, k = λσ²τ/η (σ in price units). */
export function kappaPerSlice(lambda: number, sigmaPrice: number, tau: number, eta: number): number {
  if (eta <= 0) return Number.POSITIVE_INFINITY;
  const k = (lambda * sigmaPrice * sigmaPrice * tau) / eta;
  return Math.acosh(1 + k / 2);
}

/** Holdings x_0..x_N of the AC trajectory (κ = 0: straight line; κ = ∞: all in the first slice). */
export function acHoldings(amount: number, slices: number, kappa: number): number[] {
  const x = new Array<number>(slices + 1);
  for (let j = 0; j <= slices; j++) {
    if (kappa === 0) x[j] = (amount * (slices - j)) / slices;
    else if (!Number.isFinite(kappa) || kappa * slices > 700) x[j] = j === 0 ? amount : amount * Math.exp(-kappa * j) * (j === slices ? 0 : 1);
    else x[j] = (amount * Math.sinh(kappa * (slices - j))) / Math.sinh(kappa * slices);
  }
  x[slices] = 0;
  return x;
}

export interface Candidate {
  slices: number;
  startHour: number;
  kappa: number;
  eta: number;
  /** Explicit trajectory (default: the AC holdings for κ). */
  holdings?: number[];
}

const holdingsOf = (input: ScheduleInput, c: Candidate): number[] => c.holdings ?? acHoldings(input.amount, c.slices, c.kappa);

interface Priced {
  objective: number;
  impact: number;
  gas: number;
  variance: number;
  outs: number[];
}

function validate(input: ScheduleInput): void {
  const bad = (what: string): never => {
    throw new WithdrawInputError(what);
  };
  if (!(input.amount > 0) || !Number.isFinite(input.amount)) bad(`amount ${input.amount} must be a positive number`);
  if (!(input.midPrice > 0) || !Number.isFinite(input.midPrice)) bad(`mid price ${input.midPrice} must be a positive number`);
  if (!(input.horizonHours > 0)) bad(`the deadline (${input.horizonHours} h) must be in the future`);
  if (!(input.sigmaPerHour >= 0)) bad('volatility must be zero or more');
  if (!(input.riskAversion >= 0)) bad('risk aversion must be zero or more');
}

function safeQuote(input: ScheduleInput, n: number): number {
  let out: number;
  try {
    out = input.quote(n);
  } catch (e) {
    throw new WithdrawLiquidityError(`the pool cannot quote a sale of ${n}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!(out >= 0) || !Number.isFinite(out)) throw new WithdrawLiquidityError(`the pool quoted ${out} for a sale of ${n}`);
  return out;
}

/** Exact E, V and E + λV of one trajectory. */
export function priceCandidate(input: ScheduleInput, c: Candidate): Priced {
  const lambda = input.riskAversion / (input.amount * input.midPrice);
  const sigmaP = input.sigmaPerHour * input.midPrice;
  const tau = (input.horizonHours - c.startHour) / c.slices;
  let impact = 0;
  let gas = 0;
  let held = c.startHour * input.amount * input.amount;
  const outs: number[] = [];
  const x = holdingsOf(input, c);
  for (let j = 1; j <= c.slices; j++) {
    const n = x[j - 1]! - x[j]!;
    const out = n > 0 ? safeQuote(input, n) : 0;
    outs.push(out);
    impact += n * input.midPrice - out;
    if (n > 0) gas += input.gasCostAtHour(c.startHour + (j - 1) * tau);
    if (j < c.slices) held += tau * x[j]! ** 2;
  }
  const variance = sigmaP * sigmaP * held;
  return { objective: impact + gas + lambda * variance, impact, gas, variance, outs };
}

/** η(n) = (n·p₀ − quote(n))/n², the quadratic impact coefficient seen by a slice of size n. */
function impactCurve(input: ScheduleInput): (n: number) => number {
  const eps = input.amount / 10_000;
  const p0 = safeQuote(input, eps) / eps;
  const grid = [1, 2, 4, 8, 16, 32, 64].map((k) => input.amount / k);
  const etas = grid.map((n) => Math.max(0, (n * p0 - safeQuote(input, n)) / (n * n)));
  return (n: number) => {
    // piecewise-linear in log n over the grid (sizes descending)
    for (let i = 1; i < grid.length; i++) {
      if (n >= grid[i]!) {
        const w = Math.log(grid[i - 1]! / n) / Math.log(grid[i - 1]! / grid[i]!);
        return etas[i - 1]! * (1 - w) + etas[i]! * w;
      }
    }
    return etas[etas.length - 1]!;
  };
}

export function defaultStartHours(horizonHours: number): number[] {
  return Array.from({ length: Math.max(1, Math.ceil(horizonHours)) }, (_, h) => h).filter((h) => h < horizonHours);
}

/** Every (N, start) candidate with its AC trajectory for η at the typical slice X/N. */
export function candidates(input: ScheduleInput, etaAt: (n: number) => number): Candidate[] {
  const maxN = input.maxSlices ?? 50;
  const minGap = input.minSpacingHours ?? 1 / 60;
  const lambda = input.riskAversion / (input.amount * input.midPrice);
  const out: Candidate[] = [];
  for (const s of input.startHours ?? defaultStartHours(input.horizonHours)) {
    if (s < 0 || s >= input.horizonHours) continue;
    for (let n = 1; n <= maxN; n++) {
      const tau = (input.horizonHours - s) / n;
      if (n > 1 && tau < minGap) break;
      const eta = etaAt(input.amount / n);
      const kappa = kappaPerSlice(lambda, input.sigmaPerHour * input.midPrice, tau, eta);
      out.push({ slices: n, startHour: s, kappa, eta });
    }
  }
  return out;
}

/** The linear-quadratic model's objective (no quote calls, no allocation; gas per whole hour from `gasByHour`). */
function modelObjective(input: ScheduleInput, c: Candidate, feePerUnit: number, gasByHour: Float64Array): number {
  const lambda = input.riskAversion / (input.amount * input.midPrice);
  const sigmaP = input.sigmaPerHour * input.midPrice;
  const tau = (input.horizonHours - c.startHour) / c.slices;
  const X = input.amount;
  const N = c.slices;
  const k = c.kappa;
  const line = k === 0;
  const jump = !line && (!Number.isFinite(k) || k * N > 700);
  // x_j = X·sinh(κ(N−j))/sinh(κN), with e^{κ(N−j)} stepped down by e^{−κ} (no sinh per step)
  const down = line || jump ? 1 : Math.exp(-k);
  let grow = line || jump ? 1 : Math.exp(k * N);
  const scale = line || jump ? 0 : X / (grow - 1 / grow);
  let e = feePerUnit * X;
  let held = c.startHour * X * X;
  let prev = X;
  for (let j = 1; j <= N; j++) {
    grow *= down;
    const xj = j >= N || jump ? 0 : line ? (X * (N - j)) / N : scale * (grow - 1 / grow);
    const n = prev - xj;
    const hour = Math.min(gasByHour.length - 1, Math.floor(c.startHour + (j - 1) * tau));
    e += c.eta * n * n + (n > 0 ? gasByHour[hour]! : 0);
    if (j < N) held += tau * xj * xj;
    prev = xj;
  }
  return e + lambda * sigmaP * sigmaP * held;
}

/** How many model-ranked candidates are re-priced exactly. */
const EXACT_CANDIDATES = 6;

export function planSchedule(input: ScheduleInput): Schedule {
  validate(input);
  const etaAt = impactCurve(input);
  const eps = input.amount / 10_000;
  const feePerUnit = input.midPrice - safeQuote(input, eps) / eps;
  const all = candidates(input, etaAt);
  if (all.length === 0) throw new WithdrawInputError('no start hour lies before the deadline');
  // the scan prices gas per whole hour; the exact re-pricing below uses gasCostAtHour at the slice's time
  const gasByHour = Float64Array.from({ length: Math.ceil(input.horizonHours) + 1 }, (_, h) => input.gasCostAtHour(h));
  const ranked = all.map((c) => ({ c, m: modelObjective(input, c, feePerUnit, gasByHour) })).sort((a, b) => a.m - b.m);
  let best: { c: Candidate; p: Priced } | undefined;
  for (const { c } of ranked.slice(0, EXACT_CANDIDATES)) {
    const p = priceCandidate(input, c);
    if (!best || p.objective < best.p.objective) best = { c, p };
  }
  return materialise(input, best!.c, best!.p);
}

/** Exhaustive exact search over every N ≤ maxSlices and start hour, AC and straight-line trajectories (the proof baseline). */
export function exhaustiveSchedule(input: ScheduleInput): { objective: number; slices: number; startHour: number; shape: 'ac' | 'twap' } {
  validate(input);
  const etaAt = impactCurve(input);
  let best = { objective: Number.POSITIVE_INFINITY, slices: 0, startHour: 0, shape: 'ac' as 'ac' | 'twap' };
  for (const c of candidates(input, etaAt)) {
    for (const shape of ['ac', 'twap'] as const) {
      const p = priceCandidate(input, shape === 'ac' ? c : { ...c, holdings: acHoldings(input.amount, c.slices, 0) });
      if (p.objective < best.objective) best = { objective: p.objective, slices: c.slices, startHour: c.startHour, shape };
    }
  }
  return best;
}

function materialise(input: ScheduleInput, c: Candidate, p: Priced): Schedule {
  const tau = (input.horizonHours - c.startHour) / c.slices;
  const slices: Slice[] = [];
  let mev = 0;
  const x = holdingsOf(input, c);
  for (let j = 1; j <= c.slices; j++) {
    const n = x[j - 1]! - x[j]!;
    if (n <= 0) continue;
    const out = p.outs[j - 1]!;
    const bps = Math.max(0, Math.min(10_000, input.safeSlippageBps ? input.safeSlippageBps(n) : 50));
    const minOut = out * (1 - bps / 10_000);
    mev += out - minOut;
    const at = c.startHour + (j - 1) * tau;
    slices.push({ index: slices.length, atHour: at, amountIn: n, expectedOut: out, minOut, slippageBps: bps, impactCost: n * input.midPrice - out, gasCost: input.gasCostAtHour(at), remainingAfter: x[j]! });
  }
  const proceeds = p.outs.reduce((a, b) => a + b, 0);
  return {
    slices,
    startHour: c.startHour,
    tauHours: tau,
    endHour: slices[slices.length - 1]?.atHour ?? c.startHour,
    kappa: c.kappa,
    eta: c.eta,
    lambda: input.riskAversion / (input.amount * input.midPrice),
    expectedProceeds: proceeds,
    cost: { impact: p.impact, gas: p.gas, total: p.impact + p.gas, mevAllowance: mev },
    variance: p.variance,
    objective: p.objective,
  };
}

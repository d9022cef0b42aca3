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
 * and splitting saves nothing but the LP fee's convexity). For such a static pool pass
 * `quoteSequence` (permanent impact): slices are then priced one after another through the pool
 * as each previous slice left it (schedule-exact.ts), and the scan's model counts the impact once,
 * whatever the split (it is path-independent up to the fee: V3 takes the fee outside the curve,
 * V2 puts it in the reserves, so splitting on V2 costs slightly more than one swap).
 *
 * Linearising c(n) ≈ n·(mid − p₀) + η·n² (p₀ = the small-trade price, fee included) gives the
 * closed form x_j = X·sinh(κ(N − j))/sinh(κN) with 2(cosh κ − 1) = λσ²τ·mid²/η (κ per slice).
 * The planner scans every (N ≤ 50, start hour) with this model (microseconds), then re-prices the
 * best candidates with the exact quote and keeps the best exact one. λ = a/(X·mid), a the user's
 * risk aversion: dimensionless, so the same preference means the same thing for any position size.
 */
import { WithdrawInputError } from './errors';
import { impactCurve, materialise, priceCandidate, safeQuote, validate, type Priced } from './schedule-exact';

export { acHoldings, priceCandidate } from './schedule-exact';

export interface ScheduleInput {
  /** Units of the asset to sell (human units, e.g. 120.5 ETH). */
  amount: number;
  /** Mid price in quote units per asset unit: the reference for the shortfall. */
  midPrice: number;
  /** Exact output (quote units) of selling `amountIn` into the pool as it is now. */
  quote: (amountIn: number) => number;
  /**
   * Permanent impact (a static pool): exact outputs of selling `amounts` one after another, each into
   * the pool as the previous one left it. When given, slices are priced with it instead of `quote`.
   */
  quoteSequence?: (amounts: readonly number[]) => number[];
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

export interface Candidate {
  slices: number;
  startHour: number;
  kappa: number;
  eta: number;
  /** Explicit trajectory (default: the AC holdings for κ). */
  holdings?: number[];
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
function modelObjective(input: ScheduleInput, c: Candidate, feePerUnit: number, gasByHour: Float64Array, permanentImpact: number | undefined): number {
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
  // permanent impact: what the pool takes does not depend on the split (≈ the one-shot impact)
  let e = permanentImpact ?? feePerUnit * X;
  let held = c.startHour * X * X;
  let prev = X;
  for (let j = 1; j <= N; j++) {
    grow *= down;
    const xj = j >= N || jump ? 0 : line ? (X * (N - j)) / N : scale * (grow - 1 / grow);
    const n = prev - xj;
    const hour = Math.min(gasByHour.length - 1, Math.floor(c.startHour + (j - 1) * tau));
    e += (permanentImpact === undefined ? c.eta * n * n : 0) + (n > 0 ? gasByHour[hour]! : 0);
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
  const permanentImpact = input.quoteSequence ? input.amount * input.midPrice - safeQuote(input, input.amount) : undefined;
  const ranked = all.map((c) => ({ c, m: modelObjective(input, c, feePerUnit, gasByHour, permanentImpact) })).sort((a, b) => a.m - b.m);
  let best: { c: Candidate; p: Priced } | undefined;
  for (const { c } of ranked.slice(0, EXACT_CANDIDATES)) {
    const p = priceCandidate(input, c);
    if (!best || p.objective < best.p.objective) best = { c, p };
  }
  return materialise(input, best!.c, best!.p);
}


/**
 * Exact pricing of one liquidation trajectory (E, V, E + λV) and its materialisation into slices.
 * Temporary impact: every slice is quoted against the pool as read now (`quote`). Permanent impact
 * (`quoteSequence`, a static pool nobody arbitrages back): the slices are quoted one after another
 * through the pool as each previous slice left it, so the planned outputs are the exact sequential
 * outputs of the swaps as they will be sent.
 */
import { WithdrawInputError, WithdrawLiquidityError } from './errors';
import type { Candidate, Schedule, ScheduleInput, Slice } from './schedule';

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

export const holdingsOf = (input: ScheduleInput, c: Candidate): number[] => c.holdings ?? acHoldings(input.amount, c.slices, c.kappa);

export interface Priced {
  objective: number;
  impact: number;
  gas: number;
  variance: number;
  outs: number[];
}

export function validate(input: ScheduleInput): void {
  const bad = (what: string): never => {
    throw new WithdrawInputError(what);
  };
  if (!(input.amount > 0) || !Number.isFinite(input.amount)) bad(`amount ${input.amount} must be a positive number`);
  if (!(input.midPrice > 0) || !Number.isFinite(input.midPrice)) bad(`mid price ${input.midPrice} must be a positive number`);
  if (!(input.horizonHours > 0)) bad(`the deadline (${input.horizonHours} h) must be in the future`);
  if (!(input.sigmaPerHour >= 0)) bad('volatility must be zero or more');
  if (!(input.riskAversion >= 0)) bad('risk aversion must be zero or more');
}

const checked = (out: number, n: number): number => {
  if (!(out >= 0) || !Number.isFinite(out)) throw new WithdrawLiquidityError(`the pool quoted ${out} for a sale of ${n}`);
  return out;
};
const liquidity = (n: number | string, e: unknown) => new WithdrawLiquidityError(`the pool cannot quote a sale of ${n}: ${e instanceof Error ? e.message : String(e)}`);

export function safeQuote(input: ScheduleInput, n: number): number {
  let out: number;
  try {
    out = input.quote(n);
  } catch (e) {
    throw liquidity(n, e);
  }
  return checked(out, n);
}

/** Outputs of the slices `ns` (zeros allowed): one by one through the moving pool in permanent mode, each against today's pool otherwise. */
export function sliceOutputs(input: ScheduleInput, ns: readonly number[]): number[] {
  if (!input.quoteSequence) return ns.map((n) => (n > 0 ? safeQuote(input, n) : 0));
  const sold = ns.filter((n) => n > 0);
  let seq: number[];
  try {
    seq = input.quoteSequence(sold);
  } catch (e) {
    throw liquidity(`${sold.reduce((s, n) => s + n, 0)} in ${sold.length} slices`, e);
  }
  let k = 0;
  return ns.map((n) => (n > 0 ? checked(seq[k++] ?? Number.NaN, n) : 0));
}

/** Exact E, V and E + λV of one trajectory. */
export function priceCandidate(input: ScheduleInput, c: Candidate): Priced {
  const lambda = input.riskAversion / (input.amount * input.midPrice);
  const sigmaP = input.sigmaPerHour * input.midPrice;
  const tau = (input.horizonHours - c.startHour) / c.slices;
  let impact = 0;
  let gas = 0;
  let held = c.startHour * input.amount * input.amount;
  const x = holdingsOf(input, c);
  const ns = Array.from({ length: c.slices }, (_, i) => x[i]! - x[i + 1]!);
  const outs = sliceOutputs(input, ns);
  for (let j = 1; j <= c.slices; j++) {
    const n = ns[j - 1]!;
    impact += n * input.midPrice - outs[j - 1]!;
    if (n > 0) gas += input.gasCostAtHour(c.startHour + (j - 1) * tau);
    if (j < c.slices) held += tau * x[j]! ** 2;
  }
  const variance = sigmaP * sigmaP * held;
  return { objective: impact + gas + lambda * variance, impact, gas, variance, outs };
}

/** η(n) = (n·p₀ − quote(n))/n², the quadratic impact coefficient seen by a slice of size n. */
export function impactCurve(input: ScheduleInput): (n: number) => number {
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

export function materialise(input: ScheduleInput, c: Candidate, p: Priced): Schedule {
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

/**
 * Parking the proceeds: a fractional-Kelly allocation over yield options the user enters.
 * For a continuous-time investment with expected excess return μ and variance σ², the Kelly
 * fraction is μ/σ² (Merton). Here μ = APY − risk-free, σ² = the APY's variance as entered.
 * Steps: raw = μ/σ² → drop ≤ 0 → × fraction (½ by default) → × TVL and age modifiers → cap per
 * option → scale down if the sum exceeds 1 (no leverage) → drop dust (< 1 %) → rest stays in cash.
 */
import { WithdrawInputError } from './errors';

export interface YieldOption {
  name: string;
  /** Annual yield as a fraction (0.05 = 5 %). */
  apy: number;
  /** Variance of the annual yield (fraction²), e.g. 0.02² for ±2 %. */
  apyVariance: number;
  /** Total value locked, USD. */
  tvlUsd: number;
  /** Years since the protocol (this deployment) went live. */
  ageYears: number;
  /** Most of the proceeds this option may take (default 0.5). */
  cap?: number;
}

export interface KellyOptions {
  /** Share of full Kelly (default 0.5). */
  fraction?: number;
  riskFree?: number;
  /** Weights below this are dropped (default 0.01). */
  dust?: number;
  /** TVL at which the TVL modifier reaches 1 (default 1e9 USD; 0 at 1e6 USD, log-linear between). */
  fullTvlUsd?: number;
  /** Age at which the age modifier reaches 1 (default 3 years, linear). */
  fullAgeYears?: number;
}

export interface Allocation {
  name: string;
  weight: number;
  rawKelly: number;
  modifiers: { tvl: number; age: number };
  capped: boolean;
  dropped?: 'negative' | 'dust' | 'invalid';
}

export interface KellyResult {
  allocations: Allocation[];
  cash: number;
  fraction: number;
  limits: string[];
}

export const KELLY_LIMITS: readonly string[] = [
  'APY is not expected return: advertised yields include token emissions that can fall in price, and rates move with demand.',
  'A hack, depeg or insolvency is a jump to zero that a variance of yields does not capture; the TVL and age modifiers are rough proxies, not a risk model.',
  'Kelly assumes the inputs are right; errors in APY or variance make full Kelly overbet, which is why half-Kelly is the default.',
  'Options are treated as independent; protocols that share a stablecoin, oracle or chain fail together.',
];

const clamp = (x: number, lo = 0, hi = 1): number => Math.min(hi, Math.max(lo, x));

export function kellyAllocation(options: readonly YieldOption[], opts: KellyOptions = {}): KellyResult {
  const fraction = opts.fraction ?? 0.5;
  if (!(fraction > 0 && fraction <= 1)) throw new WithdrawInputError('the Kelly fraction must be in (0, 1]');
  const rf = opts.riskFree ?? 0;
  const dust = opts.dust ?? 0.01;
  const fullTvl = opts.fullTvlUsd ?? 1e9;
  const fullAge = opts.fullAgeYears ?? 3;
  const allocations: Allocation[] = options.map((o) => {
    const tvl = o.tvlUsd > 0 ? clamp(Math.log10(o.tvlUsd / 1e6) / Math.log10(fullTvl / 1e6)) : 0;
    const age = clamp(o.ageYears / fullAge);
    const base = { name: o.name, modifiers: { tvl, age }, capped: false };
    if (!(o.apyVariance > 0) || !Number.isFinite(o.apy)) return { ...base, weight: 0, rawKelly: 0, dropped: 'invalid' as const };
    const raw = (o.apy - rf) / o.apyVariance;
    if (raw <= 0) return { ...base, weight: 0, rawKelly: raw, dropped: 'negative' as const };
    let w = raw * fraction * tvl * age;
    const cap = o.cap ?? 0.5;
    const capped = w > cap;
    if (capped) w = cap;
    return { ...base, weight: w, rawKelly: raw, capped };
  });
  const sum = allocations.reduce((s, a) => s + a.weight, 0);
  if (sum > 1) for (const a of allocations) a.weight /= sum;
  for (const a of allocations) {
    if (!a.dropped && a.weight < dust) {
      a.weight = 0;
      a.dropped = 'dust';
    }
  }
  const invested = allocations.reduce((s, a) => s + a.weight, 0);
  return { allocations, cash: Math.max(0, 1 - invested), fraction, limits: [...KELLY_LIMITS] };
}

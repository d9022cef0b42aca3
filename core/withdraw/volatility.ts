/**
 * Realised volatility of a price from samples: stored spot prices, or Uniswap V3 `observe`
 * tick cumulatives (time-weighted average ticks between observation points).
 */
import { InsufficientPriceHistoryError, WithdrawInputError } from './errors';

export interface PriceSample {
  /** Unix seconds. */
  t: number;
  price: number;
}

export interface Volatility {
  /** Standard deviation of the log return over one hour. */
  perHour: number;
  /** Over one year (365 days × 24 h), √(8760) × perHour. */
  annualised: number;
  /** Log returns used. */
  returns: number;
  spanSeconds: number;
  /** 'spot': point prices; 'interval-average': TWAP prices, variance scaled by 3/2 (see below). */
  kind: 'spot' | 'interval-average';
}

const HOURS_PER_YEAR = 365 * 24;

/**
 * Brownian variance per second from irregular samples: with log returns r_i over Δt_i, drift
 * μ = Σr/ΣΔt and σ² = Σ (r_i − μΔt_i)²/Δt_i / (n − 1). Samples out of order are sorted; equal
 * timestamps and non-positive prices are refused.
 *
 * Interval averages (V3 TWAPs over consecutive windows of equal length) are smoother than spot
 * prices: the difference of two adjacent Brownian averages has variance (2/3)σ²Δt, so the
 * estimate is scaled by 3/2 for kind 'interval-average'.
 */
export function realisedVolatility(samples: readonly PriceSample[], kind: Volatility['kind'] = 'spot'): Volatility {
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  if (sorted.length < 3) throw new InsufficientPriceHistoryError(`need at least 3 price samples, got ${sorted.length}`);
  const r: number[] = [];
  const dt: number[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (!(a.price > 0 && b.price > 0) || !Number.isFinite(a.price) || !Number.isFinite(b.price)) {
      throw new WithdrawInputError(`price sample at ${b.t} is not a positive number`);
    }
    const d = b.t - a.t;
    if (d <= 0) throw new WithdrawInputError(`two price samples share the timestamp ${b.t}`);
    r.push(Math.log(b.price / a.price));
    dt.push(d);
  }
  const span = dt.reduce((x, y) => x + y, 0);
  const mu = r.reduce((x, y) => x + y, 0) / span;
  let ss = 0;
  r.forEach((ri, i) => {
    const e = ri - mu * dt[i]!;
    ss += (e * e) / dt[i]!;
  });
  let perSecondVar = ss / (r.length - 1);
  if (kind === 'interval-average') perSecondVar *= 1.5;
  const perHour = Math.sqrt(perSecondVar * 3600);
  return { perHour, annualised: perHour * Math.sqrt(HOURS_PER_YEAR), returns: r.length, spanSeconds: span, kind };
}

/**
 * Prices from a V3 pool's `observe(secondsAgos)` answer: between consecutive points the
 * time-weighted average tick is Δ(tickCumulative)/Δt, and the price of token0 in token1 is
 * 1.0001^tick × 10^(decimals0 − decimals1). `invert` gives token1 in token0. Each price is stamped
 * at the end of its window. secondsAgos must be strictly decreasing (oldest first), e.g. [86400, 82800, …, 0].
 */
export function pricesFromTickCumulatives(
  now: number,
  secondsAgos: readonly number[],
  tickCumulatives: readonly bigint[],
  opts: { decimals0?: number; decimals1?: number; invert?: boolean } = {},
): PriceSample[] {
  if (secondsAgos.length !== tickCumulatives.length) throw new WithdrawInputError('secondsAgos and tickCumulatives differ in length');
  const scale = 10 ** ((opts.decimals0 ?? 18) - (opts.decimals1 ?? 18));
  const out: PriceSample[] = [];
  for (let i = 1; i < secondsAgos.length; i++) {
    const dt = secondsAgos[i - 1]! - secondsAgos[i]!;
    if (dt <= 0) throw new WithdrawInputError('secondsAgos must be strictly decreasing (oldest first)');
    const avgTick = Number(tickCumulatives[i]! - tickCumulatives[i - 1]!) / dt;
    const p = 1.0001 ** avgTick * scale;
    out.push({ t: now - secondsAgos[i]!, price: opts.invert ? 1 / p : p });
  }
  return out;
}

/** secondsAgos for `observe`: `points` windows of `stepSeconds`, oldest first, ending now. */
export function observeSchedule(points: number, stepSeconds = 3600): number[] {
  return Array.from({ length: points + 1 }, (_, i) => (points - i) * stepSeconds);
}

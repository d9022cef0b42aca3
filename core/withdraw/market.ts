/**
 * A pool route from core/mev seen as the planner needs it: human-unit numbers in and out.
 * Quotes are core/mev's exact V2/V3 swap math (routeExactIn); MEV-safe slippage is core/mev's
 * safeSlippage (the largest tolerance at which no sandwich covers its gas).
 */
import { routeExactIn, safeSlippage, type Route } from '../mev';
import { WithdrawInputError } from './errors';

export interface RouteMarket {
  route: Route;
  decimalsIn: number;
  decimalsOut: number;
}

/** Human units → base units (floor). Exact for the float's value; floats carry ~16 significant digits. */
export function toBaseUnits(amount: number, decimals: number): bigint {
  if (!(amount >= 0) || !Number.isFinite(amount)) throw new WithdrawInputError(`amount ${amount} must be a non-negative number`);
  const scaled = amount * 10 ** decimals;
  // above 2^53 every double is an integer, so BigInt() is exact for the float's value (the fast path)
  if (scaled >= 2 ** 53 && scaled < 1e300) return BigInt(Math.floor(scaled));
  const fixed = amount.toFixed(Math.min(decimals, 20));
  const [whole, frac = ''] = fixed.split('.');
  return BigInt(whole!) * 10n ** BigInt(decimals) + BigInt((frac + '0'.repeat(decimals)).slice(0, decimals) || '0');
}

export function fromBaseUnits(amount: bigint, decimals: number): number {
  const scale = 10n ** BigInt(decimals);
  return Number(amount / scale) + Number(amount % scale) / Number(scale);
}

/** Exact output (human units) of selling `amountIn` (human units) along the route now. */
export function quoteOfRoute(m: RouteMarket): (amountIn: number) => number {
  return (amountIn) => fromBaseUnits(routeExactIn(m.route, toBaseUnits(amountIn, m.decimalsIn)).amountOut, m.decimalsOut);
}

/**
 * Permanent impact: exact outputs (human units) of selling `amounts` one after another along the
 * route, each swap into the pools as the previous one left them (core/mev's exact V2/V3 stepping).
 */
export function sequenceOfRoute(m: RouteMarket): (amounts: readonly number[]) => number[] {
  return (amounts) => {
    let route = m.route;
    return amounts.map((a) => {
      const s = routeExactIn(route, toBaseUnits(a, m.decimalsIn));
      route = s.after;
      return fromBaseUnits(s.amountOut, m.decimalsOut);
    });
  };
}

/** The product of (1 − fee) over the route's pools. */
export function feeFactorOfRoute(route: Route): number {
  return route.pools.reduce((f, p) => f * (p.protocol === 'v2' ? 1 - p.feeBps / 10_000 : 1 - p.fee / 1_000_000), 1);
}

/** Mid price (out per in, human units) from a tiny quote with the fee taken back out. */
export function midPriceOfRoute(m: RouteMarket, probe: number): number {
  return quoteOfRoute(m)(probe) / probe / feeFactorOfRoute(m.route);
}

/**
 * Safe slippage in bps for a slice of `amountIn`, with the attacker's gas (two swaps) priced in the
 * input token. The size is rounded UP to a grid of ratio 2^(1/4) (≤ 19 % larger) and memoised: a
 * larger swap is the fatter target, so its tolerance is the tighter (safe) one, and a schedule of
 * 50 slices costs a handful of sandwich searches instead of 50.
 */
export function safeSlippageOfRoute(m: RouteMarket, attackerGasInTokenIn: number, expectedMoveBps: number): (amountIn: number) => number {
  const memo = new Map<string, number>();
  const gas = toBaseUnits(attackerGasInTokenIn, m.decimalsIn);
  return (amountIn) => {
    const step = Math.ceil(4 * Math.log2(amountIn));
    const key = String(step);
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const amt = toBaseUnits(2 ** (step / 4), m.decimalsIn);
    const bps = safeSlippage(m.route, { exactInput: true, amountIn: amt, amountOutMin: 0n }, gas, expectedMoveBps).recommendedBps;
    memo.set(key, bps);
    return bps;
  };
}

/** The ordinary price move (bps) to expect while a transaction waits `seconds` to be included: 2σ√t. */
export function expectedMoveBps(sigmaPerHour: number, seconds = 60): number {
  return Math.round(2 * sigmaPerHour * Math.sqrt(seconds / 3600) * 10_000 * 100) / 100;
}

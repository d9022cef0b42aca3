import type { Address } from 'viem';
import { makeRoute, reverseRoute, routeExactIn, type Route } from './pool/route';

const same = (a: Address, b: Address): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Converts `wei` of ETH into units of route.tokens[index] by selling it through the route's own pools
 * (WETH must be on the route). Undefined when WETH is not on the route or the pools cannot quote.
 */
export function weiToToken(route: Route, weth: Address | undefined, index: number, wei: bigint): bigint | undefined {
  if (!weth) return undefined;
  const k = route.tokens.findIndex((t) => same(t, weth));
  if (k < 0) return undefined;
  if (k === index || wei === 0n) return wei;
  try {
    const [lo, hi] = k < index ? [k, index] : [index, k];
    const sub = makeRoute(route.tokens.slice(lo, hi + 1), route.pools.slice(lo, hi));
    return routeExactIn(k < index ? sub : reverseRoute(sub), wei).amountOut;
  } catch {
    return undefined;
  }
}

/** Value in wei of `amount` of route.tokens[index], at the route's pool prices (undefined without WETH on it). */
export function tokenToWei(route: Route, weth: Address | undefined, index: number, amount: bigint): bigint | undefined {
  if (!weth) return undefined;
  const k = route.tokens.findIndex((t) => same(t, weth));
  if (k < 0) return undefined;
  if (k === index || amount === 0n) return amount;
  // value via the marginal rate of a small probe (1e-4 of an ETH), so the amount's own price impact is excluded
  const probeWei = 10n ** 14n;
  const probe = weiToToken(route, weth, index, probeWei);
  if (!probe || probe === 0n) return undefined;
  return (amount * probeWei) / probe;
}

/** USD value of a wei amount at `ethPriceUsd` (a plain number, for display and thresholds). */
export function weiToUsd(wei: bigint, ethPriceUsd: number | undefined): number | undefined {
  if (ethPriceUsd === undefined || !Number.isFinite(ethPriceUsd)) return undefined;
  return (Number(wei) / 1e18) * ethPriceUsd;
}

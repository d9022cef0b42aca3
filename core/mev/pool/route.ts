import type { Address } from 'viem';
import { PoolNotFoundError } from '../errors';
import { swapExactIn, swapExactOut } from './swap';
import type { PoolState } from './types';

/** A path through pools: tokens[i] → tokens[i+1] through pools[i]. */
export interface Route {
  tokens: readonly Address[];
  pools: readonly PoolState[];
}

export interface RouteSwap {
  amountIn: bigint;
  amountOut: bigint;
  after: Route;
}

export function makeRoute(tokens: readonly Address[], pools: readonly PoolState[]): Route {
  if (tokens.length !== pools.length + 1 || pools.length === 0) throw new PoolNotFoundError('a route needs n pools and n+1 tokens');
  return { tokens, pools };
}

/** The same pools traversed the other way (the back-run of a sandwich). */
export function reverseRoute(route: Route): Route {
  return { tokens: [...route.tokens].reverse(), pools: [...route.pools].reverse() };
}

function tokenAt(route: Route, i: number): Address {
  const t = route.tokens[i];
  if (t === undefined) throw new PoolNotFoundError('route token index out of range');
  return t;
}

/** Exact input along the route, hop by hop (V2 Router / V3 exactInput semantics). */
export function routeExactIn(route: Route, amountIn: bigint): RouteSwap {
  const pools: PoolState[] = [];
  let amount = amountIn;
  route.pools.forEach((pool, i) => {
    const s = swapExactIn(pool, tokenAt(route, i), amount);
    pools.push(s.after);
    amount = s.amountOut;
  });
  return { amountIn, amountOut: amount, after: { tokens: route.tokens, pools } };
}

/** Exact output along the route, computed from the last hop backwards (getAmountsIn / exactOutput). */
export function routeExactOut(route: Route, amountOut: bigint): RouteSwap {
  const pools: PoolState[] = new Array<PoolState>(route.pools.length);
  let amount = amountOut;
  for (let i = route.pools.length - 1; i >= 0; i--) {
    const pool = route.pools[i];
    if (!pool) throw new PoolNotFoundError('route pool index out of range');
    const s = swapExactOut(pool, tokenAt(route, i), amount);
    pools[i] = s.after;
    amount = s.amountIn;
  }
  return { amountIn: amount, amountOut, after: { tokens: route.tokens, pools } };
}

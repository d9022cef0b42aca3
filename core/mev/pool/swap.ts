import type { Address } from 'viem';
import { PoolNotFoundError } from '../errors';
import { v2AmountIn, v2AmountOut } from '../math/v2';
import type { PoolState, PoolSwap, V2PoolState } from './types';
import { v3Swap } from './v3-swap';

function sameAddress(a: Address, b: Address): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Is `tokenIn` the pool's token0 (so the swap is zeroForOne)? */
export function isZeroForOne(pool: PoolState, tokenIn: Address): boolean {
  if (sameAddress(pool.token0, tokenIn)) return true;
  if (sameAddress(pool.token1, tokenIn)) return false;
  throw new PoolNotFoundError(`token ${tokenIn} is not in pool ${pool.address}`);
}

function v2After(pool: V2PoolState, zeroForOne: boolean, amountIn: bigint, amountOut: bigint): V2PoolState {
  return zeroForOne
    ? { ...pool, reserve0: pool.reserve0 + amountIn, reserve1: pool.reserve1 - amountOut }
    : { ...pool, reserve0: pool.reserve0 - amountOut, reserve1: pool.reserve1 + amountIn };
}

/** Sell exactly `amountIn` of `tokenIn` into the pool. */
export function swapExactIn(pool: PoolState, tokenIn: Address, amountIn: bigint): PoolSwap {
  const zeroForOne = isZeroForOne(pool, tokenIn);
  if (pool.protocol === 'v3') return v3Swap(pool, zeroForOne, amountIn);
  const [rIn, rOut] = zeroForOne ? [pool.reserve0, pool.reserve1] : [pool.reserve1, pool.reserve0];
  const amountOut = v2AmountOut(amountIn, rIn, rOut, pool.feeBps);
  return { amountIn, amountOut, after: v2After(pool, zeroForOne, amountIn, amountOut) };
}

/** Buy exactly `amountOut` of the other token, paying `tokenIn`. */
export function swapExactOut(pool: PoolState, tokenIn: Address, amountOut: bigint): PoolSwap {
  const zeroForOne = isZeroForOne(pool, tokenIn);
  if (pool.protocol === 'v3') return v3Swap(pool, zeroForOne, -amountOut);
  const [rIn, rOut] = zeroForOne ? [pool.reserve0, pool.reserve1] : [pool.reserve1, pool.reserve0];
  const amountIn = v2AmountIn(amountOut, rIn, rOut, pool.feeBps);
  return { amountIn, amountOut, after: v2After(pool, zeroForOne, amountIn, amountOut) };
}

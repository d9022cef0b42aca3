import { InsufficientLiquidityError, V3MathError } from '../errors';
import { computeSwapStep } from '../math/swap-math';
import { getSqrtRatioAtTick, getTickAtSqrtRatio, MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK } from '../math/tick-math';
import { nextInitializedTick, nextInitializedTickWithinOneWord } from './tick-bitmap';
import type { PoolSwap, V3PoolState } from './types';

/**
 * UniswapV3Pool.swap, stepped exactly like the contract (same step boundaries, same rounding).
 * `amountSpecified` > 0 is exact input, < 0 exact output. No price limit other than the
 * global one; a swap that cannot be filled completely throws InsufficientLiquidityError.
 */
export function v3Swap(pool: V3PoolState, zeroForOne: boolean, amountSpecified: bigint): PoolSwap<V3PoolState> {
  if (amountSpecified === 0n) return { amountIn: 0n, amountOut: 0n, after: pool };
  const exactInput = amountSpecified > 0n;
  const limit = zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n;
  let remaining = amountSpecified;
  let calculated = 0n;
  let sqrtPrice = pool.sqrtPriceX96;
  let tick = pool.tick;
  let liquidity = pool.liquidity;

  while (remaining !== 0n && sqrtPrice !== limit) {
    const start = sqrtPrice;
    if (liquidity === 0n) {
      // No liquidity: the contract walks word by word moving no tokens; jump to the next initialised tick.
      const jump = nextInitializedTick(pool, tick, zeroForOne);
      sqrtPrice = getSqrtRatioAtTick(jump);
      tick = jump;
      liquidity += zeroForOne ? -(pool.liquidityNet.get(jump) ?? 0n) : (pool.liquidityNet.get(jump) ?? 0n);
      if (zeroForOne) tick = jump - 1;
      if (liquidity < 0n) throw new V3MathError('liquidity underflow while crossing a tick');
      continue;
    }
    const found = nextInitializedTickWithinOneWord(pool, tick, zeroForOne);
    const initialized = found.initialized;
    const next = Math.min(Math.max(found.next, MIN_TICK), MAX_TICK);
    const sqrtNext = getSqrtRatioAtTick(next);
    const target = (zeroForOne ? sqrtNext < limit : sqrtNext > limit) ? limit : sqrtNext;
    const step = computeSwapStep(sqrtPrice, target, liquidity, remaining, pool.fee);
    sqrtPrice = step.sqrtRatioNextX96;
    if (exactInput) {
      remaining -= step.amountIn + step.feeAmount;
      calculated -= step.amountOut;
    } else {
      remaining += step.amountOut;
      calculated += step.amountIn + step.feeAmount;
    }
    if (sqrtPrice === sqrtNext) {
      if (initialized) {
        let net = pool.liquidityNet.get(next) ?? 0n;
        if (zeroForOne) net = -net;
        liquidity += net;
        if (liquidity < 0n) throw new V3MathError('liquidity underflow while crossing a tick');
      }
      tick = zeroForOne ? next - 1 : next;
    } else if (sqrtPrice !== start) {
      tick = getTickAtSqrtRatio(sqrtPrice);
    }
  }
  if (remaining !== 0n) throw new InsufficientLiquidityError(`pool ${pool.address} cannot fill the swap`);
  const amountIn = exactInput ? amountSpecified : calculated;
  const amountOut = exactInput ? -calculated : -amountSpecified;
  return { amountIn, amountOut, after: { ...pool, sqrtPriceX96: sqrtPrice, tick, liquidity } };
}

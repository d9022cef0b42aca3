import { InsufficientLiquidityError } from '../errors';

/** UniswapV2Library.getAmountOut with a fee in basis points (30 = 0.3 %, i.e. 997/1000). */
export function v2AmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint, feeBps = 30): bigint {
  if (amountIn <= 0n) return 0n;
  if (reserveIn <= 0n || reserveOut <= 0n) throw new InsufficientLiquidityError('the pair has no reserves');
  const inWithFee = amountIn * BigInt(10_000 - feeBps);
  return (inWithFee * reserveOut) / (reserveIn * 10_000n + inWithFee);
}

/** UniswapV2Library.getAmountIn: the smallest input that yields `amountOut`. */
export function v2AmountIn(amountOut: bigint, reserveIn: bigint, reserveOut: bigint, feeBps = 30): bigint {
  if (amountOut <= 0n) return 0n;
  if (reserveIn <= 0n || amountOut >= reserveOut) throw new InsufficientLiquidityError('the pair cannot pay out that much');
  return (reserveIn * amountOut * 10_000n) / ((reserveOut - amountOut) * BigInt(10_000 - feeBps)) + 1n;
}

import { V3MathError } from '../errors';
import { divRoundingUp, mulDiv, mulDivRoundingUp, Q160, Q96, RESOLUTION } from './full-math';

/** SqrtPriceMath port (Uniswap v3-core), bigint-exact with the contract's rounding. */

const MAX_UINT160 = Q160 - 1n;

function toUint160(x: bigint): bigint {
  if (x > MAX_UINT160 || x < 0n) throw new V3MathError('uint160 overflow');
  return x;
}

export function getNextSqrtPriceFromAmount0RoundingUp(sqrtP: bigint, liquidity: bigint, amount: bigint, add: boolean): bigint {
  if (amount === 0n) return sqrtP;
  const numerator1 = liquidity << RESOLUTION;
  const product = amount * sqrtP;
  if (add) {
    // The contract takes the exact branch when amount·sqrtP fits in 256 bits and does not overflow the sum.
    if (product < 1n << 256n) {
      const denominator = numerator1 + product;
      if (denominator >= numerator1 && denominator < 1n << 256n) return toUint160(mulDivRoundingUp(numerator1, sqrtP, denominator));
    }
    return toUint160(divRoundingUp(numerator1, numerator1 / sqrtP + amount));
  }
  if (product >= 1n << 256n || numerator1 <= product) throw new V3MathError('insufficient liquidity for amount0 out');
  return toUint160(mulDivRoundingUp(numerator1, sqrtP, numerator1 - product));
}

export function getNextSqrtPriceFromAmount1RoundingDown(sqrtP: bigint, liquidity: bigint, amount: bigint, add: boolean): bigint {
  if (add) {
    const quotient = amount <= MAX_UINT160 ? (amount << RESOLUTION) / liquidity : mulDiv(amount, Q96, liquidity);
    return toUint160(sqrtP + quotient);
  }
  const quotient = amount <= MAX_UINT160 ? divRoundingUp(amount << RESOLUTION, liquidity) : mulDivRoundingUp(amount, Q96, liquidity);
  if (sqrtP <= quotient) throw new V3MathError('insufficient liquidity for amount1 out');
  return sqrtP - quotient;
}

export function getNextSqrtPriceFromInput(sqrtP: bigint, liquidity: bigint, amountIn: bigint, zeroForOne: boolean): bigint {
  if (sqrtP <= 0n || liquidity <= 0n) throw new V3MathError('zero price or liquidity');
  return zeroForOne
    ? getNextSqrtPriceFromAmount0RoundingUp(sqrtP, liquidity, amountIn, true)
    : getNextSqrtPriceFromAmount1RoundingDown(sqrtP, liquidity, amountIn, true);
}

export function getNextSqrtPriceFromOutput(sqrtP: bigint, liquidity: bigint, amountOut: bigint, zeroForOne: boolean): bigint {
  if (sqrtP <= 0n || liquidity <= 0n) throw new V3MathError('zero price or liquidity');
  return zeroForOne
    ? getNextSqrtPriceFromAmount1RoundingDown(sqrtP, liquidity, amountOut, false)
    : getNextSqrtPriceFromAmount0RoundingUp(sqrtP, liquidity, amountOut, false);
}

export function getAmount0Delta(sqrtA: bigint, sqrtB: bigint, liquidity: bigint, roundUp: boolean): bigint {
  if (sqrtA > sqrtB) [sqrtA, sqrtB] = [sqrtB, sqrtA];
  if (sqrtA <= 0n) throw new V3MathError('zero sqrt price');
  const numerator1 = liquidity << RESOLUTION;
  const numerator2 = sqrtB - sqrtA;
  return roundUp
    ? divRoundingUp(mulDivRoundingUp(numerator1, numerator2, sqrtB), sqrtA)
    : mulDiv(numerator1, numerator2, sqrtB) / sqrtA;
}

export function getAmount1Delta(sqrtA: bigint, sqrtB: bigint, liquidity: bigint, roundUp: boolean): bigint {
  if (sqrtA > sqrtB) [sqrtA, sqrtB] = [sqrtB, sqrtA];
  return roundUp ? mulDivRoundingUp(liquidity, sqrtB - sqrtA, Q96) : mulDiv(liquidity, sqrtB - sqrtA, Q96);
}

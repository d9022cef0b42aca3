import { V3MathError } from '../errors';

/** 2^256, 2^160, 2^128, 2^96: the word sizes V3 math checks against. */
export const Q256 = 1n << 256n;
export const Q160 = 1n << 160n;
export const Q128 = 1n << 128n;
export const Q96 = 1n << 96n;
export const RESOLUTION = 96n;

/** FullMath.mulDiv: floor(a·b / d), reverting (throwing) when d = 0 or the result overflows uint256. */
export function mulDiv(a: bigint, b: bigint, d: bigint): bigint {
  if (d === 0n) throw new V3MathError('mulDiv by zero');
  const r = (a * b) / d;
  if (r >= Q256) throw new V3MathError('mulDiv overflow');
  return r;
}

/** FullMath.mulDivRoundingUp: ceil(a·b / d). */
export function mulDivRoundingUp(a: bigint, b: bigint, d: bigint): bigint {
  const r = mulDiv(a, b, d);
  return (a * b) % d > 0n ? checkedUint256(r + 1n) : r;
}

/** UnsafeMath.divRoundingUp: ceil(x / y). */
export function divRoundingUp(x: bigint, y: bigint): bigint {
  if (y === 0n) throw new V3MathError('divide by zero');
  return x / y + (x % y > 0n ? 1n : 0n);
}

function checkedUint256(x: bigint): bigint {
  if (x >= Q256) throw new V3MathError('uint256 overflow');
  return x;
}

import { v2AmountOut } from './math/v2';
import { isqrt, lastTrue } from './search';

/**
 * Largest front-run x (token in) after which a V2 victim selling `amountIn` still receives
 * `minOut`, in closed form.
 *
 * With γ = (10000 − fee)/10000 and reserves (Rin, Rout), after the attacker sells x the pair holds
 * Rin + x and Rout·Rin/(Rin + γx) (constant product before the fee is credited). The victim then gets
 *   out(x) = γ·a·Rout·Rin / ((Rin + γx)(Rin + x + γa)),
 * and out(x) ≥ m ⇔ (Rin + γx)(Rin + x + γa) ≤ γ·a·Rout·Rin/m. Multiplying by D² (D = 10000,
 * g = D − fee) gives the quadratic in x
 *   g·D·x² + (g·(D·Rin + g·a) + D²·Rin)·x + D·Rin·(D·Rin + g·a) − D·g·a·Rout·Rin/m ≤ 0,
 * whose positive root is the bound. The real-number root is then corrected by a few exact integer
 * evaluations of the router's own floor-rounded getAmountOut, so the result is the exact maximum.
 * Returns −1 when even x = 0 leaves the victim below m (the swap would revert anyway).
 */
export function v2MaxFrontRun(reserveIn: bigint, reserveOut: bigint, amountIn: bigint, minOut: bigint, feeBps = 30): bigint {
  const victimOut = (x: bigint): bigint => {
    const y = v2AmountOut(x, reserveIn, reserveOut, feeBps);
    return v2AmountOut(amountIn, reserveIn + x, reserveOut - y, feeBps);
  };
  if (victimOut(0n) < minOut) return -1n;
  if (minOut <= 0n) return reserveOut > 0n ? (1n << 128n) : 0n;
  const D = 10_000n;
  const g = D - BigInt(feeBps);
  const A = g * D;
  const B = g * (D * reserveIn + g * amountIn) + D * D * reserveIn;
  const C = D * reserveIn * (D * reserveIn + g * amountIn) - (D * g * amountIn * reserveOut * reserveIn) / minOut;
  const disc = B * B - 4n * A * C;
  let x = disc > 0n ? (isqrt(disc) - B) / (2n * A) : 0n;
  if (x < 0n) x = 0n;
  // exact correction: the integer optimum is within a few units of the real root
  const ok = (v: bigint): boolean => victimOut(v) >= minOut;
  if (ok(x)) {
    let step = 1n;
    while (ok(x + step)) step *= 2n;
    return lastTrue(x, x + step, ok);
  }
  let step = 1n;
  while (x - step > 0n && !ok(x - step)) step *= 2n;
  const lo = x - step > 0n ? x - step : 0n;
  return lastTrue(lo, x, ok);
}

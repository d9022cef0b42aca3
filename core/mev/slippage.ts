/** Slippage tolerance ↔ minimum out / maximum in, the way swap front-ends compute them. */

const PPM = 1_000_000n;

function toPpm(bps: number): bigint {
  if (!Number.isFinite(bps) || bps < 0) throw new RangeError(`invalid slippage ${bps} bps`);
  return BigInt(Math.round(bps * 100));
}

/** floor(quote · (1 − bps/10 000)); bps may carry two decimals. */
export function minOutForSlippage(quoteOut: bigint, bps: number): bigint {
  const p = toPpm(bps);
  return p >= PPM ? 0n : (quoteOut * (PPM - p)) / PPM;
}

/** ceil(quote · (1 + bps/10 000)). */
export function maxInForSlippage(quoteIn: bigint, bps: number): bigint {
  const n = quoteIn * (PPM + toPpm(bps));
  return n / PPM + (n % PPM === 0n ? 0n : 1n);
}

/** Tolerance a minimum out implies, in bps (two decimals, rounded up). */
export function slippageBpsOfMinOut(quoteOut: bigint, minOut: bigint): number {
  if (quoteOut <= 0n) return 0;
  if (minOut >= quoteOut) return 0;
  const gap = (quoteOut - minOut) * PPM;
  return Number(gap / quoteOut + (gap % quoteOut === 0n ? 0n : 1n)) / 100;
}

/** Tolerance a maximum in implies, in bps (two decimals, rounded up). */
export function slippageBpsOfMaxIn(quoteIn: bigint, maxIn: bigint): number {
  if (quoteIn <= 0n || maxIn <= quoteIn) return 0;
  const gap = (maxIn - quoteIn) * PPM;
  return Number(gap / quoteIn + (gap % quoteIn === 0n ? 0n : 1n)) / 100;
}

/** Largest two-decimal bps whose minimum out is still ≥ `minOut` (the floor of the tolerance). */
export function largestBpsWithMinOutAtLeast(quoteOut: bigint, minOut: bigint): number {
  if (minOut > quoteOut || quoteOut <= 0n) return 0;
  // minOutForSlippage(q, p) = floor(q(PPM − p)/PPM) ≥ m ⇔ q(PPM − p) ≥ m·PPM ⇔ p ≤ PPM − ceil(m·PPM/q)
  const need = (minOut * PPM + quoteOut - 1n) / quoteOut;
  const p = PPM - need;
  return p <= 0n ? 0 : Number(p) / 100;
}

/** Largest two-decimal bps whose maximum in is still ≤ `maxIn`. */
export function largestBpsWithMaxInAtMost(quoteIn: bigint, maxIn: bigint): number {
  if (maxIn < quoteIn || quoteIn <= 0n) return 0;
  // ceil(q(PPM + p)/PPM) ≤ M ⇔ q(PPM + p) ≤ M·PPM ⇔ p ≤ floor(M·PPM/q) − PPM
  const p = (maxIn * PPM) / quoteIn - PPM;
  return p <= 0n ? 0 : Number(p) / 100;
}

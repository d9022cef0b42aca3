/**
 * Calibration of the forecast intervals: normalised conformal scores (past errors divided by the
 * volatility at their origin, so a calm hour after a spike gets a narrow band and a spike a wide
 * one) and adaptive conformal inference (Gibbs & Candès 2021) replayed over the past origins,
 * which moves the quantile levels used for the nominal 10 % and 90 % bounds after every miss or hit.
 * Everything here sees only errors whose outcome is known at the forecast origin.
 */

/** Nominal tail miss rate of each side of the 80 % interval. */
export const TAIL = 0.1;
/** ACI step per independent outcome (errors h steps ahead sampled every `stride` steps overlap). */
export const ACI_GAMMA = 0.02;
/** Past scores needed before an ACI step is taken. */
const ACI_MIN_KNOWN = 10;

export interface QuantileLevels {
  /** Level of the score distribution used for the nominal 10 % bound. */
  lo: number;
  /** Level used for the nominal 90 % bound. */
  hi: number;
}

export const NOMINAL_LEVELS: QuantileLevels = { lo: TAIL, hi: 1 - TAIL };

/** Plain empirical quantile of sorted values (nearest rank). */
export function empiricalQuantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const i = Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
  return sorted[i]!;
}

function insertSorted(into: Float64Array, count: number, value: number): void {
  let i = count;
  while (i > 0 && into[i - 1]! > value) {
    into[i] = into[i - 1]!;
    i--;
  }
  into[i] = value;
}

/**
 * Replay ACI over scores in time order. `scores[i]` belongs to origin `origins[i]` (ascending);
 * at origin s only scores of origins s' with s' + h ≤ s are known (their outcome has happened).
 * Returns the levels to use at the next origin.
 */
export function adaptiveLevels(origins: readonly number[], scores: ArrayLike<number>, h: number, stride: number): QuantileLevels {
  const m = origins.length;
  const known = new Float64Array(m);
  const gamma = ACI_GAMMA * Math.min(1, stride / h);
  let count = 0;
  let next = 0;
  let lo = TAIL;
  let hi = 1 - TAIL;
  for (let i = 0; i < m; i++) {
    const s = origins[i]!;
    while (next < i && origins[next]! + h <= s) insertSorted(known, count++, scores[next++]!);
    if (count < ACI_MIN_KNOWN) continue;
    const view = known.subarray(0, count);
    const z = scores[i]!;
    const missLo = z < empiricalQuantile(view, lo) ? 1 : 0;
    const missHi = z > empiricalQuantile(view, hi) ? 1 : 0;
    lo = Math.min(0.45, Math.max(0, lo - gamma * (missLo - TAIL)));
    hi = Math.max(0.55, Math.min(1, hi + gamma * (missHi - TAIL)));
  }
  return { lo, hi };
}

/** Map a nominal quantile level q to the calibrated one (piecewise linear through 0, 10 %, 50 %, 90 %, 1). */
export function calibratedLevel(levels: QuantileLevels, q: number): number {
  if (q <= TAIL) return (q / TAIL) * levels.lo;
  if (q <= 0.5) return levels.lo + ((q - TAIL) / (0.5 - TAIL)) * (0.5 - levels.lo);
  if (q <= 1 - TAIL) return 0.5 + ((q - 0.5) / (0.5 - TAIL)) * (levels.hi - 0.5);
  return levels.hi + ((q - (1 - TAIL)) / TAIL) * (1 - levels.hi);
}

/** Inverse of calibratedLevel: the nominal probability of a calibrated level. */
export function nominalLevel(levels: QuantileLevels, p: number): number {
  if (p <= levels.lo) return levels.lo > 0 ? (p / levels.lo) * TAIL : TAIL;
  if (p <= 0.5) return TAIL + ((p - levels.lo) / (0.5 - levels.lo)) * (0.5 - TAIL);
  if (p <= levels.hi) return 0.5 + ((p - 0.5) / (levels.hi - 0.5)) * (0.5 - TAIL);
  return levels.hi < 1 ? 1 - TAIL + ((p - levels.hi) / (1 - levels.hi)) * TAIL : 1 - TAIL;
}

/** Integer searches used by the sandwich optimiser. All pure, all on bigint. */

/** Integer square root (floor). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt of a negative number');
  if (n < 2n) return n;
  // Newton from above: start at a power of two ≥ √n, decrease monotonically to floor(√n)
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * Largest x in [lo, hi] with pred(x) true, for a predicate that is true then false (monotone).
 * Returns lo - 1n when pred(lo) is false. Stops when the bracket is within `tolerance`
 * (always returning an x for which pred is true).
 */
export function lastTrue(lo: bigint, hi: bigint, pred: (x: bigint) => boolean, tolerance = 0n): bigint {
  if (!pred(lo)) return lo - 1n;
  if (pred(hi)) return hi;
  // invariant: pred(lo) true, pred(hi) false
  while (hi - lo > 1n + tolerance) {
    const mid = lo + (hi - lo) / 2n;
    if (pred(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Arg-max of a unimodal function on [lo, hi] by golden-section search on integers; stops when the
 * bracket is narrower than max(3, relTol·hi). Returns the best point evaluated.
 */
export function argMaxUnimodal(lo: bigint, hi: bigint, f: (x: bigint) => bigint, relTolPpb = 10n): { x: bigint; value: bigint } {
  const cache = new Map<bigint, bigint>();
  const ev = (x: bigint): bigint => {
    let v = cache.get(x);
    if (v === undefined) {
      v = f(x);
      cache.set(x, v);
    }
    return v;
  };
  const tol = hi / 1_000_000_000n * relTolPpb;
  const minWidth = tol > 3n ? tol : 3n;
  // 0.381966 ≈ (3 - √5) / 2, in parts per million
  const g = (a: bigint, b: bigint): bigint => ((b - a) * 381_966n) / 1_000_000n;
  let a = lo;
  let b = hi;
  let c = a + g(a, b);
  let d = b - g(a, b);
  while (b - a > minWidth) {
    if (ev(c) < ev(d)) {
      a = c;
      c = d;
      d = b - g(a, b);
      if (d <= c) d = c + 1n;
    } else {
      b = d;
      d = c;
      c = a + g(a, b);
      if (c >= d) c = d - 1n;
    }
  }
  let best = a;
  if (b - a <= 8n) for (let x = a; x <= b; x++) if (ev(x) > ev(best)) best = x;
  for (const [x, v] of cache) if (v > ev(best)) best = x;
  return { x: best, value: ev(best) };
}

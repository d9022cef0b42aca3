export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(samples: readonly number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { n: s.length, p50: round(quantile(s, 0.5)), p95: round(quantile(s, 0.95)), max: round(s[s.length - 1] ?? NaN) };
}

/** A seeded generator (mulberry32): a bootstrap gives the same interval for the same samples. */
export function seededRandom(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `a` against `b` measured in rounds (round i loaded `a[i]` and `b[i]` one after the other): the median of the
 * per-round ratios, with a 95 % percentile-bootstrap interval over rounds. Pairing takes out what moves a whole round
 * (other work on the machine), which unpaired medians of ±20 % spreads cannot resolve to a few per cent.
 */
export function pairedRatio(a: readonly number[], b: readonly number[], resamples = 2_000, seed = 1): { n: number; median: number; lo: number; hi: number } {
  const n = Math.min(a.length, b.length);
  const ratios = Array.from({ length: n }, (_, i) => a[i]! / b[i]!);
  const median = (xs: readonly number[]) => {
    const s = [...xs].sort((x, y) => x - y);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const random = seededRandom(seed);
  const medians: number[] = [];
  for (let r = 0; r < resamples; r++) medians.push(median(Array.from({ length: n }, () => ratios[Math.floor(random() * n)]!)));
  medians.sort((x, y) => x - y);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { n, median: round(median(ratios)), lo: round(quantile(medians, 0.025)), hi: round(quantile(medians, 0.975)) };
}

/** Rows of `{ side, page, <stage>: ms… }` → per `side/page`, the median of each numeric stage. */
export function breakdownMedians(rows: readonly Record<string, unknown>[]): Record<string, Record<string, number>> {
  const groups = new Map<string, Map<string, number[]>>();
  for (const r of rows) {
    const key = `${String(r.side)}/${String(r.page)}`;
    const g = groups.get(key) ?? new Map<string, number[]>();
    groups.set(key, g);
    for (const [k, v] of Object.entries(r)) if (typeof v === 'number') g.set(k, [...(g.get(k) ?? []), v]);
  }
  const out: Record<string, Record<string, number>> = {};
  for (const [key, g] of groups) out[key] = Object.fromEntries([...g].map(([k, vs]) => [k, Math.round(quantile([...vs].sort((a, b) => a - b), 0.5) * 10) / 10]));
  return out;
}

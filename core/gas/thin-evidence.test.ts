import { describe, expect, it } from 'vitest';
import { empiricalQuantile } from './conformal';
import { MIN_EFFECTIVE } from './forecast-window';
import { pooledScores } from './thin-evidence';

const range = (from: number, to: number, n: number) => Float64Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));

describe('pooledScores', () => {
  const own = range(-0.1, 0.1, 50); // narrow: the horizon's own few windows
  const standIn = range(-0.5, 0.5, 200); // wide: the scaled shorter-horizon errors
  const spread = (s: Float64Array) => empiricalQuantile(s, 0.9) - empiricalQuantile(s, 0.1);
  it('leans on the stand-in when the horizon has no windows, and on its own scores once it has enough', () => {
    expect(spread(pooledScores(own, standIn, 0))).toBeCloseTo(spread(standIn), 1);
    expect(spread(pooledScores(own, standIn, MIN_EFFECTIVE))).toBeCloseTo(spread(own), 1);
    expect(spread(pooledScores(own, standIn, 2 * MIN_EFFECTIVE))).toBeCloseTo(spread(own), 1);
  });
  it('widens smoothly in between, and stays sorted', () => {
    const widths = [0, 2, 4, 6, 8].map((e) => spread(pooledScores(own, standIn, e)));
    for (let i = 1; i < widths.length; i++) expect(widths[i]!).toBeLessThanOrEqual(widths[i - 1]! + 1e-12);
    expect(widths[2]!).toBeLessThan(spread(standIn));
    expect(widths[2]!).toBeGreaterThan(spread(own));
    const p = pooledScores(own, standIn, 3);
    for (let i = 1; i < p.length; i++) expect(p[i]!).toBeGreaterThanOrEqual(p[i - 1]!);
  });
  it('uses the stand-in alone when there are no own scores', () => {
    expect(spread(pooledScores(new Float64Array(0), standIn, 5))).toBeCloseTo(spread(standIn), 1);
  });
});

import { describe, expect, it } from 'vitest';
import { breakdownMedians, pairedRatio, seededRandom } from './stats';

describe('pairedRatio', () => {
  it('finds a 5 % cost that rounds of very different speed hide from unpaired medians', () => {
    const random = seededRandom(7);
    // Each round's machine speed varies by ±40 %; the second side costs exactly 5 % more, with 1 % noise.
    const base = Array.from({ length: 60 }, () => 100 * (0.6 + 0.8 * random()));
    const without = base.map((x) => x * (1 + 0.01 * (random() - 0.5)));
    const withExt = base.map((x) => x * 1.05 * (1 + 0.01 * (random() - 0.5)));
    const r = pairedRatio(withExt, without);
    expect(r.median).toBeGreaterThan(1.045);
    expect(r.median).toBeLessThan(1.055);
    expect(r.lo).toBeGreaterThan(1.04);
    expect(r.hi).toBeLessThan(1.06);
    expect(r.lo).toBeLessThanOrEqual(r.median);
    expect(r.hi).toBeGreaterThanOrEqual(r.median);
  });
  it('gives an interval around 1 when both sides are the same, and the same interval for the same samples', () => {
    const random = seededRandom(3);
    const a = Array.from({ length: 40 }, () => 80 + 40 * random());
    const b = Array.from({ length: 40 }, () => 80 + 40 * random());
    const r = pairedRatio(a, b);
    expect(r.lo).toBeLessThan(1);
    expect(r.hi).toBeGreaterThan(1);
    expect(pairedRatio(a, b)).toEqual(r);
  });
});

describe('breakdownMedians', () => {
  it('gives each side and page the median of each stage, ignoring what is not a number', () => {
    const rows = [
      { side: 'with', page: 'light', di: 90, load: 100 },
      { side: 'with', page: 'light', di: 96, load: 110 },
      { side: 'with', page: 'light', di: 99, load: 120 },
      { side: 'without', page: 'light', di: 80, load: 81, note: 'x' },
    ];
    expect(breakdownMedians(rows)).toEqual({ 'with/light': { di: 96, load: 110 }, 'without/light': { di: 80, load: 81 } });
  });
});

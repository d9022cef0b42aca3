import { describe, expect, it } from 'vitest';
import { adaptiveLevels, calibratedLevel, NOMINAL_LEVELS, nominalLevel } from './conformal';

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Uniform scores in [−a, a]: the 10/90 % quantiles are ∓0.8a. */
function scores(n: number, amplitude: (i: number) => number, seed = 5): { origins: number[]; z: Float64Array } {
  const r = rng(seed);
  return { origins: Array.from({ length: n }, (_, i) => i), z: Float64Array.from({ length: n }, (_, i) => (2 * r() - 1) * amplitude(i)) };
}

describe('adaptive conformal levels', () => {
  it('stay near 10 % / 90 % when the scores are exchangeable', () => {
    const { origins, z } = scores(2000, () => 1);
    const l = adaptiveLevels(origins, z, 1, 1);
    expect(l.lo).toBeGreaterThan(0.03);
    expect(l.lo).toBeLessThan(0.17);
    expect(l.hi).toBeGreaterThan(0.83);
    expect(l.hi).toBeLessThan(0.97);
  });
  it('widen (lo down, hi up) after the scores grow, and narrow after they shrink', () => {
    const up = scores(600, (i) => (i < 300 ? 1 : 3));
    const wide = adaptiveLevels(up.origins, up.z, 1, 1);
    expect(wide.lo).toBeLessThan(0.05);
    expect(wide.hi).toBeGreaterThan(0.95);
    const down = scores(600, (i) => (i < 300 ? 3 : 1));
    const narrow = adaptiveLevels(down.origins, down.z, 1, 1);
    expect(narrow.lo).toBeGreaterThan(0.1);
    expect(narrow.hi).toBeLessThan(0.9);
  });
  it('learns from an outcome only once it is known (h steps later)', () => {
    // With h larger than the whole span no outcome is known before the last origin: levels stay nominal.
    const { origins, z } = scores(100, () => 1);
    expect(adaptiveLevels(origins, z, 1000, 1)).toEqual(NOMINAL_LEVELS);
  });
  it('maps nominal and calibrated levels both ways', () => {
    const l = { lo: 0.04, hi: 0.97 };
    for (const q of [0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99]) expect(nominalLevel(l, calibratedLevel(l, q))).toBeCloseTo(q, 10);
    expect(calibratedLevel(l, 0.1)).toBe(0.04);
    expect(calibratedLevel(l, 0.9)).toBeCloseTo(0.97, 12);
    expect(calibratedLevel(l, 0.5)).toBe(0.5);
  });
});

import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from './normal';
import { seededNormal, seededUniform } from './prng';

describe('normal distribution', () => {
  it('known quantiles', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536, 6);
    expect(normalQuantile(0.99)).toBeCloseTo(2.3263479, 6);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.0902323, 5);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
  });
  it('seeded draws are reproducible and standard', () => {
    const a = seededUniform(1);
    const b = seededUniform(1);
    for (let i = 0; i < 5; i++) expect(a()).toBe(b());
    const z = seededNormal(11);
    let s = 0;
    let s2 = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const v = z();
      s += v;
      s2 += v * v;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.015);
    expect(s2 / n).toBeGreaterThan(0.98);
    expect(s2 / n).toBeLessThan(1.02);
  });
});

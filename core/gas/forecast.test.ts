import { describe, expect, it } from 'vitest';
import { InsufficientHistoryError } from './errors';
import { forecastLog, scoreQuantile } from './forecast';
import { SHIPPED_PRIOR } from './prior';
import { hourOfWeek, learnSeasonalPrior, seasonalOffset } from './seasonality';
import type { FeeSeries } from './types';

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function randomWalk(n: number, step: number, seed = 1): FeeSeries {
  const r = rng(seed);
  const x = new Float64Array(n);
  x[0] = Math.log(20e9);
  for (let i = 1; i < n; i++) x[i] = x[i - 1]! + (r() - 0.5) * 2 * step;
  return { stepSeconds: 12, startTime: 1_700_000_000, logFee: x };
}

describe('forecastLog', () => {
  it('falls back to naive on a pure random walk and says so', () => {
    const [f] = forecastLog(randomWalk(3000, 0.05), [12]);
    expect(f!.method).toBe('naive');
    expect(f!.note).toMatch(/naive/);
    expect(f!.center).toBeCloseTo(randomWalk(3000, 0.05).logFee[2999]!, 12);
  });
  it('gives ordered quantiles that widen with the horizon', () => {
    const s = randomWalk(3000, 0.05);
    const fs = forecastLog(s, [1, 12, 60]);
    const widths = fs.map((f) => scoreQuantile(f.residuals, 0.9, f.effectiveSamples) - scoreQuantile(f.residuals, 0.1, f.effectiveSamples));
    expect(widths[0]).toBeGreaterThan(0);
    expect(widths[1]).toBeGreaterThan(widths[0]!);
    expect(widths[2]).toBeGreaterThan(widths[1]!);
  });
  it('learns mean reversion when it is there', () => {
    const r = rng(3);
    const x = new Float64Array(3000);
    x[0] = 0;
    for (let i = 1; i < 3000; i++) x[i] = 0.7 * x[i - 1]! + (r() - 0.5) * 0.4;
    const [f] = forecastLog({ stepSeconds: 12, startTime: 0, logFee: x }, [12]);
    expect(f!.method).toBe('model');
    expect(f!.skill).toBeGreaterThan(0.1);
  });
  it('never reads past asOf', () => {
    const s = randomWalk(1000, 0.05);
    const a = forecastLog(s, [12], { asOf: 500 });
    const t = new Float64Array(s.logFee);
    t.fill(99, 501);
    const b = forecastLog({ ...s, logFee: t }, [12], { asOf: 500 });
    expect(b).toEqual(a);
  });
  it('rejects bad requests', () => {
    expect(() => forecastLog(randomWalk(2, 0.1), [1])).toThrow(InsufficientHistoryError);
    expect(() => forecastLog(randomWalk(100, 0.1), [0])).toThrow(InsufficientHistoryError);
    expect(() => forecastLog(randomWalk(100, 0.1), [1], { asOf: 500 })).toThrow(InsufficientHistoryError);
  });
});

describe('seasonal prior', () => {
  it('ships 168 centred hour-of-week offsets', () => {
    expect(SHIPPED_PRIOR.hourOfWeek).toHaveLength(168);
    expect(Math.abs(SHIPPED_PRIOR.hourOfWeek.reduce((a, b) => a + b, 0))).toBeLessThan(0.05);
    expect(hourOfWeek(Date.UTC(2024, 0, 1, 0) / 1000)).toBe(0); // a Monday
    expect(hourOfWeek(Date.UTC(2024, 0, 7, 23) / 1000)).toBe(167);
    expect(Number.isFinite(seasonalOffset(SHIPPED_PRIOR, 1_700_000_123))).toBe(true);
  });
  it('is learned only from hours before its cut-off, and the shipped one says which', () => {
    expect(SHIPPED_PRIOR.trainedUntil).toBeLessThanOrEqual(Date.UTC(2022, 7, 1) / 1000);
    expect(SHIPPED_PRIOR.trainedFrom).toBeLessThan(SHIPPED_PRIOR.trainedUntil!);
    const r = rng(9);
    const x = Float64Array.from({ length: 24 * 7 * 8 }, (_, i) => Math.log(20e9) + 0.5 * Math.sin((2 * Math.PI * i) / 24) + 0.2 * r());
    const series: FeeSeries = { stepSeconds: 3600, startTime: Date.UTC(2024, 0, 1) / 1000, logFee: x };
    const until = series.startTime + 24 * 7 * 5 * 3600;
    const a = learnSeasonalPrior(series, 'a', until);
    const changed = new Float64Array(x);
    changed.fill(Math.log(500e9), 24 * 7 * 5);
    const b = learnSeasonalPrior({ ...series, logFee: changed }, 'a', until);
    expect(b).toEqual(a);
    expect(a.trainedUntil).toBe(until);
    expect(a.hours).toBe(24 * 7 * 5);
  });
});


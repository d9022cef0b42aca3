import { describe, expect, it } from 'vitest';
import { observeSchedule, pricesFromTickCumulatives, realisedVolatility } from './volatility';
import { seededNormal } from './prng';

describe('realisedVolatility', () => {
  it('recovers σ from simulated hourly GBM prices (σ = 1 %/√h, 5000 h)', () => {
    const z = seededNormal(7);
    let p = 3000;
    const samples = Array.from({ length: 5000 }, (_, i) => {
      if (i > 0) p *= Math.exp(0.01 * z() - 0.00005);
      return { t: 1_700_000_000 + i * 3600, price: p };
    });
    const v = realisedVolatility(samples);
    expect(v.perHour).toBeGreaterThan(0.0097);
    expect(v.perHour).toBeLessThan(0.0103);
    expect(v.annualised).toBeCloseTo(v.perHour * Math.sqrt(8760), 12);
  });

  it('handles irregular spacing (per-interval variance ∝ Δt)', () => {
    const z = seededNormal(3);
    let p = 1;
    let t = 0;
    const samples = Array.from({ length: 4000 }, (_, i) => {
      const dt = i % 3 === 0 ? 600 : 7200;
      if (i > 0) p *= Math.exp(0.02 * Math.sqrt(dt / 3600) * z());
      t += dt;
      return { t, price: p };
    });
    expect(realisedVolatility(samples).perHour).toBeCloseTo(0.02, 3);
  });

  it('hand example: alternating ±1 % hourly moves', () => {
    const prices = [100, 101, 100, 101, 100];
    const v = realisedVolatility(prices.map((price, i) => ({ t: i * 3600, price })));
    // returns ±ln(1.01), mean 0, n − 1 = 3: σ² = 4·ln(1.01)²/3
    expect(v.perHour).toBeCloseTo(Math.sqrt((4 * Math.log(1.01) ** 2) / 3), 12);
  });

  it('refuses too few samples, duplicate times and bad prices with typed errors', () => {
    expect(() => realisedVolatility([{ t: 0, price: 1 }, { t: 1, price: 1 }])).toThrowError(expect.objectContaining({ name: 'InsufficientPriceHistoryError' }));
    expect(() => realisedVolatility([{ t: 0, price: 1 }, { t: 0, price: 2 }, { t: 5, price: 1 }])).toThrowError(expect.objectContaining({ name: 'WithdrawInputError' }));
    expect(() => realisedVolatility([{ t: 0, price: 1 }, { t: 1, price: -2 }, { t: 5, price: 1 }])).toThrowError(expect.objectContaining({ name: 'WithdrawInputError' }));
  });
});

describe('V3 observe ticks', () => {
  it('turns tick cumulatives into average prices per window', () => {
    const ago = observeSchedule(3, 3600);
    expect(ago).toEqual([10800, 7200, 3600, 0]);
    // average ticks 100, 200, −50 over three hours
    const cum = [0n, 360_000n, 1_080_000n, 900_000n];
    const prices = pricesFromTickCumulatives(1_000_000, ago, cum, { decimals0: 18, decimals1: 18 });
    expect(prices.map((p) => p.t)).toEqual([1_000_000 - 7200, 1_000_000 - 3600, 1_000_000]);
    expect(prices[0]!.price).toBeCloseTo(1.0001 ** 100, 12);
    expect(prices[2]!.price).toBeCloseTo(1.0001 ** -50, 12);
    const inv = pricesFromTickCumulatives(1_000_000, ago, cum, { decimals0: 6, decimals1: 18, invert: true });
    expect(inv[1]!.price).toBeCloseTo(1 / (1.0001 ** 200 * 1e-12), 0);
  });

  it('interval averages are scaled by 3/2 in variance', () => {
    const s = [100, 101, 100, 101, 100].map((price, i) => ({ t: i * 3600, price }));
    expect(realisedVolatility(s, 'interval-average').perHour).toBeCloseTo(realisedVolatility(s).perHour * Math.sqrt(1.5), 12);
  });
});

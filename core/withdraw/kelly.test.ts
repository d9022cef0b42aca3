import { describe, expect, it } from 'vitest';
import { kellyAllocation, type YieldOption } from './kelly';

const mature = { tvlUsd: 1e9, ageYears: 5 };

describe('fractional Kelly', () => {
  it('half-Kelly by hand: w = ½·APY/variance, capped, no leverage', () => {
    const r = kellyAllocation([{ name: 'A', apy: 0.04, apyVariance: 0.2, ...mature }]);
    expect(r.allocations[0]!.rawKelly).toBeCloseTo(0.2, 12);
    expect(r.allocations[0]!.weight).toBeCloseTo(0.1, 12);
    expect(r.cash).toBeCloseTo(0.9, 12);
    const capped = kellyAllocation([{ name: 'B', apy: 0.05, apyVariance: 0.01, ...mature }]);
    expect(capped.allocations[0]!.weight).toBe(0.5);
    expect(capped.allocations[0]!.capped).toBe(true);
  });
  it('drops negative and dust weights, applies TVL and age modifiers, scales down above 100 %', () => {
    const opts: YieldOption[] = [
      { name: 'neg', apy: 0.01, apyVariance: 0.01, ...mature },
      { name: 'young', apy: 0.08, apyVariance: 0.1, tvlUsd: 1e9, ageYears: 0.75 },
      { name: 'small', apy: 0.08, apyVariance: 0.1, tvlUsd: 10 ** 7.5, ageYears: 5 },
      { name: 'dust', apy: 0.001, apyVariance: 0.1, ...mature },
      { name: 'x', apy: 0.06, apyVariance: 0.02, ...mature, cap: 0.9 },
      { name: 'y', apy: 0.06, apyVariance: 0.02, ...mature, cap: 0.9 },
    ];
    const r = kellyAllocation(opts, { riskFree: 0.02 });
    const by = Object.fromEntries(r.allocations.map((a) => [a.name, a]));
    expect(by.neg!.dropped).toBe('negative');
    expect(by.dust!.dropped).toBe('negative');
    expect(by.young!.modifiers.age).toBeCloseTo(0.25, 12);
    expect(by.small!.modifiers.tvl).toBeCloseTo(0.5, 12);
    // raw: x, y = 0.04/0.02 = 2 → half = 1 → capped 0.9 each; young 0.6·0.5·0.25 = 0.075; small 0.6·0.5·0.5 = 0.15
    const total = 0.9 + 0.9 + 0.075 + 0.15;
    expect(by.x!.weight).toBeCloseTo(0.9 / total, 12);
    expect(by.young!.weight).toBeCloseTo(0.075 / total, 12);
    expect(r.cash).toBeCloseTo(0, 12);
    expect(r.limits.join(' ')).toMatch(/APY is not expected return/);
    expect(r.limits.join(' ')).toMatch(/jump to zero/);
    const tiny = kellyAllocation([{ name: 't', apy: 0.03, apyVariance: 2, ...mature }]);
    expect(tiny.allocations[0]!.dropped).toBe('dust');
  });
});

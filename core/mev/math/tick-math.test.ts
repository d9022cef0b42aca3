import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  getSqrtRatioAtTick, getTickAtSqrtRatio, getTickAtSqrtRatioBySearch, MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK,
} from './tick-math';

describe('TickMath', () => {
  it('matches the contract at the bounds and at known ticks', () => {
    expect(getSqrtRatioAtTick(MIN_TICK)).toBe(MIN_SQRT_RATIO);
    expect(getSqrtRatioAtTick(MAX_TICK)).toBe(MAX_SQRT_RATIO);
    expect(getSqrtRatioAtTick(0)).toBe(1n << 96n);
    // values from the v3-core TickMath test snapshot
    expect(getSqrtRatioAtTick(50)).toBe(79426470787362580746886972461n);
    expect(getSqrtRatioAtTick(-50)).toBe(79030349367926598376800521322n);
    expect(getTickAtSqrtRatio(MIN_SQRT_RATIO)).toBe(MIN_TICK);
    expect(getTickAtSqrtRatio(MAX_SQRT_RATIO - 1n)).toBe(MAX_TICK - 1);
  });
  it('throws outside the range', () => {
    expect(() => getSqrtRatioAtTick(MAX_TICK + 1)).toThrow(/out of range/);
    expect(() => getTickAtSqrtRatio(MIN_SQRT_RATIO - 1n)).toThrow(/out of range/);
  });
  it('getTickAtSqrtRatio is the greatest tick with ratio <= price (log2 port vs search)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: MIN_SQRT_RATIO, max: MAX_SQRT_RATIO - 1n }), (p) => {
        const t = getTickAtSqrtRatio(p);
        expect(t).toBe(getTickAtSqrtRatioBySearch(p));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.integer({ min: MIN_TICK, max: MAX_TICK - 1 }), fc.integer({ min: -1, max: 1 }), (tick, d) => {
        const p = getSqrtRatioAtTick(tick) + BigInt(d);
        if (p < MIN_SQRT_RATIO || p >= MAX_SQRT_RATIO) return;
        expect(getTickAtSqrtRatio(p)).toBe(getTickAtSqrtRatioBySearch(p));
      }),
      { numRuns: 300 },
    );
  });
});

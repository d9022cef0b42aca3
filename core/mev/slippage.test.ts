import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largestBpsWithMinOutAtLeast, maxInForSlippage, minOutForSlippage, slippageBpsOfMinOut } from './slippage';

describe('slippage', () => {
  it('round trips', () => {
    expect(minOutForSlippage(10_000n, 50)).toBe(9_950n);
    expect(maxInForSlippage(10_000n, 50)).toBe(10_050n);
    expect(slippageBpsOfMinOut(10_000n, 9_950n)).toBe(50);
  });
  it('largestBpsWithMinOutAtLeast is the largest tolerance keeping the minimum', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 10n ** 6n, max: 10n ** 30n }), fc.integer({ min: 1, max: 999_999 }), (q, ppm) => {
        const m = (q * BigInt(ppm)) / 1_000_000n;
        const bps = largestBpsWithMinOutAtLeast(q, m);
        expect(minOutForSlippage(q, bps)).toBeGreaterThanOrEqual(m);
        if (bps < 10_000) expect(minOutForSlippage(q, Math.round(bps * 100 + 1) / 100)).toBeLessThan(m + (q / 1_000_000n) + 1n);
      }),
    );
  });
});

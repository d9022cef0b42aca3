import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PoolDataExhaustedError, InsufficientLiquidityError } from '../errors';
import { syntheticV3Pool } from './synthetic';
import { v3Swap } from './v3-swap';

const A = '0x000000000000000000000000000000000000000A' as const;
const B = '0x000000000000000000000000000000000000000b' as const;
const pool = syntheticV3Pool({
  token0: A, token1: B, fee: 3000, tickSpacing: 60,
  positions: [
    { tickLower: -1200, tickUpper: 1200, liquidity: 10n ** 20n },
    { tickLower: -120, tickUpper: 180, liquidity: 5n * 10n ** 20n },
  ],
});

describe('v3Swap', () => {
  it('crosses initialised ticks and changes liquidity', () => {
    const s = v3Swap(pool, true, 5n * 10n ** 18n);
    expect(s.after.tick).toBeLessThan(-120);
    expect(s.after.liquidity).toBe(10n ** 20n);
    expect(s.amountOut).toBeGreaterThan(0n);
  });
  it('exact output needs at least the input that exact input spends for the same output', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 10n ** 6n, max: 2n * 10n ** 18n }), fc.boolean(), (amountIn, zeroForOne) => {
        const fwd = v3Swap(pool, zeroForOne, amountIn);
        const back = v3Swap(pool, zeroForOne, -fwd.amountOut);
        expect(back.amountOut).toBe(fwd.amountOut);
        expect(back.amountIn).toBeLessThanOrEqual(amountIn);
        expect(back.amountIn).toBeGreaterThan((amountIn * 999n) / 1000n);
      }),
      { numRuns: 200 },
    );
  });
  it('throws typed errors when liquidity runs out or the data does not reach', () => {
    expect(() => v3Swap(pool, true, 10n ** 30n)).toThrow(InsufficientLiquidityError);
    const narrow = { ...pool, wordLo: 0, wordHi: 0 };
    expect(() => v3Swap(narrow, true, 5n * 10n ** 18n)).toThrow(PoolDataExhaustedError);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRoute } from './pool/route';
import { syntheticV2Pool, syntheticV3Pool } from './pool/synthetic';
import { optimalSandwich, simulateSandwich, victimQuote, victimSucceeds, type Victim } from './sandwich';
import { v2MaxFrontRun } from './sandwich-v2';
import { minOutForSlippage } from './slippage';
import { v2AmountOut } from './math/v2';

const A = '0x000000000000000000000000000000000000000A' as const;
const B = '0x000000000000000000000000000000000000000b' as const;
const C = '0x000000000000000000000000000000000000000C' as const;
const E18 = 10n ** 18n;

function bruteForceBest(route: ReturnType<typeof makeRoute>, victim: Victim, upper: bigint, n = 400): bigint {
  let best = -(1n << 255n);
  for (let i = 0; i <= n; i++) {
    const x = (upper * BigInt(i)) / BigInt(n);
    if (!victimSucceeds(route, victim, x)) continue;
    const s = simulateSandwich(route, victim, x);
    if (s && s.grossProfit > best) best = s.grossProfit;
  }
  return best;
}

describe('v2MaxFrontRun (closed form)', () => {
  it('is exactly the largest front-run that keeps the victim at or above the minimum', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n ** 15n, max: 10n ** 27n }),
        fc.bigInt({ min: 10n ** 15n, max: 10n ** 27n }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 1000 }),
        (rIn, rOut, sizePpm, slipBps) => {
          const a = (rIn * BigInt(sizePpm)) / 100_000n + 1n;
          const quote = v2AmountOut(a, rIn, rOut);
          const m = minOutForSlippage(quote, slipBps);
          if (m <= 0n) return;
          const x = v2MaxFrontRun(rIn, rOut, a, m);
          const out = (f: bigint): bigint => v2AmountOut(a, rIn + f, rOut - v2AmountOut(f, rIn, rOut));
          expect(out(x)).toBeGreaterThanOrEqual(m);
          expect(out(x + 1n)).toBeLessThan(m);
        },
      ),
      { numRuns: 200 },
    );
  });
  it('returns -1 when the victim fails unattacked', () => {
    expect(v2MaxFrontRun(1000n * E18, 1000n * E18, E18, E18)).toBe(-1n);
  });
});

describe('optimalSandwich', () => {
  it('V2: closed-form optimum beats or equals every point of a brute-force grid', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n ** 18n, max: 10n ** 24n }),
        fc.integer({ min: 100, max: 100_000 }),
        fc.integer({ min: 10, max: 2000 }),
        fc.integer({ min: 1, max: 3000 }),
        (rIn, priceMilli, sizePpm, slipBps) => {
          const pool = syntheticV2Pool(A, B, rIn, (rIn * BigInt(priceMilli)) / 1000n);
          const route = makeRoute([A, B], [pool]);
          const amountIn = (rIn * BigInt(sizePpm)) / 100_000n;
          const quote = victimQuote(route, { exactInput: true, amountIn, amountOutMin: 0n }).amountOut;
          const victim: Victim = { exactInput: true, amountIn, amountOutMin: minOutForSlippage(quote, slipBps) };
          const opt = optimalSandwich(route, victim, 0n);
          expect(opt.method).toBe('closed-form');
          if (!opt.best) return;
          const grid = bruteForceBest(route, victim, opt.maxFrontRun * 2n, 200);
          expect(opt.best.grossProfit).toBeGreaterThanOrEqual(grid);
          expect(opt.victimLoss).toBeLessThanOrEqual(quote - victim.amountOutMin);
          expect(victimSucceeds(route, victim, opt.best.frontRunIn)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('V3 and multi-hop: bisection optimum within 1e-6 of the brute-force grid, never above it by more than the grid step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 5, max: 500 }), fc.boolean(), (sizeE17, slipBps, multi) => {
        const v3 = syntheticV3Pool({
          token0: A, token1: B, fee: 3000, tickSpacing: 60,
          positions: [
            { tickLower: -6000, tickUpper: 6000, liquidity: 10n ** 21n },
            { tickLower: -600, tickUpper: 600, liquidity: 4n * 10n ** 21n },
          ],
        });
        const v2 = syntheticV2Pool(B, C, 5000n * E18, 9000n * E18);
        const route = multi ? makeRoute([A, B, C], [v3, v2]) : makeRoute([A, B], [v3]);
        const amountIn = BigInt(sizeE17) * 10n ** 17n;
        const quote = victimQuote(route, { exactInput: true, amountIn, amountOutMin: 0n }).amountOut;
        const victim: Victim = { exactInput: true, amountIn, amountOutMin: minOutForSlippage(quote, slipBps) };
        const opt = optimalSandwich(route, victim, 0n);
        expect(opt.method).toBe('bisection');
        if (!opt.best) return;
        const grid = bruteForceBest(route, victim, opt.maxFrontRun * 2n, 200);
        const tol = grid / 1_000_000n + 1n;
        expect(opt.best.grossProfit + tol).toBeGreaterThanOrEqual(grid);
        expect(victimSucceeds(route, victim, opt.best.frontRunIn)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('exact-output victims: front-run bounded by the maximum in', () => {
    const pool = syntheticV2Pool(A, B, 1000n * E18, 2000n * E18);
    const route = makeRoute([A, B], [pool]);
    const amountOut = 20n * E18;
    const quoteIn = victimQuote(route, { exactInput: false, amountOut, amountInMax: 0n }).amountIn;
    const victim: Victim = { exactInput: false, amountOut, amountInMax: (quoteIn * 102n) / 100n };
    const opt = optimalSandwich(route, victim, 0n);
    expect(opt.best).not.toBeNull();
    expect(opt.best!.victimIn).toBeLessThanOrEqual(victim.amountInMax);
    expect(opt.victimLoss).toBeGreaterThan(0n);
    expect(opt.best!.grossProfit).toBeGreaterThanOrEqual(bruteForceBest(route, victim, opt.maxFrontRun * 2n));
  });

  it('gas makes small sandwiches unprofitable', () => {
    const pool = syntheticV2Pool(A, B, 1000n * E18, 2000n * E18);
    const route = makeRoute([A, B], [pool]);
    const amountIn = 20n * E18;
    const quote = victimQuote(route, { exactInput: true, amountIn, amountOutMin: 0n }).amountOut;
    const victim: Victim = { exactInput: true, amountIn, amountOutMin: minOutForSlippage(quote, 300) };
    expect(optimalSandwich(route, victim, 0n).profitable).toBe(true);
    expect(optimalSandwich(route, victim, E18).profitable).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeRoute, syntheticV2Pool, syntheticV3Pool } from '../mev';
import { planSchedule, acHoldings, kappaPerSlice, type ScheduleInput } from './schedule';
import { exhaustiveSchedule } from './schedule-search';
import { quoteOfRoute, midPriceOfRoute, safeSlippageOfRoute } from './market';

const WETH = '0x00000000000000000000000000000000000000e1' as const;
const USDC = '0x00000000000000000000000000000000000000c2' as const;

/** Hourly base fee forecast (gwei): cheap at night (hours 6–10 from now), dear in the afternoon. */
const HOURLY_GWEI = Array.from({ length: 48 }, (_, h) => 30 + 22 * Math.sin(((h + 3) / 24) * 2 * Math.PI));
const gasCostAtHour = (ethPrice: number, gas = 150_000) => (hour: number) => gas * HOURLY_GWEI[Math.min(47, Math.floor(hour))]! * 1e-9 * ethPrice;

function v2Input(amount: number, riskAversion: number, horizonHours = 24): ScheduleInput {
  const pool = syntheticV2Pool(WETH, USDC, 2_000n * 10n ** 18n, 6_000_000n * 10n ** 6n);
  const m = { route: makeRoute([WETH, USDC], [pool]), decimalsIn: 18, decimalsOut: 6 };
  return {
    amount,
    midPrice: midPriceOfRoute(m, 0.001),
    quote: quoteOfRoute(m),
    sigmaPerHour: 0.01,
    horizonHours,
    gasCostAtHour: gasCostAtHour(3000),
    riskAversion,
    safeSlippageBps: safeSlippageOfRoute(m, 0.002, 10),
  };
}

describe('AC closed form', () => {
  it('κ = 0 is a straight line, large κ sells at once', () => {
    expect(acHoldings(10, 5, 0)).toEqual([10, 8, 6, 4, 2, 0]);
    expect(acHoldings(10, 3, Infinity)).toEqual([10, 0, 0, 0]);
    const x = acHoldings(10, 4, 0.5);
    expect(x[0]).toBe(10);
    expect(x[4]).toBe(0);
    for (let j = 1; j <= 4; j++) expect(x[j]!).toBeLessThan((10 * (4 - j)) / 4 + 1e-12);
  });
  it('κ solves the discrete Euler equation 2(cosh κ − 1) = λσ²τ/η', () => {
    const k = kappaPerSlice(2e-6, 30, 0.5, 0.4);
    expect(2 * (Math.cosh(k) - 1)).toBeCloseTo((2e-6 * 900 * 0.5) / 0.4, 12);
  });
});

describe('planSchedule', () => {
  it('V2: planned E + λV within 1 % of the exhaustive search over N = 1..50 and start hours', () => {
    for (const a of [0.5, 2, 10]) {
      const input = v2Input(100, a);
      const plan = planSchedule(input);
      const best = exhaustiveSchedule(input);
      expect(plan.objective).toBeLessThanOrEqual(best.objective * 1.01);
      expect(plan.slices.reduce((s, x) => s + x.amountIn, 0)).toBeCloseTo(100, 9);
    }
  });

  it('gas-aware: dear gas means fewer slices, free gas means more', () => {
    const cheap = planSchedule({ ...v2Input(100, 2), gasCostAtHour: () => 0.5 });
    const dear = planSchedule({ ...v2Input(100, 2), gasCostAtHour: () => 400 });
    expect(dear.slices.length).toBeLessThan(cheap.slices.length);
  });

  it('higher risk aversion sells sooner (mean sale time falls)', () => {
    const meanTime = (a: number) => {
      const p = planSchedule(v2Input(100, a));
      return p.slices.reduce((s, x) => s + x.atHour * x.amountIn, 0) / 100;
    };
    expect(meanTime(50)).toBeLessThan(meanTime(0.5));
  });

  it('each slice has a MEV-safe minimum output below its quote', () => {
    const p = planSchedule(v2Input(100, 2));
    for (const s of p.slices) {
      expect(s.minOut).toBeLessThanOrEqual(s.expectedOut);
      expect(s.minOut).toBeGreaterThan(s.expectedOut * 0.9);
    }
    expect(p.cost.mevAllowance).toBeGreaterThanOrEqual(0);
  });

  it('V3 concentrated liquidity: within 1 % of exhaustive search', () => {
    // price ≈ 3000 USDC/WETH: token0 = USDC (0x…c2 < 0x…e1), price token1/token0 = 1/3000 in raw units ×1e12
    const tick = Math.round(Math.log((1 / 3000) * 1e12) / Math.log(1.0001));
    const pool = syntheticV3Pool({
      token0: USDC, token1: WETH, fee: 3000, tickSpacing: 60, tick,
      positions: [
        { tickLower: Math.floor((tick - 6000) / 60) * 60, tickUpper: Math.ceil((tick + 6000) / 60) * 60, liquidity: 2n * 10n ** 17n },
        { tickLower: Math.floor((tick - 600) / 60) * 60, tickUpper: Math.ceil((tick + 600) / 60) * 60, liquidity: 6n * 10n ** 17n },
      ],
    });
    const m = { route: makeRoute([WETH, USDC], [pool]), decimalsIn: 18, decimalsOut: 6 };
    const input: ScheduleInput = { ...v2Input(100, 2), midPrice: midPriceOfRoute(m, 0.001), quote: quoteOfRoute(m), safeSlippageBps: undefined };
    const plan = planSchedule(input);
    const best = exhaustiveSchedule(input);
    expect(plan.objective).toBeLessThanOrEqual(best.objective * 1.01);
  });

  it('property: within 1 % of exhaustive search for random depth, size, gas and preference', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 200, max: 20_000 }), fc.double({ min: 0.005, max: 0.3, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }), fc.double({ min: 0.2, max: 3, noNaN: true }), fc.integer({ min: 2, max: 36 }),
        (reserveEth, share, a, gasScale, horizon) => {
          const pool = syntheticV2Pool(WETH, USDC, BigInt(reserveEth) * 10n ** 18n, BigInt(reserveEth * 3000) * 10n ** 6n);
          const m = { route: makeRoute([WETH, USDC], [pool]), decimalsIn: 18, decimalsOut: 6 };
          const input: ScheduleInput = {
            amount: reserveEth * share, midPrice: midPriceOfRoute(m, 0.001), quote: quoteOfRoute(m), sigmaPerHour: 0.01,
            horizonHours: horizon, gasCostAtHour: (h) => gasScale * gasCostAtHour(3000)(h), riskAversion: a,
          };
          const plan = planSchedule(input);
          const best = exhaustiveSchedule(input);
          return plan.objective <= best.objective * 1.01 + 1e-9;
        },
      ),
      { numRuns: 25, seed: 42 },
    );
  });

  it('refuses impossible input with a typed error', () => {
    expect(() => planSchedule({ ...v2Input(100, 2), amount: -1 })).toThrowError(expect.objectContaining({ name: 'WithdrawInputError' }));
    expect(() => planSchedule({ ...v2Input(100, 2), quote: () => Number.NaN })).toThrowError(expect.objectContaining({ name: 'WithdrawLiquidityError' }));
  });
});

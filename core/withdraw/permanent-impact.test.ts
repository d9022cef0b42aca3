import { describe, expect, it } from 'vitest';
import { makeRoute, routeExactIn, syntheticV2Pool, syntheticV3Pool, v2AmountOut } from '../mev';
import { fromBaseUnits, midPriceOfRoute, quoteOfRoute, safeSlippageOfRoute, sequenceOfRoute, toBaseUnits, type RouteMarket } from './market';
import { buildPlan } from './plan';
import type { Market, PlanDeps, PlanSpec } from './plan-types';
import { planSchedule, type ScheduleInput } from './schedule';
import { exhaustiveSchedule, fixedSlicesSchedule } from './schedule-search';

const WETH = '0x00000000000000000000000000000000000000e1' as const;
const USDC = '0x00000000000000000000000000000000000000c2' as const;
// USDC < WETH by address: token0 = USDC in the V3 pool below, so selling WETH is oneForZero
const v2 = (): RouteMarket => ({ route: makeRoute([WETH, USDC], [syntheticV2Pool(WETH, USDC, 1_000n * 10n ** 18n, 3_000_000n * 10n ** 6n)]), decimalsIn: 18, decimalsOut: 6 });
const v3 = (): RouteMarket => {
  // price 3000 USDC per WETH: token1/token0 raw = 1e18 / 3000e6 → tick ≈ log_1.0001(1e18/3e9)
  const tick = Math.round(Math.log(1e18 / 3e9) / Math.log(1.0001) / 60) * 60;
  const pool = syntheticV3Pool({ token0: USDC, token1: WETH, fee: 3000, tickSpacing: 60, tick, positions: [{ tickLower: -887220, tickUpper: 887220, liquidity: 10n ** 16n }, { tickLower: tick - 1200, tickUpper: tick + 1200, liquidity: 3n * 10n ** 16n }] });
  return { route: makeRoute([WETH, USDC], [pool]), decimalsIn: 18, decimalsOut: 6 };
};
const flatGas = (quotePerSwap: number) => () => quotePerSwap;

function input(m: RouteMarket, amount: number, over: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    amount, midPrice: midPriceOfRoute(m, amount / 1e6), quote: quoteOfRoute(m), quoteSequence: sequenceOfRoute(m),
    sigmaPerHour: 0.01, horizonHours: 6, gasCostAtHour: flatGas(5), riskAversion: 2, safeSlippageBps: safeSlippageOfRoute(m, 0.002, 10), ...over,
  };
}

describe('sequenceOfRoute (static pool)', () => {
  it('V2: each slice is swapped into the reserves the previous one left (bit-exact vs stepping by hand)', () => {
    const m = v2();
    const amounts = [10, 25, 5];
    let r0 = 1_000n * 10n ** 18n;
    let r1 = 3_000_000n * 10n ** 6n;
    const byHand = amounts.map((a) => {
      const inBase = toBaseUnits(a, 18);
      const out = v2AmountOut(inBase, r0, r1, 30);
      r0 += inBase;
      r1 -= out;
      return fromBaseUnits(out, 6);
    });
    expect(sequenceOfRoute(m)(amounts)).toEqual(byHand);
  });

  it('V2 splitting costs more than one swap (the fee stays in the reserves); V3 splitting costs the same up to rounding', () => {
    for (const [m, kind] of [[v2(), 'v2'], [v3(), 'v3']] as const) {
      const one = quoteOfRoute(m)(100);
      const ten = sequenceOfRoute(m)(Array.from({ length: 10 }, () => 10)).reduce((s, x) => s + x, 0);
      if (kind === 'v2') expect(ten).toBeLessThan(one);
      else expect(Math.abs(ten - one)).toBeLessThan(1e-4); // ≤ 100 base units of USDC of rounding on ~280k
    }
  });

  it('the temporary-impact quote overstates what a static pool pays for a split sale', () => {
    const m = v3();
    const temp = Array.from({ length: 10 }, () => quoteOfRoute(m)(10)).reduce((s, x) => s + x, 0);
    const seq = sequenceOfRoute(m)(Array.from({ length: 10 }, () => 10)).reduce((s, x) => s + x, 0);
    expect(temp).toBeGreaterThan(seq * 1.01);
  });
});

describe('planSchedule in permanent mode', () => {
  for (const [name, mk] of [['V2', v2], ['V3', v3]] as const) {
    it(`${name}: planned outputs are the sequential outputs; E + λV within 1 % of the exhaustive search`, () => {
      const inp = input(mk(), 150);
      const plan = planSchedule(inp);
      const seq = sequenceOfRoute(mk())(plan.slices.map((s) => s.amountIn));
      plan.slices.forEach((s, i) => expect(s.expectedOut).toBe(seq[i]));
      const best = exhaustiveSchedule(inp);
      expect(plan.objective).toBeLessThanOrEqual(best.objective * 1.01);
      // a static pool gives no reason to split: one swap, now (flat gas, risk only falls by selling sooner)
      expect(plan.slices).toHaveLength(1);
      expect(plan.startHour).toBe(0);
    });
  }

  it('a fixed split is priced sequentially too, and costs more than one swap on a static V2 pool', () => {
    const inp = input(v2(), 150);
    const five = fixedSlicesSchedule(inp, 5);
    expect(five.slices).toHaveLength(5);
    for (const s of five.slices) expect(s.amountIn).toBeCloseTo(30, 9);
    const seq = sequenceOfRoute(v2())(five.slices.map((s) => s.amountIn));
    five.slices.forEach((s, i) => expect(s.expectedOut).toBe(seq[i]));
    expect(five.cost.impact).toBeGreaterThan(planSchedule(inp).cost.impact);
  });

  it('temporary mode on the same pool promises more than the static pool will pay', () => {
    const inp = input(v3(), 150, { gasCostAtHour: flatGas(0.01), quoteSequence: undefined });
    const temp = planSchedule(inp);
    expect(temp.slices.length).toBeGreaterThan(1);
    const real = sequenceOfRoute(v3())(temp.slices.map((s) => s.amountIn)).reduce((s, x) => s + x, 0);
    expect(temp.expectedProceeds).toBeGreaterThan(real);
  });
});

describe('buildPlan with a permanent-impact market', () => {
  const market = (m: RouteMarket): Market => ({ chain: 'ethereum', midPrice: midPriceOfRoute(m, 1e-4), quote: quoteOfRoute(m), impact: 'permanent', quoteSequence: sequenceOfRoute(m), safeSlippageBps: safeSlippageOfRoute(m, 0.002, 10), swapGas: 130_000 });
  const deps: PlanDeps = { walletChain: 'ethereum', markets: () => [market(v2())], gasPrice: () => 30e-9 * 3000 };
  const spec: PlanSpec = { now: 1_750_000_000, deadlineHours: 6, risk: 'medium', quoteSymbol: 'USDC', quoteDecimals: 6, destination: { kind: 'wallet' }, assets: [{ symbol: 'WETH', amount: 150, decimals: 18, sigmaPerHour: 0.01 }] };

  it('swap steps carry the sequential outputs through the pool, in the base units that will be sent', () => {
    const plan = buildPlan({ ...spec, fixedSlices: 4 }, deps);
    const swaps = plan.steps.filter((s) => s.kind === 'swap');
    expect(swaps).toHaveLength(4);
    let route = v2().route;
    for (const s of swaps) {
      const r = routeExactIn(route, BigInt(s.amountInBase));
      route = r.after;
      // the plan's expectation vs the pool stepped with the exact base units of the steps
      expect(Math.abs(fromBaseUnits(r.amountOut, 6) - s.expectedOut!)).toBeLessThan(1e-5);
      expect(r.amountOut).toBeGreaterThanOrEqual(BigInt(s.minOutBase!));
    }
  });

  it('without fixedSlices the static pool is sold in one swap', () => {
    const plan = buildPlan(spec, deps);
    expect(plan.steps.filter((s) => s.kind === 'swap')).toHaveLength(1);
  });
});

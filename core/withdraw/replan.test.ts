import { describe, expect, it } from 'vitest';
import { makeRoute, routeExactIn, syntheticV2Pool } from '../mev';
import { midPriceOfRoute, quoteOfRoute, safeSlippageOfRoute, sequenceOfRoute, type RouteMarket } from './market';
import { buildPlan } from './plan';
import type { Market, PlanDeps, PlanSpec } from './plan-types';
import { replanNeeded } from './replan';

const WETH = '0x00000000000000000000000000000000000000e1' as const;
const USDC = '0x00000000000000000000000000000000000000c2' as const;
const v2 = (): RouteMarket => ({ route: makeRoute([WETH, USDC], [syntheticV2Pool(WETH, USDC, 1_000n * 10n ** 18n, 3_000_000n * 10n ** 6n)]), decimalsIn: 18, decimalsOut: 6 });
const market = (m: RouteMarket, impact: 'permanent' | 'temporary'): Market => ({
  chain: 'ethereum', midPrice: midPriceOfRoute(m, 1e-4), quote: quoteOfRoute(m), impact, ...(impact === 'permanent' ? { quoteSequence: sequenceOfRoute(m) } : {}),
  safeSlippageBps: safeSlippageOfRoute(m, 0.002, 10), swapGas: 130_000,
});
const spec: PlanSpec = { now: 1_750_000_000, deadlineHours: 6, risk: 'medium', quoteSymbol: 'USDC', quoteDecimals: 6, destination: { kind: 'wallet' }, assets: [{ symbol: 'WETH', amount: 150, decimals: 18, sigmaPerHour: 0.01 }], fixedSlices: 3 };

/** The pool's mid after really swapping the given steps' base units through it. */
function midAfterSwaps(amountsBase: readonly string[]): number {
  let route = v2().route;
  for (const a of amountsBase) route = routeExactIn(route, BigInt(a)).after;
  return midPriceOfRoute({ route, decimalsIn: 18, decimalsOut: 6 }, 1e-4);
}

describe('replanNeeded against the expected price after the done slices', () => {
  const deps = (impact: 'permanent' | 'temporary'): PlanDeps => ({ walletChain: 'ethereum', markets: () => [market(v2(), impact)], gasPrice: () => 30e-9 * 3000 });

  it('static pool: the plan\'s own impact after the first slice is not a move (the old check, against the price before the plan, flagged it)', () => {
    const plan = buildPlan(spec, deps('permanent'));
    const swaps = plan.steps.filter((s) => s.kind === 'swap');
    expect(swaps).toHaveLength(3);
    const current = midAfterSwaps([swaps[0]!.amountInBase]);
    const before = plan.referencePrices.WETH!;
    expect(Math.abs(current / before - 1)).toBeGreaterThan(plan.tolerance); // the plan's own impact exceeds the tolerance
    expect(replanNeeded(plan, current, plan.tolerance, []).needed).toBe(true); // nothing done yet: it is a real move
    const check = replanNeeded(plan, current, plan.tolerance, [swaps[0]!.id]);
    expect(check.needed).toBe(false);
    expect(Math.abs(check.moves[0]!.move)).toBeLessThan(1e-4);
    expect(check.moves[0]!.before).toBe(before);
    // the expected mids match the pool stepped with the exact base units
    swaps.forEach((s, i) => expect(Math.abs(s.midAfter! / midAfterSwaps(swaps.slice(0, i + 1).map((x) => x.amountInBase)) - 1)).toBeLessThan(1e-5)); // human vs base units, probe impact: ~1e-6
  });

  it('static pool: a real move beyond the expected mid is still flagged', () => {
    const plan = buildPlan(spec, deps('permanent'));
    const first = plan.steps.find((s) => s.kind === 'swap')!;
    const expected = midAfterSwaps([first.amountInBase]);
    expect(replanNeeded(plan, expected * (1 - 2 * plan.tolerance), plan.tolerance, [first.id]).needed).toBe(true);
    expect(replanNeeded(plan, expected * (1 + 2 * plan.tolerance), plan.tolerance, [first.id]).needed).toBe(true);
  });

  it('temporary market: the reference stays the price before the plan', () => {
    const plan = buildPlan(spec, deps('temporary'));
    const swaps = plan.steps.filter((s) => s.kind === 'swap');
    expect(swaps.every((s) => s.midAfter === undefined)).toBe(true);
    const before = plan.referencePrices.WETH!;
    const check = replanNeeded(plan, before * 0.9, plan.tolerance, swaps.map((s) => s.id));
    expect(check.moves[0]!.reference).toBe(before);
    expect(check.needed).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { buildPlan, oneShotBaseline } from './plan';
import { planFromJson, planToJson, replanNeeded } from './replan';
import { fixtureDeps, fixtureSpec } from './plan.fixtures';

describe('buildPlan', () => {
  const spec = fixtureSpec(2);
  const plan = buildPlan(spec, fixtureDeps());

  it('composes routes, schedule, steps, totals and risk', () => {
    expect(plan.assets).toHaveLength(2);
    for (const a of plan.assets) {
      expect(a.routes.length).toBeGreaterThanOrEqual(1);
      expect(a.routes.every((r) => r.pareto)).toBe(true);
      expect(a.route.p95ArrivalHours).toBeLessThanOrEqual(24);
      expect(a.risk.parametric.levels).toHaveLength(2);
    }
    const kinds = new Set(plan.steps.map((s) => s.kind));
    expect(kinds.has('swap')).toBe(true);
    expect(kinds.has('approve')).toBe(true);
    expect(plan.steps.every((s) => s.status === 'pending')).toBe(true);
    for (let i = 1; i < plan.steps.length; i++) expect(plan.steps[i]!.dueAt).toBeGreaterThanOrEqual(plan.steps[i - 1]!.dueAt);
    expect(plan.totals.netProceeds).toBeLessThan(plan.totals.valueAtMid);
  });

  it('swap amounts add up exactly in base units; every swap has a minimum out', () => {
    for (const a of plan.assets) {
      const swaps = plan.steps.filter((s) => s.asset === a.symbol && s.kind === 'swap');
      const sum = swaps.reduce((s, x) => s + BigInt(x.amountInBase), 0n);
      const approve = plan.steps.find((s) => s.asset === a.symbol && s.kind === 'approve' && !s.bridge)!;
      expect(sum).toBe(BigInt(approve.amountInBase));
      for (const s of swaps) {
        expect(BigInt(s.minOutBase!)).toBeGreaterThan(0n);
        expect(s.minOut!).toBeLessThanOrEqual(s.expectedOut!);
      }
    }
  });

  it('beats selling everything in one swap now', () => {
    const base = oneShotBaseline(spec, fixtureDeps());
    expect(plan.totals.netProceeds).toBeGreaterThan(base.netProceeds);
  });

  it('is plain JSON and round-trips', () => {
    const json = planToJson(plan);
    expect(planFromJson(json)).toEqual(JSON.parse(json));
    expect(() => planFromJson('{"version":2}')).toThrowError(expect.objectContaining({ name: 'WithdrawInputError' }));
  });

  it('replanNeeded: a move beyond the tolerance', () => {
    const p0 = plan.referencePrices;
    expect(replanNeeded(plan, { TKN0: p0.TKN0! * 1.01, TKN1: p0.TKN1! }).needed).toBe(false);
    const r = replanNeeded(plan, { TKN0: p0.TKN0! * 0.95 });
    expect(r.needed).toBe(true);
    expect(r.moves[0]!.move).toBeCloseTo(-0.05, 6);
    expect(() => replanNeeded(plan, 100)).toThrowError(/price per asset/);
    const single = buildPlan(fixtureSpec(1), fixtureDeps());
    expect(replanNeeded(single, single.referencePrices.TKN0! * 1.04, 0.05).needed).toBe(false);
  });

  it('deposit to an exchange on Base: a transfer step, and an L1 sale needs no week-long withdrawal', () => {
    const p = buildPlan(fixtureSpec(1, { destination: { kind: 'deposit', chain: 'base', address: '0x00000000000000000000000000000000000000dd' }, maxTrust: 'intent-relayer' }), fixtureDeps());
    const t = p.steps.find((s) => s.kind === 'transfer')!;
    expect(t.to).toMatch(/dd$/);
    expect(p.assets[0]!.route.p95ArrivalHours).toBeLessThan(24);
  });

  it('taxes and parking ride along', () => {
    const csv = 'date,asset,quantity,cost,fiat\n2024-01-01,TKN0,5000,50000000,JPY\n';
    const p = buildPlan(fixtureSpec(1, { taxes: { lotsCsv: csv, fiatPerQuote: 150 }, yieldOptions: [{ name: 'Aave USDC', apy: 0.05, apyVariance: 0.2, tvlUsd: 1e10, ageYears: 5 }] }), fixtureDeps());
    expect(p.taxes!.map((t) => t.method)).toEqual(['fifo', 'hifo', 'moving-average', 'total-average']);
    expect(p.taxes![0]!.totals.cost).toBeCloseTo(2000 * 10_000, 3);
    expect(p.parking!.allocations[0]!.weight).toBeCloseTo(0.125, 9);
  });

  it('no admissible route → NoRouteError', () => {
    expect(() => buildPlan(fixtureSpec(1, { destination: { kind: 'deposit', chain: 'nowhere', address: '0x00' } }), fixtureDeps())).toThrowError(expect.objectContaining({ name: 'NoRouteError' }));
  });
});

describe('several markets on one chain', () => {
  it('follows the chosen market (not the first one with the same chain), and says which one it is', async () => {
    const { makeRoute, syntheticV2Pool } = await import('../mev');
    const { midPriceOfRoute, quoteOfRoute } = await import('./market');
    const T = '0x00000000000000000000000000000000000000a1' as const;
    const Q = '0x00000000000000000000000000000000000000c2' as const;
    const mk = (units: bigint, label: string) => {
      const m = { route: makeRoute([T, Q], [syntheticV2Pool(T, Q, units * 10n ** 18n, units * 3000n * 10n ** 6n)]), decimalsIn: 18, decimalsOut: 6 };
      return { chain: 'ethereum', label, midPrice: midPriceOfRoute(m, 1e-3), quote: quoteOfRoute(m), swapGas: 130_000 };
    };
    const markets = [mk(100n, 'shallow'), mk(10_000n, 'deep')];
    const spec = fixtureSpec(1, { assets: [{ symbol: 'T', amount: 50, decimals: 18, sigmaPerHour: 0.01 }], bridges: [] });
    const plan = buildPlan(spec, { walletChain: 'ethereum', markets: () => markets, gasPrice: () => 30e-9 * 3000 });
    const a = plan.assets[0]!;
    expect(a.marketIndex).toBe(1);
    expect(a.route.id).toBe('ethereum#2');
    expect(a.route.label).toContain('deep');
    const swaps = plan.steps.filter((s) => s.kind === 'swap');
    expect(swaps.reduce((s, x) => s + x.expectedOut!, 0)).toBeCloseTo(a.route.breakdown.valueAtMid - a.route.breakdown.impact, 3);
    expect(swaps[0]!.expectedOut!).toBeCloseTo(markets[1]!.quote(swaps[0]!.amountIn), 6);
  });
});

import { describe, expect, it } from 'vitest';
import { CANONICAL_BRIDGES, canonicalBridge, TRUST_RANK, type Bridge } from './bridges';
import { amountAfterBridges, chooseRoute, evaluateRoute, paretoFront, type RouteInput } from './routes';
import type { Schedule } from './schedule';

function schedule(amount: number, price: number, impactShare: number, gas: number, endHour: number): Schedule {
  const out = amount * price * (1 - impactShare);
  return {
    slices: [{ index: 0, atHour: endHour, amountIn: amount, expectedOut: out, minOut: out * 0.995, slippageBps: 50, impactCost: amount * price - out, gasCost: gas, remainingAfter: 0 }],
    startHour: endHour, tauHours: 1, endHour, kappa: 0, eta: 0, lambda: 0, expectedProceeds: out,
    cost: { impact: amount * price - out, gas, total: amount * price - out + gas, mevAllowance: out * 0.005 }, variance: 0, objective: 0,
  };
}

const liquid: Bridge = { id: 'liquid-peg', name: 'Liquid peg-in', from: 'ethereum', to: 'liquid', trust: 'federation', feeBps: 10, feeFixed: 0, gas: [], p50Hours: 2, p95Hours: 3, signers: { m: 11, n: 15 } };
const relayer: Bridge = { id: 'relay', name: 'Intent relayer', from: 'ethereum', to: 'base', trust: 'intent-relayer', feeBps: 5, feeFixed: 2, gas: [['ethereum', 90_000]], p50Hours: 0.02, p95Hours: 0.1 };

describe('canonical bridges', () => {
  it('carry their real delays: OP/Base withdrawals take a week, deposits minutes', () => {
    expect(canonicalBridge('base', 'ethereum')!.p50Hours).toBeGreaterThanOrEqual(7 * 24);
    expect(canonicalBridge('ethereum', 'base')!.p95Hours).toBeLessThan(1);
    expect(canonicalBridge('arbitrum', 'ethereum')!.p95Hours).toBeGreaterThan(6 * 24);
    expect(canonicalBridge('zksync', 'ethereum')!.p95Hours).toBeLessThanOrEqual(24);
    expect(CANONICAL_BRIDGES.every((b) => b.trust === 'native-rollup')).toBe(true);
    expect(TRUST_RANK.federation).toBeGreaterThan(TRUST_RANK['intent-relayer']);
  });
  it('pre-sale bridge fees reduce the amount sold', () => {
    expect(amountAfterBridges(100, 3000, [liquid])).toBeCloseTo(99.9, 9);
    expect(amountAfterBridges(100, 3000, [relayer])).toBeCloseTo(100 - (300_000 * 0.0005 + 2) / 3000, 9);
  });
});

describe('route evaluation and the Pareto front', () => {
  const base = (over: Partial<RouteInput>): RouteInput => ({
    id: 'l1', label: 'sell on Ethereum, send', sellChain: 'ethereum', preBridges: [], postBridges: [], amount: 100, midPrice: 3000,
    schedule: schedule(100, 3000, 0.01, 300, 6), bridgeGas: 0, transferGas: 5, approvalGas: 4, ...over,
  });

  it('full breakdown by hand', () => {
    const e = evaluateRoute(base({}));
    expect(e.breakdown.valueAtMid).toBe(300_000);
    expect(e.breakdown.impact).toBeCloseTo(3000, 6);
    expect(e.breakdown.gas.total).toBe(309);
    expect(e.netProceeds).toBeCloseTo(297_000 - 309, 6);
    expect(e.breakdown.total).toBeCloseTo(300_000 - e.netProceeds, 6);
    expect(e.p95ArrivalHours).toBe(6);
    expect(e.trust).toBe('none');
    expect(e.breakdown.mevAllowance).toBeCloseTo(297_000 * 0.005, 6);
  });

  it('keeps only non-dominated routes; a slower, riskier, poorer route is dropped', () => {
    const l1 = evaluateRoute(base({}));
    const baseL2 = evaluateRoute(base({ id: 'base', sellChain: 'base', preBridges: [canonicalBridge('ethereum', 'base')!], schedule: schedule(100, 3000, 0.004, 5, 2), bridgeGas: 20 }));
    const viaRelay = evaluateRoute(base({ id: 'relay', sellChain: 'base', preBridges: [relayer], schedule: schedule(amountAfterBridges(100, 3000, [relayer]), 3000, 0.004, 5, 2), bridgeGas: 10 }));
    const bad = evaluateRoute(base({ id: 'bad', preBridges: [liquid], schedule: schedule(99.9, 3000, 0.02, 300, 8) }));
    const { front, all } = paretoFront([l1, baseL2, viaRelay, bad]);
    expect(front.map((r) => r.id).sort()).toEqual(['base', 'l1', 'relay'].sort());
    expect(all.find((r) => r.id === 'bad')!.dominatedBy).toBeDefined();
    expect(front[0]!.id).toBe('base');
    expect(chooseRoute(front, 24)!.id).toBe('base');
    expect(chooseRoute(front, 24, 'none')!.id).toBe('l1');
  });

  it('a proceeds withdrawal from an L2 to L1 takes a week: a 2-day deadline excludes it', () => {
    const l2 = evaluateRoute(base({ id: 'op', sellChain: 'optimism', preBridges: [canonicalBridge('ethereum', 'optimism')!], postBridges: [canonicalBridge('optimism', 'ethereum')!], schedule: schedule(100, 3000, 0.002, 5, 2) }));
    expect(l2.p95ArrivalHours).toBeGreaterThan(7 * 24);
    const { front } = paretoFront([l2, evaluateRoute(base({}))]);
    expect(front).toHaveLength(2);
    expect(chooseRoute(front, 48)!.id).toBe('l1');
  });
});

import { describe, expect, it } from 'vitest';
import { assessSwap } from './assess';
import { severityOf, isHighSlippage } from './advice';
import { v2Fixture, v3Fixture } from './bench-fixtures';
import { makeRoute } from './pool/route';
import { protectionOf } from './protection';
import { optimalSandwich } from './sandwich';
import { minOutForSlippage } from './slippage';

describe('assessSwap', () => {
  it('V2 3 %: danger, loss equals the whole slippage gap, advice to split (floor binds)', () => {
    const r = assessSwap(v2Fixture(20n, 300n));
    expect(r.severity).toBe('danger');
    expect(r.victimLoss).toBe(r.maxExtractable);
    expect(r.attackerProfit).toBeGreaterThan(0n);
    expect(r.noSandwichSlippageBps).toBeLessThan(10);
    expect(r.advice.kind).toBe('split');
    expect(r.highSlippage).toBe(true);
  });
  it('at the no-sandwich slippage the optimal sandwich does not pay', () => {
    for (const f of [v2Fixture(20n, 300n), v3Fixture(5n, 300n)]) {
      const r = assessSwap(f);
      const route = makeRoute([f.intent.tokenIn, f.intent.tokenOut], f.pools);
      const amountIn = f.intent.amountIn!;
      const gasWei = r.gasCostWei; // tokenIn is WETH
      const atSafe = optimalSandwich(route, { exactInput: true, amountIn, amountOutMin: minOutForSlippage(r.quoteOut, r.noSandwichSlippageBps) }, gasWei);
      expect(atSafe.profitable).toBe(false);
      const looser = optimalSandwich(route, { exactInput: true, amountIn, amountOutMin: minOutForSlippage(r.quoteOut, r.noSandwichSlippageBps + 1) }, gasWei);
      expect(looser.profitable).toBe(true);
    }
  });
  it('V3 3 %: tighten to the safe slippage', () => {
    const r = assessSwap(v3Fixture(5n, 300n));
    expect(r.advice).toMatchObject({ kind: 'tighten', slippageBps: r.safeSlippageBps });
    expect(r.safeSlippageBps).toBeGreaterThan(10);
  });
  it('a protected route lowers the severity and says so', () => {
    const f = { ...v2Fixture(20n, 300n), protection: protectionOf(true, false) };
    const r = assessSwap(f);
    expect(r.severity).toBe('warn');
    expect(r.advice.kind).toBe('ok');
  });
  it('thresholds', () => {
    expect(severityOf(5, 1, false)).toBe('none');
    expect(severityOf(10, undefined, false)).toBe('warn');
    expect(severityOf(1, 6, false)).toBe('warn');
    expect(severityOf(100, undefined, false)).toBe('danger');
    expect(severityOf(1, 150, false)).toBe('danger');
    expect(severityOf(1, 150, true)).toBe('warn');
    expect(isHighSlippage(300, 20)).toBe(true);
    expect(isHighSlippage(50, 10)).toBe(false);
  });
});

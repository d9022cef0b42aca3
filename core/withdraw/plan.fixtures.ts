/** Synthetic pools and gas for plan tests and the bench: V2 pools built with core/mev, two chains; temporary (default) or permanent impact. */
import type { Address } from 'viem';
import { makeRoute, syntheticV2Pool } from '../mev';
import { midPriceOfRoute, quoteOfRoute, safeSlippageOfRoute, sequenceOfRoute } from './market';
import type { AssetSpec, Market, PlanDeps, PlanSpec } from './plan-types';

const USDC = '0x00000000000000000000000000000000000000c2' as Address;
const addr = (i: number) => `0x${(0xa0 + i).toString(16).padStart(40, '0')}` as Address;

/** Asset i: price 100·(i+1), L1 pool depth 50 000 units·(1 + i % 3), Base pool a quarter of that. */
export function fixtureDeps(mev = true, impact: 'temporary' | 'permanent' = 'temporary'): PlanDeps {
  const cache = new Map<string, Market[]>();
  return {
    walletChain: 'ethereum',
    gasPrice: (chain, hour) => (chain === 'ethereum' ? (25 + 15 * Math.sin((hour / 24) * 2 * Math.PI)) * 1e-9 * 3000 : 0.02e-9 * 3000),
    markets: (a: AssetSpec) => {
      const hit = cache.get(a.symbol);
      if (hit) return hit;
      const i = Number(a.symbol.replace(/\D/g, '') || '0');
      const price = 100 * (i + 1);
      const depth = 50_000 * (1 + (i % 3));
      const mk = (chain: string, units: number): Market => {
        const pool = syntheticV2Pool(addr(i), USDC, BigInt(units) * 10n ** 18n, BigInt(units * price) * 10n ** 6n);
        const m = { route: makeRoute([addr(i), USDC], [pool]), decimalsIn: 18, decimalsOut: 6 };
        const out: Market = { chain, midPrice: midPriceOfRoute(m, 1e-3), quote: quoteOfRoute(m), swapGas: 130_000 };
        if (impact === 'permanent') Object.assign(out, { impact, quoteSequence: sequenceOfRoute(m) });
        if (mev) out.safeSlippageBps = safeSlippageOfRoute(m, (2 * 100_000 * 30e-9 * 3000) / price, 10);
        return out;
      };
      const markets = [mk('ethereum', depth), mk('base', depth / 4)];
      cache.set(a.symbol, markets);
      return markets;
    },
  };
}

export function fixtureSpec(assets: number, over: Partial<PlanSpec> = {}): PlanSpec {
  return {
    now: 1_750_000_000,
    deadlineHours: 24,
    risk: 'medium',
    quoteSymbol: 'USDC',
    quoteDecimals: 6,
    destination: { kind: 'wallet' },
    assets: Array.from({ length: assets }, (_, i) => ({ symbol: `TKN${i}`, amount: 2_000 * (1 + (i % 3)), decimals: 18, sigmaPerHour: 0.01 })),
    bridges: [{ id: 'relay', name: 'Intent relayer', from: 'ethereum', to: 'base', trust: 'intent-relayer', feeBps: 4, feeFixed: 1, gas: [['ethereum', 80_000]], p50Hours: 0.02, p95Hours: 0.1 }],
    ...over,
  };
}

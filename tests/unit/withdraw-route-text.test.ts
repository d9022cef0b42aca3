import { describe, expect, it } from 'vitest';
import { buildPlan } from '@/core/withdraw';
import { fixtureDeps, fixtureSpec } from '@/core/withdraw/plan.fixtures';
import { routeText, trustText } from '@/components/popup/withdraw-route-text';

describe('a withdrawal route in the user’s language', () => {
  const plan = buildPlan(fixtureSpec(1, { destination: { kind: 'deposit', chain: 'base', address: '0x00000000000000000000000000000000000000dd' }, maxTrust: 'intent-relayer' }), fixtureDeps());
  const routes = plan.assets.flatMap((a) => a.routes);

  it('says in English what the planner’s label says, for every route of a plan with bridges and a deposit', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.every((r) => r.legs!.postBridges.length > 0 && r.legs!.deposit)).toBe(true);
    for (const r of routes) expect(routeText(r, 'en').toLowerCase()).toBe(r.label.toLowerCase());
  });

  it('says it in Japanese, with no English words left but names', () => {
    const bridged = routes[0]!;
    const ja = routeText(bridged, 'ja');
    expect(ja).toBe(`Ethereum で売却、Base へブリッジ（${bridged.legs!.postBridges[0]}）、入金アドレスへ送金`);
    expect(trustText(bridged.trust, 'ja')).not.toBe(bridged.trust);
    // Bridged before the sale, on a named market.
    const legs = { preBridges: ['Base canonical bridge (deposit)'], sellChain: 'base', venue: 'Uniswap V3 0.05 %', postBridges: [], deposit: false };
    expect(routeText({ label: '', legs }, 'en')).toBe('bridge to Base (Base canonical bridge (deposit)), sell on Base (Uniswap V3 0.05 %)');
    expect(routeText({ label: '', legs }, 'ja')).toBe('Base へブリッジ（Base canonical bridge (deposit)）、Base で売却（Uniswap V3 0.05 %）');
  });

  it('a plan stored before routes had legs shows the label it was saved with', () => {
    expect(routeText({ label: 'sell on ethereum (Uniswap V3)' }, 'ja')).toBe('sell on ethereum (Uniswap V3)');
  });

  it('every trust class has words in both languages', () => {
    for (const trust of ['none', 'native-rollup', 'zk', 'optimistic', 'intent-relayer', 'federation', 'custodian'] as const) {
      expect(trustText(trust, 'en')).not.toMatch(/^wdTrust_/);
      expect(trustText(trust, 'ja')).not.toMatch(/^wdTrust_/);
    }
  });
});

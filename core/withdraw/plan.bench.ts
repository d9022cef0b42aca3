import { bench, describe } from 'vitest';
import { buildPlan, oneShotBaseline } from './plan';
import { fixtureDeps, fixtureSpec } from './plan.fixtures';

/**
 * A plan for 10 assets × 3 routes (sell on Ethereum; canonical bridge to Base and sell; intent
 * relayer to Base and sell), exact V2 quotes from core/mev, MEV-safe minimum outs, 500-path
 * Monte Carlo risk per asset. Baseline in the same run: one swap per asset now. Target ≤ 100 ms.
 * Market objects (pool state) are built once, as after one RPC read. The permanent-impact variant
 * prices every slice sequentially through the pool (a static market).
 * `npx vitest bench core/withdraw/plan.bench.ts --run`
 */
const spec = fixtureSpec(10, { maxTrust: 'intent-relayer' });
const deps = fixtureDeps();
const staticDeps = fixtureDeps(true, 'permanent');

describe('withdrawal plan, 10 assets × 3 routes', () => {
  bench('baseline: one swap per asset now', () => {
    oneShotBaseline(spec, deps);
  });
  bench('buildPlan (warm: pool state and safe-slippage memo reused)', () => {
    buildPlan(spec, deps);
  });
  bench('buildPlan (cold: fresh pool state, sandwich searches included)', () => {
    buildPlan(spec, fixtureDeps());
  });
  bench('buildPlan, permanent impact (static pools: slices stepped through the pool; warm)', () => {
    buildPlan(spec, staticDeps);
  });
});

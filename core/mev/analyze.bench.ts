import { bench, describe } from 'vitest';
import { assessSwap } from './assess';
import { v2Fixture, v3Fixture } from './bench-fixtures';
import { v2AmountOut } from './math/v2';

/**
 * Analysis of one swap from pre-fetched pool state (no RPC): decode is excluded too, it is
 * microseconds. Baseline in the same run: one V2 getAmountOut. Target ≤ 20 ms per analysis.
 * `npx vitest bench core/mev/analyze.bench.ts --run`
 */
const v2Risky = v2Fixture(20n, 300n); // 20 ETH into 2 000 ETH, 3 %: sandwichable, split advice
const v3Risky = v3Fixture(5n, 300n); // V3, 120 ranges, tighten advice
const v3Split = v3Fixture(50n, 50n); // V3, floor binds: split search runs

describe('MEV analysis of one swap (excluding RPC)', () => {
  bench('baseline: one V2 getAmountOut', () => {
    v2AmountOut(10n ** 18n, 6_000_000n * 10n ** 6n, 2_000n * 10n ** 18n);
  });
  bench('V2 swap, 3 % slippage', () => {
    assessSwap(v2Risky);
  });
  bench('V3 swap, 3 % slippage', () => {
    assessSwap(v3Risky);
  });
  bench('V3 swap, 0.5 % slippage, split search', () => {
    assessSwap(v3Split);
  });
});

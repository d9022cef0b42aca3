import { describe, expect, it } from 'vitest';
import { feeOutlook } from './outlook';
import type { FeeSamples } from './history';

function samples(fee: (i: number) => number, n = 600): FeeSamples {
  const blocks = Array.from({ length: n }, (_, i) => 1000 + i);
  return { blocks, timestamps: blocks.map((b) => 1_700_000_000 + b * 12), baseFee: blocks.map((_, i) => fee(i)), gasUsedRatio: blocks.map(() => 0.5), rewards: blocks.map(() => [1, 2, 3, 4, 5]) };
}

describe('feeOutlook', () => {
  it('each point has p10 ≤ median ≤ p90, also on a chain whose fee only ever falls', () => {
    for (const s of [samples((i) => Math.round(50e9 * 0.99 ** i)), samples((i) => Math.round(20e9 * (1 + 0.3 * Math.sin(i / 9))))]) {
      const o = feeOutlook(s);
      expect(o.blocks.length).toBeGreaterThan(0);
      for (const p of o.blocks) {
        expect(p.p10).toBeLessThanOrEqual(p.median);
        expect(p.median).toBeLessThanOrEqual(p.p90);
      }
    }
  });
});

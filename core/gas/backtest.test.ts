import { readFileSync } from 'node:fs';
import { gasDataFile } from './shared-data';
import { describe, expect, it } from 'vitest';
import { backtest } from './backtest';
import { parseFeeDataFile } from './blocks-file';
import { SHIPPED_PRIOR } from './prior';

const load = (name: string) => parseFeeDataFile(readFileSync(gasDataFile(name), 'utf8'), name);

describe('backtest', () => {
  it('replays the 2026 file: exact next base fee, peers, advice', () => {
    const r = backtest(load('mainnet-2026-01-blocks.json'), { prior: SHIPPED_PRIOR });
    expect(r.nextBaseFee).toEqual({ checked: 999, exact: 999, maxErrorWei: 0n });
    expect(r.horizons[0]).toMatchObject({ horizon: 1, exact: true, medianAbsLogError: { preflight: 0 } });
    const preflight = r.peers!.find((p) => p.name.startsWith('Preflight'))!;
    expect(preflight.stuckShare['1']).toBe(0);
    expect(preflight.stuckShare['3']).toBe(0);
  });
  it('beats naive at 1 h and beyond on the hourly file with 80 % intervals near 80 %', () => {
    const r = backtest(load('mainnet-2022-hourly-avg.csv'), { prior: SHIPPED_PRIOR, maxOrigins: 800, maxAdviceOrigins: 200 });
    for (const h of r.horizons) {
      expect(h.improvement).toBeGreaterThan(0);
      expect(h.coverage80).toBeGreaterThan(0.72);
      expect(h.coverage80).toBeLessThan(0.88);
    }
  });
});

import { readFileSync } from 'node:fs';
import { gasDataFile } from './shared-data';
import { describe, expect, it } from 'vitest';
import { backtest, wilson } from './backtest';
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
  it('beats naive at 1 h and beyond on the hourly file, scored only after the prior\'s training period', () => {
    const r = backtest(load('mainnet-2022-hourly-avg.csv'), { prior: SHIPPED_PRIOR, maxOrigins: 800, maxAdviceOrigins: 200 });
    expect(r.notes.join(' ')).toMatch(/only origins from then on are scored \(disjoint/);
    for (const h of r.horizons) {
      expect(h.improvement).toBeGreaterThan(0);
      expect(h.independentWindows).toBeGreaterThan(50);
      expect(h.coverage80Interval[0]).toBeLessThanOrEqual(h.coverage80);
      expect(h.coverage80Interval[1]).toBeGreaterThanOrEqual(h.coverage80);
      expect(h.coverage80).toBeGreaterThanOrEqual(0.75);
      expect(h.coverage80).toBeLessThanOrEqual(0.85);
    }
    expect(r.advice.whenWaiting.cases).toBeGreaterThan(10);
    expect(r.advice.whenWaiting.lostMoneyShare).toBeLessThan(0.2);
    expect(r.advice.whenWaiting.medianSaving).toBeGreaterThan(0);
    // Over all decisions, not only the waits: the median decision saves.
    expect(r.advice.vsSendNow.medianSaving).toBeGreaterThan(0);
  }, 90_000);
  it('is never worse than naive at any horizon of the per-block files, and waiting rarely loses', () => {
    for (const name of ['mainnet-2022-05-luna.csv', 'mainnet-2022-07-spike.csv', 'mainnet-2025-11-low-fee.csv']) {
      const r = backtest(load(name), { prior: SHIPPED_PRIOR, maxOrigins: 500, maxAdviceOrigins: 100 });
      for (const h of r.horizons) expect(h.improvement, `${name} h=${h.horizon}`).toBeGreaterThanOrEqual(0);
      if (r.advice.whenWaiting.cases > 0) expect(r.advice.whenWaiting.lostMoneyShare).toBeLessThan(0.2);
    }
  }, 90_000);
  it('advice on every block file: the median decision saves vs sending at once, waits lose in under 20 %', () => {
    for (const name of ['mainnet-2022-05-luna.csv', 'mainnet-2022-07-spike.csv', 'mainnet-2025-11-low-fee.csv', 'mainnet-2026-01-blocks.json']) {
      const r = backtest(load(name), { prior: SHIPPED_PRIOR, horizons: [1], maxOrigins: 50, maxAdviceOrigins: 150 });
      expect(r.advice.vsSendNow.medianSaving, name).toBeGreaterThan(0);
      expect(r.advice.whenWaiting.lostMoneyShare, name).toBeLessThan(0.2);
      expect(r.advice.targetFeeWaits.cases, name).toBeGreaterThan(0);
    }
  }, 90_000);
  it('gives the coverage a Wilson interval that narrows with the independent windows', () => {
    const [a, b] = wilson(0.8, 10);
    const [c, d] = wilson(0.8, 1000);
    expect(a).toBeLessThan(c);
    expect(b).toBeGreaterThan(d);
    expect(c).toBeCloseTo(0.774, 2);
    expect(d).toBeCloseTo(0.824, 2);
    expect(wilson(0.5, 0)).toEqual([0, 1]);
  });
  it('80 % intervals at 60 and 300 blocks are calibrated on average over 13 short segments of the per-block files (thin evidence)', () => {
    const blocks = (name: string) => {
      const f = load(name);
      if (f.kind !== 'blocks') throw new Error('block file expected');
      return f;
    };
    const spike = blocks('mainnet-2022-07-spike.csv');
    const luna = blocks('mainnet-2022-05-luna.csv');
    const segments = [
      ...Array.from({ length: 9 }, (_, i) => spike.blocks.slice(i * 1100, (i + 1) * 1100)),
      ...Array.from({ length: 2 }, (_, i) => luna.blocks.slice(i * 1200, (i + 1) * 1200)),
      blocks('mainnet-2025-11-low-fee.csv').blocks,
      blocks('mainnet-2026-01-blocks.json').blocks,
    ];
    const cover = { 60: [] as number[], 300: [] as number[] };
    for (const seg of segments) {
      const r = backtest({ kind: 'blocks', blocks: seg, gaps: [] }, { prior: SHIPPED_PRIOR, horizons: [60, 300], maxOrigins: 400, maxAdviceOrigins: 1 });
      for (const h of r.horizons) cover[h.horizon as 60 | 300].push(h.coverage80);
    }
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean(cover[60])).toBeGreaterThan(0.77);
    expect(mean(cover[60])).toBeLessThan(0.83);
    expect(mean(cover[300])).toBeGreaterThan(0.77);
    expect(mean(cover[300])).toBeLessThan(0.83);
  }, 120_000);
});

import { describe, expect, it } from 'vitest';
import { adviseSendOrWait } from './advice';
import { GasInputError } from './errors';
import { learnLimitPolicy, replayLimit, sendNowIndex } from './limit-policy';
import type { FeeSeries } from './types';

/** Deterministic uniform numbers in [0, 1). */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Block series whose fee swings around a steady level (full and empty blocks alternating, with noise). */
function choppy(n: number, seed = 3): FeeSeries {
  const r = rng(seed);
  const x = Float64Array.from({ length: n }, (_, i) => Math.log(20e9) + (i % 2 ? 0.08 : -0.08) + (r() - 0.5) * 0.2);
  return { stepSeconds: 12, startTime: 1_700_000_000, logFee: x };
}

/** A fee that only rises: any wait pays more. */
function rising(n: number): FeeSeries {
  return { stepSeconds: 12, startTime: 1_700_000_000, logFee: Float64Array.from({ length: n }, (_, i) => Math.log(20e9) + 0.002 * i) };
}

describe('replayLimit', () => {
  const x = [10, 9.8, 9.9, 9.6, 10.2, 10.4];
  it('pays the first point at or below the target within the deadline', () => {
    expect(replayLimit(x, 0, 9.7, 5)).toEqual({ paid: 9.6, steps: 3, hit: true });
    expect(replayLimit(x, 0, 9.8, 5)).toEqual({ paid: 9.8, steps: 1, hit: true });
  });
  it('pays the deadline point when the target is never reached', () => {
    expect(replayLimit(x, 0, 9.0, 5)).toEqual({ paid: 10.4, steps: 5, hit: false });
    expect(replayLimit(x, 0, 9.6, 2)).toEqual({ paid: 9.9, steps: 2, hit: false });
  });
  it('sends at once into the next block, or this hour', () => {
    expect(sendNowIndex({ stepSeconds: 12, startTime: 0, logFee: new Float64Array(3) }, 4)).toBe(5);
    expect(sendNowIndex({ stepSeconds: 3600, startTime: 0, logFee: new Float64Array(3) }, 4)).toBe(4);
  });
});

describe('learnLimitPolicy', () => {
  it('finds a target below the fee on a choppy fee, with past losses within the bound', () => {
    const p = learnLimitPolicy(choppy(3000), 300)!;
    expect(p).toBeDefined();
    expect(p.depth).toBeLessThan(0);
    expect(p.lossShare).toBeLessThanOrEqual(0.1);
    expect(p.medianSaving).toBeGreaterThan(0);
    expect(p.meanSaving).toBeGreaterThanOrEqual(0.02);
    expect(p.hitShare).toBeGreaterThan(0.5);
    expect(p.savingP10).toBeLessThanOrEqual(p.savingP90);
    expect(p.typicalHitSteps).toBeGreaterThanOrEqual(1);
    expect(p.typicalHitSteps).toBeLessThanOrEqual(300);
  });
  it('declines on a fee that only rises', () => {
    expect(learnLimitPolicy(rising(3000), 300)).toBeUndefined();
  });
  it('reads nothing after the origin', () => {
    const s = choppy(3000);
    const asOf = 2000;
    const before = learnLimitPolicy(s, 300, { asOf });
    const changed = Float64Array.from(s.logFee);
    for (let i = asOf + 1; i < changed.length; i++) changed[i] = changed[i]! + 5;
    expect(learnLimitPolicy({ ...s, logFee: changed }, 300, { asOf })).toEqual(before);
  });
  it('needs a deadline of past replays, and a valid deadline', () => {
    expect(learnLimitPolicy(choppy(320), 300)).toBeUndefined();
    expect(() => learnLimitPolicy(choppy(100), 0)).toThrow(GasInputError);
    expect(() => learnLimitPolicy(choppy(100), 10, { asOf: 100 })).toThrow(GasInputError);
  });
  it('keeps the past loss share within a stricter bound when asked', () => {
    const p = learnLimitPolicy(choppy(3000, 9), 300, { maxLossShare: 0.02 });
    if (p) expect(p.lossShare).toBeLessThanOrEqual(0.02);
  });
});

describe('advice with a target fee', () => {
  it('advises waiting for a target below the fee now, within the deadline', () => {
    const s = choppy(3000);
    const now = s.startTime + (s.logFee.length - 1) * 12;
    const a = adviseSendOrWait(s, { gasLimit: 21_000n, withinSeconds: 3600, now });
    expect(a.action).toBe('wait');
    const limit = a.wait!.limit!;
    expect(a.wait!.method).toBe('limit');
    expect(limit.targetBaseFee).toBeLessThan(a.baseFeeNow);
    expect(limit.deadline).toBeLessThanOrEqual(now + 3600);
    expect(a.sendAt).toBeLessThanOrEqual(limit.deadline);
    expect(a.wait!.probabilityWaitCostsMore).toBeLessThanOrEqual(0.1);
    expect(a.reason).toMatch(/past cases/);
  });
  it('shortens the policy to a deadline under an hour, and can be turned off', () => {
    const s = choppy(3000);
    const now = s.startTime + (s.logFee.length - 1) * 12;
    const a = adviseSendOrWait(s, { gasLimit: 21_000n, withinSeconds: 600, now });
    if (a.wait?.limit) expect(a.wait.limit.deadline).toBeLessThanOrEqual(now + 600);
    const off = adviseSendOrWait(s, { gasLimit: 21_000n, withinSeconds: 3600, now }, { limit: false });
    expect(off.wait?.limit).toBeUndefined();
  });
  it('sends now when waiting has only ever cost more', () => {
    const s = rising(3000);
    const now = s.startTime + (s.logFee.length - 1) * 12;
    expect(adviseSendOrWait(s, { gasLimit: 21_000n, withinSeconds: 3600, now }).action).toBe('send-now');
  });
});

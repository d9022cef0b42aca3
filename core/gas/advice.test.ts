import { describe, expect, it } from 'vitest';
import { adviseSendOrWait } from './advice';
import { GasInputError, InsufficientHistoryError } from './errors';
import type { SeasonalPrior } from './seasonality';
import type { FeeSeries } from './types';

/** Hourly series with a strong daily cycle: cheap at night, expensive in the afternoon. */
function daily(hours: number): FeeSeries {
  const x = new Float64Array(hours);
  for (let i = 0; i < hours; i++) x[i] = Math.log(20e9) + 0.6 * Math.sin((2 * Math.PI * i) / 24) + 0.05 * Math.sin(i * 1.7);
  return { stepSeconds: 3600, startTime: 0, logFee: x };
}

const prior: SeasonalPrior = { version: 1, source: 'test', method: 'test', hours: 0, hourOfWeek: Array.from({ length: 168 }, (_, k) => 0.6 * Math.sin((2 * Math.PI * (k + 0.5)) / 24)) };

describe('adviseSendOrWait', () => {
  const s = daily(24 * 30);
  const last = (s.logFee.length - 1) * 3600;
  it('advises waiting for the cheap hours, with a saving and a low chance to lose', () => {
    // Origin at the daily peak (i ≡ 6 mod 24).
    const t = 24 * 29 + 6;
    const a = adviseSendOrWait(s, { gasLimit: 21_000n, withinSeconds: 24 * 3600, now: t * 3600 }, { asOf: t, prior });
    expect(a.action).toBe('wait');
    expect(a.wait!.expectedSavingWei).toBeGreaterThan(0n);
    expect(a.wait!.probabilityWaitCostsMore).toBeLessThanOrEqual(0.2);
    expect(a.wait!.savingP10Wei).toBeLessThanOrEqual(a.wait!.savingP90Wei);
    expect(a.sendAt).toBeLessThanOrEqual(t * 3600 + 24 * 3600);
  });
  it('sends now on a fee that only wanders (no forecastable saving)', () => {
    let seed = 11;
    const x = new Float64Array(24 * 30);
    x[0] = Math.log(20e9);
    for (let i = 1; i < x.length; i++) x[i] = x[i - 1]! + (((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5) * 0.3;
    const walk: FeeSeries = { stepSeconds: 3600, startTime: 0, logFee: x };
    const t = x.length - 1;
    const a = adviseSendOrWait(walk, { gasLimit: 21_000n, withinSeconds: 24 * 3600, now: t * 3600 }, { asOf: t });
    expect(a.action).toBe('send-now');
    expect(a.bestCandidate!.probabilityWaitCostsMore).toBeGreaterThan(0.2);
  });
  it('never advises past the deadline', () => {
    for (const within of [0, 1800, 3 * 3600, 5 * 3600]) {
      const t = 24 * 29 + 6;
      const a = adviseSendOrWait(s, { gasLimit: 21_000n, withinSeconds: within, now: t * 3600 }, { asOf: t });
      expect(a.sendAt).toBeLessThanOrEqual(t * 3600 + within);
    }
  });
  it('rejects a clock behind the data, stale history and absurd gas', () => {
    expect(() => adviseSendOrWait(s, { gasLimit: 21_000n, withinSeconds: 3600, now: last - 7200 })).toThrow(GasInputError);
    expect(() => adviseSendOrWait(s, { gasLimit: 21_000n, withinSeconds: 3600, now: last + 86_400 })).toThrow(InsufficientHistoryError);
    expect(() => adviseSendOrWait(s, { gasLimit: 0n, withinSeconds: 3600, now: last })).toThrow(GasInputError);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateAlert, InvalidAlertError, newAlert } from './alerts';

describe('gas alerts', () => {
  it('fires once per crossing, and re-arms only 5 % above the threshold', () => {
    let a = newAlert(1, 10); // 10 gwei
    const seen: boolean[] = [];
    for (const gwei of [12, 10.5, 9.9, 9, 10.2, 10.4, 10.6, 9.5]) {
      const r = evaluateAlert(a, BigInt(Math.round(gwei * 1e9)), 0);
      seen.push(r.notify);
      a = r.alert;
    }
    expect(seen).toEqual([false, false, true, false, false, false, false, true]);
  });

  it('rejects absurd thresholds with a clear error', () => {
    expect(() => newAlert(1, -1)).toThrow(InvalidAlertError);
    expect(() => newAlert(1, Number.NaN)).toThrow(/between 0 and/);
  });
});

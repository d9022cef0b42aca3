import { describe, expect, it } from 'vitest';
import { countdown, holdStatus } from '../../components/review/hold-status';

describe('hold until the base fee is at or below the target', () => {
  const target = 10n;
  it('holds while the fee is above the target, or unknown', () => {
    expect(holdStatus({ nowMs: 0, targetWei: target })).toBe('holding');
    expect(holdStatus({ nowMs: 0, baseFeeWei: 11n, targetWei: target, deadline: 100 })).toBe('holding');
  });
  it('is reached at or below the target before the deadline', () => {
    expect(holdStatus({ nowMs: 99_999, baseFeeWei: 10n, targetWei: target, deadline: 100 })).toBe('reached');
    expect(holdStatus({ nowMs: 5, baseFeeWei: 3n, targetWei: target })).toBe('reached');
  });
  it('expires at the deadline even when the fee has just reached the target', () => {
    expect(holdStatus({ nowMs: 100_000, baseFeeWei: 11n, targetWei: target, deadline: 100 })).toBe('expired');
    expect(holdStatus({ nowMs: 100_000, baseFeeWei: 1n, targetWei: target, deadline: 100 })).toBe('expired');
  });
});

describe('countdown', () => {
  it('shows m:ss under an hour and h:mm:ss from an hour on, never negative', () => {
    expect(countdown(245_000)).toBe('4:05');
    expect(countdown(3_600_000 + 125_000)).toBe('1:02:05');
    expect(countdown(-5)).toBe('0:00');
  });
});

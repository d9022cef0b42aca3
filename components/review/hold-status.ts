/**
 * The state of a "hold until the base fee is ≤ target" in the review panel, as a pure function of the
 * clock and the newest fee, so the panel's timers only feed it. The deadline wins: past it the hold
 * stops even if the fee has just reached the target (the user is asked again, nothing is sent by itself).
 */
export type HoldStatus = 'holding' | 'reached' | 'expired';

export function holdStatus(input: { nowMs: number; baseFeeWei?: bigint; targetWei: bigint; deadline?: number }): HoldStatus {
  if (input.deadline !== undefined && input.nowMs >= input.deadline * 1000) return 'expired';
  if (input.baseFeeWei !== undefined && input.baseFeeWei <= input.targetWei) return 'reached';
  return 'holding';
}

/** A countdown: "4:05" under an hour, "2:04:05" from an hour on. */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

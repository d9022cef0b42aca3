/**
 * "Tell me when the base fee is ≤ X": one notification per crossing. An alert fires when the next-block
 * base fee reaches the threshold, then stays quiet until the fee has risen 5 % above it again.
 */
export interface GasAlert {
  chainId: number;
  /** Threshold in wei, decimal string (JSON-safe). */
  maxBaseFeeWei: string;
  /** Ready to fire on the next crossing. */
  armed: boolean;
  lastFiredAt?: number;
}

export const REARM_FACTOR_PERCENT = 105n;

export class InvalidAlertError extends Error {
  override name = 'InvalidAlertError';
}

export function newAlert(chainId: number, maxBaseFeeGwei: number): GasAlert {
  if (!Number.isFinite(maxBaseFeeGwei) || maxBaseFeeGwei <= 0 || maxBaseFeeGwei > 100_000) throw new InvalidAlertError('Enter a base fee between 0 and 100,000 gwei.');
  return { chainId, maxBaseFeeWei: BigInt(Math.round(maxBaseFeeGwei * 1e9)).toString(), armed: true };
}

/** The alert after seeing `baseFee`, and whether to notify now. */
export function evaluateAlert(alert: GasAlert, baseFee: bigint, now: number): { notify: boolean; alert: GasAlert } {
  const threshold = BigInt(alert.maxBaseFeeWei);
  if (alert.armed && baseFee <= threshold) return { notify: true, alert: { ...alert, armed: false, lastFiredAt: now } };
  if (!alert.armed && baseFee * 100n > threshold * REARM_FACTOR_PERCENT) return { notify: false, alert: { ...alert, armed: true } };
  return { notify: false, alert };
}

/** What other wallets would set as max fee, for side-by-side comparison in the backtest. */
import type { BlockFee } from './types';

/** Median of bigints (lower middle for even counts). */
function medianOf(values: bigint[]): bigint {
  const s = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return s[Math.floor((s.length - 1) / 2)] ?? 0n;
}

/** Multiply by a decimal factor given in hundredths, rounding down like the wallets' BigNumber math. */
function times(fee: bigint, hundredths: bigint): bigint {
  return (fee * hundredths) / 100n;
}

/**
 * MetaMask's eth_feeHistory fallback (5 blocks; tips = median of reward p10/p20/p30; max fee =
 * pending base × 1.10/1.20/1.25 + tip) and viem's default (latest base × 1.2 + tip).
 * `recent`: the last 5 blocks (oldest first); `rewards` per block [p10, p20, p30] if known.
 */
export function peerMaxFees(recent: readonly BlockFee[], pendingBaseFee: bigint, rewards?: ReadonlyArray<readonly [bigint, bigint, bigint]>): Record<string, bigint> {
  const tip = (i: 0 | 1 | 2): bigint => (rewards && rewards.length > 0 ? medianOf(rewards.map((r) => r[i])) : 0n);
  const latest = recent[recent.length - 1]?.baseFeePerGas ?? pendingBaseFee;
  return {
    'MetaMask low (×1.10)': times(pendingBaseFee, 110n) + tip(0),
    'MetaMask medium (×1.20)': times(pendingBaseFee, 120n) + tip(1),
    'MetaMask high (×1.25)': times(pendingBaseFee, 125n) + tip(2),
    'viem default (×1.2)': times(latest, 120n) + tip(1),
  };
}

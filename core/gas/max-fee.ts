/** Max fee per gas that stays valid while the base fee rises for k full blocks. */
import { GasInputError } from './errors';

/** ceil(baseFee · (9/8)^k) + tip: the tx stays includable for k consecutive full blocks. */
export function maxFeeForFullBlocks(baseFee: bigint, fullBlocks: number, priorityFee: bigint): bigint {
  if (baseFee < 0n || priorityFee < 0n) throw new GasInputError('fees must be non-negative');
  if (!Number.isInteger(fullBlocks) || fullBlocks < 0 || fullBlocks > 64) throw new GasInputError(`full blocks ${fullBlocks} must be a whole number 0..64`);
  const num = 9n ** BigInt(fullBlocks);
  const den = 8n ** BigInt(fullBlocks);
  return (baseFee * num + den - 1n) / den + priorityFee;
}

/** Default headroom: 3 full blocks (+42 %), the tx survives any 3-block surge and most 10-block ones. */
export const DEFAULT_FULL_BLOCKS = 3;

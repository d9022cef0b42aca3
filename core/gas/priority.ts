/** Priority-fee levels by inclusion confidence, from the minimum tip included per recent block. */
import { gasChain } from './chains';
import { GasInputError } from './errors';

export interface PriorityLevel {
  /** Share of recent blocks whose minimum included tip is at or below `priorityFee` (0..1). */
  confidence: number;
  priorityFee: bigint;
  /** True when the chain floor raised the level above what history alone suggests. */
  floored: boolean;
}

export const DEFAULT_CONFIDENCES = [0.7, 0.9, 0.99] as const;

/**
 * `minTips`: one value per recent block (min included tip, or the lowest reward percentile of
 * eth_feeHistory as its proxy). Levels are nearest-rank quantiles, raised to the chain floor.
 */
export function priorityLevels(minTips: readonly bigint[], chainId: number, confidences: readonly number[] = DEFAULT_CONFIDENCES): PriorityLevel[] {
  if (minTips.length === 0) throw new GasInputError('no recent blocks to derive priority fees from');
  for (const c of confidences) if (!(c > 0 && c <= 1)) throw new GasInputError(`confidence ${c} must be in (0, 1]`);
  for (const t of minTips) if (t < 0n) throw new GasInputError(`negative tip ${t}`);
  const sorted = [...minTips].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const chain = gasChain(chainId);
  const floor = chain.recommendedMinPriorityFeeWei > chain.minPriorityFeeWei ? chain.recommendedMinPriorityFeeWei : chain.minPriorityFeeWei;
  return confidences.map((confidence) => {
    const rank = Math.min(sorted.length, Math.max(1, Math.ceil(confidence * sorted.length)));
    const level = sorted[rank - 1]!;
    return { confidence, priorityFee: level < floor ? floor : level, floored: level < floor };
  });
}

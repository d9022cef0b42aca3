/** Plain data shared by the gas modules. Wei amounts are bigint, times are unix seconds. */

/** One block's fee facts. Optional fields are present when the source carries them. */
export interface BlockFee {
  number: number;
  timestamp: number;
  baseFeePerGas: bigint;
  gasUsed?: bigint;
  gasLimit?: bigint;
  /** Lowest / average / highest priority fee included in the block, wei. */
  minPriorityFee?: bigint;
  avgPriorityFee?: bigint;
  maxPriorityFee?: bigint;
}

/** One hour's average gas price (the long hourly series). */
export interface HourlyFee {
  /** Start of the hour, unix seconds (UTC). */
  timestamp: number;
  gasPrice: bigint;
}

/** A regular series of positive fees, oldest first, one point every `stepSeconds`. */
export interface FeeSeries {
  stepSeconds: number;
  /** Timestamp of point 0 (unix seconds). */
  startTime: number;
  /** Natural log of the fee in wei, one per step. */
  logFee: Float64Array;
}

/** Largest fee we accept as real: 10 million gwei. Anything above is corrupt data. */
export const ABSURD_FEE_WEI = 10_000_000n * 1_000_000_000n;

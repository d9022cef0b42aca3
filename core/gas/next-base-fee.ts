/**
 * Exact next-block fees, integer math as in geth (consensus/misc/eip1559, eip4844).
 * All values are bigint wei / gas.
 */
import { GasInputError } from './errors';

export interface ParentHeader {
  baseFeePerGas: bigint;
  gasUsed: bigint;
  gasLimit: bigint;
}

export interface Eip1559Params {
  /** Default 2 (Ethereum). */
  elasticityMultiplier?: bigint;
  /** Default 8 (Ethereum). */
  baseFeeChangeDenominator?: bigint;
}

/** Base fee of the first EIP-1559 block (London fork block). */
export const INITIAL_BASE_FEE = 1_000_000_000n;

function check(cond: boolean, message: string): void {
  if (!cond) throw new GasInputError(message);
}

/**
 * Base fee of the child of `parent`. The gas target is the *parent's* gas limit divided by the
 * elasticity, so a gas-limit change takes effect one block later, exactly as in geth.
 */
export function nextBaseFee(parent: ParentHeader, params: Eip1559Params = {}): bigint {
  const elasticity = params.elasticityMultiplier ?? 2n;
  const denominator = params.baseFeeChangeDenominator ?? 8n;
  check(elasticity > 0n && denominator > 0n, 'EIP-1559 parameters must be positive');
  check(parent.baseFeePerGas >= 0n, `negative base fee ${parent.baseFeePerGas}`);
  check(parent.gasLimit > 0n, `gas limit must be positive, got ${parent.gasLimit}`);
  check(parent.gasUsed >= 0n && parent.gasUsed <= parent.gasLimit, `gas used ${parent.gasUsed} outside 0..gas limit ${parent.gasLimit}`);
  const target = parent.gasLimit / elasticity;
  check(target > 0n, 'gas target is zero');
  if (parent.gasUsed === target) return parent.baseFeePerGas;
  if (parent.gasUsed > target) {
    const delta = (parent.baseFeePerGas * (parent.gasUsed - target)) / target / denominator;
    return parent.baseFeePerGas + (delta > 1n ? delta : 1n);
  }
  const delta = (parent.baseFeePerGas * (target - parent.gasUsed)) / target / denominator;
  const next = parent.baseFeePerGas - delta;
  return next > 0n ? next : 0n;
}

/** Highest base fee reachable after `blocks` consecutive full blocks (upper bound, rounding up). */
export function baseFeeAfterFullBlocks(baseFee: bigint, blocks: number, params: Eip1559Params = {}): bigint {
  check(Number.isInteger(blocks) && blocks >= 0 && blocks <= 10_000, `block count ${blocks} out of range`);
  const elasticity = params.elasticityMultiplier ?? 2n;
  const denominator = params.baseFeeChangeDenominator ?? 8n;
  let fee = baseFee;
  for (let i = 0; i < blocks; i++) {
    const limit = elasticity * 1_000_000n;
    fee = nextBaseFee({ baseFeePerGas: fee, gasUsed: limit, gasLimit: limit }, { elasticityMultiplier: elasticity, baseFeeChangeDenominator: denominator });
  }
  return fee;
}

/** geth's `validateGasLimit`: the limit may move by less than parent/1024 per block, and not below 5000. */
export function isValidGasLimitChange(parentGasLimit: bigint, gasLimit: bigint): boolean {
  const diff = gasLimit > parentGasLimit ? gasLimit - parentGasLimit : parentGasLimit - gasLimit;
  return diff < parentGasLimit / 1024n && gasLimit >= 5000n;
}

// ---------------------------------------------------------------- blobs (EIP-4844 / 7691 / 7918)

export const GAS_PER_BLOB = 131_072n;

export interface BlobParams {
  targetBlobsPerBlock: bigint;
  maxBlobsPerBlock: bigint;
  baseFeeUpdateFraction: bigint;
  /** EIP-7918 (Osaka): execution-gas floor per blob; undefined before Osaka. */
  blobBaseCost?: bigint;
}

export const BLOB_PARAMS = {
  cancun: { targetBlobsPerBlock: 3n, maxBlobsPerBlock: 6n, baseFeeUpdateFraction: 3_338_477n },
  prague: { targetBlobsPerBlock: 6n, maxBlobsPerBlock: 9n, baseFeeUpdateFraction: 5_007_716n },
  osaka: { targetBlobsPerBlock: 6n, maxBlobsPerBlock: 9n, baseFeeUpdateFraction: 5_007_716n, blobBaseCost: 8192n },
  bpo1: { targetBlobsPerBlock: 10n, maxBlobsPerBlock: 15n, baseFeeUpdateFraction: 8_346_193n, blobBaseCost: 8192n },
  bpo2: { targetBlobsPerBlock: 14n, maxBlobsPerBlock: 21n, baseFeeUpdateFraction: 11_684_671n, blobBaseCost: 8192n },
} as const satisfies Record<string, BlobParams>;

/** EIP-4844 `fake_exponential`: integer approximation of factor · e^(numerator/denominator). */
export function fakeExponential(factor: bigint, numerator: bigint, denominator: bigint): bigint {
  check(denominator > 0n && factor >= 0n && numerator >= 0n, 'fake_exponential needs non-negative inputs');
  let i = 1n;
  let output = 0n;
  let accum = factor * denominator;
  while (accum > 0n) {
    output += accum;
    accum = (accum * numerator) / (denominator * i);
    i += 1n;
  }
  return output / denominator;
}

/** Blob base fee (wei per blob gas) of a block with `excessBlobGas`. */
export function blobBaseFee(excessBlobGas: bigint, params: Pick<BlobParams, 'baseFeeUpdateFraction'>): bigint {
  check(excessBlobGas >= 0n, `negative excess blob gas ${excessBlobGas}`);
  return fakeExponential(1n, excessBlobGas, params.baseFeeUpdateFraction);
}

export interface BlobParentHeader {
  excessBlobGas: bigint;
  blobGasUsed: bigint;
  /** Needed for EIP-7918 (Osaka and later). */
  baseFeePerGas?: bigint;
}

/** Excess blob gas of the child block (EIP-4844, with the EIP-7918 reserve price when `blobBaseCost` is set). */
export function nextExcessBlobGas(parent: BlobParentHeader, params: BlobParams): bigint {
  check(parent.excessBlobGas >= 0n && parent.blobGasUsed >= 0n, 'blob gas values must be non-negative');
  const target = params.targetBlobsPerBlock * GAS_PER_BLOB;
  if (parent.excessBlobGas + parent.blobGasUsed < target) return 0n;
  if (params.blobBaseCost !== undefined) {
    check(parent.baseFeePerGas !== undefined, 'EIP-7918 needs the parent base fee');
    const reserve = params.blobBaseCost * (parent.baseFeePerGas ?? 0n);
    if (reserve > GAS_PER_BLOB * blobBaseFee(parent.excessBlobGas, params)) {
      const scaled = (parent.blobGasUsed * (params.maxBlobsPerBlock - params.targetBlobsPerBlock)) / params.maxBlobsPerBlock;
      return parent.excessBlobGas + scaled;
    }
  }
  return parent.excessBlobGas + parent.blobGasUsed - target;
}

/** Blob base fee of the next block. */
export function nextBlobBaseFee(parent: BlobParentHeader, params: BlobParams): bigint {
  return blobBaseFee(nextExcessBlobGas(parent, params), params);
}

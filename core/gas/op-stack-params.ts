/**
 * OP-stack fee parameters carried in the block header's `extraData` (specs: protocol/holocene/exec-engine.md,
 * protocol/jovian/exec-engine.md). Since Holocene the parent header's extraData decides the child's base fee:
 *
 *   version 0 (Holocene): 0x00 ‖ denominator u32 BE ‖ elasticity u32 BE                  (9 bytes)
 *   version 1 (Jovian):   0x01 ‖ denominator u32 BE ‖ elasticity u32 BE ‖ minBaseFee u64 BE (17 bytes)
 *
 * and from Jovian the gas counted is max(gasUsed, blobGasUsed) (blobGasUsed holds the block's DA footprint),
 * and the result is clamped up to minBaseFee. Before Holocene extraData is empty and the chain's constants apply.
 */
import { nextBaseFee, type Eip1559Params, type ParentHeader } from './next-base-fee';

export interface OpStackHeaderParams {
  version: 0 | 1;
  denominator: bigint;
  elasticity: bigint;
  /** Jovian only (version 1): the floor of the next base fee, wei. */
  minBaseFee?: bigint;
}

/** A header whose extraData no OP-stack node would produce. */
export class OpStackExtraDataError extends Error {
  override name = 'OpStackExtraDataError' as const;
}

const u = (hex: string, from: number, to: number): bigint => BigInt(`0x${hex.slice(from * 2, to * 2)}`);

/**
 * The parameters in an OP-stack header's extraData; undefined when it carries none (empty: before Holocene).
 * Throws OpStackExtraDataError for a shape the specs do not allow (a header no honest node serves).
 */
export function decodeOpStackExtraData(extraData: string | undefined): OpStackHeaderParams | undefined {
  if (extraData === undefined) return undefined;
  if (!/^0x([0-9a-fA-F]{2})*$/.test(extraData)) throw new OpStackExtraDataError(`extraData ${extraData.slice(0, 20)}… is not hex bytes`);
  const hex = extraData.slice(2);
  if (hex.length === 0) return undefined;
  const version = Number.parseInt(hex.slice(0, 2), 16);
  const length = hex.length / 2;
  if (version === 0 && length === 9) return checked({ version: 0, denominator: u(hex, 1, 5), elasticity: u(hex, 5, 9) });
  if (version === 1 && length === 17) return checked({ version: 1, denominator: u(hex, 1, 5), elasticity: u(hex, 5, 9), minBaseFee: u(hex, 9, 17) });
  throw new OpStackExtraDataError(`extraData version ${version} with ${length} bytes is not an OP-stack fee encoding`);
}

function checked(p: OpStackHeaderParams): OpStackHeaderParams {
  if (p.denominator === 0n || p.elasticity === 0n) throw new OpStackExtraDataError('extraData carries a zero EIP-1559 denominator or elasticity');
  return p;
}

export interface OpStackParentHeader extends ParentHeader {
  extraData?: string;
  /** Since Jovian: the block's DA footprint (scaled to gas). */
  blobGasUsed?: bigint;
}

/**
 * Base fee of the child of an OP-stack `parent`: the header's own parameters when it carries them (Holocene,
 * Jovian), else `constants` (the chain's pre-Holocene values).
 */
export function opStackNextBaseFee(parent: OpStackParentHeader, constants: Eip1559Params): bigint {
  const p = decodeOpStackExtraData(parent.extraData);
  if (!p) return nextBaseFee(parent, constants);
  const metered = p.version === 1 && parent.blobGasUsed !== undefined && parent.blobGasUsed > parent.gasUsed ? parent.blobGasUsed : parent.gasUsed;
  const next = nextBaseFee({ baseFeePerGas: parent.baseFeePerGas, gasUsed: metered, gasLimit: parent.gasLimit }, { elasticityMultiplier: p.elasticity, baseFeeChangeDenominator: p.denominator });
  return p.minBaseFee !== undefined && next < p.minBaseFee ? p.minBaseFee : next;
}

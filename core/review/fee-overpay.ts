import type { TxFields } from './request';

/** Below this the overpayment is dust (0.0005 ETH, about a dollar), when no price is known. */
export const DUST_WEI = 500_000_000_000_000n;
/** Below this many US dollars the overpayment is dust, when the ETH price is known. */
export const DUST_USD = 1;
/** Above dust, an overpayment counts only when it is at least this share of what the transaction needs. */
export const MATERIAL_SHARE = 0.2;

export interface Overpay {
  /** What the user pays per gas with the dApp's fields: min(maxFee, base + tip), or the legacy gas price. */
  paysPerGas: bigint;
  /** The next block's base fee plus the recommended priority fee. */
  neededPerGas: bigint;
  /** (paysPerGas − neededPerGas) × gas: what the dApp's fees cost on top of what is needed. */
  overWei: bigint;
  /** The same in US dollars, when the ETH price is known. */
  overUsd?: number;
  /** Too small to matter; `material` is false then. */
  dust: boolean;
  /** Worth a warning: not dust, and at least MATERIAL_SHARE of the needed fee. */
  material: boolean;
}

/**
 * The expected overpayment of the fee fields a dApp set, judged the EIP-1559 way: the user pays
 * min(maxFeePerGas, baseFee + maxPriorityFeePerGas) per gas, so a high cap with a normal tip costs nothing
 * extra; a high tip, a max fee without a tip (MetaMask then tips the whole cap) or a high legacy gas price does.
 * Undefined when the dApp set no fee (MetaMask picks its own) or pays no more than needed.
 */
export function expectedOverpay(tx: Pick<TxFields, 'maxFeePerGas' | 'maxPriorityFeePerGas' | 'gasPrice'>, baseFee: bigint, recommendedTip: bigint, gas: bigint, ethUsd?: number): Overpay | undefined {
  const tip = tx.maxPriorityFeePerGas;
  const paysPerGas =
    tx.gasPrice !== undefined ? tx.gasPrice : tx.maxFeePerGas !== undefined ? min(tx.maxFeePerGas, baseFee + (tip ?? tx.maxFeePerGas)) : tip !== undefined ? baseFee + tip : undefined;
  if (paysPerGas === undefined) return undefined;
  const neededPerGas = baseFee + recommendedTip;
  if (paysPerGas <= neededPerGas) return undefined;
  const overWei = (paysPerGas - neededPerGas) * gas;
  const overUsd = ethUsd !== undefined && ethUsd > 0 ? (Number(overWei) / 1e18) * ethUsd : undefined;
  const dust = overUsd !== undefined ? overUsd < DUST_USD : overWei < DUST_WEI;
  const material = !dust && Number(overWei) >= MATERIAL_SHARE * Number(neededPerGas * gas);
  return { paysPerGas, neededPerGas, overWei, overUsd, dust, material };
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

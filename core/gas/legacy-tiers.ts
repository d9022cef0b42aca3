/**
 * Gas price tiers for chains without EIP-1559 (no base fee in the header): from the cheapest gas price each recent
 * block included (stored by the fee history's legacy sync), the price that would have been included in 70 / 90 /
 * 99 % of those blocks.
 */
import type { FeeSamples } from './history';
import { quantity } from './history-rpc';
import { priorityLevels, type PriorityLevel } from './priority';

export interface LegacyTiers {
  /** The recent blocks the tiers come from (newest last) and the cheapest gas price each included, wei. */
  blocks: number[];
  minGasPrices: bigint[];
  /** Gas price by inclusion confidence (the chain's minimum tip raises them, as for tips). */
  levels: PriorityLevel[];
}

/** Cheapest non-zero gas price a block included (zero-priced system transactions do not count); undefined for none. */
export function cheapestGasPrice(rawBlock: unknown): bigint | undefined {
  const txs = (rawBlock as { transactions?: unknown }).transactions;
  if (!Array.isArray(txs)) return undefined;
  let min: bigint | undefined;
  for (const tx of txs) {
    if (typeof tx !== 'object' || tx === null) continue;
    const price = (tx as { gasPrice?: unknown }).gasPrice;
    if (price === undefined) continue;
    const p = quantity(price, 'transaction gas price');
    if (p > 0n && (min === undefined || p < min)) min = p;
  }
  return min;
}

/** Tiers from the newest `count` stored blocks of a legacy chain's history. */
export function legacyTiersFromSamples(samples: Pick<FeeSamples, 'blocks' | 'baseFee'>, chainId: number, count = 200): LegacyTiers {
  const from = Math.max(0, samples.blocks.length - count);
  const blocks = samples.blocks.slice(from);
  const minGasPrices = samples.baseFee.slice(from).map((v) => BigInt(Math.round(v)));
  return { blocks, minGasPrices, levels: priorityLevels(minGasPrices, chainId) };
}

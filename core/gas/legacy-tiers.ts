/**
 * Gas price tiers for chains without EIP-1559 (no base fee in the header): from the cheapest gas price each
 * recent block included, the price that would have been included in 70 / 90 / 99 % of those blocks.
 */
import { getBlock, parseHead, quantity, type RpcRequest } from './history-rpc';
import { priorityLevels, type PriorityLevel } from './priority';

export interface LegacyTiers {
  /** Blocks read (newest last) and the cheapest non-zero gas price each included; blocks with no priced transaction are skipped. */
  blocks: number[];
  minGasPrices: bigint[];
  /** Gas price by inclusion confidence (the chain's minimum tip raises them, as for tips). */
  levels: PriorityLevel[];
  /** The node's own eth_gasPrice, for comparison. */
  nodeGasPrice: bigint;
}

/** Cheapest non-zero gas price a block included (zero-priced system transactions, e.g. BSC's, do not count). */
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

/** Reads the newest `count` blocks (with transactions) ending at `head` and derives the tiers. */
export async function legacyGasPriceTiers(request: RpcRequest, chainId: number, head: number, count = 20): Promise<LegacyTiers> {
  const first = Math.max(0, head - count + 1);
  const numbers = Array.from({ length: head - first + 1 }, (_, i) => first + i);
  const [raws, nodePrice] = await Promise.all([Promise.all(numbers.map((n) => getBlock(request, n, true))), request('eth_gasPrice', [])]);
  const blocks: number[] = [];
  const minGasPrices: bigint[] = [];
  raws.forEach((raw, i) => {
    parseHead(raw, `block ${numbers[i]}`);
    const min = cheapestGasPrice(raw);
    if (min !== undefined) {
      blocks.push(numbers[i]!);
      minGasPrices.push(min);
    }
  });
  const nodeGasPrice = quantity(nodePrice, 'gas price');
  // No priced transaction in the window (an idle chain): the node's gas price is the only evidence.
  const levels = priorityLevels(minGasPrices.length > 0 ? minGasPrices : [nodeGasPrice], chainId);
  return { blocks, minGasPrices, levels, nodeGasPrice };
}

import type { Address } from 'viem';

export type ItemStandard = 'native' | 'erc20' | 'erc721' | 'erc1155';

export interface OrderItem {
  standard: ItemStandard;
  /** Contract; undefined for the native currency. */
  token?: Address;
  amount: bigint;
  /** Token id; undefined for fungibles; 'any' for criteria-based (collection-wide) items. */
  tokenId?: string;
}

export interface ParsedOrder {
  /** Seaport, Blur, LooksRare, 0x, UniswapX, CoW Swap, 1inch */
  marketplace: string;
  offerer?: Address;
  /** What the signer gives up when the order fills. */
  give: OrderItem[];
  /** What the signer receives. */
  get: OrderItem[];
  /** What goes to anyone else (fees, royalties — or the thief). */
  others: OrderItem[];
  /** Number of orders the signature covers (Seaport bulk orders, Blur roots). */
  orders: number;
  /**
   * Seaport BulkOrder: every non-empty order of the tree, each judged on its own (the fields above add them all up);
   * `leafCount` is the number of leaves in the tree, padding included, reviewed or not.
   */
  leaves?: ParsedOrder[];
  leafCount?: number;
  /** This order's position among the leaves of a BulkOrder tree (0-based). */
  leafIndex?: number;
  /** A signature over a hash of orders the wallet cannot show (Blur bulk "Root"). */
  blind?: boolean;
  endTime?: bigint;
  /**
   * Only this address can fill the order: a private deal. A full address (0x taker, 1inch v3 allowedSender), or
   * "…" and the last 10 bytes (1inch v4 keeps only those in makerTraits).
   */
  taker?: string;
  /** Who receives what the signer gets, when the order names someone other than the signer. */
  receiver?: Address;
}

export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';
/** The placeholder 0x, CoW and 1inch use for the native currency. */
export const NATIVE_PLACEHOLDER = '0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee';

/** A fungible amount: the native currency for the zero address or the 0xeeee… placeholder, else an ERC-20. */
export function currency(token: Address | undefined, amount: bigint): OrderItem {
  return !token || token === ZERO_ADDRESS || token === NATIVE_PLACEHOLDER ? { standard: 'native', amount } : { standard: 'erc20', token, amount };
}

/** Below a millionth of a unit counts as nothing (1e12 wei for ETH, 1 base unit for USDC). */
export function isDust(item: OrderItem, decimals: number): boolean {
  return item.amount < 10n ** BigInt(Math.max(0, decimals - 6));
}

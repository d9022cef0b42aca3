import type { Address } from 'viem';
import type { TypedDataPayload } from '../request';
import { parseLimitOrder } from './limit-orders';
import { parseNftMarketplaceOrder } from './marketplace';
import type { ParsedOrder } from './order-types';
import { parseZeroExNftOrder } from './zeroex-order';

/** Any off-chain order Preflight can read: Seaport, Blur, LooksRare, 0x v4 NFT orders, UniswapX, CoW, 1inch. */
export function parseOrder(data: TypedDataPayload, signer?: Address): ParsedOrder | undefined {
  return parseNftMarketplaceOrder(data) ?? parseZeroExNftOrder(data) ?? parseLimitOrder(data, signer);
}

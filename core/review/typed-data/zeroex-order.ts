import type { TypedDataPayload } from '../request';
import { currency, ZERO_ADDRESS, type OrderItem, type ParsedOrder } from './order-types';
import { asAddress, asBigInt, asList, asRecord } from './values';

/** 0x Exchange Proxy, where 0x v4 NFT orders settle (mainnet and most chains). */
export const ZEROEX_EXCHANGE_PROXY = '0xdef1c0ded9bec7f1a1670819833240f027b25eff';

/**
 * 0x v4 `ERC721Order` / `ERC1155Order` (ZeroEx domain). direction 0 = SELL (the maker lists the NFT for
 * erc20TokenAmount; fees are paid by the buyer on top), 1 = BUY (the maker pays erc20TokenAmount plus fees for the
 * NFT, or for any NFT matching its properties). A non-zero `taker` means only that address can fill it.
 */
export function parseZeroExNftOrder(data: TypedDataPayload): ParsedOrder | undefined {
  const kind = data.primaryType === 'ERC721Order' ? 'erc721' : data.primaryType === 'ERC1155Order' ? 'erc1155' : undefined;
  if (!kind || (data.domain.name !== 'ZeroEx' && data.domain.verifyingContract !== ZEROEX_EXCHANGE_PROXY)) return undefined;
  const m = data.message;
  const maker = asAddress(m.maker);
  const taker = asAddress(m.taker);
  const props = asList(kind === 'erc721' ? m.erc721TokenProperties : m.erc1155TokenProperties);
  const nft: OrderItem = {
    standard: kind,
    token: asAddress(kind === 'erc721' ? m.erc721Token : m.erc1155Token),
    amount: kind === 'erc1155' ? (asBigInt(m.erc1155TokenAmount) ?? 1n) : 1n,
    tokenId: props.length > 0 ? 'any' : (asBigInt(kind === 'erc721' ? m.erc721TokenId : m.erc1155TokenId) ?? 0n).toString(),
  };
  const token = asAddress(m.erc20Token);
  const price = asBigInt(m.erc20TokenAmount) ?? 0n;
  const fees = asList(m.fees).map((f) => asBigInt(asRecord(f)?.amount) ?? 0n);
  const feeTotal = fees.reduce((s, f) => s + f, 0n);
  const order: ParsedOrder = {
    marketplace: '0x',
    offerer: maker,
    give: [],
    get: [],
    others: [],
    orders: 1,
    endTime: asBigInt(m.expiry),
    ...(taker && taker !== ZERO_ADDRESS && taker !== maker ? { taker } : {}),
  };
  if (asBigInt(m.direction) === 0n) {
    order.give.push(nft);
    order.get.push(currency(token, price));
  } else {
    order.give.push(currency(token, price + feeTotal));
    order.get.push(nft);
    if (feeTotal > 0n) order.others.push(currency(token, feeTotal));
  }
  return order;
}

import type { Address } from 'viem';
import type { TypedDataPayload } from '../request';
import { currency, ZERO_ADDRESS, type ItemStandard, type OrderItem, type ParsedOrder } from './order-types';
import { asAddress, asBigInt, asBool, asList, asRecord } from './values';

const SEAPORT_TYPES: ItemStandard[] = ['native', 'erc20', 'erc721', 'erc1155', 'erc721', 'erc1155'];

function seaportItem(raw: unknown, pick: 'max' | 'min'): (OrderItem & { recipient?: Address }) | undefined {
  const r = asRecord(raw);
  const type = Number(asBigInt(r?.itemType) ?? -1n);
  const standard = SEAPORT_TYPES[type];
  if (!r || !standard) return undefined;
  const start = asBigInt(r.startAmount) ?? 0n;
  const end = asBigInt(r.endAmount) ?? start;
  const amount = pick === 'max' ? (start > end ? start : end) : start < end ? start : end;
  const id = asBigInt(r.identifierOrCriteria);
  const tokenId = standard === 'native' || standard === 'erc20' ? undefined : type >= 4 ? 'any' : (id ?? 0n).toString();
  return { standard, token: standard === 'native' ? undefined : asAddress(r.token), amount, tokenId, recipient: asAddress(r.recipient) };
}

/** Leaves read from a BulkOrder tree at most: a tree of height 12 (4,096 leaves) is already more than 2 MB of JSON. */
export const MAX_BULK_LEAVES = 4_096;
const MAX_TREE_HEIGHT = 24;

/**
 * Seaport OrderComponents, and the leaves of a BulkOrder tree (`tree: OrderComponents[2][2]…`, height 1–24; drainers
 * batch many listings into one signature). Every leaf, in tree order; `leafCount` counts them all, reviewed or not.
 */
function seaportLeaves(data: TypedDataPayload): { leaves: Record<string, unknown>[]; leafCount: number } {
  if (data.primaryType === 'OrderComponents') return { leaves: [data.message], leafCount: 1 };
  const leaves: Record<string, unknown>[] = [];
  let leafCount = 0;
  const walk = (node: unknown, depth: number) => {
    if (Array.isArray(node)) {
      if (depth < MAX_TREE_HEIGHT) node.forEach((n) => walk(n, depth + 1));
      return;
    }
    const r = asRecord(node);
    if (!r) return;
    leafCount++;
    if (leaves.length < MAX_BULK_LEAVES) leaves.push(r);
  };
  walk(data.message.tree, 0);
  return { leaves, leafCount };
}

/** One Seaport order: what its offerer gives (offer, at most) and gets (consideration to the offerer, at least). */
function seaportOrder(o: Record<string, unknown>, index?: number): ParsedOrder {
  const offerer = asAddress(o.offerer);
  const order: ParsedOrder = { marketplace: 'Seaport', offerer, give: [], get: [], others: [], orders: 1, endTime: asBigInt(o.endTime), ...(index !== undefined ? { leafIndex: index } : {}) };
  for (const raw of asList(o.offer)) {
    const item = seaportItem(raw, 'max');
    if (item) order.give.push({ standard: item.standard, token: item.token, amount: item.amount, tokenId: item.tokenId });
  }
  for (const raw of asList(o.consideration)) {
    const item = seaportItem(raw, 'min');
    if (!item) continue;
    const { recipient, ...rest } = item;
    (recipient && recipient === offerer ? order.get : order.others).push(rest);
  }
  return order;
}

/** Seaport padding: bulk trees are filled up to 2^height with empty orders (no offerer, nothing offered or asked). */
const isPadding = (o: ParsedOrder) => o.give.length === 0 && o.get.length === 0 && o.others.length === 0 && (!o.offerer || o.offerer === ZERO_ADDRESS);

function seaport(data: TypedDataPayload): ParsedOrder {
  const { leaves, leafCount } = seaportLeaves(data);
  const bulk = data.primaryType === 'BulkOrder';
  const orders = leaves.map((o, i) => seaportOrder(o, bulk ? i : undefined)).filter((o) => !isPadding(o));
  // The whole signature at a glance: everything given and got across the orders; each order is judged on its own.
  const order: ParsedOrder = { marketplace: 'Seaport', give: [], get: [], others: [], orders: orders.length };
  for (const o of orders) {
    order.offerer ??= o.offerer;
    order.give.push(...o.give);
    order.get.push(...o.get);
    order.others.push(...o.others);
    if (o.endTime !== undefined && (order.endTime === undefined || o.endTime > order.endTime)) order.endTime = o.endTime;
  }
  if (bulk) {
    order.leaves = orders;
    order.leafCount = leafCount;
  }
  return order;
}

/**
 * Blur Exchange Order: side 1 = sell (list), 0 = buy (bid); fees are rates in basis points. A v1 bulk `Root`, and a
 * Blur v2 `Order` (BlurV2TypeHashes: trader, collection, listingsRoot, numberOfListings, …: its listings, token ids and
 * prices are only the leaves of `listingsRoot`), sign a Merkle root of orders the wallet cannot show.
 */
function blur(data: TypedDataPayload): ParsedOrder {
  const m = data.message;
  if (data.primaryType === 'Root') return { marketplace: 'Blur', give: [], get: [], others: [], orders: 0, blind: true };
  if (data.types.Order?.some((f) => f.name === 'listingsRoot')) {
    const listings = asBigInt(m.numberOfListings);
    return { marketplace: 'Blur', offerer: asAddress(m.trader), give: [], get: [], others: [], orders: listings !== undefined && listings < 1_000_000n ? Number(listings) : 0, blind: true, endTime: asBigInt(m.expirationTime) };
  }
  const price = asBigInt(m.price) ?? 0n;
  const feeBps = asList(m.fees).reduce<bigint>((sum, f) => sum + (asBigInt(asRecord(f)?.rate) ?? 0n), 0n);
  const fee = (price * (feeBps > 10_000n ? 10_000n : feeBps)) / 10_000n;
  const nft: OrderItem = { standard: 'erc721', token: asAddress(m.collection), amount: asBigInt(m.amount) ?? 1n, tokenId: (asBigInt(m.tokenId) ?? 0n).toString() };
  const pay = asAddress(m.paymentToken);
  const sell = asBigInt(m.side) === 1n;
  return sell
    ? { marketplace: 'Blur', offerer: asAddress(m.trader), give: [nft], get: [currency(pay, price - fee)], others: fee > 0n ? [currency(pay, fee)] : [], orders: 1, endTime: asBigInt(m.expirationTime) }
    : { marketplace: 'Blur', offerer: asAddress(m.trader), give: [currency(pay, price)], get: [nft], others: [], orders: 1, endTime: asBigInt(m.expirationTime) };
}

/** LooksRare v2 Maker (quoteType 1 = ask) and v1 MakerOrder (isOrderAsk). */
function looksRare(data: TypedDataPayload): ParsedOrder {
  const m = data.message;
  const v2 = data.primaryType === 'Maker';
  const ask = v2 ? asBigInt(m.quoteType) === 1n : asBool(m.isOrderAsk) === true;
  const standard: ItemStandard = v2 && asBigInt(m.collectionType) === 1n ? 'erc1155' : 'erc721';
  const collection = asAddress(m.collection);
  const ids = v2 ? asList(m.itemIds) : [m.tokenId];
  const amounts = v2 ? asList(m.amounts) : [m.amount];
  const nfts: OrderItem[] = ids.map((id, i) => ({ standard, token: collection, amount: asBigInt(amounts[i]) ?? 1n, tokenId: (asBigInt(id) ?? 0n).toString() }));
  const pay = currency(asAddress(v2 ? m.currency : m.currency), asBigInt(m.price) ?? 0n);
  const offerer = asAddress(v2 ? m.signer : m.signer);
  return ask
    ? { marketplace: 'LooksRare', offerer, give: nfts, get: [pay], others: [], orders: 1, endTime: asBigInt(m.endTime) }
    : { marketplace: 'LooksRare', offerer, give: [pay], get: nfts, others: [], orders: 1, endTime: asBigInt(m.endTime) };
}

/** Recognises Seaport, Blur and LooksRare orders by domain name and type structure. */
export function parseNftMarketplaceOrder(data: TypedDataPayload): ParsedOrder | undefined {
  const name = data.domain.name ?? '';
  if ((data.primaryType === 'OrderComponents' || data.primaryType === 'BulkOrder') && (name === 'Seaport' || data.types.OrderComponents)) return seaport(data);
  if (name === 'Blur Exchange' && (data.primaryType === 'Order' || data.primaryType === 'Root')) return blur(data);
  if ((name === 'LooksRareProtocol' && data.primaryType === 'Maker') || (name === 'LooksRareExchange' && data.primaryType === 'MakerOrder')) return looksRare(data);
  return undefined;
}

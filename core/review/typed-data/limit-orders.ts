import type { Address } from 'viem';
import type { TypedDataPayload } from '../request';
import { currency, ZERO_ADDRESS, type OrderItem, type ParsedOrder } from './order-types';
import { asAddress, asBigInt, asList, asRecord } from './values';

const COW_SETTLEMENT = '0x9008d19f58aabd9ed0d60971565aa8510560ab41';
/** UniswapX order structs that ride as the witness of a Permit2 PermitWitnessTransferFrom. */
const UNISWAPX_WITNESSES = new Set(['DutchOrder', 'ExclusiveDutchOrder', 'V2DutchOrder', 'V3DutchOrder', 'LimitOrder', 'PriorityOrder']);

const other = (who: Address | undefined, me: Address | undefined): Address | undefined => (who && who !== ZERO_ADDRESS && who !== me ? who : undefined);
const lower = (a: bigint | undefined, b: bigint | undefined): bigint => (a === undefined ? (b ?? 0n) : b === undefined || a < b ? a : b);

/**
 * UniswapX: the signer gives the Permit2 `permitted` tokens (at most), gets the outputs addressed to them (at
 * least: the lower of start and end amounts); outputs to anyone else are fees, or where the value goes.
 */
function uniswapX(data: TypedDataPayload): ParsedOrder | undefined {
  const witnessType = data.types[data.primaryType]?.find((f) => f.name === 'witness')?.type;
  if (data.primaryType !== 'PermitWitnessTransferFrom' || !witnessType || !UNISWAPX_WITNESSES.has(witnessType)) return undefined;
  const m = data.message;
  const w = asRecord(m.witness);
  const swapper = asAddress(asRecord(w?.info)?.swapper);
  const permitted = asRecord(m.permitted);
  const inputMax = asBigInt(asRecord(w?.input)?.endAmount) ?? asBigInt(w?.baseInputEndAmount) ?? asBigInt(permitted?.amount) ?? 0n;
  const order: ParsedOrder = { marketplace: 'UniswapX', offerer: swapper, give: [currency(asAddress(permitted?.token), inputMax)], get: [], others: [], orders: 1, endTime: asBigInt(m.deadline) };
  const outputs = asList(w?.outputs ?? w?.baseOutputs);
  const elsewhere: Address[] = [];
  for (const raw of outputs) {
    const o = asRecord(raw);
    const item = currency(asAddress(o?.token), lower(asBigInt(o?.startAmount), asBigInt(o?.endAmount)));
    const to = asAddress(o?.recipient);
    if (to && swapper && to === swapper) order.get.push(item);
    else {
      order.others.push(item);
      if (to) elsewhere.push(to);
    }
  }
  // Nothing comes back to the signer: the output goes to whoever the order names.
  if (order.get.length === 0 && elsewhere[0]) {
    order.receiver = elsewhere[0];
    order.get = order.others;
    order.others = [];
  }
  return order;
}

/** CoW Protocol (Gnosis Protocol v2) Order: sell sellAmount + feeAmount of sellToken for at least buyAmount of buyToken, paid to receiver (0x0 = the owner). */
function cow(data: TypedDataPayload, signer: Address | undefined): ParsedOrder | undefined {
  if (data.primaryType !== 'Order' || (data.domain.name !== 'Gnosis Protocol' && data.domain.verifyingContract !== COW_SETTLEMENT)) return undefined;
  const m = data.message;
  const give: OrderItem = currency(asAddress(m.sellToken), (asBigInt(m.sellAmount) ?? 0n) + (asBigInt(m.feeAmount) ?? 0n));
  const get: OrderItem = currency(asAddress(m.buyToken), asBigInt(m.buyAmount) ?? 0n);
  const receiver = other(asAddress(m.receiver), signer);
  return { marketplace: 'CoW Swap', offerer: signer, give: [give], get: [get], others: [], orders: 1, endTime: asBigInt(m.validTo), ...(receiver ? { receiver } : {}) };
}

/**
 * 1inch limit orders: v4 (Aggregation Router v6: maker, receiver, makerAsset, takerAsset, makingAmount,
 * takingAmount, makerTraits whose low 80 bits name the only allowed taker) and v3 (router v5: allowedSender).
 */
function oneInch(data: TypedDataPayload): ParsedOrder | undefined {
  if (data.primaryType !== 'Order' || !/^1inch (Aggregation Router|Limit Order Protocol)$/.test(data.domain.name ?? '')) return undefined;
  const m = data.message;
  const maker = asAddress(m.maker);
  const receiver = other(asAddress(m.receiver), maker);
  const traits = asBigInt(m.makerTraits);
  const allowedLow = traits !== undefined ? traits & ((1n << 80n) - 1n) : undefined;
  const allowed = asAddress(m.allowedSender);
  const taker = other(allowed, maker) ?? (allowedLow ? `…${allowedLow.toString(16).padStart(20, '0')}` : undefined);
  return {
    marketplace: '1inch',
    offerer: maker,
    give: [currency(asAddress(m.makerAsset), asBigInt(m.makingAmount) ?? 0n)],
    get: [currency(asAddress(m.takerAsset), asBigInt(m.takingAmount) ?? 0n)],
    others: [],
    orders: 1,
    ...(receiver ? { receiver } : {}),
    ...(taker ? { taker } : {}),
  };
}

/** Token limit orders signed off-chain: UniswapX, CoW Protocol, 1inch. */
export function parseLimitOrder(data: TypedDataPayload, signer: Address | undefined): ParsedOrder | undefined {
  return uniswapX(data) ?? cow(data, signer) ?? oneInch(data);
}

/**
 * USD prices of the tokens in an inventory, read on chain where a public feed exists:
 * - Ethereum mainnet: Chainlink's Feed Registry (0x47Fb…eeeDf), `latestRoundData(token, USD)` for any token Chainlink
 *   lists (WETH read as ETH, WBTC as BTC: 1:1 wrappers priced as what they wrap, said so in the README); a feed
 *   older than 26 h (the longest heartbeat, 24 h, plus margin) or answering ≤ 0 gives no price.
 * - The devnet (31337): no public feed exists there. Its own Uniswap V2 pools are read (the pools the Withdraw tab
 *   plans over) against its USDC, counted as $1, through WETH when a token has no USDC pool. Only on the devnet: a
 *   pool price can be moved by anyone in one block, so it is never used where users hold real money.
 * - Anywhere else: no price; rows show "no price" and value at risk stays empty.
 * Pure: reads go through the batched reader.
 */
import { parseAbi, type Address, type PublicClient } from 'viem';
import { batchRead, type ContractRead, type MulticallMode } from './reads';
import type { TokenFacts, TokenPrice } from './types';

export const FEED_REGISTRY: Address = '0x47fb2585d2c56fe188d0e6ec628a38b74fceeedf';
/** Chainlink's Denominations library: USD (ISO 4217 840), ETH, BTC. */
export const DENOMINATION = { USD: '0x0000000000000000000000000000000000000348', ETH: '0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee', BTC: '0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' } as const;
/** Wrappers priced as what they wrap (mainnet). */
const WRAPS: Readonly<Record<string, Address>> = {
  '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2': DENOMINATION.ETH, // WETH
  '0x2260fac5e5542a773aa44fbcfedf7c193bc2c599': DENOMINATION.BTC, // WBTC
};
export const FEED_MAX_AGE_SECONDS = 26 * 3_600;

const REGISTRY_ABI = parseAbi([
  'function latestRoundData(address base, address quote) view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)',
  'function decimals(address base, address quote) view returns (uint8)',
]);
const V2_ABI = parseAbi([
  'function getPair(address tokenA, address tokenB) view returns (address pair)',
  'function getReserves() view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast)',
  'function token0() view returns (address)',
]);

export interface PricedToken {
  address: Address;
  decimals: number;
  symbol?: string;
}

export type PriceReader = (tokens: readonly PricedToken[], now: number) => Promise<Record<string, TokenPrice>>;

/** Mainnet: Chainlink's Feed Registry, one batch for every token. */
export function chainlinkPrices(client: PublicClient, mode: MulticallMode): PriceReader {
  return async (tokens, now) => {
    const calls: ContractRead[] = tokens.flatMap((t) => {
      const base = WRAPS[t.address.toLowerCase()] ?? t.address;
      return [
        { address: FEED_REGISTRY, abi: REGISTRY_ABI, functionName: 'latestRoundData', args: [base, DENOMINATION.USD] },
        { address: FEED_REGISTRY, abi: REGISTRY_ABI, functionName: 'decimals', args: [base, DENOMINATION.USD] },
      ];
    });
    const r = await batchRead(client, mode, calls);
    const out: Record<string, TokenPrice> = {};
    tokens.forEach((t, i) => {
      const round = r[2 * i];
      const dec = r[2 * i + 1];
      if (!round?.ok || !dec?.ok) return; // the registry has no USD feed for it ("Feed not found")
      const [, answer, , updatedAt] = round.value as readonly [bigint, bigint, bigint, bigint, bigint];
      const price = feedPrice(answer, Number(dec.value), Number(updatedAt), now);
      if (price !== undefined) out[t.address.toLowerCase()] = { usd: price, source: 'chainlink', at: Number(updatedAt) };
    });
    return out;
  };
}

/** A feed's answer as USD, or undefined when it is not positive, too old or dated in the future. */
export function feedPrice(answer: bigint, decimals: number, updatedAt: number, now: number, maxAge = FEED_MAX_AGE_SECONDS): number | undefined {
  if (answer <= 0n || !(decimals >= 0 && decimals <= 36)) return undefined;
  if (now - updatedAt > maxAge || updatedAt - now > 300) return undefined;
  return Number(answer) / 10 ** decimals;
}

export interface PoolVenue {
  v2Factory: Address;
  /** The USD stablecoin, counted as $1. */
  usd: PricedToken;
  /** WETH: tokens without a USD pool are priced through it. */
  wrappedNative: Address;
}

/** The V2 mid price of `token` in `quote` from reserves (both in whole tokens). */
export function midPrice(reserveToken: bigint, reserveQuote: bigint, tokenDecimals: number, quoteDecimals: number): number | undefined {
  if (reserveToken <= 0n || reserveQuote <= 0n) return undefined;
  return (Number(reserveQuote) / 10 ** quoteDecimals) / (Number(reserveToken) / 10 ** tokenDecimals);
}

/** Devnet: the chain's own Uniswap V2 pools against its USD stablecoin (directly, or through WETH). */
export function poolPrices(client: PublicClient, mode: MulticallMode, venue: PoolVenue): PriceReader {
  const usd = venue.usd.address.toLowerCase();
  const weth = venue.wrappedNative.toLowerCase() as Address;
  return async (tokens, now) => {
    const want = [...new Map([...tokens, { address: weth, decimals: 18 }].map((t) => [t.address.toLowerCase(), t])).values()].filter((t) => t.address.toLowerCase() !== usd);
    const pairOf = async (pairs: [string, string][]) => {
      const r = await batchRead(client, mode, pairs.map(([a, b]) => ({ address: venue.v2Factory, abi: V2_ABI, functionName: 'getPair', args: [a, b] })));
      return r.map((x) => (x.ok && typeof x.value === 'string' && !/^0x0{40}$/i.test(x.value) ? (x.value as Address) : undefined));
    };
    const reservesOf = async (pairs: (Address | undefined)[]) => {
      const calls: ContractRead[] = pairs.flatMap((p) => (p ? [{ address: p, abi: V2_ABI, functionName: 'getReserves' }, { address: p, abi: V2_ABI, functionName: 'token0' }] : []));
      const r = await batchRead(client, mode, calls);
      let k = 0;
      return pairs.map((p) => {
        if (!p) return undefined;
        const res = r[k++];
        const t0 = r[k++];
        if (!res?.ok || !t0?.ok) return undefined;
        const [r0, r1] = res.value as readonly [bigint, bigint, number];
        return { token0: String(t0.value).toLowerCase(), r0, r1 };
      });
    };
    const inQuote = (reserves: { token0: string; r0: bigint; r1: bigint } | undefined, token: string, tokenDecimals: number, quoteDecimals: number) => {
      if (!reserves) return undefined;
      const [rt, rq] = reserves.token0 === token ? [reserves.r0, reserves.r1] : [reserves.r1, reserves.r0];
      return midPrice(rt, rq, tokenDecimals, quoteDecimals);
    };
    const direct = await reservesOf(await pairOf(want.map((t) => [t.address, usd])));
    const usdPrices = new Map<string, number>();
    want.forEach((t, i) => {
      const p = inQuote(direct[i], t.address.toLowerCase(), t.decimals, venue.usd.decimals);
      if (p !== undefined) usdPrices.set(t.address.toLowerCase(), p);
    });
    const wethUsd = usdPrices.get(weth);
    const viaWeth = want.filter((t) => !usdPrices.has(t.address.toLowerCase()) && t.address.toLowerCase() !== weth);
    if (wethUsd !== undefined && viaWeth.length > 0) {
      const r = await reservesOf(await pairOf(viaWeth.map((t) => [t.address, weth])));
      viaWeth.forEach((t, i) => {
        const inWeth = inQuote(r[i], t.address.toLowerCase(), t.decimals, 18);
        if (inWeth !== undefined) usdPrices.set(t.address.toLowerCase(), inWeth * wethUsd);
      });
    }
    const out: Record<string, TokenPrice> = {};
    for (const t of tokens) {
      const key = t.address.toLowerCase();
      const p = key === usd ? 1 : usdPrices.get(key);
      if (p !== undefined && Number.isFinite(p) && p > 0) out[key] = { usd: p, source: 'pool', at: now };
    }
    return out;
  };
}

/** The fungible tokens of an inventory worth pricing (decimals known). */
export function pricedTokens(tokens: Readonly<Record<string, TokenFacts>>): PricedToken[] {
  return Object.entries(tokens).flatMap(([address, f]) => (f.standard === 'erc20' && f.decimals !== undefined ? [{ address: address as Address, decimals: f.decimals }] : []));
}

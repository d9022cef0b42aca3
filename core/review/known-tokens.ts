import type { Address } from 'viem';
import { readToken, type TokenInfo } from '../chain/token';
import type { ReviewContext } from './analyzer';

/** Mainnet tokens whose symbol and decimals are fixed, so reviews read well without chain access. Lowercase keys. */
export const KNOWN_TOKENS: Readonly<Record<string, { symbol: string; decimals: number }>> = {
  '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2': { symbol: 'WETH', decimals: 18 },
  '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48': { symbol: 'USDC', decimals: 6 },
  '0xdac17f958d2ee523a2206206994597c13d831ec7': { symbol: 'USDT', decimals: 6 },
  '0x6b175474e89094c44da98b954eedeac495271d0f': { symbol: 'DAI', decimals: 18 },
  '0x2260fac5e5542a773aa44fbcfedf7c193bc2c599': { symbol: 'WBTC', decimals: 8 },
  '0x1f9840a85d5af5bf1d1762f925bdaddc4201f984': { symbol: 'UNI', decimals: 18 },
  '0x514910771af9ca656af840dff83e8264ecf986ca': { symbol: 'LINK', decimals: 18 },
  '0x7fc66500c84a76ad7e9c93437bfc5ac33e2ddae9': { symbol: 'AAVE', decimals: 18 },
  '0x95ad61b0a150d79219dcf64e1e6cc01f0b64c4ce': { symbol: 'SHIB', decimals: 18 },
  '0xae7ab96520de3a18e5e111b5eaab095312d7fe84': { symbol: 'stETH', decimals: 18 },
  '0x7f39c581f595b53c5cb19bd0b3f8da6c935e2ca0': { symbol: 'wstETH', decimals: 18 },
  '0x6982508145454ce325ddbe47a25d4ec3d2311933': { symbol: 'PEPE', decimals: 18 },
  '0x9f8f72aa9304c8b593d555f12ef6589cc3a579a2': { symbol: 'MKR', decimals: 18 },
  '0x5a98fcbea516cf06857215779fd812ca3bef1b32': { symbol: 'LDO', decimals: 18 },
  '0x4d224452801aced8b2f0aebe155379bb5d594381': { symbol: 'APE', decimals: 18 },
};

/** NFT collections that show up in marketplace fixtures and real orders. */
export const KNOWN_COLLECTIONS: Readonly<Record<string, string>> = {
  '0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d': 'BAYC',
  '0x60e4d786628fea6478f785a6d7e704777c86a7c6': 'MAYC',
  '0xed5af388653567af2f388e6224dc7c4b3241c544': 'Azuki',
  '0x8a90cab2b38dba80c64b7734e58ee1db38b8992e': 'Doodles',
  '0x23581767a106ae21c074b2276d25e5c3e136a68b': 'Moonbirds',
  '0xb47e3cd837ddf8e4c57f05d70ab865de6e193bbb': 'CryptoPunks',
  '0x49cf6f5d44e70224e2e23fdcdd2c053f30ada28b': 'CloneX',
  '0x76be3b62873462d2142405439777e971754e8e77': 'Parallel',
};

/** Symbol and decimals: the cached reader or the chain when available, else the well-known list. */
export async function tokenMeta(ctx: Pick<ReviewContext, 'token' | 'client'>, address: Address): Promise<{ symbol: string; decimals: number; known: boolean }> {
  const key = address.toLowerCase();
  const fixed = KNOWN_TOKENS[key];
  if (fixed) return { ...fixed, known: true };
  let info: TokenInfo | undefined;
  try {
    info = ctx.token ? await ctx.token(address) : ctx.client ? await readToken(ctx.client, address) : undefined;
  } catch {
    info = undefined;
  }
  const collection = KNOWN_COLLECTIONS[key];
  if (collection) return { symbol: collection, decimals: 0, known: true };
  if (info) return { symbol: info.symbol, decimals: info.decimals, known: info.decimalsKnown };
  return { symbol: `${address.slice(0, 6)}…${address.slice(-4)}`, decimals: 18, known: false };
}

export function isKnownToken(address: string | undefined): boolean {
  return !!address && (KNOWN_TOKENS[address.toLowerCase()] !== undefined || KNOWN_COLLECTIONS[address.toLowerCase()] !== undefined);
}

/**
 * Per-chain token lists and Uniswap contracts the Withdraw tab plans over (chain config, no network).
 * Mainnet addresses are Uniswap's and the token issuers' published deployments. The devnet (chain 31337,
 * scripts/devnet) deploys deterministically from a fixed mnemonic and nonce order, so its addresses are
 * listed too; tests/integration/devnet-venues.test.ts fails if a devnet deploy puts them elsewhere.
 */
import type { Address } from 'viem';
import type { VenueKind } from './execute';

export interface VenueToken {
  symbol: string;
  address: Address;
  decimals: number;
  /** A stablecoin the proceeds can be sold into. */
  stable?: boolean;
}

export interface ChainVenues {
  chainId: number;
  /** The planner's chain name (bridges and gas are keyed by it). */
  chain: string;
  /** WETH: the native coin is sold through its wrapped pools. */
  wrappedNative: Address;
  tokens: readonly VenueToken[];
  v2?: { factory: Address; router: Address };
  v3?: { factory: Address; router: Address; routerKind: VenueKind; fees: readonly number[] };
  /** 'permanent' where nobody arbitrages the pools back between slices (the devnet): slices are priced one after another. */
  impact?: 'temporary' | 'permanent';
}

const MAINNET: ChainVenues = {
  chainId: 1,
  chain: 'ethereum',
  wrappedNative: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
  tokens: [
    { symbol: 'WETH', address: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2', decimals: 18 },
    { symbol: 'USDC', address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', decimals: 6, stable: true },
    { symbol: 'USDT', address: '0xdAC17F958D2ee523a2206206994597C13D831ec7', decimals: 6, stable: true },
    { symbol: 'DAI', address: '0x6B175474E89094C44Da98b954EedeAC495271d0F', decimals: 18, stable: true },
    { symbol: 'WBTC', address: '0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599', decimals: 8 },
  ],
  v2: { factory: '0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f', router: '0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D' },
  v3: { factory: '0x1F98431c8aD98523631AE4a59f267346ea31F984', router: '0xE592427A0AEce92De3Edee1F18E0157C05861564', routerKind: 'v3-swap-router', fees: [500, 3000, 10000] },
};

/** scripts/devnet: account 9 deploys Uniswap (V2, V3, routers) then the devnet tokens, in this order. */
export const DEVNET_VENUES: ChainVenues = {
  chainId: 31337,
  chain: 'ethereum', // the devnet stands in for L1: same bridges and routes
  impact: 'permanent',
  wrappedNative: '0x700b6a60ce7eaaea56f065753d8dcb9653dbad35',
  tokens: [
    { symbol: 'WETH', address: '0x700b6a60ce7eaaea56f065753d8dcb9653dbad35', decimals: 18 },
    { symbol: 'USDC', address: '0x196dbcbb54b8ec4958c959d8949ebfe87ac2aaaf', decimals: 6, stable: true },
    { symbol: 'VOL', address: '0x82c6d3ed4cd33d8ec1e51d0b5cc1d822eaa0c3dc', decimals: 18 },
  ],
  v2: { factory: '0xa15bb66138824a1c7167f5e85b957d04dd34e468', router: '0xb19b36b1456e65e3a6d514d3f715f204bd59f431' },
  v3: { factory: '0x8ce361602b935680e8dec218b820ff5056beb7af', router: '0xe1aa25618fa0c7a1cfdab5d6b456af611873b629', routerKind: 'v3-swap-router', fees: [3000, 10000] },
};

export const CHAIN_VENUES: readonly ChainVenues[] = [MAINNET, DEVNET_VENUES];

export function venuesOf(chainId: number): ChainVenues | undefined {
  return CHAIN_VENUES.find((v) => v.chainId === chainId);
}

/** The chain's tokens plus the user's own (deduplicated by address, the chain's entry first). */
export function tokenList(chainId: number, userTokens: readonly VenueToken[] = []): VenueToken[] {
  const out: VenueToken[] = [...(venuesOf(chainId)?.tokens ?? [])];
  for (const t of userTokens) if (!out.some((x) => x.address.toLowerCase() === t.address.toLowerCase())) out.push(t);
  return out;
}

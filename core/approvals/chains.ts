/**
 * Per-chain facts the inventory needs: where prices come from (prices.ts), which tokens and collections the fallback
 * tries and which tokens are priced even without a row. From tables Preflight already keeps (the Withdraw tab's
 * token lists and pools, the review's well-known tokens, collections and contract labels).
 */
import type { Address, PublicClient } from 'viem';
import { KNOWN_COLLECTIONS, KNOWN_TOKENS } from '../review/known-tokens';
import { venuesOf } from '../withdraw/venues';
import { chainlinkPrices, poolPrices, type PricedToken, type PriceReader } from './prices';
import type { MulticallMode } from './reads';

/** The devnet (anvil, scripts/devnet): its own pools stand in for a price feed. */
export const DEVNET_CHAIN_ID = 31337;

export type PriceSourceKind = 'chainlink' | 'pool' | 'none';

export function priceSourceOf(chainId: number): PriceSourceKind {
  return chainId === 1 ? 'chainlink' : chainId === DEVNET_CHAIN_ID && venuesOf(chainId)?.v2 ? 'pool' : 'none';
}

/** The chain's price reader, or undefined where no public on-chain feed exists. */
export function priceReaderFor(chainId: number, client: PublicClient, mode: MulticallMode): PriceReader | undefined {
  switch (priceSourceOf(chainId)) {
    case 'chainlink':
      return chainlinkPrices(client, mode);
    case 'pool': {
      const v = venuesOf(chainId)!;
      const usd = v.tokens.find((t) => t.stable);
      if (!v.v2 || !usd) return undefined;
      return poolPrices(client, mode, { v2Factory: v.v2.factory, usd: { address: usd.address, decimals: usd.decimals }, wrappedNative: v.wrappedNative });
    }
    case 'none':
      return undefined;
  }
}

/** Fungible tokens Preflight knows on this chain (priced even without a row; tried by the fallback). */
export function knownTokensOf(chainId: number): PricedToken[] {
  const out = new Map<string, PricedToken>();
  for (const t of venuesOf(chainId)?.tokens ?? []) out.set(t.address.toLowerCase(), { address: t.address.toLowerCase() as Address, decimals: t.decimals, symbol: t.symbol });
  if (chainId === 1) for (const [a, t] of Object.entries(KNOWN_TOKENS)) out.set(a, { address: a as Address, decimals: t.decimals, symbol: t.symbol });
  return [...out.values()];
}

/** NFT collections Preflight knows on this chain. */
export function knownCollectionsOf(chainId: number): Address[] {
  return chainId === 1 ? (Object.keys(KNOWN_COLLECTIONS) as Address[]) : [];
}

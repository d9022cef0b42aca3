import { erc20Abi, hexToString, type Address, type PublicClient } from 'viem';

export interface TokenInfo {
  address: Address;
  symbol: string;
  decimals: number;
  /** false when decimals() did not answer: an NFT contract or not a token at all. */
  decimalsKnown: boolean;
  name?: string;
  /** false when the address has no code (an EOA or not deployed yet). */
  isContract: boolean;
}

const symbolBytes32Abi = [
  { type: 'function', name: 'symbol', stateMutability: 'view', inputs: [], outputs: [{ type: 'bytes32' }] },
] as const;

/** Reads symbol/decimals of a token, tolerating bytes32 symbols (MKR) and non-tokens. */
export async function readToken(client: PublicClient, address: Address): Promise<TokenInfo> {
  const [code, symbol, decimals] = await Promise.all([
    client.getCode({ address }).catch(() => undefined),
    client.readContract({ address, abi: erc20Abi, functionName: 'symbol' }).catch(async () => {
      const raw = await client.readContract({ address, abi: symbolBytes32Abi, functionName: 'symbol' }).catch(() => undefined);
      return raw ? hexToString(raw).replace(/\0+$/, '') : undefined;
    }),
    client.readContract({ address, abi: erc20Abi, functionName: 'decimals' }).catch(() => undefined),
  ]);
  return {
    address,
    symbol: sanitizeSymbol(symbol) ?? shortAddress(address),
    decimals: typeof decimals === 'number' && decimals <= 255 ? decimals : 18,
    decimalsKnown: typeof decimals === 'number' && decimals <= 255,
    isContract: !!code && code !== '0x',
  };
}

/** A symbol from chain is untrusted text: keep it short and printable. */
export function sanitizeSymbol(symbol: string | undefined): string | undefined {
  if (!symbol) return undefined;
  const clean = symbol.replace(/[^\p{L}\p{N}._\-$+]/gu, '').slice(0, 16);
  return clean || undefined;
}

export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/** Caches token reads per chain for the lifetime of the cache object. */
export function createTokenCache(client: PublicClient): (address: Address) => Promise<TokenInfo> {
  const cache = new Map<string, Promise<TokenInfo>>();
  return (address) => {
    const key = address.toLowerCase();
    let hit = cache.get(key);
    if (!hit) {
      hit = readToken(client, address);
      cache.set(key, hit);
      hit.catch(() => cache.delete(key));
    }
    return hit;
  };
}

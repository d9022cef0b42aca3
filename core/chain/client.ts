import { createPublicClient, fallback, http, type PublicClient, type Transport } from 'viem';
import { knownChain } from './chains';

export interface ClientOptions {
  chainId: number;
  /** The user's RPC for this chain, tried first. */
  userRpc?: string;
  /** Set false to use only the user's RPC (e.g. a private node). */
  usePublicFallbacks?: boolean;
  /** Replaces the chain's built-in public fallbacks (tests, or a user list). */
  fallbackRpcs?: readonly string[];
  timeoutMs?: number;
  retryCount?: number;
  /** Injected for tests and for the extension (which may wrap fetch). */
  transportFactory?: (url: string) => Transport;
}

export class NoRpcError extends Error {
  override name = 'NoRpcError';
  constructor(chainId: number) {
    super(`No RPC is configured for chain ${chainId}. Add one in Settings.`);
  }
}

/** The RPC URLs tried for a chain, in order: the user's first, then public fallbacks. */
export function rpcUrlsFor(opts: Pick<ClientOptions, 'chainId' | 'userRpc' | 'usePublicFallbacks' | 'fallbackRpcs'>): string[] {
  const urls: string[] = [];
  if (opts.userRpc) urls.push(opts.userRpc);
  if (opts.usePublicFallbacks !== false) {
    for (const url of opts.fallbackRpcs ?? knownChain(opts.chainId)?.publicRpcs ?? []) if (!urls.includes(url)) urls.push(url);
  }
  return urls;
}

/** A viem public client with the user's RPC first, public fallbacks, timeouts, retries and request batching. */
export function createChainClient(opts: ClientOptions): PublicClient {
  const urls = rpcUrlsFor(opts);
  if (urls.length === 0) throw new NoRpcError(opts.chainId);
  const timeout = opts.timeoutMs ?? 4_000;
  const retryCount = opts.retryCount ?? 1;
  const make = opts.transportFactory ?? ((url: string) => http(url, { timeout, retryCount, retryDelay: 150, batch: { wait: 0 } }));
  const transport = urls.length === 1 ? make(urls[0]!) : fallback(urls.map(make), { retryCount: 0 });
  return createPublicClient({ transport, batch: { multicall: false } }) as PublicClient;
}

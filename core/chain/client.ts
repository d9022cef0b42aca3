import { createPublicClient, custom, fallback, type PublicClient, type Transport } from 'viem';
import { rpcSources, type RpcSource } from './rpc-sources';
import { batchingHttp } from './batching-http';

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
  /** The wallet's reads (MetaMask's RPC for this chain), tried after the user's RPC and before public ones. */
  wallet?: (method: string, params: unknown) => Promise<unknown>;
  /** Called with the source that answered each request (which source checked what: said in the panel). */
  onAnswer?: (source: RpcSource, method: string) => void;
}

export class NoRpcError extends Error {
  override name = 'NoRpcError';
  constructor(chainId: number) {
    super(`No RPC is configured for chain ${chainId}. Add one in Settings.`);
  }
}

/** The RPC URLs tried for a chain, in order: the user's first, then public fallbacks (no wallet). */
export function rpcUrlsFor(opts: Pick<ClientOptions, 'chainId' | 'userRpc' | 'usePublicFallbacks' | 'fallbackRpcs'>): string[] {
  return rpcSources({ chainId: opts.chainId, userRpc: opts.userRpc, onlyMine: opts.usePublicFallbacks === false, publicRpcs: opts.fallbackRpcs }).flatMap((s) => (s.kind === 'wallet' ? [] : [s.url]));
}

/** A transport that reports which source answered. */
function tracked(inner: Transport, source: RpcSource, onAnswer: ClientOptions['onAnswer']): Transport {
  if (!onAnswer) return inner;
  return (config) => {
    const t = inner(config);
    return {
      ...t,
      request: (async (args: { method: string; params?: unknown }) => {
        const result: unknown = await t.request(args as never);
        onAnswer(source, args.method);
        return result;
      }) as typeof t.request,
    };
  };
}

/** A viem public client over the chain's sources in order (user RPC, wallet, public), with timeouts, retries and batching. */
export function createChainClient(opts: ClientOptions): PublicClient {
  const sources = rpcSources({ chainId: opts.chainId, userRpc: opts.userRpc, onlyMine: opts.usePublicFallbacks === false, wallet: opts.wallet !== undefined, publicRpcs: opts.fallbackRpcs });
  if (sources.length === 0) throw new NoRpcError(opts.chainId);
  const timeout = opts.timeoutMs ?? 4_000;
  const retryCount = opts.retryCount ?? 1;
  const make = opts.transportFactory ?? ((url: string) => batchingHttp(url, { timeout, retryCount, retryDelay: 150 }));
  const wallet = opts.wallet;
  const transports = sources.map((s) =>
    tracked(s.kind === 'wallet' && wallet ? custom({ request: ({ method, params }) => wallet(method, params) }, { retryCount: 0 }) : make((s as { url: string }).url), s, opts.onAnswer),
  );
  const transport = transports.length === 1 ? transports[0]! : fallback(transports, { retryCount: 0 });
  return createPublicClient({ transport, batch: { multicall: false } }) as PublicClient;
}

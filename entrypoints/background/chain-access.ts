import type { PublicClient } from 'viem';
import { createChainClient } from '@/core/chain/client';
import { createTokenCache } from '@/core/chain/token';
import type { Settings } from '@/core/settings/settings';
import type { RpcRequest } from '@/core/chain/account-scan';

/** Cache only: rebuilt freely after the worker restarts. */
const clients = new Map<string, { client: PublicClient; token: ReturnType<typeof createTokenCache> }>();
/** A client (and token cache) for a chain from the user's settings; undefined when no RPC is known. */
export function chainAccess(chainId: number, settings: Settings) {
  const userRpc = settings.rpcs[String(chainId)];
  const cacheKey = `${chainId}|${userRpc ?? ''}|${settings.privateRpc[String(chainId)] ? 'p' : ''}`;
  let hit = clients.get(cacheKey);
  if (!hit) {
    try {
      const client = createChainClient({ chainId, userRpc, usePublicFallbacks: !settings.privateRpc[String(chainId)] });
      hit = { client, token: createTokenCache(client) };
      clients.set(cacheKey, hit);
    } catch {
      return undefined; // no RPC for this chain: on-chain checks are skipped and said so
    }
  }
  return hit;
}

/** The chain's client as a plain JSON-RPC function (what core's chain readers take); undefined when no RPC is known. */
export function rpcOf(chainId: number, settings: Settings): RpcRequest | undefined {
  const client = chainAccess(chainId, settings)?.client;
  return client ? (method, params) => client.request({ method: method as never, params: params as never }) : undefined;
}

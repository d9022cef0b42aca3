import type { PublicClient } from 'viem';
import { createChainClient } from '@/core/chain/client';
import { createTokenCache } from '@/core/chain/token';
import type { Settings } from '@/core/settings/settings';
import type { RpcRequest } from '@/core/chain/account-scan';
import { rpcSources, type RpcSource } from '@/core/chain/rpc-sources';
import { walletFor } from './wallet-source';

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

/** Which source answered which chain's reads lately (cache only): the panel says what checked the request. */
const answers = new Map<number, { source: RpcSource; at: number }[]>();
const ANSWERS_KEPT = 200;

function noteAnswer(chainId: number, source: RpcSource): void {
  const list = answers.get(chainId) ?? [];
  list.push({ source, at: Date.now() });
  if (list.length > ANSWERS_KEPT) list.splice(0, list.length - ANSWERS_KEPT);
  answers.set(chainId, list);
}

/** The distinct sources that answered reads of `chainId` since `since` (ms), in the order they first did. */
export function answeredSince(chainId: number, since: number): RpcSource[] {
  const out: RpcSource[] = [];
  for (const a of answers.get(chainId) ?? []) {
    if (a.at < since) continue;
    if (!out.some((s) => s.kind === a.source.kind && ('url' in s ? s.url : '') === ('url' in a.source ? a.source.url : ''))) out.push(a.source);
  }
  return out;
}

interface Reader {
  client: PublicClient;
  token: ReturnType<typeof createTokenCache>;
  sources: RpcSource[];
}
/** A reader, or why there is none (`walletServes`: MetaMask serves this other chain to Preflight). */
export type ReadAccess = Reader | { none: true; walletServes?: number };

const readClients = new Map<string, Reader>();

/**
 * The chain's reader for reviews and the Gas tab, over every source in order: the user's RPC, MetaMask's RPC for
 * this chain (when MetaMask serves it to Preflight without asking the user), the registry's public RPC unless "only
 * my RPC". Undefined when there is none.
 */
export async function readAccess(chainId: number, settings: Settings): Promise<ReadAccess> {
  const userRpc = settings.rpcs[String(chainId)];
  const onlyMine = !!settings.privateRpc[String(chainId)];
  const status = await walletFor(chainId);
  const wallet = 'reads' in status ? status.reads : undefined;
  const sources = rpcSources({ chainId, userRpc, onlyMine, wallet: !!wallet });
  if (sources.length === 0) return { none: true, ...('servingChain' in status ? { walletServes: status.servingChain } : {}) };
  const cacheKey = `${chainId}|${userRpc ?? ''}|${onlyMine ? 'p' : ''}|${wallet ? 'w' : ''}`;
  let hit = readClients.get(cacheKey);
  if (!hit) {
    const client = createChainClient({ chainId, userRpc, usePublicFallbacks: !onlyMine, ...(wallet ? { wallet } : {}), onAnswer: (source) => noteAnswer(chainId, source) });
    hit = { client, token: createTokenCache(client), sources };
    readClients.set(cacheKey, hit);
  }
  return hit;
}

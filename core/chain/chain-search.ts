/** Which networks a list shows, in which order: the ones the user set up or used first, then what a search finds. */
import { parseChainId } from './chain-id';
import { registryChain, registryChains, type RegistryChain } from './registry';

export interface ChainRow {
  id: number;
  name: string;
  symbol: string;
  publicRpcs: readonly string[];
  /** In the registry (viem/chains); false for an id nobody knows (the user may still give it an RPC). */
  known: boolean;
}

const row = (id: number, c: RegistryChain | undefined): ChainRow =>
  c ? { id, name: c.name, symbol: c.currency.symbol, publicRpcs: c.publicRpcs, known: true } : { id, name: `Chain ${id}`, symbol: '?', publicRpcs: [], known: false };

export interface ChainListInput {
  /** What the user typed: part of a name, a currency symbol, or a chain id (decimal or 0x hex). */
  query: string;
  /** Chain id → when it was last used (ms): most recent first. */
  recent: Readonly<Record<string, number>>;
  /** Chains the user configured (an RPC or a flag): always listed. */
  configured: readonly number[];
  /** Always listed when nothing is searched (e.g. Ethereum, the chain on screen). */
  pinned?: readonly number[];
  /** Most rows a search returns (configured and recent ones come on top of it). */
  limit?: number;
}

/**
 * Without a query: configured and recently used chains (most recent first), then the pinned ones.
 * With one: those that match first, then the typed chain id itself (known or not: any id can get an RPC), then
 * registry chains whose name, symbol or id matches (mainnets first).
 */
export function chainList(input: ChainListInput): ChainRow[] {
  const recentOrder = Object.entries(input.recent)
    .map(([id, at]) => [Number(id), at] as const)
    .filter(([id]) => Number.isSafeInteger(id) && id > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([id]) => id);
  const own = [...new Set([...recentOrder, ...input.configured, ...(input.pinned ?? [])])];
  const q = input.query.trim().toLowerCase();
  if (!q) return own.map((id) => row(id, registryChain(id)));
  const typedId = parseChainId(q);
  const matches = (id: number, c: RegistryChain | undefined) =>
    (typedId !== undefined && (id === typedId || String(id).startsWith(q))) || (c !== undefined && (c.name.toLowerCase().includes(q) || c.currency.symbol.toLowerCase() === q));
  const out = own.filter((id) => matches(id, registryChain(id))).map((id) => row(id, registryChain(id)));
  const seen = new Set(out.map((r) => r.id));
  // The typed id itself comes first, known or not (an RPC field for any chain id).
  if (typedId !== undefined && !seen.has(typedId)) {
    out.push(row(typedId, registryChain(typedId)));
    seen.add(typedId);
  }
  const limit = input.limit ?? 30;
  let found = 0;
  for (const c of registryChains()) {
    if (found >= limit) break;
    if (seen.has(c.id) || !matches(c.id, c)) continue;
    out.push(row(c.id, c));
    seen.add(c.id);
    found++;
  }
  return out;
}

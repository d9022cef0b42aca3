/**
 * The chain registry: every chain `viem/chains` knows (names, native currencies, block explorers,
 * default public RPCs), read from the library rather than kept by hand. Preflight's own facts about a
 * chain (gas parameters, L2 kind, tips, price feeds) live in `facts.ts`, keyed by the same ids.
 *
 * This module is for the background and the popup only: the inpage and content scripts must not import it. In the
 * extension bundle `viem/chains` is replaced by the same chains as data (scripts/build/slim-viem-chains.ts).
 */
import * as viemChains from 'viem/chains';

export interface RegistryChain {
  id: number;
  name: string;
  currency: { name: string; symbol: string; decimals: number };
  /** The chain's default block explorer, when viem lists one. */
  explorer?: { name: string; url: string };
  /** Default public JSON-RPC endpoints (http(s) only), in viem's order. */
  publicRpcs: readonly string[];
  testnet: boolean;
  /**
   * An OP-stack chain: viem's op-stack config gives it the L2 predeploys (GasPriceOracle at 0x42…0F), which is
   * what Preflight needs to know to read its L1 data fee and its header-encoded EIP-1559 parameters.
   */
  opStack: boolean;
  /** Nominal block time, when viem states one. */
  blockTimeMs?: number;
}

interface ViemChainLike {
  id: number;
  name: string;
  nativeCurrency: { name: string; symbol: string; decimals: number };
  rpcUrls: { default: { http: readonly string[] } };
  blockExplorers?: { default?: { name: string; url: string } };
  testnet?: boolean;
  blockTime?: number;
  contracts?: Record<string, unknown>;
}

function isChain(value: unknown): value is ViemChainLike {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Partial<ViemChainLike>;
  return typeof c.id === 'number' && Number.isSafeInteger(c.id) && c.id > 0 && typeof c.name === 'string' && typeof c.nativeCurrency === 'object' && Array.isArray(c.rpcUrls?.default?.http);
}

const usableRpc = (url: string) => /^https:\/\//i.test(url) || /^http:\/\/(127\.0\.0\.1|localhost)(:|\/|$)/i.test(url);

function toEntry(c: ViemChainLike): RegistryChain {
  const explorer = c.blockExplorers?.default;
  return {
    id: c.id,
    name: c.name,
    currency: { name: c.nativeCurrency.name, symbol: c.nativeCurrency.symbol, decimals: c.nativeCurrency.decimals },
    ...(explorer ? { explorer: { name: explorer.name, url: explorer.url } } : {}),
    publicRpcs: c.rpcUrls.default.http.filter(usableRpc),
    testnet: c.testnet === true,
    opStack: c.contracts !== undefined && 'gasPriceOracle' in c.contracts,
    ...(typeof c.blockTime === 'number' && c.blockTime > 0 ? { blockTimeMs: c.blockTime } : {}),
  };
}

/**
 * A few ids appear more than once in viem (a renamed chain kept under its old name, or two networks that
 * claim the same id). One entry per id: a chain not marked as a testnet wins over a testnet, otherwise the
 * first in viem's export order.
 */
export function buildRegistry(exports: Record<string, unknown>): Map<number, RegistryChain> {
  const byId = new Map<number, RegistryChain>();
  for (const value of Object.values(exports)) {
    if (!isChain(value)) continue;
    const entry = toEntry(value);
    const seen = byId.get(entry.id);
    if (!seen || (seen.testnet && !entry.testnet)) byId.set(entry.id, entry);
  }
  return byId;
}

let registry: Map<number, RegistryChain> | undefined;
let sorted: readonly RegistryChain[] | undefined;

/** The registry entry for a chain id; undefined for a chain viem does not know. */
export function registryChain(id: number): RegistryChain | undefined {
  registry ??= buildRegistry(viemChains as Record<string, unknown>);
  return registry.get(id);
}

/** Every registry chain, mainnets first, then by name. */
export function registryChains(): readonly RegistryChain[] {
  registry ??= buildRegistry(viemChains as Record<string, unknown>);
  sorted ??= [...registry.values()].sort((a, b) => Number(a.testnet) - Number(b.testnet) || a.name.localeCompare(b.name, 'en'));
  return sorted;
}

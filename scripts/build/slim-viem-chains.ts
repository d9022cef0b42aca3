/**
 * The extension bundles `viem/chains` as data only. `core/chain/registry.ts` reads a handful of fields from every
 * chain viem exports; bundling the module itself would also pull in each chain family's formatters and serializers
 * (OP-stack, zkSync, Celo…), code Preflight never calls, into the service worker and the popup. So, at build time,
 * this Vite plugin loads the real `viem/chains` in Node and replaces the import, for that one importer, with a
 * module exporting the same chains reduced to those fields. Node (tests, CLI) keeps importing viem/chains itself;
 * `core/chain/registry.test.ts` checks both give the same registry.
 */
import type { Plugin } from 'vite';

const VIRTUAL = '\0preflight:viem-chains-slim';

interface AnyChain {
  id?: unknown;
  name?: unknown;
  nativeCurrency?: { name: string; symbol: string; decimals: number };
  rpcUrls?: { default?: { http?: readonly string[] } };
  blockExplorers?: { default?: { name: string; url: string } };
  testnet?: boolean;
  blockTime?: number;
  contracts?: Record<string, unknown>;
}

/** One chain reduced to what registry.ts reads (ViemChainLike there). */
export function slimChain(c: AnyChain): Record<string, unknown> {
  const explorer = c.blockExplorers?.default;
  return {
    id: c.id,
    name: c.name,
    nativeCurrency: c.nativeCurrency && { name: c.nativeCurrency.name, symbol: c.nativeCurrency.symbol, decimals: c.nativeCurrency.decimals },
    rpcUrls: { default: { http: [...(c.rpcUrls?.default?.http ?? [])] } },
    ...(explorer ? { blockExplorers: { default: { name: explorer.name, url: explorer.url } } } : {}),
    ...(c.testnet !== undefined ? { testnet: c.testnet } : {}),
    ...(typeof c.blockTime === 'number' ? { blockTime: c.blockTime } : {}),
    ...(c.contracts && 'gasPriceOracle' in c.contracts ? { contracts: { gasPriceOracle: true } } : {}),
  };
}

/** The slim chains by export name (what the module below exports). */
export function slimChains(all: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(all)) {
    if (typeof value !== 'object' || value === null || typeof (value as AnyChain).id !== 'number') continue;
    if (!/^[A-Za-z_$][\w$]*$/.test(key)) continue;
    out[key] = slimChain(value as AnyChain);
  }
  return out;
}

/**
 * Source of a module with the same named exports as viem/chains (chain objects only), as data: one `JSON.parse` of
 * a string (V8 scans a string literal much faster than it parses ~600 object literals, and the service worker
 * compiles its bundle at every start), then one export per chain.
 */
export function slimChainsSource(all: Record<string, unknown>): string {
  const chains = slimChains(all);
  const lines = [`const chains = JSON.parse(${JSON.stringify(JSON.stringify(chains))});`];
  for (const key of Object.keys(chains)) lines.push(`export const ${key} = chains.${key};`);
  return lines.join('\n');
}

export function slimViemChains(): Plugin {
  return {
    name: 'preflight-slim-viem-chains',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'viem/chains' && importer && /core[\\/]chain[\\/]registry\.ts$/.test(importer)) return VIRTUAL;
      return null;
    },
    async load(id) {
      if (id !== VIRTUAL) return null;
      const chains = (await import('viem/chains')) as Record<string, unknown>;
      return slimChainsSource(chains);
    },
  };
}

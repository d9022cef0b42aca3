/**
 * Whether an RPC URL a site offers for a chain is one the chain is known to use. The registry (viem) lists one
 * default public RPC per chain; honest sites often add another well-known one, so two small lists of Preflight's
 * own complete it: providers that serve many chains under their own domain (a rogue node cannot sit there), and a
 * chain's official public RPC where viem's default is a third party.
 */
import { registryChain } from './registry';

/** Multi-chain RPC providers (registrable domains). */
export const RPC_PROVIDER_DOMAINS: readonly string[] = [
  'infura.io',
  'alchemy.com',
  'publicnode.com',
  'drpc.org',
  'llamarpc.com',
  'ankr.com',
  'quiknode.pro',
  'blastapi.io',
  'thirdweb.com',
  'chainstack.com',
  'blockpi.network',
  'onfinality.io',
  '1rpc.io',
  'tenderly.co',
];

/** A chain's own public RPC hosts where viem's default is someone else's. */
export const OFFICIAL_RPC_HOSTS: Readonly<Record<number, readonly string[]>> = {
  137: ['polygon-rpc.com'],
  56: ['bsc-dataseed.binance.org', 'bsc-dataseed1.binance.org'],
  11155111: ['rpc.sepolia.org'],
};

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/** example.co of rpc.example.co (the last two labels; RPC hosts do not live under public second-level suffixes). */
export function registrableDomain(host: string): string {
  if (/^[0-9.]+$/.test(host) || host.startsWith('[')) return host;
  return host.split('.').slice(-2).join('.');
}

/** Hosts (and their registrable domains) the chain is known to serve RPC from: registry RPCs and explorer, official hosts. */
export function knownRpcDomains(chainId: number): Set<string> {
  const c = registryChain(chainId);
  const hosts = [...(c?.publicRpcs ?? []), ...(c?.explorer ? [c.explorer.url] : [])].map(hostOf).filter((h): h is string => h !== undefined);
  return new Set([...hosts, ...(OFFICIAL_RPC_HOSTS[chainId] ?? [])].map(registrableDomain));
}

/** An RPC URL on a domain the chain is known to use, or on a multi-chain provider's domain. */
export function isKnownRpcFor(chainId: number, url: string): boolean {
  const host = hostOf(url);
  if (!host) return false;
  const domain = registrableDomain(host);
  return knownRpcDomains(chainId).has(domain) || RPC_PROVIDER_DOMAINS.includes(domain);
}

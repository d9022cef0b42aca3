/** What the review and the popup ask about a chain: its registry entry (viem/chains), its name, its currency. */
import { registryChain, registryChains, type RegistryChain } from './registry';

export type KnownChain = RegistryChain;

/** The chain's registry entry; undefined for a chain no registry knows. */
export function knownChain(id: number): KnownChain | undefined {
  return registryChain(id);
}

/** Every chain the registry knows (mainnets first, by name). */
export function knownChains(): readonly KnownChain[] {
  return registryChains();
}

/** "Linea Mainnet", or "chain 12345" for a chain no registry knows. */
export function chainName(id: number): string {
  return registryChain(id)?.name ?? `chain ${id}`;
}

/** The native currency's symbol; ETH for a chain no registry knows (what its wallet most likely shows). */
export function nativeSymbol(id: number): string {
  return registryChain(id)?.currency.symbol ?? 'ETH';
}

export { parseChainId } from './chain-id';

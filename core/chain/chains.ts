/** Chains Preflight knows: names, native currency and the public RPCs used when the user set none. */
export interface KnownChain {
  id: number;
  name: string;
  currency: { symbol: string; decimals: number };
  /** Public endpoints, shown in Settings; the user's own RPC always goes first. */
  publicRpcs: readonly string[];
  eip1559: boolean;
}

export const KNOWN_CHAINS: readonly KnownChain[] = [
  { id: 1, name: 'Ethereum', currency: { symbol: 'ETH', decimals: 18 }, publicRpcs: ['https://ethereum-rpc.publicnode.com', 'https://eth.llamarpc.com'], eip1559: true },
  { id: 10, name: 'OP Mainnet', currency: { symbol: 'ETH', decimals: 18 }, publicRpcs: ['https://mainnet.optimism.io'], eip1559: true },
  { id: 8453, name: 'Base', currency: { symbol: 'ETH', decimals: 18 }, publicRpcs: ['https://mainnet.base.org'], eip1559: true },
  { id: 42161, name: 'Arbitrum One', currency: { symbol: 'ETH', decimals: 18 }, publicRpcs: ['https://arb1.arbitrum.io/rpc'], eip1559: true },
  { id: 137, name: 'Polygon', currency: { symbol: 'POL', decimals: 18 }, publicRpcs: ['https://polygon-rpc.com'], eip1559: true },
  { id: 11155111, name: 'Sepolia', currency: { symbol: 'ETH', decimals: 18 }, publicRpcs: ['https://ethereum-sepolia-rpc.publicnode.com'], eip1559: true },
  { id: 31337, name: 'Devnet (anvil)', currency: { symbol: 'ETH', decimals: 18 }, publicRpcs: ['http://127.0.0.1:8545'], eip1559: true },
];

export function knownChain(id: number): KnownChain | undefined {
  return KNOWN_CHAINS.find((c) => c.id === id);
}

/** Parses a chain id as EIP-1193 sends it (hex string) or as a number; undefined when invalid. */
export function parseChainId(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  if (typeof value !== 'string') return undefined;
  const n = /^0x[0-9a-f]+$/i.test(value) ? Number.parseInt(value, 16) : /^[0-9]+$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

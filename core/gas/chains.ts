/** Chain-specific gas facts. One row per supported chain. */

export type L2Kind = 'op-stack' | 'arbitrum' | 'none';

export interface GasChain {
  chainId: number;
  name: string;
  /** Native currency symbol (for display). */
  nativeSymbol: string;
  /** Nominal seconds per block (used to convert hours to blocks). */
  blockTimeSeconds: number;
  /** EIP-1559 base fee market. */
  eip1559: boolean;
  /** EIP-1559 parameters (geth defaults: elasticity 2, denominator 8). */
  elasticityMultiplier: bigint;
  baseFeeChangeDenominator: bigint;
  /** Protocol/node-enforced minimum priority fee, wei (Polygon PoS: 25 gwei since Bhilai). */
  minPriorityFeeWei: bigint;
  /** Floor we recommend for the tip even if history suggests less (Polygon: 30 gwei is what wallets use). */
  recommendedMinPriorityFeeWei: bigint;
  /** How the chain charges for L1 data, if it is an L2. */
  l2: L2Kind;
  /** Whether Chainlink mainnet feeds are the right fiat source for the native token. */
  nativeIsEth: boolean;
}

const GWEI = 1_000_000_000n;

function chain(row: Partial<GasChain> & Pick<GasChain, 'chainId' | 'name'>): GasChain {
  return {
    nativeSymbol: 'ETH',
    blockTimeSeconds: 12,
    eip1559: true,
    elasticityMultiplier: 2n,
    baseFeeChangeDenominator: 8n,
    minPriorityFeeWei: 0n,
    recommendedMinPriorityFeeWei: 0n,
    l2: 'none',
    nativeIsEth: true,
    ...row,
  };
}

export const GAS_CHAINS: Readonly<Record<number, GasChain>> = {
  1: chain({ chainId: 1, name: 'Ethereum' }),
  // OP Stack chains since Canyon: elasticity 6, denominator 250, 2 s blocks.
  10: chain({ chainId: 10, name: 'OP Mainnet', blockTimeSeconds: 2, elasticityMultiplier: 6n, baseFeeChangeDenominator: 250n, l2: 'op-stack' }),
  8453: chain({ chainId: 8453, name: 'Base', blockTimeSeconds: 2, elasticityMultiplier: 6n, baseFeeChangeDenominator: 250n, l2: 'op-stack' }),
  // Arbitrum has no 1559 dynamics users can time; its "base fee" is the L2 gas price floor.
  42161: chain({ chainId: 42161, name: 'Arbitrum One', blockTimeSeconds: 0.25, l2: 'arbitrum' }),
  137: chain({
    chainId: 137,
    name: 'Polygon PoS',
    nativeSymbol: 'POL',
    blockTimeSeconds: 2,
    baseFeeChangeDenominator: 64n,
    minPriorityFeeWei: 25n * GWEI,
    recommendedMinPriorityFeeWei: 30n * GWEI,
    nativeIsEth: false,
  }),
  31337: chain({ chainId: 31337, name: 'Devnet (anvil)', blockTimeSeconds: 12 }),
};

/** Facts for a chain; unknown chains get Ethereum-like defaults with `known: false`. */
export function gasChain(chainId: number): GasChain & { known: boolean } {
  const row = GAS_CHAINS[chainId];
  if (row) return { ...row, known: true };
  return { ...chain({ chainId, name: `Chain ${chainId}` }), known: false };
}

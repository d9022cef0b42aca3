/**
 * Preflight's own facts about chains (gas parameters, L2 kind, tips, price feeds): a small table keyed by
 * chain id. Names, currencies and RPCs come from the registry (viem/chains); every chain gets sensible
 * defaults, so a chain missing here still works (its kind from the registry, Ethereum-like otherwise).
 */
import type { Address } from 'viem';
import { registryChain } from '../chain/registry';

export type L2Kind = 'op-stack' | 'arbitrum' | 'none';

/**
 * How the next block's base fee is known: `eip1559` = computed from the newest header with geth's EIP-1559
 * arithmetic (and, on OP-stack chains, the parameters the header carries); `node` = the chain has its own
 * base-fee rule, so the node's own answer is used (eth_feeHistory's next-block entry).
 */
export type BaseFeeRule = 'eip1559' | 'node';

export interface GasChain {
  chainId: number;
  name: string;
  /** Native currency symbol (for display). */
  nativeSymbol: string;
  /** Nominal seconds per block (used to convert hours to blocks). */
  blockTimeSeconds: number;
  /** EIP-1559 base fee market. */
  eip1559: boolean;
  baseFeeRule: BaseFeeRule;
  /** EIP-1559 parameters (geth defaults: elasticity 2, denominator 8); OP-stack headers since Holocene carry their own. */
  elasticityMultiplier: bigint;
  baseFeeChangeDenominator: bigint;
  /** Protocol/node-enforced minimum priority fee, wei (Polygon PoS: 25 gwei since Bhilai). */
  minPriorityFeeWei: bigint;
  /** Floor we recommend for the tip even if history suggests less (Polygon: 30 gwei is what wallets use). */
  recommendedMinPriorityFeeWei: bigint;
  /** How the chain charges for L1 data, if it is an L2. */
  l2: L2Kind;
  /** Chainlink feed on Ethereum mainnet giving the native currency in USD; undefined = no fiat figures. */
  usdFeed?: Address;
  /** Seconds after which that feed counts as stale (its heartbeat plus a margin). */
  usdFeedMaxAgeSeconds: number;
}

const GWEI = 1_000_000_000n;

/** Chainlink aggregators on Ethereum mainnet (read through the user's Ethereum RPC). */
export const USD_FEEDS = {
  ETH: '0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419',
  /** MATIC / USD: POL is MATIC renamed (1:1 migration). */
  POL: '0x7bAC85A8a13A4BcD8abb3eB7d6b4d632c5a57676',
  BNB: '0x14e613AC84a31f709eadbdF89C6CC390fDc9540A',
  AVAX: '0xFF3EEb22B5E3dE6e705b44749C2559d704923FD7',
  /** DAI / USD for xDAI (Gnosis's native token is bridged DAI). */
  DAI: '0xAed0c38402a5d19df6E4c03F4E2DceD6e29c1ee9',
} as const satisfies Record<string, Address>;

type Facts = Partial<Omit<GasChain, 'chainId' | 'nativeSymbol'>>;

/** OP-stack constants since Canyon (the fallback when a header carries no parameters, i.e. before Holocene). */
const OP_STACK: Facts = { l2: 'op-stack', elasticityMultiplier: 6n, baseFeeChangeDenominator: 250n };
/** Arbitrum's base fee is ArbOS's L2 gas price floor, not EIP-1559 arithmetic: ask the node. */
const ARBITRUM: Facts = { l2: 'arbitrum', blockTimeSeconds: 0.25, baseFeeRule: 'node' };
const POLYGON_TIPS: Facts = { baseFeeChangeDenominator: 64n, minPriorityFeeWei: 25n * GWEI, recommendedMinPriorityFeeWei: 30n * GWEI };

/** Preflight's facts, by chain id. What is not here comes from the registry or the defaults below. */
export const CHAIN_FACTS: Readonly<Record<number, Facts>> = {
  1: {},
  11155111: {},
  17000: {},
  31337: { blockTimeSeconds: 12 },
  42161: ARBITRUM,
  42170: ARBITRUM,
  421614: ARBITRUM,
  137: { ...POLYGON_TIPS, name: 'Polygon PoS', usdFeed: USD_FEEDS.POL },
  80002: POLYGON_TIPS,
  56: { usdFeed: USD_FEEDS.BNB },
  // Avalanche C-Chain prices gas with its own dynamic-fee rule (ACP-176), not geth's EIP-1559 step.
  43114: { baseFeeRule: 'node', usdFeed: USD_FEEDS.AVAX },
  100: { usdFeed: USD_FEEDS.DAI, usdFeedMaxAgeSeconds: 3600 + 600 },
};

const DAY = 86_400;

/** Facts for a chain: this table, then the registry, then Ethereum-like defaults. `known` = the registry or this table has it. */
export function gasChain(chainId: number): GasChain & { known: boolean } {
  const reg = registryChain(chainId);
  const own = CHAIN_FACTS[chainId];
  const l2: L2Kind = own?.l2 ?? (reg?.opStack ? 'op-stack' : 'none');
  const symbol = reg?.currency.symbol ?? 'ETH';
  const ethNative = symbol.toUpperCase() === 'ETH';
  const row: GasChain = {
    chainId,
    name: reg?.name ?? `Chain ${chainId}`,
    nativeSymbol: symbol,
    blockTimeSeconds: reg?.blockTimeMs !== undefined ? reg.blockTimeMs / 1000 : 12,
    eip1559: true,
    // A chain Preflight has no facts on may price gas its own way (Linea, zkSync, Scroll…): trust its node.
    baseFeeRule: own !== undefined || l2 === 'op-stack' ? 'eip1559' : 'node',
    elasticityMultiplier: 2n,
    baseFeeChangeDenominator: 8n,
    minPriorityFeeWei: 0n,
    recommendedMinPriorityFeeWei: 0n,
    l2,
    ...(ethNative ? { usdFeed: USD_FEEDS.ETH } : {}),
    usdFeedMaxAgeSeconds: ethNative ? 3600 + 600 : DAY + 3600,
    ...(l2 === 'op-stack' ? OP_STACK : {}),
    ...own,
  };
  return { ...row, known: reg !== undefined || own !== undefined };
}

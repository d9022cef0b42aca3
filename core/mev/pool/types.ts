import type { Address } from 'viem';

/** Uniswap V2 pair (or fork) reserves. */
export interface V2PoolState {
  protocol: 'v2';
  address: Address;
  token0: Address;
  token1: Address;
  reserve0: bigint;
  reserve1: bigint;
  /** LP fee in basis points: 30 for Uniswap V2 and most forks. */
  feeBps: number;
}

/** Uniswap V3 pool state: enough of the tick bitmap to step a swap exactly like the contract. */
export interface V3PoolState {
  protocol: 'v3';
  address: Address;
  token0: Address;
  token1: Address;
  /** Fee in hundredths of a bip. */
  fee: number;
  tickSpacing: number;
  sqrtPriceX96: bigint;
  tick: number;
  liquidity: bigint;
  /** Inclusive range of tick-bitmap words read; a swap that needs a word outside it is refused. */
  wordLo: number;
  wordHi: number;
  words: ReadonlyMap<number, bigint>;
  liquidityNet: ReadonlyMap<number, bigint>;
}

export type PoolState = V2PoolState | V3PoolState;

/** Result of swapping through one pool: the amounts and the pool state afterwards. */
export interface PoolSwap<S extends PoolState = PoolState> {
  amountIn: bigint;
  amountOut: bigint;
  after: S;
}

import type { Address } from 'viem';
import { getSqrtRatioAtTick, getTickAtSqrtRatio } from '../math/tick-math';
import type { V2PoolState, V3PoolState } from './types';

/** In-memory pools built from positions: for tests, benches and what-if analysis. */

export interface Position {
  tickLower: number;
  tickUpper: number;
  liquidity: bigint;
}

export function syntheticV3Pool(opts: {
  address?: Address;
  token0: Address;
  token1: Address;
  fee: number;
  tickSpacing: number;
  sqrtPriceX96?: bigint;
  tick?: number;
  positions: readonly Position[];
}): V3PoolState {
  const sqrtPriceX96 = opts.sqrtPriceX96 ?? getSqrtRatioAtTick(opts.tick ?? 0);
  const tick = getTickAtSqrtRatio(sqrtPriceX96);
  const net = new Map<number, bigint>();
  let liquidity = 0n;
  for (const p of opts.positions) {
    net.set(p.tickLower, (net.get(p.tickLower) ?? 0n) + p.liquidity);
    net.set(p.tickUpper, (net.get(p.tickUpper) ?? 0n) - p.liquidity);
    if (p.tickLower <= tick && tick < p.tickUpper) liquidity += p.liquidity;
  }
  const words = new Map<number, bigint>();
  for (const t of net.keys()) {
    const compressed = Math.floor(t / opts.tickSpacing);
    const w = compressed >> 8;
    words.set(w, (words.get(w) ?? 0n) | (1n << BigInt(compressed & 0xff)));
  }
  return {
    protocol: 'v3',
    address: opts.address ?? '0x00000000000000000000000000000000000000a3',
    token0: opts.token0,
    token1: opts.token1,
    fee: opts.fee,
    tickSpacing: opts.tickSpacing,
    sqrtPriceX96,
    tick,
    liquidity,
    wordLo: -3466,
    wordHi: 3465,
    words,
    liquidityNet: net,
  };
}

export function syntheticV2Pool(token0: Address, token1: Address, reserve0: bigint, reserve1: bigint, feeBps = 30): V2PoolState {
  return { protocol: 'v2', address: '0x00000000000000000000000000000000000000a2', token0, token1, reserve0, reserve1, feeBps };
}

import { InsufficientLiquidityError, PoolDataExhaustedError } from '../errors';
import type { V3PoolState } from './types';

function msb(x: bigint): number {
  return x.toString(2).length - 1;
}
function lsb(x: bigint): number {
  return msb(x & -x);
}

/**
 * TickBitmap.nextInitializedTickWithinOneWord over the words Preflight read. Throws
 * PoolDataExhaustedError when the word was not read (the swap goes further than the data).
 */
export function nextInitializedTickWithinOneWord(pool: V3PoolState, tick: number, lte: boolean): { next: number; initialized: boolean } {
  const spacing = pool.tickSpacing;
  let compressed = Math.trunc(tick / spacing);
  if (tick < 0 && tick % spacing !== 0) compressed--;
  if (lte) {
    const wordPos = compressed >> 8;
    const bitPos = compressed & 0xff;
    const word = readWord(pool, wordPos);
    const mask = (1n << BigInt(bitPos)) - 1n + (1n << BigInt(bitPos));
    const masked = word & mask;
    const initialized = masked !== 0n;
    const next = initialized ? (compressed - (bitPos - msb(masked))) * spacing : (compressed - bitPos) * spacing;
    return { next, initialized };
  }
  const c1 = compressed + 1;
  const wordPos = c1 >> 8;
  const bitPos = c1 & 0xff;
  const word = readWord(pool, wordPos);
  const mask = ~((1n << BigInt(bitPos)) - 1n) & ((1n << 256n) - 1n);
  const masked = word & mask;
  const initialized = masked !== 0n;
  const next = initialized ? (c1 + (lsb(masked) - bitPos)) * spacing : (c1 + (255 - bitPos)) * spacing;
  return { next, initialized };
}

function readWord(pool: V3PoolState, wordPos: number): bigint {
  if (wordPos < pool.wordLo || wordPos > pool.wordHi) {
    throw new PoolDataExhaustedError(`the swap moves the price beyond the ticks read from pool ${pool.address}`);
  }
  return pool.words.get(wordPos) ?? 0n;
}

const sortedTicks = new WeakMap<ReadonlyMap<number, bigint>, number[]>();

/**
 * Next initialised tick strictly in the swap direction (lte: at or below `tick`), over the ticks read.
 * Throws InsufficientLiquidityError when no liquidity exists that way at all, PoolDataExhaustedError
 * when the next one may lie outside the words read.
 */
export function nextInitializedTick(pool: V3PoolState, tick: number, lte: boolean): number {
  let ticks = sortedTicks.get(pool.liquidityNet);
  if (!ticks) {
    ticks = [...pool.liquidityNet.keys()].sort((a, b) => a - b);
    sortedTicks.set(pool.liquidityNet, ticks);
  }
  const found = lte ? ticks.filter((t) => t <= tick).pop() : ticks.find((t) => t > tick);
  const wordLoTick = pool.wordLo * 256 * pool.tickSpacing;
  const wordHiTick = (pool.wordHi + 1) * 256 * pool.tickSpacing - 1;
  if (found === undefined) {
    if ((lte && pool.wordLo <= -3466) || (!lte && pool.wordHi >= 3465)) {
      throw new InsufficientLiquidityError(`pool ${pool.address} has no liquidity left in that direction`);
    }
    throw new PoolDataExhaustedError(`the swap moves the price beyond the ticks read from pool ${pool.address}`);
  }
  if (found < wordLoTick || found > wordHiTick) throw new PoolDataExhaustedError(`the swap moves the price beyond the ticks read from pool ${pool.address}`);
  return found;
}

import { decodeFunctionResult, encodeFunctionData, parseAbi, type Address, type Hex } from 'viem';
import { PoolNotFoundError } from '../errors';
import { POOL_LENS_BYTECODE } from './lens-bytecode';
import type { PoolState } from './types';

/** Which pool to read: by address, or by factory + tokens (+ fee for V3). */
export interface PoolQuery {
  protocol: 'v2' | 'v3';
  pool?: Address;
  factory?: Address;
  tokenA: Address;
  tokenB: Address;
  fee?: number;
  /** V2 LP fee in bps (30 unless the fork says otherwise). */
  feeBps?: number;
}

/** Only what is needed of a viem PublicClient: an eth_call that accepts deployless `code`. */
export interface CallClient {
  call(args: { code: Hex; data: Hex; blockNumber?: bigint }): Promise<{ data?: Hex }>;
}

export interface FetchOptions {
  /** Tick-bitmap words read on each side of the current one (default 32). */
  maxWords?: number;
  /** Stop reading words on a side once this many initialised ticks are found (default 96). */
  maxTicks?: number;
  blockNumber?: bigint;
}

const LENS_ABI = parseAbi([
  'struct Query { uint8 kind; address pool; address factory; address tokenA; address tokenB; uint24 fee; }',
  'struct Result { address pool; address token0; address token1; uint256 reserve0; uint256 reserve1; uint160 sqrtPriceX96; int24 tick; uint128 liquidity; int24 tickSpacing; uint24 fee; int16 wordLo; int16 wordHi; uint256[] words; int24[] initTicks; int128[] liquidityNets; }',
  'function read(Query[] qs, uint16 maxWords, uint16 maxTicks) view returns (Result[] out)',
]);

const ZERO: Address = '0x0000000000000000000000000000000000000000';

/**
 * Reads every pool of a route in ONE eth_call: a deployless call of PoolLens (pool/lens/PoolLens.sol)
 * resolves pool addresses through the factory and returns V2 reserves, or V3 slot0, liquidity,
 * tickSpacing, fee, the tick-bitmap words around the current tick and every initialised tick's
 * liquidityNet in them. One round trip regardless of route length or ticks crossed.
 */
export async function fetchPools(client: CallClient, queries: readonly PoolQuery[], opts: FetchOptions = {}): Promise<PoolState[]> {
  const data = encodeFunctionData({
    abi: LENS_ABI,
    functionName: 'read',
    args: [
      queries.map((q) => ({ kind: q.protocol === 'v2' ? 2 : 3, pool: q.pool ?? ZERO, factory: q.factory ?? ZERO, tokenA: q.tokenA, tokenB: q.tokenB, fee: q.fee ?? 0 })),
      opts.maxWords ?? 32,
      opts.maxTicks ?? 96,
    ],
  });
  const res = await client.call({ code: POOL_LENS_BYTECODE, data, blockNumber: opts.blockNumber });
  if (!res.data) throw new PoolNotFoundError('the pool lens returned nothing');
  const out = decodeFunctionResult({ abi: LENS_ABI, functionName: 'read', data: res.data });
  return out.map((r, i): PoolState => {
    const q = queries[i]!;
    if (r.pool === ZERO) {
      throw new PoolNotFoundError(`no ${q.protocol.toUpperCase()} pool for ${q.tokenA}/${q.tokenB}${q.fee ? ` fee ${q.fee}` : ''}`);
    }
    if (q.protocol === 'v2') {
      return { protocol: 'v2', address: r.pool, token0: r.token0, token1: r.token1, reserve0: r.reserve0, reserve1: r.reserve1, feeBps: q.feeBps ?? 30 };
    }
    const words = new Map<number, bigint>();
    r.words.forEach((w, k) => words.set(r.wordLo + k, w));
    const liquidityNet = new Map<number, bigint>();
    r.initTicks.forEach((t, k) => liquidityNet.set(t, r.liquidityNets[k] ?? 0n));
    return {
      protocol: 'v3', address: r.pool, token0: r.token0, token1: r.token1, fee: r.fee, tickSpacing: r.tickSpacing,
      sqrtPriceX96: r.sqrtPriceX96, tick: r.tick, liquidity: r.liquidity, wordLo: r.wordLo, wordHi: r.wordHi, words, liquidityNet,
    };
  });
}

/**
 * Markets from live pools: each PoolSpec becomes a planner Market (exact core/mev quotes, MEV-safe
 * slippage), read through core/mev's pool lens when given by address or factory, or built in memory
 * from reserves. Pure: the RPC client is passed in (the CLI's viem client, the extension's chain
 * client), nothing else is touched.
 *
 * `routers` (optional) names the routers the swap steps will be sent to, so a pool read from the
 * chain also yields its ExecutionVenue: V2 pools → 'v2-router02' at `routers.v2`; V3 pools →
 * `routers.v3Kind` (default 'v3-swap-router') at `routers.v3`, with the pool's fee. Without the
 * matching router, or for an in-memory pool, `venue` is left out (the plan is still made).
 * V3 pools give the asset's volatility from `observe` (24 hourly points) when none is given; the
 * first success is reported on that market (`sigmaPerHour`) and used for later markets' slippage.
 */
import { parseAbi, type Address, type PublicClient } from 'viem';
import { fetchPools, makeRoute, syntheticV2Pool, type PoolState } from '../mev';
import { WithdrawInputError, WithdrawLiquidityError } from './errors';
import type { ExecutionVenue, VenueKind } from './execute';
import { expectedMoveBps, fromBaseUnits, midPriceOfRoute, quoteOfRoute, safeSlippageOfRoute, sequenceOfRoute } from './market';
import type { Market } from './plan-types';
import { observeSchedule, pricesFromTickCumulatives, realisedVolatility } from './volatility';

export interface PoolSpec {
  chain: string;
  protocol: 'v2' | 'v3';
  /** Read over RPC: the pool's address, or the factory (+ fee for V3) to look it up. */
  pool?: Address;
  factory?: Address;
  /** V3 fee in hundredths of a bip (for the factory look-up). */
  fee?: number;
  /** V2 LP fee in bps (default 30). */
  feeBps?: number;
  /** In-memory V2 pool: reserves in human units (asset, quote). */
  reserveIn?: string;
  reserveOut?: string;
}

export interface LiveMarketInput {
  /** `amount` (human units to sell) sets the mid-price probe at amount/10⁶; without it the probe is 10⁻⁶ of the pool's (virtual) reserve of the asset. */
  asset: { symbol: string; address?: Address; decimals: number; sigmaPerHour?: number; amount?: number };
  quote: { address?: Address; decimals: number };
  pools: PoolSpec[];
  /** Cost of one gas unit on `chain` now, in quote units (prices the sandwich attacker's gas). */
  gasUnitPrice: (chain: string) => number;
  /** Unix seconds (the `observe` window ends here). */
  now: number;
  /** 'permanent' for a static pool nobody arbitrages back (a devnet): slices are priced one after another (Market.impact). Default 'temporary'. */
  impact?: 'temporary' | 'permanent';
  /** Routers the swaps go through (see the module comment). */
  routers?: { v2?: Address; v3?: Address; v3Kind?: VenueKind };
}

export interface LiveMarket {
  market: Market;
  /** Where to send the swap steps, when the pool is real and its router was given. */
  venue?: ExecutionVenue;
  /** Volatility per √hour from this pool's V3 `observe`. */
  sigmaPerHour?: number;
  note?: string;
}

const SYNTH_IN = '0x00000000000000000000000000000000000000a1' as Address;
const SYNTH_OUT = '0x00000000000000000000000000000000000000b2' as Address;
const OBSERVE_ABI = parseAbi(['function observe(uint32[] secondsAgos) view returns (int56[] tickCumulatives, uint160[] secondsPerLiquidityCumulativeX128s)']);
const SWAP_GAS = { v2: 130_000, v3: 170_000 } as const;
const ATTACKER_SWAP_GAS = { v2: 100_000, v3: 140_000 } as const;

/** "1234.5" in human units → base units (exact; no float). */
export function decimalUnits(s: string, decimals: number): bigint {
  if (!/^\d+(\.\d+)?$/.test(s.trim())) throw new WithdrawInputError(`"${s}" is not a non-negative decimal amount`);
  const [w, f = ''] = s.trim().split('.');
  return BigInt(w!) * 10n ** BigInt(decimals) + BigInt((f + '0'.repeat(decimals)).slice(0, decimals) || '0');
}

async function observeSigma(client: PublicClient, pool: PoolState, input: LiveMarketInput, tokenIn: Address): Promise<number> {
  const ago = observeSchedule(24, 3600);
  const [ticks] = await client.readContract({ address: pool.address, abi: OBSERVE_ABI, functionName: 'observe', args: [ago] });
  const zeroIsAsset = pool.token0.toLowerCase() === tokenIn.toLowerCase();
  const { decimals: da } = input.asset;
  const { decimals: dq } = input.quote;
  const prices = pricesFromTickCumulatives(input.now, ago, ticks, zeroIsAsset ? { decimals0: da, decimals1: dq } : { decimals0: dq, decimals1: da, invert: true });
  return realisedVolatility(prices, 'interval-average').perHour;
}

/** Size (human units) of the tiny sale that measures the mid price. */
function probeSize(pool: PoolState, tokenIn: Address, decimals: number, amount: number | undefined): number {
  if (amount !== undefined && amount > 0) return amount / 1e6;
  const zeroIn = pool.token0.toLowerCase() === tokenIn.toLowerCase();
  const reserve = pool.protocol === 'v2'
    ? (zeroIn ? pool.reserve0 : pool.reserve1)
    : zeroIn ? (pool.liquidity << 96n) / (pool.sqrtPriceX96 || 1n) : (pool.liquidity * pool.sqrtPriceX96) >> 96n;
  const probe = fromBaseUnits(reserve / 1_000_000n, decimals);
  if (!(probe > 0)) throw new WithdrawLiquidityError(`pool ${pool.address} holds no ${tokenIn === SYNTH_IN ? 'asset' : tokenIn} to sell into`);
  return probe;
}

function venueOf(pool: PoolState, path: Address[], routers: LiveMarketInput['routers']): ExecutionVenue | undefined {
  if (pool.protocol === 'v2') return routers?.v2 ? { kind: 'v2-router02', router: routers.v2, path } : undefined;
  return routers?.v3 ? { kind: routers.v3Kind ?? 'v3-swap-router', router: routers.v3, path, fees: [pool.fee] } : undefined;
}

/** One LiveMarket per pool spec, in order. */
export async function liveMarkets(client: PublicClient | undefined, input: LiveMarketInput): Promise<LiveMarket[]> {
  const { asset, quote } = input;
  const out: LiveMarket[] = [];
  let observed: number | undefined;
  for (const p of input.pools) {
    let pool: PoolState;
    let tokenIn = SYNTH_IN;
    let tokenOut = SYNTH_OUT;
    let real = false;
    let note: string | undefined;
    let sigmaHere: number | undefined;
    if (p.reserveIn !== undefined && p.reserveOut !== undefined) {
      pool = syntheticV2Pool(SYNTH_IN, SYNTH_OUT, decimalUnits(p.reserveIn, asset.decimals), decimalUnits(p.reserveOut, quote.decimals), p.feeBps ?? 30);
    } else {
      if (!client || !asset.address || !quote.address) throw new WithdrawInputError(`${asset.symbol}: a pool by address needs --rpc and the asset and quote addresses`);
      tokenIn = asset.address;
      tokenOut = quote.address;
      real = true;
      [pool] = (await fetchPools(client, [{ protocol: p.protocol, pool: p.pool, factory: p.factory, tokenA: tokenIn, tokenB: tokenOut, fee: p.fee, feeBps: p.feeBps }])) as [PoolState];
      if (pool.protocol === 'v3' && asset.sigmaPerHour === undefined && observed === undefined) {
        try {
          sigmaHere = await observeSigma(client, pool, input, tokenIn);
          observed = sigmaHere;
        } catch (e) {
          note = `${asset.symbol}: V3 observe gave no 24 h history (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`;
        }
      }
    }
    const path = [tokenIn, tokenOut];
    const m = { route: makeRoute(path, [pool]), decimalsIn: asset.decimals, decimalsOut: quote.decimals };
    const midPrice = midPriceOfRoute(m, probeSize(pool, tokenIn, asset.decimals, asset.amount));
    const sigma = asset.sigmaPerHour ?? observed ?? 0.01;
    const attackerGas = (2 * ATTACKER_SWAP_GAS[p.protocol] * input.gasUnitPrice(p.chain)) / midPrice;
    const label = real ? `Uniswap ${p.protocol.toUpperCase()}${pool.protocol === 'v3' ? ` ${pool.fee / 10_000} %` : ''} ${pool.address.slice(0, 6)}…${pool.address.slice(-4)}` : undefined;
    const market: Market = { chain: p.chain, ...(label ? { label } : {}), midPrice, quote: quoteOfRoute(m), safeSlippageBps: safeSlippageOfRoute(m, attackerGas, expectedMoveBps(sigma)), swapGas: SWAP_GAS[p.protocol] };
    if (input.impact === 'permanent') Object.assign(market, { impact: 'permanent', quoteSequence: sequenceOfRoute(m) });
    const venue = real ? venueOf(pool, path, input.routers) : undefined;
    out.push({ market, ...(venue ? { venue } : {}), ...(sigmaHere !== undefined ? { sigmaPerHour: sigmaHere } : {}), ...(note ? { note } : {}) });
  }
  return out;
}

import type { Address, Hex } from 'viem';
import { decodeSwap } from './decode';
import { NotASwapError } from './errors';
import { fetchPools, type CallClient, type PoolQuery } from './pool/fetch';
import type { PoolState } from './pool/types';
import { detectProtection, type ProbeClient, type Protection } from './protection';
import { KNOWN_FACTORIES, resolveRouter, type ReadClient, type RouterInfo } from './resolve-router';
import { assessSwap, type SwapAssessment } from './assess';
import type { SwapIntent } from './types';

export type MevClient = CallClient & ProbeClient & ReadClient;

export interface AnalyzeSwapInput {
  client: MevClient;
  tx: { from?: Address; to: Address; data: Hex; value?: bigint };
  chainId: number;
  baseFeeWei: bigint;
  priorityFeeWei: bigint;
  ethPriceUsd?: number;
  /** The user declared their RPC private (Settings). */
  privateRpc?: boolean;
  /** Ordinary price move expected before inclusion, bps: the floor of the safe slippage (default 10). */
  expectedMoveBps?: number;
  /** Gas of each attacker transaction (default per hop: 100k V2, 140k V3). */
  attackerGasPerTx?: bigint;
  /** Factories for routers that expose none (Universal Router) on chains Preflight does not know. */
  factories?: { v2?: Address; v3?: Address; weth?: Address };
  /** LP fee of V2-style pairs in bps (30: Uniswap, SushiSwap; 25: PancakeSwap). */
  v2FeeBps?: number;
}

export interface MevAnalysis extends Partial<SwapAssessment> {
  intent: SwapIntent;
  computed: boolean;
  reason?: string;
  router?: RouterInfo;
  protection: Protection;
  pools?: PoolState[];
  severity: 'none' | 'warn' | 'danger';
  rpcRoundTrips: number;
}

function poolQueries(intent: SwapIntent, f: { v2?: Address; v3?: Address }, v2FeeBps?: number): PoolQuery[] {
  return intent.hops.map((h) => ({
    protocol: h.protocol, pool: h.pool, factory: h.protocol === 'v2' ? f.v2 : f.v3, tokenA: h.tokenIn, tokenB: h.tokenOut, fee: h.fee, feeBps: v2FeeBps,
  }));
}

/**
 * The whole MEV analysis of one swap transaction. Round trips: (1) router getters + Flashbots probe,
 * batched; (2) one PoolLens eth_call for every pool of the route. Everything else is local and exact.
 */
export async function analyzeSwap(input: AnalyzeSwapInput): Promise<MevAnalysis> {
  const intent = decodeSwap({ ...input.tx, value: input.tx.value ?? 0n }, input.chainId);
  if (!intent) throw new NotASwapError('This transaction is not a swap Preflight can read.');
  let rpcRoundTrips = 0;
  const needRouter = intent.computable && intent.kind !== 'universal';
  rpcRoundTrips++;
  const [protection, router] = await Promise.all([
    detectProtection(input.client, input.privateRpc ?? false),
    needRouter ? resolveRouter(input.client, intent.router) : Promise.resolve(undefined),
  ]);
  const base = { intent, protection, router, severity: 'none' as const, rpcRoundTrips };
  if (!intent.computable) return { ...base, computed: false, reason: intent.reason };
  const known = input.factories ?? KNOWN_FACTORIES[input.chainId] ?? {};
  const factories = { v2: router?.factoryV2 ?? known.v2, v3: router?.factoryV3 ?? known.v3 };
  const weth = router?.weth ?? input.factories?.weth ?? known.weth;
  const missing = intent.hops.some((h) => (h.protocol === 'v2' ? !factories.v2 : !factories.v3));
  if (missing) return { ...base, computed: false, reason: 'the router does not name its factory and this chain is not known' };
  let pools: PoolState[];
  try {
    rpcRoundTrips++;
    pools = await fetchPools(input.client, poolQueries(intent, factories, input.v2FeeBps));
  } catch (e) {
    return { ...base, rpcRoundTrips, computed: false, reason: e instanceof Error ? e.message : String(e) };
  }
  try {
    const assessment = assessSwap({
      intent, pools, weth, protection, baseFeeWei: input.baseFeeWei, priorityFeeWei: input.priorityFeeWei,
      ethPriceUsd: input.ethPriceUsd, expectedMoveBps: input.expectedMoveBps, attackerGasPerTx: input.attackerGasPerTx,
    });
    return { ...base, ...assessment, intent: { ...intent, hops: intent.hops.map((h, i) => ({ ...h, pool: pools[i]?.address })) }, pools, rpcRoundTrips, computed: true };
  } catch (e) {
    return { ...base, pools, rpcRoundTrips, computed: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The gas report for a live chain: sync recent fee history through an injected JSON-RPC `request`,
 * then the outlook (exact next-block base fee from the node, forecasts), tip levels, the recommended
 * fees and the send-or-wait advice for one transaction. Used by the CLI (`gas advise`) and the extension.
 */
import { adviseSendOrWait, type GasAdvice } from './advice';
import { GasInputError, InsufficientHistoryError } from './errors';
import { gasChain } from './chains';
import { FeeHistoryStore, MemoryFeeHistoryStorage, type FeeHistoryStorage, type SyncResult } from './history';
import type { RpcRequest } from './history-rpc';
import { DEFAULT_FULL_BLOCKS, maxFeeForFullBlocks } from './max-fee';
import { nextBaseFee } from './next-base-fee';
import { feeOutlook, type FeeOutlook } from './outlook';
import { SHIPPED_PRIOR } from './prior';
import { priorityLevels, type PriorityLevel } from './priority';

export interface LiveReportInput {
  request: RpcRequest;
  chainId: number;
  gasLimit: bigint;
  /** The user's deadline for this transaction. */
  withinHours: number;
  /** Unix seconds. */
  now: number;
  /** Persisted history (the extension's IndexedDB); a fresh in-memory one otherwise. */
  storage?: FeeHistoryStorage;
  /** Blocks kept in storage (default: 3 × the deadline, 2–72 h). A persisted store keeps ~30 days. */
  retentionBlocks?: number;
  /** JSON-RPC calls one sync may make (default 64): small on the review panel's latency path. */
  maxRequestsPerSync?: number;
}

/** About 30 days of blocks on a chain with this block time. */
export const thirtyDaysOfBlocks = (blockTimeSeconds: number): number => Math.round((30 * 86_400) / blockTimeSeconds);

export interface LiveReport {
  chain: { chainId: number; name: string; nativeSymbol: string };
  sync: SyncResult;
  outlook: Omit<FeeOutlook, 'blockSeries' | 'hourlySeries'>;
  /** Exact base fee of the next block, from the newest header (EIP-1559 arithmetic, as the node does it). */
  nextBaseFee: bigint;
  /** Number of the next block. */
  nextBlock: number;
  /** Base fee of recent blocks, for a chart: [unix seconds, wei]. */
  history: [number, number][];
  priorityFees: PriorityLevel[];
  recommended: { maxPriorityFeePerGas: bigint; maxFeePerGas: bigint; validForFullBlocks: number };
  /** 90th percentile of the base fee over the last 24 h of history (a "normal high"). */
  p90Recent: bigint;
  /** Seconds of history behind the forecasts (newest minus oldest stored sample). */
  historySeconds: number;
  /** Blocks of fee history stored (with sync.missingBlocks: how far the 30-day back-fill has come). */
  storedBlocks: number;
  advice: GasAdvice;
}

export async function liveGasReport(input: LiveReportInput): Promise<LiveReport> {
  const chain = gasChain(input.chainId);
  const hours = Math.min(72, Math.max(2, input.withinHours * 3));
  const store = new FeeHistoryStore({
    chainId: input.chainId,
    request: input.request,
    storage: input.storage ?? new MemoryFeeHistoryStorage(),
    retentionBlocks: input.retentionBlocks ?? Math.round((hours * 3600) / chain.blockTimeSeconds),
    maxRequestsPerSync: input.maxRequestsPerSync ?? 64,
  });
  const [sync, head] = await Promise.all([store.sync(), input.request('eth_getBlockByNumber', ['latest', false]) as Promise<{ number: string; baseFeePerGas?: string; gasUsed: string; gasLimit: string } | null>]);
  const samples = await store.samples();
  const next =
    head?.baseFeePerGas !== undefined
      ? nextBaseFee({ baseFeePerGas: BigInt(head.baseFeePerGas), gasUsed: BigInt(head.gasUsed), gasLimit: BigInt(head.gasLimit) }, { elasticityMultiplier: chain.elasticityMultiplier, baseFeeChangeDenominator: chain.baseFeeChangeDenominator })
      : undefined;
  const outlook = feeOutlook(samples, SHIPPED_PRIOR, chain.blockTimeSeconds);
  const priorityFees = priorityLevels(samples.rewards.slice(-200).map((r) => BigInt(Math.round(r[0] ?? 0))), input.chainId);
  const tip = priorityFees[1]?.priorityFee ?? 0n;
  const useHours = outlook.hourlySeries !== undefined && input.withinHours >= 1;
  const series = useHours ? outlook.hourlySeries! : outlook.blockSeries;
  const seriesEnd = series.startTime + (series.logFee.length - 1) * series.stepSeconds;
  let advice: GasAdvice;
  try {
    advice = adviseSendOrWait(
      series,
      { gasLimit: input.gasLimit, priorityFee: tip, withinSeconds: input.withinHours * 3600, now: Math.max(input.now, seriesEnd) },
      { prior: SHIPPED_PRIOR, ...(useHours ? { window: 720, maxStalenessSeconds: 7200 } : { candidates: [12, 60, 150, 300] }) },
    );
  } catch (error) {
    // The history was just synced to the head, so "stale" means the chain is idle (no new blocks): the
    // base fee cannot change before the next block, and sending now is the answer. Other errors propagate.
    if (!(error instanceof InsufficientHistoryError || error instanceof GasInputError)) throw error;
    const base = next ?? outlook.baseFeeNow;
    advice = { action: 'send-now', sendAt: input.now, baseFeeNow: base, costNowWei: input.gasLimit * (base + tip), reason: `no forecast: ${error.message}` };
  }
  const { blockSeries: _b, hourlySeries: _h, ...shown } = outlook;
  const newestTs = samples.timestamps[samples.timestamps.length - 1] ?? 0;
  const dayAgo = samples.timestamps.findIndex((ts) => ts >= newestTs - 86_400);
  const sorted = samples.baseFee.slice(Math.max(0, dayAgo)).sort((a, b) => a - b);
  const p90 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))] ?? 0;
  const step = Math.max(1, Math.floor(samples.blocks.length / 400));
  const history: [number, number][] = [];
  for (let i = 0; i < samples.blocks.length; i += step) history.push([samples.timestamps[i]!, samples.baseFee[i]!]);
  return {
    chain: { chainId: input.chainId, name: chain.name, nativeSymbol: chain.nativeSymbol },
    sync,
    outlook: shown,
    history,
    priorityFees,
    nextBaseFee: next ?? outlook.baseFeeNow,
    nextBlock: head ? Number(BigInt(head.number)) + 1 : outlook.newestBlock + 1,
    recommended: { maxPriorityFeePerGas: tip, maxFeePerGas: maxFeeForFullBlocks(next ?? outlook.baseFeeNow, DEFAULT_FULL_BLOCKS, tip), validForFullBlocks: DEFAULT_FULL_BLOCKS },
    p90Recent: BigInt(Math.round(p90)),
    historySeconds: newestTs - (samples.timestamps[0] ?? newestTs),
    storedBlocks: samples.blocks.length,
    advice,
  };
}

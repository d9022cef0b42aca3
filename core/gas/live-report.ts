/**
 * The gas report for a live chain: sync recent fee history through an injected JSON-RPC `request`,
 * then the outlook (exact next-block base fee from the node, forecasts), tip levels, the recommended
 * fees and the send-or-wait advice for one transaction. Used by the CLI (`gas advise`) and the extension.
 */
import { adviseSendOrWait, type GasAdvice } from './advice';
import { FeeHistoryResponseError, GasInputError, InsufficientHistoryError } from './errors';
import { gasChain, type GasChain } from './chains';
import { FeeHistoryStore, MemoryFeeHistoryStorage, type FeeHistoryStorage, type SyncResult } from './history';
import { quantity, type RpcRequest } from './history-rpc';
import { DEFAULT_FULL_BLOCKS, maxFeeForFullBlocks } from './max-fee';
import { legacyTiersFromSamples, type LegacyTiers } from './legacy-tiers';
import { nextBaseFee } from './next-base-fee';
import { decodeOpStackExtraData, opStackNextBaseFee, type OpStackHeaderParams } from './op-stack-params';
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
  /**
   * Exact base fee of the next block: from the newest header (EIP-1559 arithmetic as the node does it, with the
   * parameters an OP-stack header carries), or the node's own figure on chains with another rule. On a chain
   * without EIP-1559 this is the 90 % gas price tier.
   */
  nextBaseFee: bigint;
  /** Where nextBaseFee came from; `opStack` = the parameters read from the newest OP-stack header. */
  nextBaseFeeFrom: { source: 'header' | 'node' | 'legacy'; opStack?: OpStackHeaderParams };
  /** Chains without EIP-1559: gas price tiers from recent blocks (priorityFees then holds the same levels). */
  legacy?: LegacyTiers;
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
  type RawHead = { number: string; baseFeePerGas?: string; gasUsed: string; gasLimit: string; extraData?: string; blobGasUsed?: string };
  // The sync reads the newest header first: the exact next-block base fee is computed from that same header.
  const sync = await store.sync();
  const head = (store.lastHead ?? null) as RawHead | null;
  const samples = await store.samples();
  const nextFee = head?.baseFeePerGas !== undefined ? await nextBaseFeeOf(input.request, chain, head as RawHead & { baseFeePerGas: string }) : undefined;
  const next = nextFee?.fee;
  const legacy = sync.mode === 'legacy' ? legacyTiersFromSamples(samples, input.chainId) : undefined;
  const outlook = feeOutlook(samples, SHIPPED_PRIOR, chain.blockTimeSeconds);
  const priorityFees = legacy?.levels ?? priorityLevels(samples.rewards.slice(-200).map((r) => BigInt(Math.round(r[0] ?? 0))), input.chainId);
  // Without EIP-1559 the transaction pays one gas price: the 90 % tier is the "base", and there is no separate tip.
  const tip = legacy ? 0n : priorityFees[1]?.priorityFee ?? 0n;
  const nowFee = legacy ? legacy.levels[1]?.priorityFee : next;
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
    const base = nowFee ?? outlook.baseFeeNow;
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
    nextBaseFee: nowFee ?? outlook.baseFeeNow,
    nextBaseFeeFrom: legacy ? { source: 'legacy' } : nextFee ? { source: nextFee.source, ...(nextFee.opStack ? { opStack: nextFee.opStack } : {}) } : { source: 'header' },
    ...(legacy ? { legacy } : {}),
    nextBlock: head ? Number(BigInt(head.number)) + 1 : outlook.newestBlock + 1,
    recommended: legacy
      ? { maxPriorityFeePerGas: 0n, maxFeePerGas: nowFee ?? outlook.baseFeeNow, validForFullBlocks: 0 }
      : { maxPriorityFeePerGas: tip, maxFeePerGas: maxFeeForFullBlocks(next ?? outlook.baseFeeNow, DEFAULT_FULL_BLOCKS, tip), validForFullBlocks: DEFAULT_FULL_BLOCKS },
    p90Recent: BigInt(Math.round(p90)),
    historySeconds: newestTs - (samples.timestamps[0] ?? newestTs),
    storedBlocks: samples.blocks.length,
    advice,
  };
}

type HeadFields = { number: string; baseFeePerGas?: string; gasUsed: string; gasLimit: string; extraData?: string; blobGasUsed?: string };

/**
 * The exact base fee of the next block, the same figure as the report's `nextBaseFee` on an EIP-1559 chain, in one
 * JSON-RPC call: from `head` (a raw `latest` header already read, e.g. by a sync: then no call at all on a chain whose
 * rule is EIP-1559 arithmetic), else from the node's newest header, or on a chain with its own rule from
 * eth_feeHistory(1, latest). Undefined when the header has no base fee (no EIP-1559: the caller knows such a chain from
 * its stored history mode and uses its gas price tiers). `block` is the newest block seen.
 */
export async function nextBaseFeeNow(request: RpcRequest, chainId: number, head?: unknown): Promise<{ fee: bigint; block: number } | undefined> {
  const chain = gasChain(chainId);
  if (head === undefined && chain.baseFeeRule === 'node') {
    const raw = (await request('eth_feeHistory', ['0x1', 'latest', []])) as { oldestBlock?: unknown; baseFeePerGas?: unknown } | null;
    const list = raw?.baseFeePerGas;
    if (!Array.isArray(list) || list.length !== 2 || typeof raw?.oldestBlock !== 'string') throw new FeeHistoryResponseError('eth_feeHistory gave no next-block base fee');
    return { fee: quantity(list[1], 'next base fee'), block: Number(quantity(raw.oldestBlock, 'oldestBlock')) };
  }
  const h = (head ?? (await request('eth_getBlockByNumber', ['latest', false]))) as HeadFields | null;
  if (!h || typeof h !== 'object') throw new FeeHistoryResponseError('the node returned no latest block');
  if (h.baseFeePerGas === undefined || h.baseFeePerGas === null) return undefined;
  const next = await nextBaseFeeOf(request, chain, { ...h, baseFeePerGas: h.baseFeePerGas });
  return { fee: next.fee, block: Number(quantity(h.number, 'block number')) };
}

/**
 * The next block's base fee: the node's own answer on chains with their own rule (eth_feeHistory's last entry is
 * the next block's), else EIP-1559 arithmetic on the header (with an OP-stack header's own parameters).
 */
async function nextBaseFeeOf(
  request: RpcRequest,
  chain: GasChain,
  head: { number: string; baseFeePerGas: string; gasUsed: string; gasLimit: string; extraData?: string; blobGasUsed?: string },
): Promise<{ fee: bigint; source: 'header' | 'node'; opStack?: OpStackHeaderParams }> {
  const parent = { baseFeePerGas: BigInt(head.baseFeePerGas), gasUsed: BigInt(head.gasUsed), gasLimit: BigInt(head.gasLimit) };
  const constants = { elasticityMultiplier: chain.elasticityMultiplier, baseFeeChangeDenominator: chain.baseFeeChangeDenominator };
  if (chain.baseFeeRule === 'node') {
    const fromNode = await nodeNextBaseFee(request, head.number).catch(() => undefined);
    if (fromNode !== undefined) return { fee: fromNode, source: 'node' };
  }
  if (chain.l2 === 'op-stack') {
    const opStack = decodeOpStackExtraData(head.extraData);
    const fee = opStackNextBaseFee({ ...parent, extraData: head.extraData, ...(head.blobGasUsed !== undefined ? { blobGasUsed: BigInt(head.blobGasUsed) } : {}) }, constants);
    return { fee, source: 'header', ...(opStack ? { opStack } : {}) };
  }
  return { fee: nextBaseFee(parent, constants), source: 'header' };
}

/** eth_feeHistory(1, block): its baseFeePerGas list ends with the base fee of the block after `block`. */
async function nodeNextBaseFee(request: RpcRequest, block: string): Promise<bigint> {
  const raw = (await request('eth_feeHistory', ['0x1', block, []])) as { baseFeePerGas?: unknown } | null;
  const list = raw?.baseFeePerGas;
  if (!Array.isArray(list) || list.length !== 2 || typeof list[1] !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(list[1])) throw new FeeHistoryResponseError('eth_feeHistory gave no next-block base fee');
  return BigInt(list[1]);
}

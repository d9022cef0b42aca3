import type { Hex } from 'viem';
import { CHAINLINK_JPY_USD, gasChain, liveGasReport, readFeed, USD_FEEDS, type LiveReport } from '@/core/gas';
import { thirtyDaysOfBlocks } from '@/core/gas/live-report';
import { IdbFeeHistoryStorage } from '@/core/store/fee-history';
import { db } from '@/components/storage/db';
import type { GasReportResponse } from '@/core/messages';
import { jsonify } from '@/core/json';
import { loadSettings } from '@/components/storage/settings';
import { fiatRatesItem } from '@/components/storage/fiat-rates';
import { chainAccess, readAccess } from './chain-access';

class NoGasRpcError extends Error {
  override name = 'NoGasRpcError';
}

class NoPriceFeedError extends Error {
  override name = 'NoPriceFeedError';
}

/**
 * Cache only (rebuilt after a worker restart): at most one fee-history sync per chain per 15 s, and a cached
 * report is reused only while the chain's head is unchanged (one eth_blockNumber), so the "exact next-block
 * base fee" is never a block behind.
 */
const cache = new Map<string, { until: number; report: Promise<LiveReport> }>();
const TTL_MS = 15_000;

/**
 * The live gas report for a chain through the user's RPC (see core/gas/live-report.ts). History is kept in
 * IndexedDB for ~30 days and extended on every call; `quick` (the review panel) allows one RPC call for it.
 */
export async function gasReport(chainId: number, gasLimit = 21_000n, withinHours = 24, quick = false): Promise<LiveReport> {
  const key = `${chainId}|${gasLimit}|${withinHours}|${quick}`;
  const settings = await loadSettings();
  const found = await readAccess(chainId, settings);
  const access = 'none' in found ? undefined : found;
  if (!access) throw new NoGasRpcError(`No RPC for chain ${chainId}: add one in Settings.`);
  const client = access.client;
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) {
    const [head, cached] = await Promise.all([client.getBlockNumber({ cacheTime: 0 }).catch(() => undefined), hit.report.catch(() => undefined)]);
    if (cached && head !== undefined && cached.nextBlock === Number(head) + 1) return cached;
  }
  const report = liveGasReport({
    request: (method, params) => client.request({ method: method as never, params: params as never }),
    chainId,
    gasLimit,
    withinHours,
    now: Math.floor(Date.now() / 1000),
    storage: new IdbFeeHistoryStorage(db),
    retentionBlocks: thirtyDaysOfBlocks(gasChain(chainId).blockTimeSeconds),
    maxRequestsPerSync: quick ? 1 : 64,
  });
  cache.set(key, { until: Date.now() + TTL_MS, report });
  report.catch(() => cache.delete(key));
  return report;
}

const ratesCache = new Map<number, { until: number; rates: Promise<{ ethUsd: number; ethJpy: number }> }>();
const RATES_TTL_MS = 60_000;

/**
 * The price of a chain's native currency in USD and JPY (default: Ethereum's ETH), from Chainlink on Ethereum
 * mainnet through the user's chain-1 RPC (3 s budget); cached for a minute. The fields keep their historical
 * names: for Polygon `ethUsd` is the POL price. A chain with no feed in Preflight's facts has no fiat figures.
 */
export function fiatRates(chainId = 1): Promise<{ ethUsd: number; ethJpy: number }> {
  const hit = ratesCache.get(chainId);
  if (hit && hit.until > Date.now()) return hit.rates;
  const rates = readRates(chainId);
  ratesCache.set(chainId, { until: Date.now() + RATES_TTL_MS, rates });
  rates.catch(() => ratesCache.delete(chainId));
  return rates;
}

async function readRates(chainId: number): Promise<{ ethUsd: number; ethJpy: number }> {
  const chain = gasChain(chainId);
  if (!chain.usdFeed) throw new NoPriceFeedError(`No price feed for ${chain.nativeSymbol}: amounts in ${chain.nativeSymbol} only.`);
  const feed = chain.usdFeed;
  const access = chainAccess(1, await loadSettings());
  if (!access) throw new NoGasRpcError('No Ethereum RPC for price feeds.');
  const call = (args: { to: `0x${string}`; data: Hex }) => access.client.call(args);
  const now = Math.floor(Date.now() / 1000);
  const [native, jpy] = await Promise.race([
    Promise.all([readFeed(call, feed, now, chain.usdFeedMaxAgeSeconds), readFeed(call, CHAINLINK_JPY_USD, now, 86_400 + 3_600)]),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('price feeds did not answer in 3 s')), 3_000)),
  ]);
  // Reviews reuse the last ETH price (never read on their own path): store it when this was ETH's feed.
  if (feed === USD_FEEDS.ETH) void fiatRatesItem.setValue({ ethUsd: native.value, ethJpy: native.value / jpy.value, at: Date.now() }).catch(() => undefined);
  return { ethUsd: native.value, ethJpy: native.value / jpy.value };
}

export async function gasReportResponse(chainId: number, gasLimit?: string, withinHours?: number): Promise<GasReportResponse> {
  const [report, fiat] = await Promise.all([gasReport(chainId, gasLimit ? BigInt(gasLimit) : undefined, withinHours), fiatRates(chainId).then((f) => ({ f }), (e: unknown) => ({ e }))]);
  return 'f' in fiat ? { report: jsonify(report), fiat: fiat.f } : { report: jsonify(report), fiatError: fiat.e instanceof Error ? fiat.e.message : String(fiat.e) };
}

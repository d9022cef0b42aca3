import type { Hex } from 'viem';
import { gasChain, liveGasReport, readFiatRates, type LiveReport } from '@/core/gas';
import { thirtyDaysOfBlocks } from '@/core/gas/live-report';
import { IdbFeeHistoryStorage } from '@/core/store/fee-history';
import { db } from '@/components/storage/db';
import type { GasReportResponse } from '@/core/messages';
import { jsonify } from '@/core/json';
import { loadSettings } from '@/components/storage/settings';
import { fiatRatesItem } from '@/components/storage/fiat-rates';
import { chainAccess } from './chain-access';

class NoGasRpcError extends Error {
  override name = 'NoGasRpcError';
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
  const access = chainAccess(chainId, settings);
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

let ratesCache: { until: number; rates: Promise<{ ethUsd: number; ethJpy: number }> } | undefined;
const RATES_TTL_MS = 60_000;

/** ETH/USD and ETH/JPY from Chainlink on Ethereum mainnet, through the user's chain-1 RPC (3 s budget); cached for a minute. */
export function fiatRates(): Promise<{ ethUsd: number; ethJpy: number }> {
  if (ratesCache && ratesCache.until > Date.now()) return ratesCache.rates;
  const rates = readRates();
  ratesCache = { until: Date.now() + RATES_TTL_MS, rates };
  rates.catch(() => (ratesCache = undefined));
  return rates;
}

async function readRates(): Promise<{ ethUsd: number; ethJpy: number }> {
  const access = chainAccess(1, await loadSettings());
  if (!access) throw new NoGasRpcError('No Ethereum RPC for price feeds.');
  const call = (args: { to: `0x${string}`; data: Hex }) => access.client.call(args);
  const rates = await Promise.race([
    readFiatRates(call, Math.floor(Date.now() / 1000)),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('price feeds did not answer in 3 s')), 3_000)),
  ]);
  void fiatRatesItem.setValue({ ethUsd: rates.ethUsd, ethJpy: rates.ethJpy, at: Date.now() }).catch(() => undefined);
  return { ethUsd: rates.ethUsd, ethJpy: rates.ethJpy };
}

export async function gasReportResponse(chainId: number, gasLimit?: string, withinHours?: number): Promise<GasReportResponse> {
  const [report, fiat] = await Promise.all([gasReport(chainId, gasLimit ? BigInt(gasLimit) : undefined, withinHours), fiatRates().then((f) => ({ f }), (e: unknown) => ({ e }))]);
  return 'f' in fiat ? { report: jsonify(report), fiat: fiat.f } : { report: jsonify(report), fiatError: fiat.e instanceof Error ? fiat.e.message : String(fiat.e) };
}

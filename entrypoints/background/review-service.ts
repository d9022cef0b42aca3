import type { PublicClient } from 'viem';
import { verifyChain } from '@/core/chain/verify-chain';
import { reviewRequest } from '@/core/review/engine';
import type { Review } from '@/core/review/types';
import { getRecord, listRecords, recipientsOf, ReviewNotFoundError, saveReview } from '@/core/store/reviews';
import type { ReviewRecord } from '@/core/store/db';
import { db } from '@/components/storage/db';
import { loadSettings } from '@/components/storage/settings';
import { chainAccess } from './chain-access';
import { gasReport } from './gas';

const inflight = new Map<string, Promise<Review>>();

/** Chain checks verified recently (cache only): a verified client costs no extra round trip. */
const verified = new Map<PublicClient, number>();
const VERIFY_TTL_MS = 5 * 60_000;

async function analyze(record: ReviewRecord): Promise<Review> {
  const settings = await loadSettings();
  const access = chainAccess(record.request.chainId, settings);
  const history = await listRecords(await db(), 500);
  const run = (client: PublicClient | undefined, rpcProblem?: Error) =>
    reviewRequest(
      record.request,
      {
        client,
        token: client ? access?.token : undefined,
        rpcProblem,
        now: Date.now,
        trustedOrigins: settings.trustedOrigins,
        trustedSpenders: settings.trustedSpenders,
        labels: settings.labels,
        privateRpc: !!settings.protectedRpc[String(record.request.chainId)],
        knownRecipients: recipientsOf(history),
        // A 1 h deadline keeps the history small (one eth_feeHistory call) on the panel's latency path.
        services: client ? { gas: (chainId: number, gasLimit: bigint) => gasReport(chainId, gasLimit, 1, true) } : undefined,
      },
      { id: record.key, timeoutMs: Math.max(500, settings.reviewTimeoutMs - 750) },
    );
  const client = access?.client;
  if (!client || (verified.get(client) ?? 0) > Date.now()) return run(client);
  // Check the RPC serves the request's chain alongside the review; on a mismatch or a dead node, review
  // again without chain access and say why, rather than show answers about another chain.
  const [review, check] = await Promise.all([run(client), verifyChain(client, record.request.chainId).then(() => undefined, (e: unknown) => (e instanceof Error ? e : new Error(String(e))))]);
  if (!check) {
    verified.set(client, Date.now() + VERIFY_TTL_MS);
    return review;
  }
  return run(undefined, check);
}

/** The record with its review, analysing it now if no review is stored yet (e.g. after a worker restart). */
export async function ensureReview(key: string): Promise<ReviewRecord> {
  const database = await db();
  const record = await getRecord(database, key);
  if (!record) throw new ReviewNotFoundError(key);
  if (record.review) return record;
  let running = inflight.get(key);
  if (!running) {
    running = analyze(record).then(async (review) => {
      await saveReview(database, key, review);
      return review;
    });
    inflight.set(key, running);
    void running.finally(() => inflight.delete(key)).catch(() => undefined);
  }
  return { ...record, review: await running };
}

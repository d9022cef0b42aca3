import type { PublicClient } from 'viem';
import { browser } from 'wxt/browser';
import { verifyChain } from '@/core/chain/verify-chain';
import { reviewRequest } from '@/core/review/engine';
import type { Review } from '@/core/review/types';
import { ReviewNotFoundError } from '@/core/store/reviews';
import type { ReviewRecord } from '@/core/store/db';
import { memoryFallback, ReviewBook, type BookRecord, type RecordFallback } from '@/core/store/review-book';
import { KnownRecipients } from '@/core/store/known-recipients';
import { db } from '@/components/storage/db';
import { loadSettings } from '@/components/storage/settings';
import { recentEthUsd } from '@/components/storage/fiat-rates';
import { knownChain } from '@/core/chain/chains';
import { answeredSince, readAccess } from './chain-access';
import { chainSourceCard } from '@/core/review/chain-source';
import { walletElsewhere } from '@/core/review/no-chain-access';
import { gasReport } from './gas';
import { scamAddresses } from './scam-list';
import { hostCheck } from './threat-lists';
import { userTimeZone } from '@/components/i18n/time';
import { loadInventory } from '@/core/store/approvals';
import { benchMark } from './bench-mark';

/**
 * Records that IndexedDB had no room for: browser.storage.session keeps them while the browser runs (and
 * across worker restarts); if that is full too, this worker's memory does.
 */
function sessionFallback(): RecordFallback {
  const memory = memoryFallback();
  const prefix = 'unsaved-review:';
  const session = browser.storage.session;
  return {
    async get(key) {
      return (await memory.get(key)) ?? ((await session.get(prefix + key).catch(() => ({}))) as Record<string, ReviewRecord | undefined>)[prefix + key];
    },
    async put(record) {
      await session.set({ [prefix + record.key]: record }).catch(() => memory.put(record));
    },
    async all() {
      const stored = Object.entries((await session.get(null).catch(() => ({}))) as Record<string, ReviewRecord>).filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
      const keys = new Set(stored.map((r) => r.key));
      return [...stored, ...(await memory.all()).filter((r) => !keys.has(r.key))];
    },
  };
}

/** The review history (IndexedDB, with the session fallback when it is full). */
export const reviewBook = new ReviewBook(db, sessionFallback());
/** Recipients of continued transactions, kept in the kv store (for address-poisoning checks). */
export const knownRecipients = new KnownRecipients(db);

const inflight = new Map<string, Promise<BookRecord>>();

/** Chain checks verified recently (cache only): a verified client costs no extra round trip. */
const verified = new Map<PublicClient, number>();
const VERIFY_TTL_MS = 5 * 60_000;

async function analyze(record: ReviewRecord): Promise<Review> {
  const started = Date.now();
  // (The analyzers' marks are this review's only: an earlier review's are cleared.)
  for (const m of performance.getEntriesByType('mark')) if (m.name.startsWith('preflight:an:')) performance.clearMarks(m.name);
  // Everything the checks need is read at once: settings and the chain's reader, the known recipients, the
  // recent ETH price and the scam list are independent reads (storage, IndexedDB, MetaMask's port).
  const settingsRead = loadSettings();
  // (Each input's own mark, for scripts/bench/cold-first.ts: which read a just-started worker waits for.)
  const marked = <T>(p: Promise<T>, name: string): Promise<T> => p.finally(() => benchMark(name));
  const [settings, found, recipients, spenders, ethUsd, scam] = await Promise.all([
    marked(settingsRead, 'preflight:in:settings'),
    marked(settingsRead.then((s) => readAccess(record.request.chainId, s)), 'preflight:in:access'),
    marked(knownRecipients.list().catch(() => []), 'preflight:in:recipients'),
    knownRecipients.spenders().catch(() => []),
    knownChain(record.request.chainId)?.currency.symbol === 'ETH' ? marked(recentEthUsd(Date.now()), 'preflight:in:ethusd') : undefined,
    marked(scamAddresses().catch(() => undefined), 'preflight:in:scam'),
  ]);
  benchMark('preflight:inputs');
  const access = 'none' in found ? undefined : found;
  const run = (client: PublicClient | undefined, rpcProblem?: Error) =>
    reviewRequest(
      record.request,
      {
        client,
        token: client ? access?.token : undefined,
        rpcProblem,
        chainSources: access?.sources,
        // No RPC of the user's and none public for this chain: say which on-chain checks were skipped.
        ...('none' in found ? { noChainAccess: found.walletServes !== undefined ? { reason: walletElsewhere(record.request.chainId, found.walletServes) } : {} } : {}),
        now: Date.now,
        timeZone: userTimeZone(),
        trustedOrigins: settings.trustedOrigins,
        trustedSpenders: settings.trustedSpenders,
        labels: settings.labels,
        privateRpc: !!settings.protectedRpc[String(record.request.chainId)],
        knownRecipients: recipients,
        knownSpenders: spenders,
        scamAddresses: scam,
        // The stored approvals inventory (one IndexedDB read): the whole-wallet view on approvals and permits.
        approvals: (chainId, account) => db().then((d) => loadInventory(d, chainId, account)),
        checkDomain: hostCheck,
        ethUsd,
        // A 1 h deadline keeps the history small (one eth_feeHistory call) on the panel's latency path.
        services: client ? { gas: (chainId: number, gasLimit: bigint) => gasReport(chainId, gasLimit, 1, true) } : undefined,
      },
      { id: record.key, timeoutMs: Math.max(500, settings.reviewTimeoutMs - 750), onSettled: (id) => benchMark(`preflight:an:${id}`) },
    );
  const client = access?.client;
  if (!client || (verified.get(client) ?? 0) > Date.now()) return withSourceCard(await run(client), record.request.chainId, started);
  // Check the RPC serves the request's chain alongside the review; on a mismatch or a dead node, review
  // again without chain access and say why, rather than show answers about another chain.
  const [review, check] = await Promise.all([run(client), verifyChain(client, record.request.chainId).then(() => undefined, (e: unknown) => (e instanceof Error ? e : new Error(String(e))))]);
  if (!check) {
    verified.set(client, Date.now() + VERIFY_TTL_MS);
    return withSourceCard(review, record.request.chainId, started);
  }
  return run(undefined, check);
}

/** The review with a card naming what read its chain ("Checked through MetaMask's RPC for Linea Mainnet"). */
function withSourceCard(review: Review, chainId: number, since: number): Review {
  const card = chainSourceCard(chainId, answeredSince(chainId, since));
  return card ? { ...review, cards: [...review.cards, card] } : review;
}

/** Runs the review of `record` once (a second call for the same key shares the first), storing it when `stored` is done. */
function runReview(record: ReviewRecord, stored: Promise<unknown>): Promise<BookRecord> {
  let running = inflight.get(record.key);
  if (!running) {
    const analysed = analyze(record);
    void analysed.then(() => benchMark('preflight:analysed'), () => undefined);
    void stored.then(() => benchMark('preflight:stored'), () => undefined);
    running = Promise.all([analysed, stored]).then(async ([review]) => {
      const saved = await reviewBook.saveReview(record.key, review);
      benchMark('preflight:reviewed');
      return saved;
    });
    inflight.set(record.key, running);
    void running.finally(() => inflight.delete(record.key)).catch(() => undefined);
  }
  return running;
}

/**
 * Stores a new request and starts its review at once, alongside the write (the review does not wait for the
 * record to reach IndexedDB; it is stored with the record once both are done). Resolves when the request is stored.
 */
export async function startReview(record: ReviewRecord): Promise<void> {
  const stored = reviewBook.put(record);
  void runReview(record, stored).catch(() => undefined); // the panel asks for it and reports failures
  await stored;
}

/** The record with its review, analysing it now if no review is stored yet (e.g. after a worker restart). */
export async function ensureReview(key: string): Promise<BookRecord> {
  const running = inflight.get(key);
  if (running) return running;
  const record = await reviewBook.get(key);
  if (!record) throw new ReviewNotFoundError(key);
  if (record.review) return record;
  return runReview(record, Promise.resolve());
}

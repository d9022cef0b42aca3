import { http, HttpRequestError, RpcRequestError, TimeoutError, type Transport } from 'viem';

/**
 * viem's HTTP transport with JSON-RPC batching, for nodes that refuse batches. Calls made together go in one batch (a
 * review's round trips depend on it); some nodes take only a few calls a batch or none (a public RPC's free tier
 * answers HTTP 500 to more than 3, hemilabs/ui-monorepo#887; geth answers a batch over `--rpc.batch-request-limit`
 * with one "batch too large" error, so the other calls get no answer at all). There, the calls of a refused batch are
 * sent again at once in batches of at most 3, and if those are refused too, each alone; the way that worked is kept
 * for that node (for as long as this module lives, and longer where the caller keeps what was learned:
 * `onBatchLimitLearned`, `restoreBatchLimits`). Without this a review on such a node lost the checks whose calls
 * were batched: the simulation said so, the spender's age search (7 calls at a time) did not. Batches of 3
 * rather than single calls: a browser opens at most 6 HTTP/1.1 connections to a host, so a round of 14 single calls
 * would take three round trips there.
 *
 * Retries: a refused batch's calls are sent again at once the next way down (alone: with viem's `retryCount` retries
 * of their own); a batch that timed out, met HTTP 429 or did not reach the node is sent again as a batch after
 * `retryDelay` (or the 429's `Retry-After`), at most `retryCount` times, as viem's own retry did.
 */
export interface BatchingHttpOptions {
  timeout: number;
  retryCount: number;
  retryDelay: number;
}

/** A batch size every node that batches at all is known to take (the smallest cap met: 3, hemilabs/ui-monorepo#887). */
const SMALL_BATCH = 3;

/** How each node has been found to take calls (by URL): 1 = batches of at most SMALL_BATCH, 2 = alone. */
const levels = new Map<string, number>();

let learned: ((all: Readonly<Record<string, number>>) => void) | undefined;

/**
 * What a previous worker learned (the caller keeps it, e.g. in session storage, and passes it back at start): without
 * it every worker start would send a capped node one batch it refuses before it knows again.
 */
export function restoreBatchLimits(saved: Readonly<Record<string, unknown>>): void {
  for (const [url, level] of Object.entries(saved)) if (level === 1 || level === 2) levels.set(url, Math.max(levels.get(url) ?? 0, level));
}

/** Called with every node's level whenever one is learned (to be kept by the caller). */
export function onBatchLimitLearned(fn: (all: Readonly<Record<string, number>>) => void): void {
  learned = fn;
}

/** What `url` has been found to refuse: nothing yet, big batches (it takes SMALL_BATCH) or batches at all. */
export function batchLimitOf(url: string): 'none' | 'small' | 'no-batches' {
  const level = levels.get(url) ?? 0;
  return level === 0 ? 'none' : level === 1 ? 'small' : 'no-batches';
}

/**
 * The batch was refused rather than one call in it: the node answered the HTTP request with a failure status (not
 * 429), or its error names the batch (geth's "batch too large", viem's "Expected 7 responses to batch request." for a
 * batch answered short). A JSON-RPC error about the call itself (a revert, bad params) is the call's answer and is not
 * sent again; a node that was not reached (no status: dead, unreachable) is no batch's fault either.
 */
function batchRefused(e: unknown): boolean {
  const names = (x: unknown) => x instanceof Error && /batch/i.test(x.message);
  // viem wraps what it met (a JSON-RPC error becomes e.g. InvalidRequestRpcError with the RpcRequestError as its cause).
  for (let c: unknown = e, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) {
    if (c instanceof HttpRequestError) return c.status !== undefined ? c.status !== 429 : names(c.cause);
    if (c instanceof RpcRequestError) return /batch/i.test(c.details) || (c.status !== undefined && c.status >= 400 && c.status !== 429);
  }
  return false;
}

/** A failure worth one more try after a pause (what viem's own retry would have retried): a timeout, 429, no answer. */
const transient = (e: unknown): boolean => e instanceof TimeoutError || (e instanceof HttpRequestError && (e.status === 429 || e.status === undefined));

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long a node asked to be left alone (HTTP `Retry-After` in seconds, as viem's own retry reads it), in ms. */
function retryAfterMs(e: unknown): number | undefined {
  const header = e instanceof HttpRequestError ? e.headers?.get('Retry-After') : undefined;
  const seconds = header ? Number.parseInt(header, 10) : Number.NaN;
  return Number.isNaN(seconds) ? undefined : seconds * 1000;
}

export function batchingHttp(url: string, opts: BatchingHttpOptions): Transport {
  // Three ways to send, tried in this order on a refusal: one batch for the calls made together, batches of at most
  // SMALL_BATCH, every call alone.
  const ways = [
    http(url, { timeout: opts.timeout, retryCount: 0, batch: { wait: 0 } }),
    http(url, { timeout: opts.timeout, retryCount: 0, batch: { wait: 0, batchSize: SMALL_BATCH } }),
    http(url, { timeout: opts.timeout, retryCount: opts.retryCount, retryDelay: opts.retryDelay }),
  ];
  return (config) => {
    const [full, small, alone] = ways.map((w) => w(config)) as [ReturnType<Transport>, ReturnType<Transport>, ReturnType<Transport>];
    const byLevel = [full, small, alone];
    const request = (async (args: Parameters<typeof full.request>[0], options?: Parameters<typeof full.request>[1]) => {
      let retries = 0;
      for (let level = levels.get(url) ?? 0; ; ) {
        try {
          const result: unknown = await byLevel[level]!.request(args, options);
          // It worked this way where a bigger batch had failed: the node gets no bigger batches from now on.
          if (level > (levels.get(url) ?? 0)) {
            levels.set(url, level);
            learned?.(Object.fromEntries(levels));
          }
          return result;
        } catch (e) {
          if (level < 2 && batchRefused(e)) {
            level++;
            continue;
          }
          // Alone, viem's own retries have run; a batch is tried again as a batch, after the pause.
          if (level === 2 || !transient(e) || retries >= opts.retryCount) throw e;
          retries++;
          await pause(retryAfterMs(e) ?? opts.retryDelay);
        }
      }
    }) as typeof full.request;
    return { ...full, request };
  };
}

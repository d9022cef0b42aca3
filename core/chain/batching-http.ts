import { http, HttpRequestError, RpcRequestError, TimeoutError, type Transport } from 'viem';

/**
 * viem's HTTP transport with JSON-RPC batching, for nodes that refuse batches. Calls made together go in one batch (a
 * review's round trips depend on it); some nodes take only a few calls a batch or none (a public RPC's free tier
 * answers HTTP 500 to more than 3, hemilabs/ui-monorepo#887; geth answers a batch over `--rpc.batch-request-limit`
 * with one "batch too large" error, so the other calls get no answer at all). There, a call whose batch failed is sent
 * again alone at once, and once a call alone has worked where its batch failed, that node gets every call alone from
 * then on (for as long as this module lives: a worker start forgets it). Without this a review on such a node lost
 * the checks whose calls were batched (the spender's age search sends 7 at a time), silently.
 *
 * Retries: a batch is never resent as it was (viem would resend the same batch after a delay). A refused batch's calls
 * are sent alone at once, each with `retryCount` retries of its own; a batch that timed out or met HTTP 429 has its
 * calls sent alone after `retryDelay`, with one retry fewer (the batch was the first try).
 */
export interface BatchingHttpOptions {
  timeout: number;
  retryCount: number;
  retryDelay: number;
}

/** Nodes that refused a batch whose calls then worked alone (by URL). */
const unbatched = new Set<string>();

/** Whether `url` has been found to refuse batches (for tests and the bench). */
export const refusesBatches = (url: string): boolean => unbatched.has(url);

/**
 * The batch was refused rather than one call in it: the HTTP request failed (a status other than 429, a body that is
 * not JSON-RPC), the answer lacked this call (viem then fails to read it: an error that is not one of viem's own), or
 * the node's error names the batch. A JSON-RPC error about the call itself (a revert, bad params) is the call's answer
 * and is not sent again.
 */
function batchRefused(e: unknown): boolean {
  // viem wraps what it met (a JSON-RPC error becomes e.g. InvalidRequestRpcError with the RpcRequestError as its cause).
  for (let c: unknown = e, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) {
    if (c instanceof HttpRequestError) return c.status !== 429;
    if (c instanceof RpcRequestError) return /batch/i.test(c.details);
    // viem reads the answer at the call's place in the batch; a batch answered short leaves it undefined.
    if (c instanceof TypeError) return true;
  }
  return false;
}

/** A failure worth one more try after a pause (what viem's own retry would have retried). */
const transient = (e: unknown): boolean => e instanceof TimeoutError || (e instanceof HttpRequestError && e.status === 429);

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function batchingHttp(url: string, opts: BatchingHttpOptions): Transport {
  const batched = http(url, { timeout: opts.timeout, retryCount: 0, batch: { wait: 0 } });
  const alone = http(url, { timeout: opts.timeout, retryCount: opts.retryCount, retryDelay: opts.retryDelay });
  return (config) => {
    const b = batched(config);
    const a = alone(config);
    const request = (async (args: Parameters<typeof b.request>[0], options?: Parameters<typeof b.request>[1]) => {
      if (unbatched.has(url)) return a.request(args, options);
      try {
        return await b.request(args, options);
      } catch (e) {
        if (batchRefused(e)) {
          // Sent alone at once, with its own retries; if that works, the node takes no batches of this size.
          const result: unknown = await a.request(args, options);
          unbatched.add(url);
          return result;
        }
        if (!transient(e) || opts.retryCount < 1) throw e;
        await pause(opts.retryDelay);
        return a.request(args, { ...options, retryCount: opts.retryCount - 1 });
      }
    }) as typeof b.request;
    return { ...b, request };
  };
}

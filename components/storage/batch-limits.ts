import { storage } from '#imports';

/**
 * RPC nodes found to refuse big JSON-RPC batches (URL → 1: batches of 3, 2: no batches; core/chain/batching-http.ts).
 * Session storage: a stopped worker's successor starts from it; a browser restart forgets it (a node may change).
 */
export const batchLimitsItem = storage.defineItem<Record<string, number>>('session:batchLimits', { fallback: {} });

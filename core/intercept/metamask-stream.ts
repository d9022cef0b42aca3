/**
 * MetaMask's page streams, as the vendored MetaMask 13.5.0 (Chrome MV3) listens on them, and what travels on
 * them. Pure: it reads message data (already structured-cloned into our world) and builds answers.
 *
 * MetaMask's content script (scripts/contentscript.js) runs two `WindowPostMessageStream`s on the page's window;
 * each accepts a message when `event.origin === location.origin`, `event.source === window`, and
 * `data.target` is its name. Inside, an object multiplex routes `data.data = { name, data }` to a substream:
 *
 * | stream (target the page posts to) | answers go to | substream | carries |
 * |---|---|---|---|
 * | `metamask-contentscript` | `metamask-inpage` | `metamask-provider` | EIP-1193 JSON-RPC (one request or a batch array) |
 * | `metamask-contentscript` | `metamask-inpage` | `metamask-multichain-provider` | CAIP-25 multichain API (`wallet_invokeMethod`); the background wires it on Firefox only, Chrome uses externally_connectable |
 * | `contentscript` (legacy) | `inpage` | `provider` | EIP-1193 JSON-RPC, piped to the same background engine |
 *
 * A stream handshakes with `'SYN'`/`'ACK'` strings as its first messages; the legacy one is opened by a page that
 * posts `'ACK'` itself.
 */
import { REVIEWED_METHODS, type ReviewedMethod } from '../review/types';

export type StreamKind = 'provider' | 'legacy-provider' | 'multichain';

interface StreamShape {
  /** `data.target` of a message to MetaMask's content script. */
  target: string;
  /** `data.target` of MetaMask's answers to the page. */
  replyTarget: string;
  /** Substream name, `data.data.name`. */
  name: string;
}

export const METAMASK_STREAMS: Record<StreamKind, StreamShape> = {
  provider: { target: 'metamask-contentscript', replyTarget: 'metamask-inpage', name: 'metamask-provider' },
  'legacy-provider': { target: 'contentscript', replyTarget: 'inpage', name: 'provider' },
  multichain: { target: 'metamask-contentscript', replyTarget: 'metamask-inpage', name: 'metamask-multichain-provider' },
};

/** One reviewed request found in a stream message. */
export interface StreamRequest {
  /** The JSON-RPC id the page chose (answers carry it back). */
  id: unknown;
  method: ReviewedMethod;
  params: unknown;
  /** Hex chain id when the message names one (a CAIP `eip155:<n>` scope); otherwise the wallet's current chain. */
  chainId: string | null;
  /** Position in a batch; 0 for a single request. */
  index: number;
}

export interface StreamMessage {
  kind: StreamKind;
  batch: boolean;
  /** Every JSON-RPC id in the message, in order (a rejection answers each). */
  ids: unknown[];
  /** The requests that need a review; empty for reads, events, connects and other noise. */
  reviewed: StreamRequest[];
}

const REVIEWED: Record<string, true> = Object.create(null) as Record<string, true>;
for (const m of REVIEWED_METHODS) REVIEWED[m] = true;
const isReviewed = (method: unknown): method is ReviewedMethod => typeof method === 'string' && REVIEWED[method] === true;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function kindOf(target: unknown, name: unknown): StreamKind | undefined {
  for (const kind of Object.keys(METAMASK_STREAMS) as StreamKind[]) {
    const s = METAMASK_STREAMS[kind];
    if (s.target === target && s.name === name) return kind;
  }
  return undefined;
}

/** `eip155:137` → `0x89`; anything else (another namespace, a malformed scope) → null. */
export function chainIdOfScope(scope: unknown): string | null {
  if (typeof scope !== 'string') return null;
  const m = /^eip155:([1-9][0-9]{0,15})$/.exec(scope);
  return m ? `0x${BigInt(m[1]!).toString(16)}` : null;
}

/** The reviewed request inside one JSON-RPC request of a stream, or undefined. */
function reviewedIn(kind: StreamKind, request: unknown, index: number): StreamRequest | undefined {
  if (!isRecord(request)) return undefined;
  if (kind !== 'multichain') return isReviewed(request.method) ? { id: request.id, method: request.method, params: request.params, chainId: null, index } : undefined;
  // CAIP-25: wallet_invokeMethod { scope, request: { method, params } } carries the EIP-1193 request inside.
  if (request.method !== 'wallet_invokeMethod' || !isRecord(request.params)) return undefined;
  const inner = request.params.request;
  if (!isRecord(inner) || !isReviewed(inner.method)) return undefined;
  if (typeof request.params.scope === 'string' && !request.params.scope.startsWith('eip155:')) return undefined; // Solana and others: not reviewed
  return { id: request.id, method: inner.method, params: inner.params, chainId: chainIdOfScope(request.params.scope), index };
}

/**
 * What a window message means to MetaMask, or undefined when MetaMask's content script would not take it as a
 * request (another target, a handshake string, an answer). Does not check origin and source: the caller does,
 * as MetaMask does (`event.origin === location.origin && event.source === window`).
 */
export function classifyStreamMessage(data: unknown): StreamMessage | undefined {
  if (!isRecord(data) || !isRecord(data.data)) return undefined;
  const kind = kindOf(data.target, data.data.name);
  if (!kind) return undefined;
  const payload = data.data.data;
  const batch = Array.isArray(payload);
  const items: unknown[] = batch ? payload : [payload];
  if (!batch && !isRecord(payload)) return undefined;
  const reviewed: StreamRequest[] = [];
  const ids: unknown[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (isRecord(item)) ids.push(item.id);
    const r = reviewedIn(kind, item, i);
    if (r) reviewed.push(r);
  }
  return { kind, batch, ids, reviewed };
}

/** True for the handshake MetaMask's content script posts to the page when it starts (`'SYN'` to an inpage stream). */
export function isContentScriptHandshake(data: unknown): boolean {
  return isRecord(data) && data.data === 'SYN' && (data.target === METAMASK_STREAMS.provider.replyTarget || data.target === METAMASK_STREAMS['legacy-provider'].replyTarget);
}

export const USER_REJECTED = { code: 4001, message: 'User rejected the request.' } as const;

/** MetaMask's answer shape for a rejected request: what the page's stream reader expects (one per id; an array for a batch). */
export function rejectionMessage(message: StreamMessage): { target: string; data: { name: string; data: unknown } } {
  const s = METAMASK_STREAMS[message.kind];
  const answer = (id: unknown) => ({ jsonrpc: '2.0', id, error: { ...USER_REJECTED } });
  return { target: s.replyTarget, data: { name: s.name, data: message.batch ? message.ids.map(answer) : answer(message.ids[0]) } };
}

/** The message with one reviewed request's params replaced (fees the user chose to apply). */
export function withParams(data: unknown, kind: StreamKind, index: number, params: unknown): unknown {
  if (!isRecord(data) || !isRecord(data.data)) return data;
  const payload = data.data.data;
  const replace = (request: unknown): unknown => {
    if (!isRecord(request)) return request;
    if (kind !== 'multichain') return { ...request, params };
    const p = request.params as Record<string, unknown>;
    return { ...request, params: { ...p, request: { ...(p.request as Record<string, unknown>), params } } };
  };
  const next = Array.isArray(payload) ? payload.map((r, i) => (i === index ? replace(r) : r)) : replace(payload);
  return { ...data, data: { ...data.data, data: next } };
}

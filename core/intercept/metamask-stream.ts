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
 *
 * The port path (classifyPortMessage) runs in the page's own world, where the page may patch built-ins after
 * document_start: so no prototype method, iterator or array setter is used on the way to "reviewed or not" and to
 * the forwarded payload; built-ins are captured when this module loads, and list entries are defined, not pushed.
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

// Captured at load (document_start in the page): later patches by the page do not reach these.
const isArray = Array.isArray;
const define = Object.defineProperty;
const toBigInt = BigInt;
/** Appends without Array.prototype.push or index setters the page could have planted. */
function append<T>(list: T[], value: T): void {
  define(list, list.length, { value, writable: true, enumerable: true, configurable: true });
}

const REVIEWED: Record<string, true> = Object.create(null) as Record<string, true>;
for (let i = 0; i < REVIEWED_METHODS.length; i++) REVIEWED[REVIEWED_METHODS[i]!] = true;
const isReviewed = (method: unknown): method is ReviewedMethod => typeof method === 'string' && REVIEWED[method] === true;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !isArray(v);

function kindOf(target: unknown, name: unknown): StreamKind | undefined {
  if (target === METAMASK_STREAMS.provider.target && name === METAMASK_STREAMS.provider.name) return 'provider';
  if (target === METAMASK_STREAMS.multichain.target && name === METAMASK_STREAMS.multichain.name) return 'multichain';
  if (target === METAMASK_STREAMS['legacy-provider'].target && name === METAMASK_STREAMS['legacy-provider'].name) return 'legacy-provider';
  return undefined;
}

/** True when `text` starts with `prefix`, by string indexing only (String.prototype methods may be patched). */
function startsWith(text: string, prefix: string): boolean {
  if (text.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (text[i] !== prefix[i]) return false;
  return true;
}

/** `eip155:137` → `0x89`; anything else (another namespace, a malformed scope) → null. */
export function chainIdOfScope(scope: unknown): string | null {
  if (typeof scope !== 'string' || !startsWith(scope, 'eip155:')) return null;
  const digits = scope.length - 7;
  if (digits < 1 || digits > 16 || scope[7] === '0') return null;
  let n = 0n;
  for (let i = 7; i < scope.length; i++) {
    const c = scope[i]!;
    if (c < '0' || c > '9') return null;
    n = n * 10n + toBigInt(c);
  }
  return `0x${n.toString(16)}`;
}

/** The reviewed request inside one JSON-RPC request of a stream, or undefined. */
function reviewedIn(kind: StreamKind, request: unknown, index: number): StreamRequest | undefined {
  if (!isRecord(request)) return undefined;
  if (kind !== 'multichain') return isReviewed(request.method) ? { id: request.id, method: request.method, params: request.params, chainId: null, index } : undefined;
  // CAIP-25: wallet_invokeMethod { scope, request: { method, params } } carries the EIP-1193 request inside.
  if (request.method !== 'wallet_invokeMethod' || !isRecord(request.params)) return undefined;
  const inner = request.params.request;
  if (!isRecord(inner) || !isReviewed(inner.method)) return undefined;
  // Another namespace (Solana…) has no EVM signing; a missing or odd scope is reviewed (MetaMask decides what it means).
  const scope = request.params.scope;
  if (typeof scope === 'string' && scope.length > 0 && !startsWith(scope, 'eip155:') && !startsWith(scope, 'wallet')) return undefined;
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
  return classifyPayload(kind, data.data.data);
}

function classifyPayload(kind: StreamKind, payload: unknown): StreamMessage | undefined {
  const batch = isArray(payload);
  if (!batch && !isRecord(payload)) return undefined;
  const items: unknown[] = batch ? payload : [payload];
  const reviewed: StreamRequest[] = [];
  const ids: unknown[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (isRecord(item)) append(ids, item.id);
    const r = reviewedIn(kind, item, i);
    if (r) append(reviewed, r);
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
  return { target: s.replyTarget, data: { name: s.name, data: rejectionPayload(message) } };
}

const rejectionPayload = (message: StreamMessage): unknown => {
  const answer = (id: unknown) => ({ jsonrpc: '2.0', id, error: { code: USER_REJECTED.code, message: USER_REJECTED.message } });
  if (!message.batch) return answer(message.ids[0]);
  const all: unknown[] = [];
  for (let i = 0; i < message.ids.length; i++) append(all, answer(message.ids[i]));
  return all;
};

/** A JSON-RPC payload (one request or a batch) with one request's params replaced (fees chosen in the panel). */
export function replaceParams(payload: unknown, kind: StreamKind, index: number, params: unknown): unknown {
  const replace = (request: unknown): unknown => {
    if (!isRecord(request)) return request;
    if (kind !== 'multichain') return { ...request, params };
    const p = isRecord(request.params) ? request.params : {};
    return { ...request, params: { ...p, request: { ...(isRecord(p.request) ? p.request : {}), params } } };
  };
  if (!isArray(payload)) return replace(payload);
  const out: unknown[] = [];
  for (let i = 0; i < payload.length; i++) append(out, i === index ? replace(payload[i]) : payload[i]);
  return out;
}

/** The window message with one reviewed request's params replaced. */
export function withParams(data: unknown, kind: StreamKind, index: number, params: unknown): unknown {
  if (!isRecord(data) || !isRecord(data.data)) return data;
  return { ...data, data: { ...data.data, data: replaceParams(data.data.data, kind, index, params) } };
}

/**
 * MetaMask's multichain API over `externally_connectable`: on Chrome a web page may `chrome.runtime.connect(<MetaMask
 * id>)` and post `{ type: 'caip-348', data: <JSON-RPC> }` straight to MetaMask's background (no content script sees it).
 */
export const CAIP_PORT_TYPE = 'caip-348';

export function classifyPortMessage(message: unknown): StreamMessage | undefined {
  if (!isRecord(message) || message.type !== CAIP_PORT_TYPE) return undefined;
  return classifyPayload('multichain', message.data);
}

/** MetaMask's answer on the port for a rejected request (an array for a batch). */
export function portRejection(message: StreamMessage): { type: string; data: unknown } {
  return { type: CAIP_PORT_TYPE, data: rejectionPayload(message) };
}

import { isReviewedMethod } from '../review/types';
import { UserRejectedRequestError } from './rpc-error';
import type { ReviewFees } from './protocol';

/** An EIP-1193 provider as dApps see it, with the legacy send/sendAsync most wallets still expose. */
export interface Eip1193Like {
  request?: (args: { method: string; params?: unknown }) => Promise<unknown>;
  send?: (...args: unknown[]) => unknown;
  sendAsync?: (payload: unknown, callback: (error: unknown, response?: unknown) => void) => void;
}

export interface Verdict {
  decision: 'continue' | 'reject';
  fees?: ReviewFees;
  /** Identifies the review, handed back in `settled`. */
  ticket?: string;
}

export interface WrapHooks {
  /** Asks the user (through the panel) and resolves with their decision. Never rejects. */
  review(method: string, params: unknown, provider: Eip1193Like): Promise<Verdict>;
  /** The wallet answered a forwarded request (the companion card can go). */
  settled?(ticket: string, ok: boolean): void;
}

type Callback = (error: unknown, response?: unknown) => void;
interface JsonRpcPayload {
  id?: unknown;
  jsonrpc?: unknown;
  method: string;
  params?: unknown;
}

const isPayload = (v: unknown): v is JsonRpcPayload =>
  typeof v === 'object' && v !== null && typeof (v as { method?: unknown }).method === 'string';

/** Applies fees the user chose in the panel to an eth_sendTransaction's params; other requests unchanged. */
export function applyFees(method: string, params: unknown, fees: ReviewFees | undefined): unknown {
  if (!fees || method !== 'eth_sendTransaction' || !Array.isArray(params) || typeof params[0] !== 'object' || params[0] === null) return params;
  const { gasPrice: _legacy, ...tx } = params[0] as Record<string, unknown>;
  return [{ ...tx, maxFeePerGas: fees.maxFeePerGas, maxPriorityFeePerGas: fees.maxPriorityFeePerGas }, ...params.slice(1)];
}

/**
 * Replaces request/send/sendAsync on the provider object in place (so identity checks and the wallet's
 * own `this` keep working). Reviewed methods wait for the user's decision; all others pass through untouched.
 * Returns false when the object cannot be modified (frozen).
 */
export function wrapProvider(provider: Eip1193Like, hooks: WrapHooks, define = Object.defineProperty): boolean {
  const original = {
    request: provider.request,
    send: provider.send,
    sendAsync: provider.sendAsync,
  };

  /** Waits for the user's decision; resolves with the params to forward, rejects with 4001. */
  async function gate(method: string, params: unknown): Promise<{ params: unknown; ticket?: string }> {
    const verdict = await hooks.review(method, params, provider);
    if (verdict.decision !== 'continue') throw new UserRejectedRequestError();
    return { params: applyFees(method, params, verdict.fees), ticket: verdict.ticket };
  }

  function track<T>(ticket: string | undefined, p: Promise<T>): Promise<T> {
    if (ticket) {
      p.then(
        () => hooks.settled?.(ticket, true),
        () => hooks.settled?.(ticket, false),
      );
    }
    return p;
  }

  const wrapped: Partial<Eip1193Like> = {};
  if (typeof original.request === 'function') {
    const req = original.request;
    wrapped.request = function request(this: unknown, args: { method: string; params?: unknown }) {
      if (!args || !isReviewedMethod(args.method)) return req.call(this ?? provider, args);
      return gate(args.method, args.params).then((g) => track(g.ticket, req.call(this ?? provider, { ...args, params: g.params })));
    };
  }
  if (typeof original.sendAsync === 'function') {
    const sendAsync = original.sendAsync;
    wrapped.sendAsync = function (this: unknown, payload: unknown, callback: Callback) {
      const self = this ?? provider;
      const items = Array.isArray(payload) ? payload : [payload];
      const reviewed = items.filter((p): p is JsonRpcPayload => isPayload(p) && isReviewedMethod(p.method));
      if (reviewed.length === 0) return sendAsync.call(self, payload, callback);
      void (async () => {
        const out: unknown[] = [];
        for (const p of items) {
          if (isPayload(p) && isReviewedMethod(p.method)) {
            try {
              out.push({ ...p, params: (await gate(p.method, p.params)).params });
            } catch (error) {
              const e = error as UserRejectedRequestError;
              const response = { id: (p as JsonRpcPayload).id, jsonrpc: '2.0', error: { code: e.code, message: e.message } };
              return callback(e, Array.isArray(payload) ? [response] : response);
            }
          } else out.push(p);
        }
        sendAsync.call(self, Array.isArray(payload) ? out : out[0], callback);
      })();
    };
  }
  if (typeof original.send === 'function') {
    const send = original.send;
    wrapped.send = function (this: unknown, ...args: unknown[]) {
      const self = this ?? provider;
      const [first, second] = args;
      // send(method, params) → Promise (EIP-1193 legacy form)
      if (typeof first === 'string') {
        if (!isReviewedMethod(first)) return send.apply(self, args);
        return gate(first, second).then((g) => track(g.ticket, Promise.resolve(send.call(self, first, g.params))));
      }
      // send(payload, callback) → like sendAsync
      if (isPayload(first) && typeof second === 'function') {
        if (!isReviewedMethod(first.method)) return send.apply(self, args);
        const callback = second as Callback;
        gate(first.method, first.params).then(
          (g) => send.call(self, { ...first, params: g.params }, callback),
          (e: UserRejectedRequestError) => callback(e, { id: first.id, jsonrpc: '2.0', error: { code: e.code, message: e.message } }),
        );
        return undefined;
      }
      // send(payload) synchronous: only account reads are allowed there; pass through.
      return send.apply(self, args);
    };
  }

  try {
    for (const [key, value] of Object.entries(wrapped)) {
      define(provider, key, { value, writable: true, configurable: true, enumerable: false });
    }
    return true;
  } catch {
    return false;
  }
}

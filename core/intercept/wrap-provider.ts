import { REVIEWED_METHODS } from '../review/types';
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
  /**
   * The params exactly as reviewed (a copy taken when the review started). Forwarded instead of the
   * page's object, so a page cannot change a request between the review and the wallet.
   */
  params?: unknown;
}

/**
 * Null-prototype lookup: a page that patches Array.prototype.includes or Set.prototype.has after
 * document_start cannot make a reviewed method look unreviewed.
 */
const REVIEWED: Record<string, true> = Object.create(null) as Record<string, true>;
for (const m of REVIEWED_METHODS) REVIEWED[m] = true;
const isReviewedMethod = (method: unknown): method is string => typeof method === 'string' && REVIEWED[method] === true;

export interface WrapHooks {
  /** Asks the user (through the panel) and resolves with their decision. Never rejects. */
  review(method: string, params: unknown, provider: Eip1193Like): Promise<Verdict>;
  /** The wallet answered a forwarded request (the companion card can go). */
  settled?(ticket: string, ok: boolean): void;
  /** The page called the provider (any method): it talks to a wallet, so a request to review may follow. */
  used?(): void;
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

// Captured when this module is evaluated (document_start in the page): later patches by the page do not reach us.
const apply = Reflect.apply;
const isArray = Array.isArray;

/**
 * Replaces request/send/sendAsync on the provider object in place (so identity checks and the wallet's
 * own `this` keep working). Reviewed methods wait for the user's decision; all others pass through untouched.
 * The decision path uses only `await` and captured built-ins: a page that patches Promise.prototype.then,
 * Function.prototype.call or array methods after document_start cannot forward a request without Continue.
 * Returns false when the object cannot be modified (frozen).
 */
export function wrapProvider(provider: Eip1193Like, hooks: WrapHooks, define: typeof Object.defineProperty = Object.defineProperty): boolean {
  const original = {
    request: provider.request,
    send: provider.send,
    sendAsync: provider.sendAsync,
  };

  /** Waits for the user's decision; resolves with the params to forward, rejects with 4001. */
  async function gate(method: string, params: unknown): Promise<{ params: unknown; ticket?: string }> {
    const verdict = await hooks.review(method, params, provider);
    if (verdict.decision !== 'continue') throw new UserRejectedRequestError();
    const reviewed = 'params' in verdict ? verdict.params : params;
    return { params: applyFees(method, reviewed, verdict.fees), ticket: verdict.ticket };
  }

  /** Forwards to the wallet and tells the panel when the wallet answered. */
  async function forward(ticket: string | undefined, call: () => unknown): Promise<unknown> {
    try {
      const result = await call();
      if (ticket) hooks.settled?.(ticket, true);
      return result;
    } catch (error) {
      if (ticket) hooks.settled?.(ticket, false);
      throw error;
    }
  }

  /**
   * While we hand an approved request to the wallet, the wallet may call its own (now wrapped) methods
   * synchronously, e.g. a sendAsync implemented on top of request(). Those inner calls are the same
   * request, already decided: they pass straight through instead of being reviewed twice.
   */
  let forwarding = 0;
  const passOn = (fn: (...a: never[]) => unknown, self: unknown, args: unknown[]): unknown => {
    forwarding++;
    try {
      return apply(fn, self, args);
    } finally {
      forwarding--;
    }
  };

  const rejection = (id: unknown, e: UserRejectedRequestError) => ({ id, jsonrpc: '2.0', error: { code: e.code, message: e.message } });

  const wrapped: Partial<Eip1193Like> = {};
  if (typeof original.request === 'function') {
    const req = original.request;
    wrapped.request = async function request(this: unknown, args: { method: string; params?: unknown }) {
      const self = this ?? provider;
      if (forwarding === 0) hooks.used?.();
      if (forwarding > 0 || !args || !isReviewedMethod(args.method)) return apply(req, self, [args]);
      const g = await gate(args.method, args.params);
      return forward(g.ticket, () => passOn(req, self, [{ ...args, params: g.params }]));
    };
  }
  if (typeof original.sendAsync === 'function') {
    const sendAsync = original.sendAsync;
    wrapped.sendAsync = function (this: unknown, payload: unknown, callback: Callback) {
      const self = this ?? provider;
      if (forwarding === 0) hooks.used?.();
      const items: unknown[] = isArray(payload) ? payload : [payload];
      let anyReviewed = false;
      for (let i = 0; i < items.length; i++) if (isPayload(items[i]) && isReviewedMethod((items[i] as JsonRpcPayload).method)) anyReviewed = true;
      if (forwarding > 0 || !anyReviewed) return apply(sendAsync, self, [payload, callback]);
      void (async () => {
        const out: unknown[] = [];
        for (let i = 0; i < items.length; i++) {
          const p = items[i];
          if (isPayload(p) && isReviewedMethod(p.method)) {
            try {
              out[i] = { ...p, params: (await gate(p.method, p.params)).params };
            } catch (error) {
              const e = error as UserRejectedRequestError;
              callback(e, isArray(payload) ? [rejection(p.id, e)] : rejection(p.id, e));
              return;
            }
          } else out[i] = p;
        }
        passOn(sendAsync, self, [isArray(payload) ? out : out[0], callback]);
      })();
    };
  }
  if (typeof original.send === 'function') {
    const send = original.send;
    wrapped.send = function (this: unknown, ...args: unknown[]) {
      const self = this ?? provider;
      if (forwarding === 0) hooks.used?.();
      const first = args[0];
      const second = args[1];
      // send(method, params) → Promise (EIP-1193 legacy form)
      if (forwarding > 0) return apply(send, self, args);
      if (typeof first === 'string') {
        if (!isReviewedMethod(first)) return apply(send, self, args);
        return (async () => {
          const g = await gate(first, second);
          return forward(g.ticket, () => passOn(send, self, [first, g.params]));
        })();
      }
      // send(payload, callback) → like sendAsync
      if (isPayload(first) && typeof second === 'function') {
        if (!isReviewedMethod(first.method)) return apply(send, self, args);
        const callback = second as Callback;
        void (async () => {
          let g: { params: unknown };
          try {
            g = await gate(first.method, first.params);
          } catch (error) {
            const e = error as UserRejectedRequestError;
            callback(e, rejection(first.id, e));
            return;
          }
          passOn(send, self, [{ ...first, params: g.params }, callback]);
        })();
        return undefined;
      }
      // send(payload) synchronous: only account reads are allowed there; pass through.
      return apply(send, self, args);
    };
  }

  try {
    // Explicit calls, no array iteration: the page may have patched the iterator by now.
    const set = (key: keyof Eip1193Like) => wrapped[key] && define(provider, key, { value: wrapped[key], writable: true, configurable: true, enumerable: false });
    set('request');
    set('send');
    set('sendAsync');
    return true;
  } catch {
    return false;
  }
}

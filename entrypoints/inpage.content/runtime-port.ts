import { classifyPortMessage, portRejection, replaceParams, type StreamMessage } from '@/core/intercept/metamask-stream';
import { applyFees, type Verdict } from '@/core/intercept/wrap-provider';
import { natives } from './natives';

/**
 * MetaMask's multichain API straight from the page. MetaMask 13's manifest lets web pages connect to it
 * (`externally_connectable: { matches: ["http://*\/*", "https://*\/*"] }`), so a page can call
 * `chrome.runtime.connect(<MetaMask id>)` and post `{ type: 'caip-348', data: wallet_invokeMethod(...) }` to
 * MetaMask's background: no content script sees that traffic. Only the page's own world does, so this runs there,
 * at document_start, before any page script: `chrome.runtime.connect` is replaced (not configurable, so it stays
 * replaced) by one that hands out a port façade. Reviewed requests posted on it wait for the user's decision like
 * the provider's; Reject answers the page on the port with 4001, as MetaMask would. Every other message passes.
 * Realms without this script (about:blank, srcdoc, blob: frames and popups) have no `chrome.runtime.connect` at all.
 */
type Listener = (message: unknown, port: unknown) => void;
interface ChromeEvent {
  addListener(fn: Listener): void;
  removeListener(fn: Listener): void;
  hasListener(fn: Listener): boolean;
  hasListeners(): boolean;
}
interface ChromePort {
  name?: string;
  sender?: unknown;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: ChromeEvent;
  onDisconnect: ChromeEvent;
}

export interface PortHooks {
  review(method: string, params: unknown, chainId: string | null): Promise<Verdict>;
  settled(ticket: string, ok: boolean): void;
}

export function guardRuntimePorts(win: Window, hooks: PortHooks): void {
  const { apply, defineProperty, parse, stringify, create } = natives;
  const runtime = (win as unknown as { chrome?: { runtime?: { connect?: unknown } } }).chrome?.runtime;
  const connect = runtime?.connect;
  if (!runtime || typeof connect !== 'function') return;

  const facade = (real: ChromePort): ChromePort => {
    const listeners: Listener[] = [];
    /** Answers we wait for (JSON-RPC id → ticket), to tell the panel's companion card that MetaMask answered. */
    const tickets = create(null) as Record<string, string | undefined>;
    const idKey = (id: unknown) => `${typeof id}:${String(id)}`;
    const self: ChromePort = {
      name: real.name,
      sender: real.sender,
      postMessage(message: unknown) {
        // A snapshot, as Chrome would serialise it (JSON): a getter or Proxy cannot show one request and send another.
        let copy: unknown;
        try {
          copy = apply(parse, JSON, [apply(stringify, JSON, [message]) as string]);
        } catch {
          throw new TypeError('Preflight could not read this message, so it was not sent to the wallet.');
        }
        const held = classifyPortMessage(copy);
        if (!held || held.reviewed.length === 0) return apply(real.postMessage, real, [copy]);
        void hold(held, copy as { data: unknown });
      },
      disconnect: () => apply(real.disconnect, real, []),
      onMessage: {
        addListener(fn) {
          listeners.push(fn);
          apply(real.onMessage.addListener, real.onMessage, [fn]);
        },
        removeListener(fn) {
          const i = listeners.indexOf(fn);
          if (i >= 0) listeners.splice(i, 1);
          apply(real.onMessage.removeListener, real.onMessage, [fn]);
        },
        hasListener: (fn) => listeners.includes(fn),
        hasListeners: () => listeners.length > 0,
      },
      onDisconnect: real.onDisconnect,
    };
    apply(real.onMessage.addListener, real.onMessage, [
      (message: unknown) => {
        const data = (message as { data?: unknown } | null)?.data;
        const answers: unknown[] = natives.isArray(data) ? data : [data];
        for (let i = 0; i < answers.length; i++) {
          const answer = answers[i] as { id?: unknown; error?: unknown } | null;
          const key = idKey(answer?.id);
          const ticket = tickets[key];
          if (ticket === undefined) continue;
          delete tickets[key];
          hooks.settled(ticket, !answer?.error);
        }
      },
    ]);

    /** Index loops only: the page may have patched array iterators and methods by now (core/intercept/metamask-stream.ts). */
    async function hold(held: StreamMessage, message: { data: unknown }): Promise<void> {
      let payload = message.data;
      const decided = create(null) as Record<string, true>;
      for (let i = 0; i < held.reviewed.length; i++) {
        const request = held.reviewed[i]!;
        const verdict = await hooks.review(request.method, request.params, request.chainId);
        if (verdict.decision !== 'continue') {
          for (const t in decided) hooks.settled(t, false);
          const answer = portRejection(held);
          const now = listeners.slice();
          for (let j = 0; j < now.length; j++) now[j]!(answer, self);
          return;
        }
        const params = 'params' in verdict ? verdict.params : request.params;
        payload = replaceParams(payload, held.kind, request.index, applyFees(request.method, params, verdict.fees));
        if (verdict.ticket) {
          decided[verdict.ticket] = true;
          tickets[idKey(request.id)] = verdict.ticket;
        }
      }
      apply(real.postMessage, real, [{ ...message, data: payload }]);
    }
    return self;
  };

  const original = connect as (...a: unknown[]) => ChromePort;
  // An arrow: a named function expression `connect` would shadow the original it calls.
  const guarded = (...args: unknown[]) => facade(apply(original, runtime, args));
  try {
    defineProperty(runtime, 'connect', { value: guarded, writable: false, configurable: false, enumerable: true });
  } catch {
    // chrome.runtime frozen by someone earlier: nothing to wrap with
  }
}

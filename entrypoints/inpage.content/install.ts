import { wrapProvider, type Eip1193Like, type Verdict } from '@/core/intercept/wrap-provider';
import { openPageChannel } from './channel';
import { cancel, later, natives } from './natives';
import { guardRuntimePorts } from './runtime-port';

/** How long the content script has to acknowledge a request before we fail open (and say so). */
const ACK_TIMEOUT_MS = 3_000;
/**
 * How long the wallet has to answer eth_chainId. The real MetaMask answers from its service worker: a few ms
 * when idle, but well over 500 ms on a loaded machine or while its worker wakes. Past this, the provider's own
 * `chainId` (MetaMask keeps it in step with the network it uses for this site) stands in.
 */
const CHAIN_ID_TIMEOUT_MS = 2_000;

interface Pending {
  resolve: (v: Verdict) => void;
  params: unknown;
  ackTimer?: number;
}

export function installInpage(): void {
  const { apply, parse, stringify, create, defineProperty, weakHas, weakAdd, window: win } = natives;
  const channel = openPageChannel();
  const wrapped = new natives.WeakSet<object>();
  // Null-prototype record, not a Map: a page patching Map.prototype.set cannot grab our resolvers.
  const pending = create(null) as Record<string, Pending | undefined>;
  const random = () => natives.toHex(natives.getRandomValues(new Uint8Array(12)));
  const warn = console.warn.bind(console);

  channel.onMessage((m) => {
    const p = pending[m.id];
    if (!p) return; // not ours, or already decided: replays are ignored
    if (m.t === 'ack') {
      cancel(p.ackTimer);
      p.ackTimer = undefined;
      return;
    }
    delete pending[m.id];
    cancel(p.ackTimer);
    p.resolve({ decision: m.decision, fees: m.fees, ticket: m.id, params: p.params });
  });

  /** The chain the wallet will use for this request: its eth_chainId answer, else its `chainId` property, else null. */
  async function chainIdOf(provider: Eip1193Like): Promise<string | null> {
    // Only the type is checked here (no page-patchable String/RegExp methods); the background parses the value.
    const isString = (v: unknown): v is string => typeof v === 'string';
    try {
      // `await`, not `.then`: a page-patched Promise.prototype.then must not be able to lie about the chain.
      const id = await new natives.Promise<unknown>((resolve) => {
        later(() => resolve(null), CHAIN_ID_TIMEOUT_MS);
        void (async () => {
          try {
            resolve(await apply(provider.request!, provider, [{ method: 'eth_chainId' }]));
          } catch {
            resolve(null);
          }
        })();
      });
      if (isString(id)) return id;
    } catch {
      // fall through to the property
    }
    try {
      const known = (provider as { chainId?: unknown }).chainId;
      return isString(known) ? known : null;
    } catch {
      return null;
    }
  }

  /** Holds a reviewed request until the user decides in the panel (or fails open, loudly, without a content script). */
  async function askReview(method: string, params: unknown, chainId: () => Promise<string | null>, via: 'provider' | 'port'): Promise<Verdict> {
    if (!channel.open) {
      warn('[Preflight] not connected on this page; request passed to the wallet unreviewed:', method);
      return { decision: 'continue' };
    }
    // Snapshot now: what is reviewed is what gets forwarded, whatever the page does to its object later.
    let snapshot: unknown;
    try {
      snapshot = params === undefined ? undefined : apply(parse, JSON, [apply(stringify, JSON, [params, (_k: string, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v)])]);
    } catch {
      snapshot = params; // not serialisable (cycles): the review will report it as unreadable
    }
    const chain = await chainId();
    const id = random();
    return new natives.Promise<Verdict>((resolve) => {
      const entry: Pending = { resolve, params: snapshot };
      entry.ackTimer = later(() => {
        delete pending[id];
        warn('[Preflight] the review panel did not answer; request passed to the wallet unreviewed:', method);
        resolve({ decision: 'continue', params: snapshot });
      }, ACK_TIMEOUT_MS);
      pending[id] = entry;
      if (!channel.send({ t: 'review', id, method, params: snapshot, chainId: chain, via })) {
        cancel(entry.ackTimer);
        delete pending[id];
        resolve({ decision: 'continue', params: snapshot });
      }
    });
  }

  // Said once per page, at the page's first wallet call or EIP-6963 request: the content script preloads the panel.
  let interested = false;
  const used = () => {
    if (interested) return;
    interested = true;
    channel.send({ t: 'interest' });
  };

  const hooks = {
    used,
    review: (method: string, params: unknown, provider: Eip1193Like): Promise<Verdict> => askReview(method, params, () => chainIdOf(provider), 'provider'),
    settled(ticket: string, ok: boolean) {
      channel.send({ t: 'settled', id: ticket, ok });
    },
  };

  // MetaMask's multichain API straight from the page (chrome.runtime.connect): the same review.
  guardRuntimePorts(win, {
    review: (method, params, chainId) => askReview(method, params, async () => chainId, 'port'),
    settled: hooks.settled,
  });

  function wrap(candidate: unknown): void {
    if (typeof candidate !== 'object' || candidate === null || apply(weakHas, wrapped, [candidate])) return;
    const provider = candidate as Eip1193Like;
    if (typeof provider.request !== 'function') return;
    apply(weakAdd, wrapped, [candidate]);
    if (!wrapProvider(provider, hooks, defineProperty)) channel.send({ t: 'unwrappable', reason: 'provider object is frozen' });
    // Some wallets expose several providers in a `providers` list on window.ethereum.
    const list = (candidate as { providers?: unknown }).providers;
    if (Array.isArray(list)) for (let i = 0; i < list.length; i++) wrap(list[i]);
  }

  // window.ethereum: now, and whenever a wallet assigns it later.
  let current: unknown = (win as { ethereum?: unknown }).ethereum;
  wrap(current);
  try {
    defineProperty(win, 'ethereum', {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (value: unknown) => {
        current = value;
        wrap(value);
      },
    });
  } catch {
    channel.send({ t: 'unwrappable', reason: 'window.ethereum is not configurable' });
  }
  const recheck = () => wrap((win as { ethereum?: unknown }).ethereum);
  const listen = (target: EventTarget, type: string, fn: (e: Event) => void, capture = false) => apply(natives.addEventListener, target, [type, fn, capture]);
  listen(win, 'ethereum#initialized', recheck);
  listen(natives.document, 'DOMContentLoaded', recheck);
  listen(win, 'load', recheck);
  // EIP-6963: wrap each announced provider before the dApp's own listener sees it (capture phase, registered first).
  listen(win, 'eip6963:requestProvider', used, true);
  listen(win, 'eip6963:announceProvider', (event) => wrap((event as CustomEvent<{ provider?: unknown }>).detail?.provider), true);
}

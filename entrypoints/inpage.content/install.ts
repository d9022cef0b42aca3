import { wrapProvider, type Eip1193Like, type Verdict } from '@/core/intercept/wrap-provider';
import { openPageChannel } from './channel';

/** How long the content script has to acknowledge a request before we fail open (and say so). */
const ACK_TIMEOUT_MS = 3_000;

export function installInpage(): void {
  const channel = openPageChannel();
  const wrapped = new WeakSet<object>();
  const pending = new Map<string, { resolve: (v: Verdict) => void; ackTimer?: ReturnType<typeof setTimeout> }>();
  const random = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  const warn = console.warn.bind(console);

  channel.onMessage((m) => {
    const p = pending.get(m.id);
    if (!p) return; // not ours, or already decided: replays are ignored
    if (m.t === 'ack') {
      clearTimeout(p.ackTimer);
      return;
    }
    pending.delete(m.id);
    clearTimeout(p.ackTimer);
    p.resolve({ decision: m.decision, fees: m.fees, ticket: m.id });
  });

  async function chainIdOf(provider: Eip1193Like): Promise<string | null> {
    try {
      const id = await Promise.race([
        provider.request?.({ method: 'eth_chainId' }),
        new Promise((r) => setTimeout(() => r(null), 500)),
      ]);
      return typeof id === 'string' ? id : null;
    } catch {
      return null;
    }
  }

  const hooks = {
    async review(method: string, params: unknown, provider: Eip1193Like): Promise<Verdict> {
      if (!channel.open) {
        warn('[Preflight] not connected on this page; request passed to the wallet unreviewed:', method);
        return { decision: 'continue' };
      }
      const chainId = await chainIdOf(provider);
      const id = random();
      return new Promise<Verdict>((resolve) => {
        const ackTimer = setTimeout(() => {
          pending.delete(id);
          warn('[Preflight] the review panel did not answer; request passed to the wallet unreviewed:', method);
          resolve({ decision: 'continue' });
        }, ACK_TIMEOUT_MS);
        pending.set(id, { resolve, ackTimer });
        if (!channel.send({ t: 'review', id, method, params, chainId })) {
          clearTimeout(ackTimer);
          pending.delete(id);
          resolve({ decision: 'continue' });
        }
      });
    },
    settled(ticket: string, ok: boolean) {
      channel.send({ t: 'settled', id: ticket, ok });
    },
  };

  function wrap(candidate: unknown): void {
    if (typeof candidate !== 'object' || candidate === null || wrapped.has(candidate)) return;
    const provider = candidate as Eip1193Like;
    if (typeof provider.request !== 'function') return;
    wrapped.add(candidate);
    if (!wrapProvider(provider, hooks)) channel.send({ t: 'unwrappable', reason: 'provider object is frozen' });
    // MetaMask exposes the same provider through a Proxy-less `providers` list for multi-wallet setups.
    const list = (candidate as { providers?: unknown }).providers;
    if (Array.isArray(list)) list.forEach(wrap);
  }

  // window.ethereum: now, and whenever a wallet assigns it later.
  let current: unknown = (window as { ethereum?: unknown }).ethereum;
  wrap(current);
  try {
    Object.defineProperty(window, 'ethereum', {
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
  const recheck = () => wrap((window as { ethereum?: unknown }).ethereum);
  window.addEventListener('ethereum#initialized', recheck);
  document.addEventListener('DOMContentLoaded', recheck);
  window.addEventListener('load', recheck);

  // EIP-6963: wrap each announced provider before the dApp's own listener sees it (capture phase, registered first).
  window.addEventListener(
    'eip6963:announceProvider',
    (event) => wrap((event as CustomEvent<{ provider?: unknown }>).detail?.provider),
    true,
  );
}

/**
 * The requests Preflight itself is about to hand to MetaMask, so that the stream guard lets exactly those through.
 *
 * After Continue, the request reaches MetaMask's page stream from the page's own world (the wrapper calls the real
 * provider, which posts it) or from the content script (a held stream message re-posted). Neither carries a mark the
 * page could not copy, so the content script remembers what it approved: an entry is added when the decision is sent
 * (the page cannot forge that: it comes over the secret channel or from the background), is consumed by the first
 * matching message, and expires. A page that posts a copy of an approved request first only spends the entry on the
 * very request the user approved; the wallet's own copy is then reviewed again, never let through unseen.
 */

/** JSON with object keys sorted and `undefined` dropped, so two clones of the same request compare equal. */
export function canonicalJson(value: unknown): string {
  const seen = new Set<object>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'bigint') return `0x${v.toString(16)}`;
    if (typeof v !== 'object' || v === null) return v;
    if (seen.has(v)) throw new TypeError('cyclic request');
    seen.add(v);
    try {
      if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : walk(x)));
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== undefined) out[k] = walk(x);
      }
      return out;
    } finally {
      seen.delete(v);
    }
  };
  return JSON.stringify(walk(value)) ?? 'undefined';
}

/** What identifies a forwarded request: its method and params (the wire id is the wallet's own, unknown in advance). */
export const requestFingerprint = (method: string, params: unknown): string => `${method}\n${canonicalJson(params)}`;

export interface LedgerOptions {
  now: () => number;
  /** How long an entry waits for its message. */
  ttlMs?: number;
  /** At most this many entries; the oldest go first. */
  max?: number;
}

export class ForwardLedger {
  private entries: { key: string; until: number }[] = [];
  private readonly ttlMs: number;
  private readonly max: number;

  constructor(private readonly o: LedgerOptions) {
    this.ttlMs = o.ttlMs ?? 60_000;
    this.max = o.max ?? 64;
  }

  private prune(): void {
    const now = this.o.now();
    this.entries = this.entries.filter((e) => e.until > now);
  }

  /** Expects one message with this key. */
  expect(key: string): void {
    this.prune();
    this.entries.push({ key, until: this.o.now() + this.ttlMs });
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
  }

  /** True (and the entry is used up) when this key was expected. */
  consume(key: string): boolean {
    this.prune();
    const i = this.entries.findIndex((e) => e.key === key);
    if (i < 0) return false;
    this.entries.splice(i, 1);
    return true;
  }

  get size(): number {
    this.prune();
    return this.entries.length;
  }
}

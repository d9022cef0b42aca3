/**
 * Requests Preflight let through to MetaMask that MetaMask has not answered yet, so that MetaMask's own re-send of
 * one is neither reviewed a second time nor reported as going around Preflight.
 *
 * MetaMask's inpage provider keeps every unanswered request (@metamask/json-rpc-middleware-stream). When MetaMask's
 * service worker restarts, its content script reconnects and posts `METAMASK_EXTENSION_CONNECT_CAN_RETRY` to the page;
 * the provider then posts each unanswered request again, byte for byte (same id, same payload), at most 3 times.
 * That re-send is the very request the user approved. Without this record the stream guard would hold it behind a
 * second panel (the dApp waits on a request the user already approved) or, when MetaMask's listener runs first,
 * warn about a bypass that did not happen.
 *
 * A re-send passes only when (1) MetaMask's retry notice was seen since the request passed, (2) it is identical to a
 * message that passed, (3) that message is still unanswered, (4) fewer than 3 re-sends of it have passed. A page can
 * post the notice itself; what it gains is one more copy of a request the user approved, still shown by MetaMask.
 */

/** `data.data.data.method` of MetaMask's notice to its inpage provider. */
export const METAMASK_RETRY_NOTICE = 'METAMASK_EXTENSION_CONNECT_CAN_RETRY';
/** The provider's own limit (retryStuckRequests). */
export const MAX_WALLET_RETRIES = 3;

interface Entry {
  message: string;
  /** Answer keys (stream + id) still unanswered. */
  waiting: Set<string>;
  retries: number;
  /** A retry notice came after this message passed (or after its last re-send). */
  armed: boolean;
  until: number;
}

export interface WalletRetriesOptions {
  now: () => number;
  /** How long an unanswered request is remembered (MetaMask's window may stay open a long time). */
  ttlMs?: number;
  max?: number;
}

export class WalletRetries {
  private entries: Entry[] = [];
  private readonly ttlMs: number;
  private readonly max: number;

  constructor(private readonly o: WalletRetriesOptions) {
    this.ttlMs = o.ttlMs ?? 30 * 60_000;
    this.max = o.max ?? 64;
  }

  private prune(): void {
    const now = this.o.now();
    this.entries = this.entries.filter((e) => e.until > now && e.waiting.size > 0);
  }

  /** A message (canonical JSON) went to MetaMask; `answerKeys` name the answers it waits for. */
  passed(message: string, answerKeys: string[]): void {
    if (answerKeys.length === 0) return;
    this.prune();
    this.entries.push({ message, waiting: new Set(answerKeys), retries: 0, armed: false, until: this.o.now() + this.ttlMs });
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
  }

  /** MetaMask's content script reconnected: its provider may now re-send what is unanswered. */
  noticeSeen(): void {
    this.prune();
    for (const e of this.entries) e.armed = true;
  }

  /** An answer arrived (stream + id). */
  answered(answerKey: string): void {
    for (const e of this.entries) e.waiting.delete(answerKey);
    this.prune();
  }

  /** True (and the re-send counted) when this message is MetaMask's provider re-sending a request that passed. */
  isResend(message: string): boolean {
    this.prune();
    const e = this.entries.find((x) => x.armed && x.message === message && x.retries < MAX_WALLET_RETRIES);
    if (!e) return false;
    e.retries++;
    e.armed = false;
    return true;
  }

  get size(): number {
    this.prune();
    return this.entries.length;
  }
}

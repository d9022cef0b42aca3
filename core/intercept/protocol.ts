/**
 * Messages between the page-world wrapper (inpage) and the content script.
 *
 * They travel as DOM CustomEvents whose *type* carries a secret channel id exchanged synchronously at
 * document_start, before any page script runs. A page cannot listen for an event type it does not know,
 * so it can neither read decisions nor forge them. Details are JSON strings (they cross JS worlds intact).
 */
export const HELLO_EVENT = 'preflight:hello';
export const WELCOME_EVENT = 'preflight:welcome';

export const toContentEvent = (channel: string) => `preflight:${channel}:up`;
export const toPageEvent = (channel: string) => `preflight:${channel}:down`;

export interface ReviewFees {
  maxFeePerGas: string;
  maxPriorityFeePerGas: string;
}

export type PageMessage =
  | { t: 'ready' }
  /** `via`: 'port' for MetaMask's multichain API over chrome.runtime (it never crosses the window streams). */
  | { t: 'review'; id: string; method: string; params: unknown; chainId: string | null; via?: 'provider' | 'port' }
  | { t: 'settled'; id: string; ok: boolean }
  | { t: 'unwrappable'; reason: string }
  /** The page uses a wallet (its first provider call or EIP-6963 provider request): the panel can be made ready. */
  | { t: 'interest' };

export type ContentMessage =
  | { t: 'ack'; id: string }
  | { t: 'decision'; id: string; decision: 'continue' | 'reject'; fees?: ReviewFees };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** `parse` is passed in by the page side: its captured JSON.parse, safe from later page patches. */
export function parseContentMessage(raw: unknown, parse: (text: string) => unknown = JSON.parse): ContentMessage | undefined {
  if (typeof raw !== 'string') return undefined;
  let v: unknown;
  try {
    v = parse(raw);
  } catch {
    return undefined;
  }
  if (!isRecord(v) || typeof v.id !== 'string') return undefined;
  if (v.t === 'ack') return { t: 'ack', id: v.id };
  if (v.t !== 'decision') return undefined;
  if (v.decision !== 'continue' && v.decision !== 'reject') return undefined;
  const fees = isRecord(v.fees) && typeof v.fees.maxFeePerGas === 'string' && typeof v.fees.maxPriorityFeePerGas === 'string'
    ? { maxFeePerGas: v.fees.maxFeePerGas, maxPriorityFeePerGas: v.fees.maxPriorityFeePerGas }
    : undefined;
  return { t: 'decision', id: v.id, decision: v.decision, fees };
}

export function parsePageMessage(raw: unknown): PageMessage | undefined {
  if (typeof raw !== 'string' || raw.length > 2_000_000) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isRecord(v) || typeof v.t !== 'string') return undefined;
  if (v.t === 'ready') return { t: 'ready' };
  if (v.t === 'interest') return { t: 'interest' };
  if (v.t === 'review' && typeof v.id === 'string' && typeof v.method === 'string') {
    return { t: 'review', id: v.id, method: v.method, params: v.params, chainId: typeof v.chainId === 'string' ? v.chainId : null, via: v.via === 'port' ? 'port' : 'provider' };
  }
  if (v.t === 'settled' && typeof v.id === 'string') return { t: 'settled', id: v.id, ok: v.ok === true };
  if (v.t === 'unwrappable' && typeof v.reason === 'string') return { t: 'unwrappable', reason: v.reason.slice(0, 200) };
  return undefined;
}

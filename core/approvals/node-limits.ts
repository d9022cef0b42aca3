/**
 * What a node's refusal of an `eth_getLogs` request means, and how big the next request may be. Nodes and providers
 * refuse wide queries in their own words; the strings below are the ones they were seen to answer (README, "Approvals":
 * each with its source):
 * - block-range caps: Infura `-32602 "range 1000000 exceeds limit of 10000"`; QuickNode `-32614 "eth_getLogs is
 *   limited to a 10,000 range"` (HTTP 413); Alchemy `-32600 "You can make eth_getLogs requests with up to a 500 block
 *   range. Based on your parameters, this block range should work: [0x…, 0x…]"`; geth-family nodes (BSC, publicnode)
 *   `"exceed maximum block range: 50000"`; Erigon's `BlockRangeLimit` (-32602, its block-range message `: <limit>`);
 *   Ankr `-32600 "block range is too wide"`; reth `"query exceeds max block range 100000"`;
 *   a proxy's `"block range too large"`;
 * - result caps: geth-derived and Infura `-32005 "query returned more than 10000 results"` (Infura adds `Try with this
 *   block range [0x…, 0x…].`); Alchemy `-32602 "Log response size exceeded. … this block range should work: [0x…,
 *   0x…]"`; reth / llamarpc / Ankr `"query exceeds max results 20000"`; Arbitrum `"logs matched by query exceeds
 *   limit of 10000"`;
 * - rate limits: HTTP 429, `-32005` with "rate" / "limit exceeded" (Infura `"project ID request rate exceeded"`),
 *   "Too Many Requests", Alchemy's "compute units per second";
 * - no logs at all: `-32601` method not found / not supported, or a pruned history.
 * Pure: no I/O.
 */

export type LogRefusal =
  /** The block span is too wide. `limit`: the widest span the node named; `suggested`: a range the node proposed. */
  | { kind: 'range'; limit?: number; suggested?: [number, number]; message: string }
  /** Too many logs in the answer: a narrower span may pass. */
  | { kind: 'results'; suggested?: [number, number]; message: string }
  /** Slow down and ask again. */
  | { kind: 'rate-limit'; message: string }
  /** The node serves no logs (method missing, history pruned): the scan cannot use logs on this node. */
  | { kind: 'no-logs'; message: string }
  /** Anything else: a dead node, a timeout, a bad answer. */
  | { kind: 'other'; message: string };

interface ErrorFacts {
  codes: number[];
  statuses: number[];
  text: string;
}

/** Codes, HTTP statuses and every message along an error's cause chain (viem wraps the node's answer). */
function factsOf(error: unknown): ErrorFacts {
  const codes: number[] = [];
  const statuses: number[] = [];
  const texts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; depth < 8 && e !== undefined && e !== null; depth++) {
    if (typeof e === 'string') {
      texts.push(e);
      break;
    }
    if (typeof e !== 'object') break;
    const o = e as { code?: unknown; status?: unknown; message?: unknown; details?: unknown; shortMessage?: unknown; body?: unknown; cause?: unknown; error?: unknown };
    if (typeof o.code === 'number') codes.push(o.code);
    if (typeof o.status === 'number') statuses.push(o.status);
    for (const t of [o.details, o.shortMessage, o.message]) if (typeof t === 'string') texts.push(t);
    if (o.body && typeof o.body === 'object') texts.push(JSON.stringify(o.body));
    e = o.cause ?? o.error;
  }
  return { codes, statuses, text: texts.join(' | ') };
}

const num = (s: string | undefined): number | undefined => {
  if (s === undefined) return undefined;
  const n = Number(s.replace(/[,._]/g, ''));
  return Number.isFinite(n) && n > 0 ? n : undefined;
};

/** "[0x1be4213, 0x1be4406]" (Alchemy, Infura): the range the node says would work. */
function suggestedRange(text: string): [number, number] | undefined {
  const m = /\[\s*(0x[0-9a-f]+)\s*,\s*(0x[0-9a-f]+)\s*\]/i.exec(text);
  if (!m) return undefined;
  const a = Number(BigInt(m[1]!));
  const b = Number(BigInt(m[2]!));
  return b >= a ? [a, b] : undefined;
}

/** A span limit stated in the message ("limit of 10000", "limited to a 10,000 range", "maximum block range: 50000"…). */
const RANGE_LIMITS: readonly RegExp[] = [
  /exceeds limit of ([\d,.]+)/i,
  /limited to a ([\d,.]+)(?: block)? range/i,
  /up to a ([\d,.]+) block range/i,
  /maximum block range:? ?([\d,.]+)/i,
  /max(?:imum)? block range(?: is)? ([\d,.]+)/i,
  /block range is too wide \(maximum ([\d,.]+)\)/i,
  /at most ([\d,.]+) blocks/i,
  /max range: ([\d,.]+)/i,
  /block range exceeds ([\d,.]+)/i,
  /blocks distance: ([\d,.]+)/i,
];
const RANGE_WORDS = /block range|range too (?:large|wide)|range is too (?:large|wide)|exceeds? (?:the )?(?:max(?:imum)? )?(?:block )?range|range \d+ exceeds|limited to a [\d,.]+ range|too many blocks/i;
const RESULT_WORDS = /query returned more than \d+ results|too many results|exceeds max results|response size|response too large|logs matched by query exceeds|more than \d+ logs/i;
const RATE_WORDS = /rate limit|too many requests|request rate|rate exceeded|exceeded its compute units|capacity exceeded|throttl/i;
const NO_LOGS_WORDS = /method not found|does not exist|not supported|unsupported method|not available|pruned|missing historical|history (?:is )?not available/i;

/** Reads a node's answer to eth_getLogs. */
export function classifyLogError(error: unknown): LogRefusal {
  const { codes, statuses, text } = factsOf(error);
  const message = text.split(' | ')[0]?.slice(0, 300) || String(error);
  // Results first: Alchemy words its response cap with "block range" too, and Infura's -32005 is both.
  if (RESULT_WORDS.test(text)) return { kind: 'results', ...(suggestedRange(text) ? { suggested: suggestedRange(text) } : {}), message };
  if (statuses.includes(429) || codes.includes(429) || RATE_WORDS.test(text) || (codes.includes(-32005) && /limit exceeded|exceeded/i.test(text) && !RANGE_WORDS.test(text))) {
    return { kind: 'rate-limit', message };
  }
  // geth's "block range extends beyond current head block": a node behind the head asked for (load-balanced providers).
  if (/beyond (?:the )?current head/i.test(text)) return { kind: 'other', message };
  if (RANGE_WORDS.test(text) || statuses.includes(413) || codes.includes(-32614)) {
    let limit: number | undefined;
    for (const re of RANGE_LIMITS) {
      limit = num(re.exec(text)?.[1]);
      if (limit) break;
    }
    const suggested = suggestedRange(text);
    return { kind: 'range', ...(limit ? { limit } : {}), ...(suggested ? { suggested } : {}), message };
  }
  if (codes.includes(-32601) || NO_LOGS_WORDS.test(text)) return { kind: 'no-logs', message };
  return { kind: 'other', message };
}

/** How wide the scan asks: the current span, the widest the node accepts when known, and the streak of answers. */
export interface SpanState {
  span: number;
  /** Never ask wider than this (learnt from a range refusal). */
  cap?: number;
  /** Answers in a row since the last refusal: the span grows back after a few (result caps depend on density). */
  okStreak: number;
}

/** The first request asks this wide: a node without limits answers in a few calls. */
export const INITIAL_SPAN = 500_000;
/** Growth never goes past this without a cap learnt. */
export const MAX_SPAN = 4_000_000;
/** The span doubles after this many answers in a row (up to the cap). */
export const GROW_AFTER = 3;

export const initialSpan = (): SpanState => ({ span: INITIAL_SPAN, okStreak: 0 });

/** After an answer: the streak grows, and every GROW_AFTER answers the span doubles (never past the cap). */
export function afterAnswer(s: SpanState): SpanState {
  const okStreak = s.okStreak + 1;
  if (okStreak < GROW_AFTER) return { ...s, okStreak };
  return { ...s, span: Math.min(s.cap ?? MAX_SPAN, MAX_SPAN, s.span * 2), okStreak: 0 };
}

/**
 * After a refusal of a request `requested` blocks wide: the span to ask next (and the cap, for a range refusal).
 * A stated limit is used one block short (providers count the ends differently: Alchemy's "500" means < 500); a
 * suggested range is used as given; otherwise the span halves. Returns undefined when nothing narrower exists (a
 * one-block request refused): that range cannot be read on this node.
 */
export function afterRefusal(s: SpanState, refusal: Extract<LogRefusal, { kind: 'range' | 'results' }>, requested: number): SpanState | undefined {
  if (requested <= 1) return undefined;
  const suggested = refusal.suggested ? refusal.suggested[1] - refusal.suggested[0] + 1 : undefined;
  if (refusal.kind === 'range') {
    const stated = refusal.limit !== undefined ? Math.max(1, refusal.limit - 1) : undefined;
    const next = Math.min(requested - 1, suggested ?? stated ?? Math.floor(requested / 2));
    const cap = Math.min(s.cap ?? Infinity, stated ?? next, requested - 1);
    return { span: Math.max(1, Math.min(next, cap)), cap, okStreak: 0 };
  }
  // Too many results: narrower for now; the span may grow back where logs are sparse.
  const next = Math.min(requested - 1, suggested ?? Math.floor(requested / 2));
  return { ...s, span: Math.max(1, next), okStreak: 0 };
}

/** Waits before asking again after a rate limit: 0.5 s, 1 s, 2 s … up to 30 s. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** Math.max(0, attempt));
}

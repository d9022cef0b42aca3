/**
 * The account's approval logs over a block range, in requests the node accepts: ERC-20 / ERC-721 `Approval`,
 * `ApprovalForAll` (ERC-721 and ERC-1155) and Permit2's `Approval` / `Permit`, all with the owner as the first indexed
 * topic, in one `eth_getLogs` filter per range. Ranges adapt to the node (node-limits.ts): a refused range is split,
 * a rate limit waits and asks again. After each window of ranges the caller gets the candidates found and the new
 * cursor position, and may store both before the next window is asked: a stopped worker resumes from there.
 * Pure: the node comes in as a JSON-RPC function, the clock as `sleep`.
 */
import { getAddress, parseAbiItem, toEventSelector, type Address, type Hex } from 'viem';
import type { RpcRequest } from '../chain/account-scan';
import { afterAnswer, afterRefusal, backoffMs, classifyLogError, type SpanState } from './node-limits';
import { candidateKey, PERMIT2, ZERO_ADDRESS, type Candidate } from './types';

/** ERC-20 `Approval(owner, spender, value)` (3 topics) and ERC-721 `Approval(owner, approved, tokenId)` (4 topics). */
export const APPROVAL_TOPIC = toEventSelector(parseAbiItem('event Approval(address indexed owner, address indexed spender, uint256 value)'));
export const APPROVAL_FOR_ALL_TOPIC = toEventSelector(parseAbiItem('event ApprovalForAll(address indexed owner, address indexed operator, bool approved)'));
/** Permit2 AllowanceTransfer events (Uniswap's permit2 IAllowanceTransfer). */
export const PERMIT2_APPROVAL_TOPIC = toEventSelector(parseAbiItem('event Approval(address indexed owner, address indexed token, address indexed spender, uint160 amount, uint48 expiration)'));
export const PERMIT2_PERMIT_TOPIC = toEventSelector(parseAbiItem('event Permit(address indexed owner, address indexed token, address indexed spender, uint160 amount, uint48 expiration, uint48 nonce)'));
const TOPICS0 = [APPROVAL_TOPIC, APPROVAL_FOR_ALL_TOPIC, PERMIT2_APPROVAL_TOPIC, PERMIT2_PERMIT_TOPIC];

export interface RawLog {
  address: string;
  topics: string[];
  blockNumber?: string;
}

/** The 32-byte topic of an address. */
export const addressTopic = (a: string): Hex => `0x${a.toLowerCase().replace(/^0x/, '').padStart(64, '0')}`;
const topicAddress = (t: string | undefined): Address | undefined => (t && /^0x[0-9a-f]{64}$/i.test(t) ? (`0x${t.slice(26).toLowerCase()}` as Address) : undefined);

/** The permission a log speaks of (owner checked by the filter), or undefined for a log of another kind. */
export function candidateOfLog(log: RawLog, permit2: string = PERMIT2): Candidate | undefined {
  const [t0, , t2, t3] = log.topics;
  const token = typeof log.address === 'string' ? (log.address.toLowerCase() as Address) : undefined;
  if (!token || !t0) return undefined;
  const topic0 = t0.toLowerCase();
  const spender = topicAddress(t2);
  if (topic0 === APPROVAL_TOPIC && spender && spender !== ZERO_ADDRESS) {
    if (log.topics.length === 3) return { kind: 'erc20', token, spender, foundBy: 'logs' };
    if (log.topics.length === 4 && t3) return { kind: 'nft-one', token, spender, tokenId: BigInt(t3).toString(), foundBy: 'logs' };
  }
  if (topic0 === APPROVAL_FOR_ALL_TOPIC && spender && log.topics.length === 3) return { kind: 'nft-all', token, spender, foundBy: 'logs' };
  if ((topic0 === PERMIT2_APPROVAL_TOPIC || topic0 === PERMIT2_PERMIT_TOPIC) && token === permit2.toLowerCase() && log.topics.length === 4) {
    const p2Token = topicAddress(t2);
    const p2Spender = topicAddress(t3);
    if (p2Token && p2Spender && p2Spender !== ZERO_ADDRESS) return { kind: 'permit2', token: p2Token, spender: p2Spender, foundBy: 'logs' };
  }
  return undefined;
}

export class LogScanError extends Error {
  override name = 'LogScanError';
  constructor(
    message: string,
    /** 'refused': even one block was refused; 'no-logs': the node serves no logs; 'rate-limit': still limited after every retry; 'node': no usable answer. */
    readonly kind: 'refused' | 'no-logs' | 'rate-limit' | 'node',
    readonly range: [number, number],
  ) {
    super(message);
  }
}

export class ScanCancelledError extends Error {
  override name = 'ScanCancelledError';
  constructor() {
    super('The scan was cancelled.');
  }
}

export interface LogWindow {
  /** New candidates of this window (deduplicated). */
  candidates: Candidate[];
  /** Every block up to here is now scanned. */
  scannedTo: number;
  span: SpanState;
}

export interface LogScanOptions {
  rpc: RpcRequest;
  account: Address;
  /** Inclusive. */
  fromBlock: number;
  toBlock: number;
  span: SpanState;
  /** Called after each window, awaited before the next: confirm and store here. */
  onWindow(w: LogWindow): Promise<void>;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
  /** Ranges asked at once (default 2). */
  concurrency?: number;
  /** Retries of one range after rate limits (default 8) and after other failures (default 1). */
  rateRetries?: number;
  otherRetries?: number;
  permit2?: Address;
}

export interface LogScanResult {
  scannedTo: number;
  span: SpanState;
  /** eth_getLogs requests sent (answered or refused). */
  requests: number;
  refusals: number;
  rateLimited: number;
}

const hex = (n: number) => `0x${n.toString(16)}`;

/** Scans [fromBlock, toBlock]; throws LogScanError (what was scanned before stays with the caller) or ScanCancelledError. */
export async function scanApprovalLogs(o: LogScanOptions): Promise<LogScanResult> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const concurrency = Math.max(1, o.concurrency ?? 2);
  const rateRetries = o.rateRetries ?? 8;
  const otherRetries = o.otherRetries ?? 1;
  const owner = addressTopic(getAddress(o.account));
  const stats = { requests: 0, refusals: 0, rateLimited: 0 };
  let span = o.span;
  const cancelled = () => o.signal?.aborted === true;

  async function getLogs(a: number, b: number): Promise<RawLog[]> {
    stats.requests++;
    const logs = await o.rpc('eth_getLogs', [{ fromBlock: hex(a), toBlock: hex(b), topics: [TOPICS0, owner] }]);
    if (!Array.isArray(logs)) throw new LogScanError(`The node answered eth_getLogs for blocks ${a}–${b} with something that is not a list of logs.`, 'node', [a, b]);
    return logs as RawLog[];
  }

  type Answer = { logs: RawLog[] } | { refused: Extract<ReturnType<typeof classifyLogError>, { kind: 'range' | 'results' }> };

  /** One range: its logs, or the node's refusal of its width (rate limits and hiccups are retried here). */
  async function fetchRange(a: number, b: number): Promise<Answer> {
    let rate = 0;
    let other = 0;
    for (;;) {
      if (cancelled()) throw new ScanCancelledError();
      try {
        return { logs: await getLogs(a, b) };
      } catch (error) {
        if (error instanceof LogScanError) throw error;
        const refusal = classifyLogError(error);
        switch (refusal.kind) {
          case 'range':
          case 'results':
            stats.refusals++;
            return { refused: refusal };
          case 'rate-limit':
            stats.rateLimited++;
            if (++rate > rateRetries) throw new LogScanError(`The node keeps refusing for too many requests (${rate} tries): ${refusal.message}`, 'rate-limit', [a, b]);
            await sleep(backoffMs(rate - 1));
            continue;
          case 'no-logs':
            throw new LogScanError(`The node serves no logs: ${refusal.message}`, 'no-logs', [a, b]);
          case 'other':
            if (++other > otherRetries) throw new LogScanError(`The node did not answer for blocks ${a}–${b}: ${refusal.message}`, 'node', [a, b]);
            await sleep(backoffMs(other));
            continue;
        }
      }
    }
  }

  // Windows of `concurrency` ranges. The answered ranges before the first refused one are kept and the cursor moves
  // to their end; the refused range is asked again, narrower, in the next window (so progress is stored often).
  let next = o.fromBlock;
  while (next <= o.toBlock) {
    if (cancelled()) throw new ScanCancelledError();
    const ranges: [number, number][] = [];
    for (let s = next; ranges.length < concurrency && s <= o.toBlock; ) {
      const e = Math.min(o.toBlock, s + span.span - 1);
      ranges.push([s, e]);
      s = e + 1;
    }
    const answers = await Promise.all(ranges.map(([a, b]) => fetchRange(a, b)));
    const logs: RawLog[] = [];
    let end = next - 1;
    for (let i = 0; i < answers.length; i++) {
      const answer = answers[i]!;
      const [a, b] = ranges[i]!;
      if ('refused' in answer) {
        const narrower = afterRefusal(span, answer.refused, b - a + 1);
        if (!narrower) throw new LogScanError(`The node refuses the logs of block ${a}${b > a ? `–${b}` : ''} even one block at a time: ${answer.refused.message}`, 'refused', [a, b]);
        span = narrower;
        break;
      }
      span = afterAnswer(span);
      logs.push(...answer.logs);
      end = b;
    }
    if (end < next) continue; // the first range was refused: ask again, narrower
    const seen = new Set<string>();
    const candidates: Candidate[] = [];
    for (const log of logs) {
      const c = candidateOfLog(log, o.permit2);
      if (!c) continue;
      const key = candidateKey(c);
      if (seen.has(key)) continue;
      seen.add(key);
      candidates.push(c);
    }
    next = end + 1;
    await o.onWindow({ candidates, scannedTo: end, span });
  }
  return { scannedTo: o.toBlock, span, ...stats };
}

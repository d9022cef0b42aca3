import { encodeEventTopics, parseAbi, type Address, type Hex } from 'viem';
import type { ReviewContext } from './analyzer';
import { decodeApproval } from './analyzers/approval';
import { KNOWN_TOKENS } from './known-tokens';
import { isKnownContract } from './labels';
import type { ParsedRequest, TxFields } from './request';
import { decodeTransfer, lookalikeOf } from './transfers';

/**
 * "You have never sent to this address": who a transfer pays or an approval lets spend, checked against the user's
 * own history only. First the addresses the user sent to or approved in requests continued through Preflight (the
 * known-recipients store, on this computer); then, where the node can tell cheaply, the user's own past transfers to
 * (or approvals of) that address for the token in question: one eth_getLogs over a bounded recent range, skipped when
 * the node refuses. With it, three reads say whether the chain ever saw the address used (code, nonce, balance).
 * Nothing leaves the machine but these RPC reads.
 */
export interface FirstTimeTarget {
  address: Address;
  role: 'recipient' | 'spender' | 'operator';
  /** The token contract whose logs tell the user's past transfers or approvals; undefined for ETH (no logs). */
  token?: Address;
  /** The event and topics of "the user did this to this address before" (the user's address fills topic `from`). */
  event?: 'Transfer' | 'TransferSingle' | 'Approval' | 'ApprovalForAll' | 'Permit2Approval';
  /** Whose history: the sender, or the owner named by transferFrom. */
  owner?: Address;
}

/** Recent blocks searched for the user's past transfers: about a week on Ethereum. A node that refuses is asked for the last LOG_FALLBACK. */
export const LOG_RANGE = 50_000n;
export const LOG_FALLBACK = 5_000n;
/** The chain reads give up after this long; the finding then says what it could not read. */
export const FIRST_TIME_BUDGET_MS = 1_200;

const ZERO = '0x0000000000000000000000000000000000000000';
const ERC1155_SAFE_TRANSFER = '0xf242432a';
const EVENTS = parseAbi([
  'event Transfer(address indexed from, address indexed to, uint256 value)',
  'event TransferSingle(address indexed operator, address indexed from, address indexed to, uint256 id, uint256 value)',
  'event Approval(address indexed owner, address indexed spender, uint256 value)',
  'event ApprovalForAll(address indexed owner, address indexed operator, bool approved)',
]);
const PERMIT2_APPROVAL = parseAbi(['event Approval(address indexed owner, address indexed token, address indexed spender, uint160 amount, uint48 expiration)']);

function ofCall(tx: TxFields): FirstTimeTarget[] {
  const approval = decodeApproval(tx.to, tx.data);
  if (approval) {
    switch (approval.kind) {
      case 'erc20':
        // approve(x, 0) of an ERC-20 and approve(0x0, id) of an NFT revoke; an NFT approve(x, 0) names token #0 and counts.
        return approval.spender.toLowerCase() === ZERO || (approval.fn === 'approve' && approval.amount === 0n) ? [] : [{ address: approval.spender, role: 'spender', token: approval.token, event: 'Approval', owner: tx.from }];
      case 'all':
        return approval.approved ? [{ address: approval.operator, role: 'operator', token: approval.token, event: 'ApprovalForAll', owner: tx.from }] : [];
      case 'permit2':
        return approval.amount > 0n && tx.to ? [{ address: approval.spender, role: 'spender', token: tx.to, event: 'Permit2Approval', owner: tx.from }] : [];
      case 'lockdown':
        return [];
    }
  }
  const t = decodeTransfer(tx);
  if (!t) return [];
  if (t.kind === 'native') return [{ address: t.recipient, role: 'recipient', owner: tx.from }];
  return [{ address: t.recipient, role: 'recipient', token: t.token, event: tx.data.startsWith(ERC1155_SAFE_TRANSFER) ? 'TransferSingle' : 'Transfer', owner: t.from ?? tx.from }];
}

/**
 * The addresses a transaction or batch pays or lets spend, for the first-time check: not revocations, not the sender
 * itself, the token contract, a well-known token or a well-known / labelled contract (ETH into WETH, an approve of a
 * router are not "a new person"),
 * and not a look-alike of a known recipient (address-poisoning says more). First occurrence per address.
 */
export function firstTimeTargets(parsed: ParsedRequest, ctx: Pick<ReviewContext, 'knownRecipients' | 'knownSpenders' | 'labels' | 'trustedSpenders'>): FirstTimeTarget[] {
  const txs = parsed.kind === 'transaction' ? [parsed.tx] : parsed.kind === 'calls' ? parsed.calls.map((c) => ({ ...c, from: c.from ?? parsed.from })) : [];
  // Sent to before, or approved before: either way not a first time.
  const known = new Set([...(ctx.knownRecipients ?? []), ...(ctx.knownSpenders ?? [])].map((a) => a.toLowerCase()));
  const seen = new Set<string>();
  const out: FirstTimeTarget[] = [];
  for (const tx of txs) {
    for (const target of ofCall(tx)) {
      const a = target.address.toLowerCase() as Address;
      const self = [tx.from, target.owner].some((x) => x?.toLowerCase() === a);
      const skip = self || a === ZERO || a === target.token?.toLowerCase();
      if (skip || seen.has(a) || known.has(a) || isKnownContract(a, ctx.labels) || KNOWN_TOKENS[a] || ctx.trustedSpenders?.includes(a) || lookalikeOf(a, ctx.knownRecipients)) continue;
      seen.add(a);
      out.push({ ...target, address: a });
    }
  }
  return out;
}

/**
 * Whom a continued transaction or batch paid, and whom it let spend, for the known-recipients store. `paid`: the
 * address called and a transfer's recipient (what "sent to before" has always meant there); `approved`: an approval's
 * spender or operator, kept apart so that "sent to before" keeps its meaning for the checks that use it. Lower-case.
 */
export function addressesDealtWith(parsed: ParsedRequest): { paid: string[]; approved: string[] } {
  const txs = parsed.kind === 'transaction' ? [parsed.tx] : parsed.kind === 'calls' ? parsed.calls : [];
  const paid = new Set<string>();
  const approved = new Set<string>();
  for (const tx of txs) {
    if (tx.to) paid.add(tx.to.toLowerCase());
    for (const t of ofCall(tx)) (t.role === 'recipient' ? paid : approved).add(t.address.toLowerCase());
  }
  paid.delete(ZERO);
  approved.delete(ZERO);
  return { paid: [...paid], approved: [...approved] };
}

/** What the chain said about a target, each part undefined when it could not be read. */
export interface ChainHistory {
  /** The user's transfers to / approvals of this address for this token in the searched blocks; undefined: not searched or refused. */
  pastLogs?: number;
  /** How many recent blocks were searched. */
  searched?: bigint;
  /** Why the log search was skipped or failed. */
  logsProblem?: 'native' | 'no-owner' | 'refused' | 'timeout' | 'no-chain';
  hasCode?: boolean;
  nonce?: number;
  balance?: bigint;
}

/** Log topics as viem encodes them (a position may list alternatives). */
type Topics = (Hex | Hex[] | null)[];

function topicsOf(target: FirstTimeTarget, owner: Address): Topics | undefined {
  const who = target.address;
  switch (target.event) {
    case 'Transfer':
      return encodeEventTopics({ abi: EVENTS, eventName: 'Transfer', args: { from: owner, to: who } });
    case 'TransferSingle':
      return encodeEventTopics({ abi: EVENTS, eventName: 'TransferSingle', args: { from: owner, to: who } });
    case 'Approval':
      return encodeEventTopics({ abi: EVENTS, eventName: 'Approval', args: { owner, spender: who } });
    case 'ApprovalForAll':
      return encodeEventTopics({ abi: EVENTS, eventName: 'ApprovalForAll', args: { owner, operator: who } });
    case 'Permit2Approval':
      return encodeEventTopics({ abi: PERMIT2_APPROVAL, eventName: 'Approval', args: { owner, spender: who } });
    default:
      return undefined;
  }
}

type Rpc = (args: { method: string; params: unknown[] }) => Promise<unknown>;

/** The user's logs to `target` in the last `range` blocks below `head`: their number. Throws when the node refuses. */
async function countLogs(rpc: Rpc, target: FirstTimeTarget, topics: Topics, head: bigint, range: bigint): Promise<number> {
  const from = head > range ? head - range : 0n;
  // The Permit2 event names the token in topic 2 and lives on the Permit2 contract (the call's `to`, kept in `token`).
  const logs = await rpc({ method: 'eth_getLogs', params: [{ address: target.token, topics, fromBlock: `0x${from.toString(16)}`, toBlock: `0x${head.toString(16)}` }] });
  if (!Array.isArray(logs)) throw new Error('eth_getLogs did not answer a list');
  return logs.length;
}

async function readLogs(ctx: ReviewContext, target: FirstTimeTarget): Promise<Pick<ChainHistory, 'pastLogs' | 'searched' | 'logsProblem'>> {
  if (!ctx.client) return { logsProblem: 'no-chain' };
  if (!target.token || !target.event) return { logsProblem: 'native' };
  if (!target.owner) return { logsProblem: 'no-owner' };
  const topics = topicsOf(target, target.owner);
  if (!topics) return { logsProblem: 'native' };
  const rpc = ctx.client.request as unknown as Rpc;
  const head = await ctx.client.getBlockNumber();
  for (const range of [LOG_RANGE, LOG_FALLBACK]) {
    try {
      return { pastLogs: await countLogs(rpc, target, topics, head, range), searched: head < range ? head : range };
    } catch {
      if (ctx.signal.aborted) break;
    }
  }
  return { logsProblem: 'refused' };
}

/** The chain's word on one target, all reads in parallel and bounded by FIRST_TIME_BUDGET_MS. */
export async function readChainHistory(ctx: ReviewContext, target: FirstTimeTarget): Promise<ChainHistory> {
  if (!ctx.client) return { logsProblem: 'no-chain' };
  const client = ctx.client;
  const address = target.address;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), FIRST_TIME_BUDGET_MS);
    ctx.signal.addEventListener('abort', () => resolve('late'), { once: true });
  });
  const bounded = <T>(p: Promise<T>): Promise<T | undefined> => Promise.race([p.catch(() => undefined), late.then(() => undefined)]);
  const [logs, code, nonce, balance] = await Promise.all([
    Promise.race([readLogs(ctx, target).catch((): ChainHistory => ({ logsProblem: 'refused' })), late.then((): ChainHistory => ({ logsProblem: 'timeout' }))]),
    // viem answers undefined for empty code: map to a boolean before a failure can be told from "no code".
    bounded(client.getCode({ address }).then((code) => !!code && code !== '0x')),
    bounded(client.getTransactionCount({ address })),
    bounded(client.getBalance({ address })),
  ]);
  clearTimeout(timer);
  return { ...logs, hasCode: code, nonce, balance };
}

/** The chain shows the address never used: no code, nonce 0, no balance (all three read). */
export function isFreshAddress(h: ChainHistory): boolean {
  return h.hasCode === false && h.nonce === 0 && h.balance === 0n;
}

/**
 * The persisted execution state of a withdrawal plan and its one state machine:
 *   pending ──prepare──▶ pending (tx + review stored) ──sent(hash)──▶ sent ──receipt──▶ confirmed | failed
 *   failed ──prepare──▶ pending again (retry);  pending|failed ──skip──▶ skipped;  bridge pending ──done──▶ confirmed.
 * Steps run in plan order: only the first step that is not confirmed or skipped can be prepared or sent.
 */
import type { Finding, Verdict } from '../review/types';
import type { ExecutionContext } from '../withdraw/execute';
import type { Plan, StepStatus } from '../withdraw/plan-types';
import type { PlanRequest } from '../withdraw/plan-request';

/** Who signs the steps: MetaMask (external-extension provider), the chain's own node (eth_accounts), or nobody. */
export type WalletKind = 'metamask' | 'node-accounts' | 'read-only';

/** The transaction a step sends (value: hex wei). */
export interface PreparedTx {
  chainId: number;
  from: string;
  to: string;
  data: string;
  value: string;
}

export interface StepReview {
  /** The review's key in the reviews store (it also appears in the Reviews tab). */
  key?: string;
  verdict: Verdict;
  findings: Finding[];
  summary: { en: string; ja: string };
}

export interface StepRecord {
  id: string;
  status: StepStatus;
  preparedAt?: number;
  tx?: PreparedTx;
  review?: StepReview;
  txHash?: string;
  sentAt?: number;
  confirmedAt?: number;
  blockNumber?: number;
  /** What the step actually produced (swaps: quote token received), base units and human units. */
  realisedOutBase?: string;
  realisedOut?: number;
  /** Why it failed, or how it was finished (a bridge done in the bridge's own app). */
  note?: string;
  /** Sends attempted (a failed step can be retried). */
  attempts?: number;
  /**
   * Where to look for this step's transaction if the wallet sent it but its hash was never stored (the
   * worker stopped in between): the first block to scan and the account's nonce when it was prepared.
   */
  sentSearch?: { fromBlock: number; nonce: number };
}

export interface PlanRecord {
  id: string;
  createdAt: number;
  updatedAt: number;
  chainId: number;
  account: string;
  wallet: WalletKind;
  plan: Plan;
  /** Per asset symbol: the tokens, router and path the steps of that asset use. */
  contexts: Record<string, ExecutionContext>;
  /** Same order and ids as plan.steps. */
  steps: StepRecord[];
  /** What the user asked for (a re-plan of the unsold rest starts from it). */
  request?: PlanRequest;
  /** Set when this plan's unsold rest was planned again: the new plan's id. */
  replacedBy?: string;
  /** The one-shot sale now (same market), for comparison. */
  baseline?: { netProceeds: number; cost: number };
  /** Where the swaps go (router kind and address). */
  venue?: string;
  /** Step ids a "step is due" notification was shown for. */
  notified: string[];
  /** The latest re-plan check (prices vs the plan's reference prices). */
  replan?: { checkedAt: number; needed: boolean; moves: { asset: string; reference: number; current: number; move: number }[] };
}

export type StepEvent =
  | { kind: 'prepare'; tx: PreparedTx; review: StepReview; sentSearch?: { fromBlock: number; nonce: number } }
  | { kind: 'sent'; txHash: string }
  | { kind: 'confirmed'; blockNumber: number; realisedOutBase?: string; realisedOut?: number }
  | { kind: 'failed'; note: string; blockNumber?: number }
  | { kind: 'skip' }
  | { kind: 'done-elsewhere'; note?: string };

export class StepStateError extends Error {
  override name = 'StepStateError';
}

const finished = (s: StepRecord) => s.status === 'confirmed' || s.status === 'skipped';

/** The first step not yet confirmed or skipped (undefined when the plan is complete). */
export function nextActionableStep(record: PlanRecord): StepRecord | undefined {
  return record.steps.find((s) => !finished(s));
}

/**
 * The next step when it was prepared (with where to look on chain) but has no hash: the wallet may have sent
 * it while the worker stopped before the hash was stored (core/withdraw/sent-recovery.ts looks for it).
 */
export function stepAwaitingLostHash(record: PlanRecord): (StepRecord & { tx: PreparedTx; sentSearch: { fromBlock: number; nonce: number } }) | undefined {
  const next = nextActionableStep(record);
  return next?.status === 'pending' && next.tx && next.sentSearch ? { ...next, tx: next.tx, sentSearch: next.sentSearch } : undefined;
}

export function progressOf(record: PlanRecord): { done: number; total: number; share: number } {
  const done = record.steps.filter(finished).length;
  const total = record.steps.length;
  return { done, total, share: total > 0 ? done / total : 1 };
}

function transition(step: StepRecord, planStepKind: string, event: StepEvent, now: number): StepRecord {
  const refuse = (why: string): never => {
    throw new StepStateError(`Step ${step.id} is ${step.status}: ${why}.`);
  };
  switch (event.kind) {
    case 'prepare':
      if (step.status !== 'pending' && step.status !== 'failed') return refuse('only a pending or failed step can be prepared');
      return { ...step, status: 'pending', tx: event.tx, review: event.review, preparedAt: now, txHash: undefined, note: undefined, sentSearch: event.sentSearch };
    case 'sent':
      if (step.status === 'sent' && step.txHash === event.txHash) return step; // the same answer twice
      if (step.status !== 'pending') return refuse('it cannot be sent again');
      if (!step.tx) return refuse('prepare it first, so it is reviewed before it is sent');
      if (!/^0x[0-9a-fA-F]{64}$/.test(event.txHash)) throw new StepStateError(`"${event.txHash}" is not a transaction hash.`);
      return { ...step, status: 'sent', txHash: event.txHash, sentAt: now, attempts: (step.attempts ?? 0) + 1 };
    case 'confirmed':
      if (step.status === 'confirmed') return step;
      if (step.status !== 'sent') return refuse('only a sent step can be confirmed');
      return { ...step, status: 'confirmed', confirmedAt: now, blockNumber: event.blockNumber, realisedOutBase: event.realisedOutBase, realisedOut: event.realisedOut };
    case 'failed':
      if (step.status === 'failed') return step;
      if (step.status !== 'sent') return refuse('only a sent step can fail');
      return { ...step, status: 'failed', note: event.note, blockNumber: event.blockNumber };
    case 'skip':
      if (step.status !== 'pending' && step.status !== 'failed') return refuse('only a pending or failed step can be skipped');
      return { ...step, status: 'skipped', note: 'skipped by the user' };
    case 'done-elsewhere':
      if (planStepKind !== 'bridge') return refuse(`a ${planStepKind} step is sent from here, not marked done`);
      if (step.status !== 'pending') return refuse('only a pending bridge step can be marked done');
      return { ...step, status: 'confirmed', confirmedAt: now, note: event.note ?? 'done in the bridge’s own app' };
  }
}

/** Human units of the asset not yet sold: swap steps neither confirmed nor skipped (a sent swap counts as sold-pending, not unsold). */
export function unsoldAmount(record: PlanRecord): number {
  return record.plan.steps.filter((p) => p.kind === 'swap' && record.steps.find((s) => s.id === p.id)?.status === 'pending').reduce((sum, p) => sum + p.amountIn, 0);
}

/** Pure: the record after one event on one step. Sending and preparing are allowed for the next actionable step only. */
export function applyStepEvent(record: PlanRecord, stepId: string, event: StepEvent, now: number): PlanRecord {
  const index = record.steps.findIndex((s) => s.id === stepId);
  const planStep = record.plan.steps.find((s) => s.id === stepId);
  if (index < 0 || !planStep) throw new StepStateError(`This plan has no step ${stepId}.`);
  const step = record.steps[index]!;
  if (event.kind === 'prepare' || event.kind === 'sent' || event.kind === 'done-elsewhere') {
    const next = nextActionableStep(record);
    const idempotentSent = event.kind === 'sent' && step.status === 'sent' && step.txHash === event.txHash;
    if (!idempotentSent && next?.id !== stepId) throw new StepStateError(`Finish step ${next?.id ?? '(none)'} first: steps run in order.`);
  }
  const updated = transition(step, planStep.kind, event, now);
  if (updated === step) return record;
  const steps = record.steps.slice();
  steps[index] = updated;
  return { ...record, steps, updatedAt: now };
}

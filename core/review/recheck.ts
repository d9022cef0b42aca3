import type { Address, PublicClient } from 'viem';
import { nativeSymbol } from '../chain/chains';
import type { TokenInfo } from '../chain/token';
import { text, type Localized } from '../i18n/localized';
import { tokenMeta } from './known-tokens';
import { messageOf } from './later-blocks';
import { outcomeOf, partiesOf, readParties, type Outcome } from './outcome';
import { compareOutcomes, movedAgainstUser, type OutcomeChange } from './outcome-diff';
import { parseRequest } from './request';
import { simulateCalls } from './simulate';
import type { Review, SigningRequest } from './types';

/**
 * The release check: when the user presses Continue, when a held request is released and before a withdrawal step is
 * sent, the request is simulated again on the latest block and compared with the outcome the review showed. Moved
 * against the user (core/review/outcome-diff.ts) → not forwarded: the panel shows both outcomes and asks again.
 */
export type RecheckResult =
  | { status: 'unchanged'; checkedAt: number; ms: number }
  | { status: 'changed'; checkedAt: number; ms: number; before: Outcome; now: Outcome; changes: OutcomeChange[] }
  /** The node did not answer in time, or failed: said in the panel; the user may still continue. */
  | { status: 'unavailable'; checkedAt: number; ms: number; reason: Localized };

/**
 * How long the release check waits for the node. Public mainnet RPCs answer one eth_simulateV1 in 0.2–0.8 s; 1.5 s
 * covers their slow tail and keeps Continue from hanging on a dead node: past it the panel says the check could
 * not run and the user decides.
 */
export const RECHECK_BUDGET_MS = 1_500;

/**
 * A second Continue within this long of the change (or the failed check) being shown forwards at once: the user saw
 * the outcome as it is now and chose. Later, the outcome they saw is itself stale: the next Continue checks again,
 * against what they saw. So Continue never loops on its own: each stop needs the outcome to move again while the
 * user was reading for more than a minute.
 */
export const SHOWN_FRESH_MS = 60_000;

export type ReleaseStep = { kind: 'forward'; why: 'no-outcome' | 'seen' } | { kind: 'check'; baseline: Outcome };

/** What the release does, from the review and what the last check showed (pure). */
export function releaseStep(review: Pick<Review, 'outcome'> | undefined, shown: RecheckResult | undefined, nowMs: number): ReleaseStep {
  // Not a transaction, or reviewed without chain access: there is nothing to simulate against.
  if (!review?.outcome) return { kind: 'forward', why: 'no-outcome' };
  if (!shown || shown.status === 'unchanged') return { kind: 'check', baseline: review.outcome };
  if (nowMs - shown.checkedAt < SHOWN_FRESH_MS) return { kind: 'forward', why: 'seen' };
  return { kind: 'check', baseline: shown.status === 'changed' ? shown.now : review.outcome };
}

export interface RecheckDeps {
  client?: PublicClient;
  token?: (address: Address) => Promise<TokenInfo>;
  now: () => number;
}

class RecheckTimeout extends Error {
  override name = 'RecheckTimeout';
}


/** The request simulated again on the latest block, as its outcome (the parties' code read alongside). */
async function outcomeNow(request: SigningRequest, deps: RecheckDeps & { client: PublicClient }): Promise<Outcome> {
  const p = parseRequest(request);
  const calls = p.kind === 'transaction' ? [p.tx] : p.kind === 'calls' ? p.calls : [];
  const from: Address | undefined = p.kind === 'transaction' ? p.tx.from : p.kind === 'calls' ? p.from : undefined;
  if (!from || calls.length === 0) throw new Error('the request has no sender or no call');
  const [sim, read] = await Promise.all([simulateCalls(deps.client, from, calls), readParties(deps.client, partiesOf(calls))]);
  return outcomeOf(sim, from, read.parties, (a) => tokenMeta(deps, a), nativeSymbol(request.chainId));
}

/** Simulates `request` again and compares it with `baseline`. Never throws; bounded by `budgetMs`. */
export async function recheck(request: SigningRequest, baseline: Outcome, deps: RecheckDeps, budgetMs = RECHECK_BUDGET_MS): Promise<RecheckResult> {
  const started = deps.now();
  const done = () => ({ checkedAt: deps.now(), ms: deps.now() - started });
  const client = deps.client;
  if (!client) return { status: 'unavailable', ...done(), reason: text('No way to read this chain now (no RPC answers)', '今はこのチェーンを読み取れません（応答する RPC がありません）') };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RecheckTimeout()), budgetMs);
  });
  try {
    const now = await Promise.race([outcomeNow(request, { ...deps, client }), timeout]);
    const changes = compareOutcomes(baseline, now);
    return movedAgainstUser(changes) ? { status: 'changed', ...done(), before: baseline, now, changes } : { status: 'unchanged', ...done() };
  } catch (e) {
    const reason =
      e instanceof RecheckTimeout
        ? text(`The node did not answer within ${budgetMs / 1000} s`, `ノードが ${budgetMs / 1000} 秒以内に応答しませんでした`)
        : text(`The node failed: ${messageOf(e)}`, `ノードでエラーが発生しました：${messageOf(e)}`);
    return { status: 'unavailable', ...done(), reason };
  } finally {
    clearTimeout(timer);
  }
}

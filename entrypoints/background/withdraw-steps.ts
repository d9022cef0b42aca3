/**
 * Step execution in the background (thin): prepare (stepTransaction → the same review engine as the
 * panel), send through the node-accounts wallet or record MetaMask's hash, receipt tracking with the
 * realised output, skip / done elsewhere, due-step notifications, and the re-plan check. Every change
 * is persisted (core/store/plans) before it is answered, so a stopped worker loses nothing.
 */
import { browser } from 'wxt/browser';
import { createPublicClient, http, type Address, type Hex } from 'viem';
import { formatNumber } from '@/core/format/amount';
import { stepTransaction, quoteReceived } from '@/core/withdraw/execute';
import { fromBaseUnits } from '@/core/withdraw/market';
import { replanNeeded } from '@/core/withdraw/replan';
import { venuesOf, type ChainVenues } from '@/core/withdraw/venues';
import { findSentTransaction } from '@/core/withdraw/sent-recovery';
import { headOf, nonceOf, type RpcRequest } from '@/core/chain/account-scan';
import { listPlans, replacePlan, requirePlan, updateStep, nextActionableStep, stepAwaitingLostHash, type PlanRecord, type PreparedTx, type StepRecord } from '@/core/store/plans';
import type { PlanView } from '@/core/messages';
import { db } from '@/components/storage/db';
import { loadSettings } from '@/components/storage/settings';
import { chainAccess, rpcOf } from './chain-access';
import { ensureReview, reviewBook } from './review-service';
import { releaseCheck } from './release-check';
import { watchDecision } from './bypass';
import { marketsOn, planView, WithdrawSetupError } from './withdraw';

export const WITHDRAW_ALARM = 'withdraw-steps';

const planStepOf = (record: PlanRecord, stepId: string) => {
  const s = record.plan.steps.find((x) => x.id === stepId);
  if (!s) throw new WithdrawSetupError(`This plan has no step ${stepId}.`);
  return s;
};

/** Builds the step's transaction and reviews it like any dApp request; both are stored on the step. */
export async function prepareStep(planId: string, stepId: string): Promise<PlanView> {
  const database = await db();
  const record = await requirePlan(database, planId);
  const step = planStepOf(record, stepId);
  const ctx = record.contexts[step.asset];
  if (!ctx) throw new WithdrawSetupError(`The plan has no execution context for ${step.asset}: create the plan again.`);
  const t = stepTransaction(step, ctx, Math.floor(Date.now() / 1000));
  const tx: PreparedTx = { chainId: t.chainId, from: t.from, to: t.to, data: t.data, value: t.value };
  const key = crypto.randomUUID();
  // Stored like a dApp request (the storage-full fallback included), so it also shows in the Reviews tab.
  await reviewBook.put({
    key, createdAt: Date.now(), tabId: -1, frameId: 0,
    request: { method: 'eth_sendTransaction', params: [{ from: tx.from, to: tx.to, data: tx.data, value: tx.value }], origin: new URL(browser.runtime.getURL('/')).origin, chainId: tx.chainId },
  });
  const reviewed = await ensureReview(key);
  const review = reviewed.review!;
  const sentSearch = await chainPosition(record.chainId, tx.from);
  const updated = await updateStep(database, planId, stepId, { kind: 'prepare', tx, review: { key, verdict: review.verdict, findings: review.findings, summary: review.summary }, ...(sentSearch ? { sentSearch } : {}) }, Date.now());
  return planView(updated);
}

/** A JSON-RPC function on the chain's configured node, or undefined without one. */
async function rpcOn(chainId: number): Promise<RpcRequest | undefined> {
  return rpcOf(chainId, await loadSettings());
}

/** The next block and the account's nonce now: where to look later for a transaction whose hash was lost. Undefined if the node does not answer. */
async function chainPosition(chainId: number, account: string): Promise<{ fromBlock: number; nonce: number } | undefined> {
  const rpc = await rpcOn(chainId);
  if (!rpc) return undefined;
  try {
    const head = await headOf(rpc);
    return { fromBlock: head + 1, nonce: await nonceOf(rpc, account, head) };
  } catch {
    return undefined;
  }
}

/**
 * The plan's next step was prepared but has no hash: if the wallet sent it and the worker stopped before the
 * hash was stored, find it on chain and record it as sent (then its receipt is tracked as usual). Each call
 * scans a bounded number of blocks and remembers where it stopped.
 */
async function recoverSentStep(record: PlanRecord): Promise<PlanRecord> {
  const next = stepAwaitingLostHash(record);
  if (!next) return record;
  const rpc = await rpcOn(record.chainId);
  if (!rpc) return record;
  const r = await findSentTransaction(rpc, { ...next.tx, ...next.sentSearch }).catch(() => undefined);
  if (r?.kind === 'found') return (await stepSent(record.id, next.id, r.hash)).record;
  if (r?.kind === 'not-found') {
    return replacePlan(await db(), record.id, (p) => ({ ...p, steps: p.steps.map((s) => (s.id === next.id && s.sentSearch ? { ...s, sentSearch: { fromBlock: r.scannedTo + 1, nonce: r.nonce ?? s.sentSearch.nonce } } : s)) }));
  }
  return record;
}

/** After the wallet answered with a hash (MetaMask, metamask-wallet.ts; or the node, here). */
export async function stepSent(planId: string, stepId: string, txHash: string): Promise<PlanView> {
  const database = await db();
  const updated = await updateStep(database, planId, stepId, { kind: 'sent', txHash }, Date.now());
  const key = updated.steps.find((s) => s.id === stepId)?.review?.key;
  if (key) {
    // Counted as continued, so the bypass watcher does not report the plan's own transactions.
    const decided = await reviewBook.recordDecision(key, 'continue', false, Date.now()).catch(() => undefined);
    if (decided) void watchDecision(decided).catch(() => undefined);
  }
  return planView(updated);
}

/**
 * The release check before a step is sent: its transaction simulated again and compared with the outcome its review
 * showed. Undefined: send it; otherwise the plan view to answer with, saying what changed (nothing is sent; Send again
 * within a minute sends it as it is now, core/review/recheck.ts).
 */
export async function stepReleaseCheck(record: PlanRecord, step: StepRecord): Promise<PlanView | undefined> {
  const reviewed = step.review?.key ? await reviewBook.get(step.review.key) : undefined;
  if (!reviewed) return undefined;
  const verdict = await releaseCheck(reviewed);
  if (verdict.forward || verdict.recheck.status === 'unchanged') return undefined;
  return { ...planView(record), recheck: { stepId: step.id, result: verdict.recheck } };
}

/** The node-accounts wallet: eth_sendTransaction on the user's own RPC for this chain (anvil, hardhat, a local node). */
export async function sendWithNode(planId: string, stepId: string): Promise<PlanView> {
  const database = await db();
  const record = await requirePlan(database, planId);
  const step = record.steps.find((s) => s.id === stepId);
  if (!step?.tx) throw new WithdrawSetupError('Prepare the step first: it is reviewed before it is sent.');
  if (nextActionableStep(record)?.id !== stepId) throw new WithdrawSetupError('Steps run in order: finish the earlier step first.');
  const stopped = await stepReleaseCheck(record, step);
  if (stopped) return stopped;
  const rpc = (await loadSettings()).rpcs[String(record.chainId)];
  if (!rpc) throw new WithdrawSetupError(`No RPC of your own for chain ${record.chainId} in Settings: the node cannot sign.`);
  const client = createPublicClient({ transport: http(rpc, { timeout: 15_000, retryCount: 0 }) });
  const hash = (await client.request({ method: 'eth_sendTransaction', params: [{ from: step.tx.from as Address, to: step.tx.to as Address, data: step.tx.data as Hex, value: step.tx.value as Hex }] } as never)) as string;
  return stepSent(planId, stepId, hash);
}

/** Looks up the receipts of the plan's sent steps; confirmed or failed with the realised output. Returns the record. */
export async function trackPlan(planId: string): Promise<PlanView> {
  const database = await db();
  let record = await recoverSentStep(await requirePlan(database, planId));
  const access = chainAccess(record.chainId, await loadSettings());
  if (!access) return planView(record);
  for (const s of record.steps.filter((x) => x.status === 'sent' && x.txHash)) {
    const receipt = await access.client.getTransactionReceipt({ hash: s.txHash as Hex }).catch(() => undefined);
    if (!receipt) continue; // not mined yet (or the node did not answer): next time
    const planStep = planStepOf(record, s.id);
    const blockNumber = Number(receipt.blockNumber);
    if (receipt.status !== 'success') {
      record = await updateStep(database, planId, s.id, { kind: 'failed', note: 'the transaction reverted on chain', blockNumber }, Date.now());
      continue;
    }
    const ctx = record.contexts[planStep.asset];
    const realised = planStep.kind === 'swap' && ctx ? quoteReceived(receipt.logs, ctx.quoteToken, ctx.account) : undefined;
    record = await updateStep(database, planId, s.id, {
      kind: 'confirmed', blockNumber,
      ...(realised !== undefined && ctx ? { realisedOutBase: realised.toString(), realisedOut: fromBaseUnits(realised, ctx.quoteDecimals) } : {}),
    }, Date.now());
  }
  return planView(record);
}

export async function skipStep(planId: string, stepId: string, done: boolean): Promise<PlanView> {
  return planView(await updateStep(await db(), planId, stepId, done ? { kind: 'done-elsewhere' } : { kind: 'skip' }, Date.now()));
}

/**
 * The plan's own venue out of the chain's list: only its router's pools (and its V3 fee tiers), so the price
 * check reads the pool the plan trades on, not every pool. The whole list when the router is no longer in it.
 */
function onlyVenue(v: ChainVenues, router: string, fees?: readonly number[]): ChainVenues {
  const r = router.toLowerCase();
  const v2 = v.v2 && v.v2.router.toLowerCase() === r ? v.v2 : undefined;
  const v3 = v.v3 && v.v3.router.toLowerCase() === r ? { ...v.v3, fees: fees?.length ? v.v3.fees.filter((f) => fees.includes(f)) : v.v3.fees } : undefined;
  if (!v2 && !v3) return v;
  const { v2: _v2, v3: _v3, ...rest } = v;
  return { ...rest, ...(v2 ? { v2 } : {}), ...(v3 ? { v3 } : {}) };
}

/** Current mid prices on the plan's venues vs the reference prices: is a re-plan of the unsold rest due? */
export async function checkReplan(planId: string): Promise<PlanView> {
  const database = await db();
  const record = await requirePlan(database, planId);
  const venues = venuesOf(record.chainId);
  const access = chainAccess(record.chainId, await loadSettings());
  if (!venues || !access) throw new WithdrawSetupError(`No RPC or pools known for chain ${record.chainId}.`);
  const prices: Record<string, number> = {};
  for (const [symbol, ctx] of Object.entries(record.contexts)) {
    const markets = await marketsOn(access.client, onlyVenue(venues, ctx.venue.router, ctx.venue.fees), { asset: { symbol, address: ctx.venue.path[0]!, decimals: ctx.assetDecimals }, quote: { address: ctx.quoteToken, decimals: ctx.quoteDecimals }, gasUnitPrice: () => 0, now: Math.floor(Date.now() / 1000) });
    const same = markets.find((m) => m.venue?.router.toLowerCase() === ctx.venue.router.toLowerCase() && JSON.stringify(m.venue.fees ?? []) === JSON.stringify(ctx.venue.fees ?? []));
    if (same) prices[symbol] = same.market.midPrice;
  }
  const check = replanNeeded(record.plan, prices, record.plan.tolerance, record.steps.filter((s) => s.status === 'confirmed').map((s) => s.id));
  const updated = await replacePlan(database, planId, (r) => ({ ...r, replan: { checkedAt: Date.now(), needed: check.needed, moves: check.moves }, updatedAt: Date.now() }));
  return planView(updated);
}

/** On the alarm: receipts of sent steps, then one notification per step that has come due. */
export async function onWithdrawAlarm(): Promise<number> {
  const database = await db();
  let shown = 0;
  const nowSec = Math.floor(Date.now() / 1000);
  for (const plan of await listPlans(database, 20)) {
    const record = stepAwaitingLostHash(plan) || plan.steps.some((s) => s.status === 'sent') ? (await trackPlan(plan.id)).record : plan;
    const next = nextActionableStep(record);
    if (!next || next.status !== 'pending' || record.notified.includes(next.id)) continue;
    const step = planStepOf(record, next.id);
    if (step.dueAt > nowSec) continue;
    const { lang } = await loadSettings();
    await browser.notifications.create(`plan-step-${record.id}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: lang === 'ja' ? '出金プランの次のステップの時刻です' : 'A planned withdrawal step is due',
      message: lang === 'ja' ? `${step.asset}：${step.kind}（${formatNumber(step.amountIn)}）。Preflight の「出金」タブで確認して送信してください。` : `${step.asset}: ${step.kind} of ${formatNumber(step.amountIn)}. Review and send it in Preflight's Withdraw tab.`,
    });
    await replacePlan(database, record.id, (r) => ({ ...r, notified: [...r.notified, next.id] }));
    shown++;
  }
  return shown;
}

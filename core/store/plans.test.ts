import 'fake-indexeddb/auto'; // idb's wrap() checks instanceof against the IDB globals
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Address } from 'viem';
import { buildPlan } from '../withdraw/plan';
import { fixtureDeps, fixtureSpec } from '../withdraw/plan.fixtures';
import { openPreflightDb } from './db';
import { applyStepEvent, getPlan, listPlans, newPlanRecord, nextActionableStep, plansAwaitingReceipts, progressOf, putPlan, StepStateError, unsoldAmount, updateStep, type PlanRecord, type PreparedTx } from './plans';

const account = '0x00000000000000000000000000000000000000aa' as Address;
const tx: PreparedTx = { chainId: 1, from: account, to: '0x00000000000000000000000000000000000000bb', data: '0x095ea7b3', value: '0x0' };
const review = { verdict: 'ok' as const, findings: [], summary: { en: 's', ja: 's' } };
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;

function record(id = 'p1', createdAt = 1): PlanRecord {
  const plan = buildPlan(fixtureSpec(1, { bridges: [] }), { ...fixtureDeps(), markets: (a) => fixtureDeps().markets(a).filter((m) => m.chain === 'ethereum') });
  return newPlanRecord({ id, createdAt, chainId: 1, account, wallet: 'node-accounts', plan, contexts: {} });
}

describe('plan store', () => {
  it('starts every step pending, in the plan order, first an approval', () => {
    const r = record();
    expect(r.steps.map((s) => s.id)).toEqual(r.plan.steps.map((s) => s.id));
    expect(r.steps.every((s) => s.status === 'pending')).toBe(true);
    expect(r.plan.steps[0]?.kind).toBe('approve');
    expect(r.plan.steps.filter((s) => s.kind === 'swap').length).toBeGreaterThan(1);
  });

  it('walks a step through prepare → sent → confirmed and keeps it across a reopen', async () => {
    const factory = new IDBFactory();
    const db = await openPreflightDb(factory);
    const r = record();
    await putPlan(db, r);
    const first = r.steps[0]!.id;
    await updateStep(db, 'p1', first, { kind: 'prepare', tx, review }, 10);
    await updateStep(db, 'p1', first, { kind: 'sent', txHash: hash(1) }, 11);
    await updateStep(db, 'p1', first, { kind: 'sent', txHash: hash(1) }, 12); // the same answer twice is harmless
    expect((await plansAwaitingReceipts(db)).map((p) => p.id)).toEqual(['p1']);
    await updateStep(db, 'p1', first, { kind: 'confirmed', blockNumber: 5 }, 13);
    db.close();
    const again = await openPreflightDb(factory);
    const stored = (await getPlan(again, 'p1'))!;
    expect(stored.steps[0]).toMatchObject({ status: 'confirmed', txHash: hash(1), sentAt: 11, confirmedAt: 13, blockNumber: 5, attempts: 1 });
    expect(stored.plan).toEqual(r.plan);
    expect(nextActionableStep(stored)?.id).toBe(r.steps[1]!.id);
    expect(progressOf(stored).done).toBe(1);
    expect(await plansAwaitingReceipts(again)).toEqual([]);
  });

  it('refuses out-of-order and unreviewed sends, and a second different hash', () => {
    const r = record();
    const [a, b] = r.steps;
    expect(() => applyStepEvent(r, b!.id, { kind: 'prepare', tx, review }, 1)).toThrow(StepStateError);
    expect(() => applyStepEvent(r, a!.id, { kind: 'sent', txHash: hash(1) }, 1)).toThrow(/prepare it first/);
    const prepared = applyStepEvent(r, a!.id, { kind: 'prepare', tx, review }, 1);
    expect(() => applyStepEvent(prepared, a!.id, { kind: 'sent', txHash: '0x12' }, 1)).toThrow(/not a transaction hash/);
    const sent = applyStepEvent(prepared, a!.id, { kind: 'sent', txHash: hash(1) }, 2);
    expect(() => applyStepEvent(sent, a!.id, { kind: 'sent', txHash: hash(2) }, 3)).toThrow(StepStateError);
    expect(() => applyStepEvent(sent, a!.id, { kind: 'done-elsewhere' }, 3)).toThrow(StepStateError);
    expect(() => applyStepEvent(r, 'nope', { kind: 'skip' }, 3)).toThrow(/no step nope/);
  });

  it('a prepared step keeps where to look for its transaction if its hash is lost; preparing again replaces it', () => {
    const r = record();
    const a = r.steps[0]!;
    const prepared = applyStepEvent(r, a.id, { kind: 'prepare', tx, review, sentSearch: { fromBlock: 101, nonce: 7 } }, 1);
    expect(prepared.steps[0]!.sentSearch).toEqual({ fromBlock: 101, nonce: 7 });
    expect(applyStepEvent(prepared, a.id, { kind: 'prepare', tx, review }, 2).steps[0]!.sentSearch).toBeUndefined();
  });

  it('a failed step can be retried or skipped; only bridge steps are marked done elsewhere', () => {
    const r = record();
    const a = r.steps[0]!.id;
    let x = applyStepEvent(r, a, { kind: 'prepare', tx, review }, 1);
    x = applyStepEvent(x, a, { kind: 'sent', txHash: hash(1) }, 2);
    x = applyStepEvent(x, a, { kind: 'failed', note: 'reverted', blockNumber: 3 }, 3);
    expect(x.steps[0]).toMatchObject({ status: 'failed', note: 'reverted' });
    x = applyStepEvent(x, a, { kind: 'prepare', tx, review }, 4);
    x = applyStepEvent(x, a, { kind: 'sent', txHash: hash(2) }, 5);
    expect(x.steps[0]).toMatchObject({ status: 'sent', txHash: hash(2), attempts: 2 });
    const skipped = applyStepEvent(r, a, { kind: 'skip' }, 1);
    expect(skipped.steps[0]!.status).toBe('skipped');
    expect(() => applyStepEvent(r, a, { kind: 'done-elsewhere' }, 1)).toThrow(/approve step is sent from here/);
  });

  it('the unsold rest is what the pending swaps still hold', () => {
    let r = record();
    const swaps = r.plan.steps.filter((s) => s.kind === 'swap');
    const total = swaps.reduce((x, s) => x + s.amountIn, 0);
    expect(unsoldAmount(r)).toBeCloseTo(total, 9);
    r = applyStepEvent(r, r.steps[0]!.id, { kind: 'skip' }, 1);
    r = applyStepEvent(r, swaps[0]!.id, { kind: 'prepare', tx, review }, 2);
    r = applyStepEvent(r, swaps[0]!.id, { kind: 'sent', txHash: hash(9) }, 3);
    expect(unsoldAmount(r)).toBeCloseTo(total - swaps[0]!.amountIn, 9);
  });

  it('lists newest first', async () => {
    const db = await openPreflightDb(new IDBFactory());
    await putPlan(db, record('old', 1));
    await putPlan(db, record('new', 2));
    expect((await listPlans(db)).map((p) => p.id)).toEqual(['new', 'old']);
  });
});

/**
 * Withdrawal plans and their execution progress in IndexedDB (store `plans`, database version 3).
 * Pure: the database is passed in. Every change to a step goes through `applyStepEvent`
 * (core/store/plan-steps.ts) inside one readwrite transaction, so a stopped worker or a second
 * popup never sees half a change.
 */
import type { IDBPDatabase } from 'idb';
import type { Plan } from '../withdraw/plan-types';
import { newestFirst, type PreflightSchema } from './db';
import { applyStepEvent, type PlanRecord, type StepEvent } from './plan-steps';

export type { PlanRecord, StepRecord, StepEvent, PreparedTx, StepReview, WalletKind } from './plan-steps';
export { applyStepEvent, nextActionableStep, stepAwaitingLostHash, progressOf, unsoldAmount, StepStateError } from './plan-steps';

type Db = IDBPDatabase<PreflightSchema>;

/** Keeps the newest plans; older finished ones are pruned beyond this count. */
export const MAX_PLANS = 200;

export class PlanNotFoundError extends Error {
  override name = 'PlanNotFoundError';
  constructor(id: string) {
    super(`No withdrawal plan ${id.slice(0, 8)}… (it may have been deleted). Create a new plan.`);
  }
}

export async function putPlan(db: Db, record: PlanRecord): Promise<void> {
  await db.put('plans', record);
}

export async function getPlan(db: Db, id: string): Promise<PlanRecord | undefined> {
  return db.get('plans', id);
}

export async function requirePlan(db: Db, id: string): Promise<PlanRecord> {
  const record = await getPlan(db, id);
  if (!record) throw new PlanNotFoundError(id);
  return record;
}

/** Newest first. */
export async function listPlans(db: Db, limit = 50): Promise<PlanRecord[]> {
  return newestFirst(db, 'plans', limit);
}

/** Applies one event to one step atomically; returns the updated record. Throws StepStateError on an impossible transition. */
export async function updateStep(db: Db, planId: string, stepId: string, event: StepEvent, now: number): Promise<PlanRecord> {
  const tx = db.transaction('plans', 'readwrite');
  const record = await tx.store.get(planId);
  if (!record) {
    await tx.done.catch(() => undefined);
    throw new PlanNotFoundError(planId);
  }
  let updated: PlanRecord;
  try {
    updated = applyStepEvent(record, stepId, event, now);
  } catch (e) {
    await tx.done.catch(() => undefined);
    throw e;
  }
  await tx.store.put(updated);
  await tx.done;
  return updated;
}

/** Replaces the plan of a record (a re-plan of the unsold rest), keeping finished steps as they are. */
export async function replacePlan(db: Db, planId: string, mutate: (record: PlanRecord) => PlanRecord): Promise<PlanRecord> {
  const tx = db.transaction('plans', 'readwrite');
  const record = await tx.store.get(planId);
  if (!record) {
    await tx.done.catch(() => undefined);
    throw new PlanNotFoundError(planId);
  }
  const updated = mutate(record);
  await tx.store.put(updated);
  await tx.done;
  return updated;
}

/** Plans with a step sent but not yet confirmed or failed (receipt tracking looks at these). */
export async function plansAwaitingReceipts(db: Db): Promise<PlanRecord[]> {
  return (await listPlans(db, MAX_PLANS)).filter((r) => r.steps.some((s) => s.status === 'sent'));
}

export async function deletePlan(db: Db, id: string): Promise<void> {
  await db.delete('plans', id);
}

/** A new record for a freshly built plan: every step pending, in the plan's order. */
export function newPlanRecord(args: Omit<PlanRecord, 'steps' | 'updatedAt' | 'notified'> & { plan: Plan }): PlanRecord {
  return {
    ...args,
    updatedAt: args.createdAt,
    notified: [],
    steps: args.plan.steps.map((s) => ({ id: s.id, status: 'pending' as const })),
  };
}

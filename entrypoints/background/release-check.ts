/**
 * The release check in the worker (thin; the logic is core/review/recheck.ts): before a reviewed transaction is
 * forwarded (Continue in the panel, a held request released at its fee, a withdrawal step sent), it is simulated
 * again on the latest block through the same chain reader as the review. A check that stops the request is stored
 * on its record before it is answered, so a stopped worker or a reloaded panel loses nothing; a check still running
 * when the worker stops is simply run again on the next Continue (the request stays undecided until then).
 */
import { recheck, releaseStep, type RecheckResult } from '@/core/review/recheck';
import type { BookRecord } from '@/core/store/review-book';
import { loadSettings } from '@/components/storage/settings';
import { readAccess } from './chain-access';
import { reviewBook } from './review-service';

export type ReleaseVerdict = { forward: true; recheck?: RecheckResult } | { forward: false; recheck: RecheckResult };

/** One check per request at a time: a second Continue while the first is checking waits for the same answer. */
const running = new Map<string, Promise<ReleaseVerdict>>();

async function check(record: BookRecord): Promise<ReleaseVerdict> {
  const settings = await loadSettings();
  if (!settings.releaseCheck) return { forward: true };
  const step = releaseStep(record.review, record.recheck, Date.now());
  if (step.kind === 'forward') return { forward: true };
  const found = await readAccess(record.request.chainId, settings);
  const access = 'none' in found ? undefined : found;
  const result = await recheck(record.request, step.baseline, { client: access?.client, token: access?.token, now: Date.now });
  if (result.status === 'unchanged') return { forward: true, recheck: result };
  await reviewBook.saveRecheck(record.key, result);
  return { forward: false, recheck: result };
}

/** Whether `record` may be forwarded now, and the check that decided it. */
export function releaseCheck(record: BookRecord): Promise<ReleaseVerdict> {
  let pending = running.get(record.key);
  if (!pending) {
    pending = check(record);
    running.set(record.key, pending);
    void pending.finally(() => running.delete(record.key)).catch(() => undefined);
  }
  return pending;
}

/**
 * Schedules found by brute force: the exhaustive exact search the planner is proved against, and
 * the best start hour for a fixed number of equal slices (the user's "split it into N swaps").
 */
import { WithdrawInputError } from './errors';
import { candidates, type Candidate, type Schedule, type ScheduleInput } from './schedule';
import { acHoldings, impactCurve, materialise, priceCandidate, validate } from './schedule-exact';

export interface ExhaustiveResult {
  objective: number;
  slices: number;
  startHour: number;
  shape: 'ac' | 'twap';
}

/** Exhaustive exact search over every N ≤ maxSlices and start hour, AC and straight-line trajectories (the proof baseline). */
export function exhaustiveSchedule(input: ScheduleInput): ExhaustiveResult {
  validate(input);
  const etaAt = impactCurve(input);
  let best: ExhaustiveResult = { objective: Number.POSITIVE_INFINITY, slices: 0, startHour: 0, shape: 'ac' };
  for (const c of candidates(input, etaAt)) {
    for (const shape of ['ac', 'twap'] as const) {
      const p = priceCandidate(input, shape === 'ac' ? c : { ...c, holdings: acHoldings(input.amount, c.slices, 0) });
      if (p.objective < best.objective) best = { objective: p.objective, slices: c.slices, startHour: c.startHour, shape };
    }
  }
  return best;
}

/** Exactly `slices` equal slices (TWAP), from the start hour with the lowest exact E + λV. */
export function fixedSlicesSchedule(input: ScheduleInput, slices: number): Schedule {
  validate(input);
  if (!Number.isInteger(slices) || slices < 1 || slices > 500) throw new WithdrawInputError(`the number of slices (${slices}) must be a whole number from 1 to 500`);
  const etaAt = impactCurve(input);
  const holdings = acHoldings(input.amount, slices, 0);
  const cands: Candidate[] = candidates({ ...input, maxSlices: slices }, etaAt)
    .filter((c) => c.slices === slices)
    .map((c) => ({ ...c, kappa: 0, holdings }));
  if (cands.length === 0) throw new WithdrawInputError(`${slices} slices do not fit before the deadline; choose fewer slices or a later deadline`);
  let best: { c: Candidate; p: ReturnType<typeof priceCandidate> } | undefined;
  for (const c of cands) {
    const p = priceCandidate(input, c);
    if (!best || p.objective < best.p.objective) best = { c, p };
  }
  return materialise(input, best!.c, best!.p);
}

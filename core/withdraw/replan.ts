/** Re-plan when the market moved past the plan's tolerance; plans round-trip through JSON. */
import { WithdrawInputError } from './errors';
import type { Plan } from './plan-types';

export interface ReplanCheck {
  needed: boolean;
  /** `reference`: the price the plan expects now (see replanNeeded); `before`: the mid when the plan was made. */
  moves: { asset: string; reference: number; before: number; current: number; move: number }[];
}

/**
 * The price the plan expects after the swaps done so far: on a static (permanent-impact) pool the
 * mid after the last done slice (PlanStep.midAfter), otherwise the price before the plan started.
 */
export function expectedPrice(plan: Plan, asset: string, done: ReadonlySet<string>): number | undefined {
  const before = plan.referencePrices[asset];
  let expected = before;
  for (const s of plan.steps) if (s.asset === asset && s.kind === 'swap' && done.has(s.id) && s.midAfter !== undefined) expected = s.midAfter;
  return expected;
}

/**
 * `currentPrice`: one number (single-asset plan) or a price per asset symbol. Assets without a
 * current price are not judged. `tolerance` defaults to the plan's. `done`: ids of the steps already
 * executed (default: the plan's steps with status 'confirmed'); the current price is compared with
 * the price expected after them, so a static pool's own impact is not read as a market move.
 */
export function replanNeeded(plan: Plan, currentPrice: number | Readonly<Record<string, number>>, tolerance = plan.tolerance, done?: Iterable<string>): ReplanCheck {
  const moves: ReplanCheck['moves'] = [];
  const doneIds = new Set(done ?? plan.steps.filter((s) => s.status === 'confirmed').map((s) => s.id));
  for (const [asset, before] of Object.entries(plan.referencePrices)) {
    const reference = expectedPrice(plan, asset, doneIds) ?? before;
    const current = typeof currentPrice === 'number' ? (plan.assets.length === 1 ? currentPrice : undefined) : currentPrice[asset];
    if (current === undefined) continue;
    if (!(current > 0)) throw new WithdrawInputError(`current price of ${asset} must be positive`);
    moves.push({ asset, reference, before, current, move: current / reference - 1 });
  }
  if (typeof currentPrice === 'number' && plan.assets.length !== 1) throw new WithdrawInputError('this plan has several assets: give a price per asset');
  return { needed: moves.some((m) => Math.abs(m.move) > tolerance), moves };
}

export function planToJson(plan: Plan): string {
  return JSON.stringify(plan);
}

export function planFromJson(json: string): Plan {
  const p = JSON.parse(json) as Partial<Plan>;
  if (p.version !== 1 || !Array.isArray(p.steps) || !Array.isArray(p.assets)) throw new WithdrawInputError('not a Preflight withdrawal plan (version 1)');
  return p as Plan;
}

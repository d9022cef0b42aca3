/** Re-plan when the market moved past the plan's tolerance; plans round-trip through JSON. */
import { WithdrawInputError } from './errors';
import type { Plan } from './plan-types';

export interface ReplanCheck {
  needed: boolean;
  moves: { asset: string; reference: number; current: number; move: number }[];
}

/**
 * `currentPrice`: one number (single-asset plan) or a price per asset symbol. Assets without a
 * current price are not judged. `tolerance` defaults to the plan's.
 */
export function replanNeeded(plan: Plan, currentPrice: number | Readonly<Record<string, number>>, tolerance = plan.tolerance): ReplanCheck {
  const moves: ReplanCheck['moves'] = [];
  for (const [asset, reference] of Object.entries(plan.referencePrices)) {
    const current = typeof currentPrice === 'number' ? (plan.assets.length === 1 ? currentPrice : undefined) : currentPrice[asset];
    if (current === undefined) continue;
    if (!(current > 0)) throw new WithdrawInputError(`current price of ${asset} must be positive`);
    moves.push({ asset, reference, current, move: current / reference - 1 });
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

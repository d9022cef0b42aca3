import { reverseRoute, routeExactIn, routeExactOut, type Route } from './pool/route';
import { v2MaxFrontRun } from './sandwich-v2';
import { argMaxUnimodal, lastTrue } from './search';

/** The victim's swap: exact input with a minimum out, or exact output with a maximum in. */
export type Victim =
  | { exactInput: true; amountIn: bigint; amountOutMin: bigint }
  | { exactInput: false; amountOut: bigint; amountInMax: bigint };

/** What happens when an attacker front-runs with `frontRunIn` of the victim's input token. */
export interface SandwichOutcome {
  frontRunIn: bigint;
  frontRunOut: bigint;
  backRunOut: bigint;
  /** Back-run proceeds minus front-run cost, in the input token, before gas. */
  grossProfit: bigint;
  victimIn: bigint;
  victimOut: bigint;
}

export interface OptimalSandwich {
  /** Best sandwich the attacker can run without making the victim's swap revert (null: none). */
  best: SandwichOutcome | null;
  /** Largest front-run the victim's bound tolerates (−1: the swap fails even unattacked). */
  maxFrontRun: bigint;
  /** grossProfit − gasCostInTokenIn. */
  netProfit: bigint;
  profitable: boolean;
  /** Victim's loss versus the unattacked quote: output token (exact input) or input token (exact output). */
  victimLoss: bigint;
  method: 'closed-form' | 'bisection';
}

const NEG_INF = -(1n << 255n);

/** Front-run, victim, back-run on the route; null when a leg cannot execute. Victim bounds not checked. */
export function simulateSandwich(route: Route, victim: Victim, frontRunIn: bigint): SandwichOutcome | null {
  try {
    const front = routeExactIn(route, frontRunIn);
    const v = victim.exactInput ? routeExactIn(front.after, victim.amountIn) : routeExactOut(front.after, victim.amountOut);
    const back = routeExactIn(reverseRoute(v.after), front.amountOut);
    return {
      frontRunIn,
      frontRunOut: front.amountOut,
      backRunOut: back.amountOut,
      grossProfit: back.amountOut - frontRunIn,
      victimIn: v.amountIn,
      victimOut: v.amountOut,
    };
  } catch {
    return null;
  }
}

/** Does the victim's swap still go through after this front-run? */
export function victimSucceeds(route: Route, victim: Victim, frontRunIn: bigint): boolean {
  try {
    const front = routeExactIn(route, frontRunIn);
    if (victim.exactInput) return routeExactIn(front.after, victim.amountIn).amountOut >= victim.amountOutMin;
    return routeExactOut(front.after, victim.amountOut).amountIn <= victim.amountInMax;
  } catch {
    return false;
  }
}

/** Unattacked outcome of the victim's swap (quote now). */
export function victimQuote(route: Route, victim: Victim): { amountIn: bigint; amountOut: bigint } {
  const q = victim.exactInput ? routeExactIn(route, victim.amountIn) : routeExactOut(route, victim.amountOut);
  return { amountIn: q.amountIn, amountOut: q.amountOut };
}

function victimScale(route: Route, victim: Victim): bigint {
  if (victim.exactInput) return victim.amountIn > 0n ? victim.amountIn : 1n;
  try {
    return victimQuote(route, victim).amountIn;
  } catch {
    return 1n;
  }
}

/** Largest x ≥ 0 for which `ok(x)` holds, by doubling then bisection (ok is true then false). */
function maxFeasible(start: bigint, ok: (x: bigint) => boolean): bigint {
  if (!ok(0n)) return -1n;
  let hi = start > 0n ? start : 1n;
  let lo = 0n;
  for (let i = 0; i < 256 && ok(hi); i++) {
    lo = hi;
    hi *= 2n;
  }
  if (ok(hi)) return hi;
  return lastTrue(lo, hi, ok, hi / 10_000_000n);
}

/**
 * The attacker's best front-run bounded by the victim's minimum out (or maximum in): closed form
 * for a single V2 pair and an exact-input victim, bisection otherwise; then, if profit is still
 * rising at the bound, the bound is optimal, otherwise a golden-section search inside it.
 */
export function optimalSandwich(route: Route, victim: Victim, gasCostInTokenIn: bigint): OptimalSandwich {
  const pool = route.pools[0];
  const tokenIn = route.tokens[0];
  let maxFrontRun: bigint;
  let method: OptimalSandwich['method'] = 'bisection';
  if (route.pools.length === 1 && pool?.protocol === 'v2' && victim.exactInput && tokenIn) {
    const zeroForOne = pool.token0.toLowerCase() === tokenIn.toLowerCase();
    const [rIn, rOut] = zeroForOne ? [pool.reserve0, pool.reserve1] : [pool.reserve1, pool.reserve0];
    maxFrontRun = v2MaxFrontRun(rIn, rOut, victim.amountIn, victim.amountOutMin, pool.feeBps);
    method = 'closed-form';
  } else {
    maxFrontRun = maxFeasible(victimScale(route, victim), (x) => victimSucceeds(route, victim, x));
  }
  const none: OptimalSandwich = { best: null, maxFrontRun, netProfit: -gasCostInTokenIn, profitable: false, victimLoss: 0n, method };
  if (maxFrontRun <= 0n) return none;

  const profit = (x: bigint): bigint => simulateSandwich(route, victim, x)?.grossProfit ?? NEG_INF;
  const delta = maxFrontRun / 1_000_000n > 0n ? maxFrontRun / 1_000_000n : 1n;
  let x = maxFrontRun;
  if (profit(maxFrontRun) < profit(maxFrontRun - delta)) x = argMaxUnimodal(0n, maxFrontRun, profit, 1000n).x;
  const best = simulateSandwich(route, victim, x);
  if (!best) return none;
  const quote = victimQuote(route, victim);
  const victimLoss = victim.exactInput ? quote.amountOut - best.victimOut : best.victimIn - quote.amountIn;
  const netProfit = best.grossProfit - gasCostInTokenIn;
  return { best, maxFrontRun, netProfit, profitable: netProfit > 0n, victimLoss, method };
}

import type { Route } from './pool/route';
import { simulateSandwich, victimQuote, type Victim } from './sandwich';
import { argMaxUnimodal, lastTrue } from './search';
import { largestBpsWithMaxInAtMost, largestBpsWithMinOutAtLeast } from './slippage';

export interface SafeSlippage {
  /** Largest tolerance (bps, two decimals) at which no sandwich covers its gas. */
  noSandwichBps: number;
  /** Recommended tolerance: noSandwichBps, but never below the expected ordinary price move. */
  recommendedBps: number;
  /** The expected move is larger than noSandwichBps: slippage alone cannot protect this swap. */
  floorBinds: boolean;
  /** No sandwich pays at any tolerance (the pool is deep or gas is dear). */
  neverProfitable: boolean;
  /** The smallest front-run that pays, when one exists. */
  smallestProfitableFrontRun?: bigint;
}

const NEG_INF = -(1n << 255n);
const MAX_BPS = 10_000;

/**
 * Safe slippage. Ignoring the victim's bound, the attacker's net profit P(x) over the front-run size
 * x is unimodal, so the profitable front-runs form an interval starting at x_lo. The victim's result
 * worsens monotonically with x, so a bound that the victim's result at x_lo already violates makes
 * every profitable sandwich revert the victim, i.e. fail. The safe tolerance is therefore the
 * largest whose minimum out exceeds the victim's output at x_lo (for exact output: whose maximum in
 * is below the victim's input at x_lo). x_lo is bracketed conservatively (the last unprofitable x).
 */
export function safeSlippage(route: Route, victim: Victim, gasCostInTokenIn: bigint, expectedMoveBps: number): SafeSlippage {
  const loose: Victim = victim.exactInput
    ? { exactInput: true, amountIn: victim.amountIn, amountOutMin: 0n }
    : { exactInput: false, amountOut: victim.amountOut, amountInMax: 1n << 255n };
  const net = (x: bigint): bigint => {
    const s = simulateSandwich(route, loose, x);
    return s ? s.grossProfit - gasCostInTokenIn : NEG_INF;
  };
  const quote = victimQuote(route, victim);
  let hi = quote.amountIn > 0n ? quote.amountIn : 1n;
  for (let i = 0; i < 128 && net(hi * 2n) > net(hi); i++) hi *= 2n;
  const peak = argMaxUnimodal(0n, hi * 2n, net, 1_000_000n);
  const floor = Math.min(Math.max(expectedMoveBps, 0), MAX_BPS);
  if (peak.value <= 0n) {
    return { noSandwichBps: MAX_BPS, recommendedBps: Math.max(floor, 0), floorBinds: false, neverProfitable: true };
  }
  // last x in [0, peak] that does not pay; every x above it (up to the peak) pays
  // halve down from the peak until a front-run no longer pays, then bisect that octave to 1/20 000
  let hiX = peak.x;
  let loX = peak.x / 2n;
  while (loX > 0n && net(loX) > 0n) {
    hiX = loX;
    loX /= 2n;
  }
  const lastUnprofitable = lastTrue(loX, hiX, (x) => net(x) <= 0n, hiX / 20_000n);
  const atEdge = simulateSandwich(route, loose, lastUnprofitable < 0n ? 0n : lastUnprofitable);
  let noSandwichBps = 0;
  if (atEdge) {
    noSandwichBps = victim.exactInput
      ? largestBpsWithMinOutAtLeast(quote.amountOut, atEdge.victimOut + 1n)
      : largestBpsWithMaxInAtMost(quote.amountIn, atEdge.victimIn - 1n);
  }
  return {
    noSandwichBps,
    recommendedBps: Math.max(noSandwichBps, floor),
    floorBinds: floor > noSandwichBps,
    neverProfitable: false,
    smallestProfitableFrontRun: lastUnprofitable + 1n,
  };
}

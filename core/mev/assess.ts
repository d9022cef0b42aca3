import type { Address } from 'viem';
import { adviceFor, isHighSlippage, severityOf, type Advice, type MevSeverity } from './advice';
import { MevError } from './errors';
import { makeRoute, type Route } from './pool/route';
import type { PoolState } from './pool/types';
import type { Protection } from './protection';
import { safeSlippage } from './safe-slippage';
import { optimalSandwich, victimQuote, type SandwichOutcome, type Victim } from './sandwich';
import { minOutForSlippage, slippageBpsOfMaxIn, slippageBpsOfMinOut } from './slippage';
import type { SwapIntent } from './types';
import { tokenToWei, weiToToken, weiToUsd } from './valuation';

export interface AssessInput {
  intent: SwapIntent;
  pools: readonly PoolState[];
  weth?: Address;
  protection: Protection;
  baseFeeWei: bigint;
  priorityFeeWei: bigint;
  ethPriceUsd?: number;
  expectedMoveBps?: number;
  attackerGasPerTx?: bigint;
}

/** Pure part of the analysis: everything after the pool state is known. Amounts are exact bigints. */
export interface SwapAssessment {
  exactInput: boolean;
  /** Unattacked result now: output (exact input) or input (exact output). */
  quoteOut: bigint;
  quoteIn: bigint;
  minOut?: bigint;
  maxIn?: bigint;
  /** The gap the slippage leaves: quote − minimum (exact input) or maximum − quote (exact output). */
  maxExtractable: bigint;
  frontRunIn: bigint;
  /** The attacker's best (gross-optimal) sandwich bounded by the victim's minimum, whether or not it covers gas. */
  attack?: SandwichOutcome & { victimLoss: bigint };
  /** Attacker's profit net of two transactions' gas, in the input token (negative: does not pay). */
  attackerProfit: bigint;
  attackerProfitWei?: bigint;
  gasCostWei: bigint;
  /** Gas could not be valued in the input token (no WETH on the route): profit is before gas. */
  gasUnvalued: boolean;
  /** Victim's loss if the optimal sandwich runs (0 when none pays): output token, or input token for exact output. */
  victimLoss: bigint;
  victimLossWei?: bigint;
  victimLossUsd?: number;
  lossShare: number;
  safeSlippageBps: number;
  noSandwichSlippageBps: number;
  currentSlippageBps: number;
  highSlippage: boolean;
  advice: Advice;
  severity: MevSeverity;
}

const DEFAULT_EXPECTED_MOVE_BPS = 10;

export function assessSwap(a: AssessInput): SwapAssessment {
  const { intent } = a;
  const route = makeRoute([intent.hops[0]!.tokenIn, ...intent.hops.map((h) => h.tokenOut)], a.pools);
  let victim: Victim;
  if (intent.exactInput && intent.amountIn !== undefined && intent.amountOutMin !== undefined) {
    victim = { exactInput: true, amountIn: intent.amountIn, amountOutMin: intent.amountOutMin };
  } else if (!intent.exactInput && intent.amountOut !== undefined && intent.amountInMax !== undefined) {
    victim = { exactInput: false, amountOut: intent.amountOut, amountInMax: intent.amountInMax };
  } else throw new MevError('the swap amounts are not in the calldata');

  const gasPerTx = a.attackerGasPerTx ?? a.pools.reduce((s, p) => s + (p.protocol === 'v2' ? 100_000n : 140_000n), 0n);
  const gasCostWei = 2n * gasPerTx * (a.baseFeeWei + a.priorityFeeWei);
  const gasInTokenIn = weiToToken(route, a.weth, 0, gasCostWei);
  const gas = gasInTokenIn ?? 0n;
  const quote = victimQuote(route, victim);
  const expectedMoveBps = a.expectedMoveBps ?? DEFAULT_EXPECTED_MOVE_BPS;

  const opt = optimalSandwich(route, victim, gas);
  const safe = safeSlippage(route, victim, gas, expectedMoveBps);
  const victimLoss = opt.profitable ? opt.victimLoss : 0n;
  const lossIndex = victim.exactInput ? route.tokens.length - 1 : 0;
  const victimLossWei = tokenToWei(route, a.weth, lossIndex, victimLoss);
  const victimLossUsd = victimLossWei === undefined ? undefined : weiToUsd(victimLossWei, a.ethPriceUsd);
  const ref = victim.exactInput ? quote.amountOut : quote.amountIn;
  const lossShare = ref > 0n ? Number((victimLoss * 1_000_000n) / ref) / 1_000_000 : 0;
  const currentSlippageBps = victim.exactInput ? slippageBpsOfMinOut(quote.amountOut, victim.amountOutMin) : slippageBpsOfMaxIn(quote.amountIn, victim.amountInMax);
  const severity = severityOf(lossShare * 10_000, victimLossUsd, a.protection.protected);

  const split = opt.profitable && safe.floorBinds && victim.exactInput ? splitParts(route, victim, gas, expectedMoveBps) : undefined;
  const advice = adviceFor({
    profitable: opt.profitable, isProtected: a.protection.protected, recommendedBps: safe.recommendedBps, floorBinds: safe.floorBinds,
    splitParts: split, splitBps: split ? expectedMoveBps : undefined, severity: severityOf(lossShare * 10_000, victimLossUsd, false),
  });
  return {
    exactInput: victim.exactInput,
    quoteOut: quote.amountOut,
    quoteIn: quote.amountIn,
    minOut: victim.exactInput ? victim.amountOutMin : undefined,
    maxIn: victim.exactInput ? undefined : victim.amountInMax,
    maxExtractable: victim.exactInput ? quote.amountOut - victim.amountOutMin : victim.amountInMax - quote.amountIn,
    frontRunIn: opt.best?.frontRunIn ?? 0n,
    attack: opt.best ? { ...opt.best, victimLoss: opt.victimLoss } : undefined,
    attackerProfit: opt.netProfit,
    attackerProfitWei: tokenToWei(route, a.weth, 0, opt.netProfit > 0n ? opt.netProfit : 0n),
    gasCostWei,
    gasUnvalued: gasInTokenIn === undefined,
    victimLoss,
    victimLossWei,
    victimLossUsd,
    lossShare,
    safeSlippageBps: safe.recommendedBps,
    noSandwichSlippageBps: safe.noSandwichBps,
    currentSlippageBps,
    highSlippage: isHighSlippage(currentSlippageBps, safe.recommendedBps),
    advice,
    severity,
  };
}

/**
 * Fewest equal parts (2…16) such that no sandwich of one part pays at the expected-move slippage.
 * Fewer parts are monotonically worse, so a binary search over the count suffices.
 */
function splitParts(route: Route, victim: Extract<Victim, { exactInput: true }>, gas: bigint, floorBps: number): number | undefined {
  const safeAt = (parts: number): boolean => {
    const amountIn = victim.amountIn / BigInt(parts);
    const q = victimQuote(route, { exactInput: true, amountIn, amountOutMin: 0n }).amountOut;
    return !optimalSandwich(route, { exactInput: true, amountIn, amountOutMin: minOutForSlippage(q, floorBps) }, gas).profitable;
  };
  if (!safeAt(16)) return undefined;
  let lo = 1;
  let hi = 16;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (safeAt(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

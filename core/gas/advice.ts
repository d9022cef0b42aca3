/**
 * Send now, or wait until a given time? Uses the forecast's calibrated error distribution at each
 * candidate wait (all within the deadline) to get the expected saving, its 10/90 % range and the
 * chance that waiting costs more. Waiting is advised only when the model (not the naive fallback)
 * is in use at that horizon, the expected saving is material, and even the calibrated 90 % quantile
 * of the fee then is below the fee now (so waiting costs more in at most ~10 % of cases).
 */
import { GasInputError, InsufficientHistoryError } from './errors';
import { nominalLevel } from './conformal';
import { forecastLog, forecastQuantile, type ForecastOptions } from './forecast';
import { learnLimitPolicy, type LimitPolicyOptions } from './limit-policy';
import type { FeeSeries } from './types';

export interface AdviceRequest {
  gasLimit: bigint;
  /** Tip per gas paid either way (wei). */
  priorityFee?: bigint;
  /** Latest acceptable send time, seconds from now (e.g. 24 h = 86400). */
  withinSeconds: number;
  /** Current time (unix seconds), from the caller's clock. */
  now: number;
}

export interface AdviceOptions extends ForecastOptions {
  /** Minimum expected saving, share of the cost of sending now (default 0.05). */
  minSavingShare?: number;
  /** Nominal quantile of the fee at the wait that must stay below the fee now (default 0.9). */
  upperQuantile?: number;
  /** Candidate waits in steps of the series (default: every step up to the deadline, at most 48). */
  candidates?: number[];
  /** History older than this (seconds) is stale (default 900). */
  maxStalenessSeconds?: number;
  /** The "wait for a target fee" policy (limit-policy.ts); false leaves it out. */
  limit?: LimitPolicyOptions | false;
}

/** Longest wait the target-fee policy considers: 300 blocks (1 h) on a block series, 24 h on an hourly one. */
export const LIMIT_MAX_STEPS = { blocks: 300, hours: 24 } as const;

/** A wait for a target fee (hold the request, or a max fee that low), learned on past replays. */
export interface LimitWait {
  /** Send as soon as the base fee is at or below this (wei). */
  targetBaseFee: bigint;
  /** If the target is not reached by then (unix seconds), send at the going fee. */
  deadline: number;
  /** Share of past replays (same rule, same deadline) that reached the target in time. */
  hitShare: number;
  /** Past replays behind the numbers. */
  cases: number;
}

export interface WaitOption {
  waitSeconds: number;
  sendAt: number;
  expectedSavingWei: bigint;
  expectedSavingShare: number;
  savingP10Wei: bigint;
  savingP90Wei: bigint;
  probabilityWaitCostsMore: number;
  /** model/naive: wait until `sendAt` (a forecast); limit: wait for a target fee, `sendAt` is the typical time it was reached. */
  method: 'model' | 'naive' | 'limit';
  limit?: LimitWait;
}

export interface GasAdvice {
  action: 'send-now' | 'wait';
  /** Unix seconds to send at (now when sending now). */
  sendAt: number;
  baseFeeNow: bigint;
  costNowWei: bigint;
  /** The chosen wait (undefined when sending now). */
  wait?: WaitOption;
  /** Best option considered even when not advised (for display). */
  bestCandidate?: WaitOption;
  reason: string;
}

function toWei(x: number): bigint {
  return BigInt(Math.round(x));
}

export function adviseSendOrWait(series: FeeSeries, request: AdviceRequest, options: AdviceOptions = {}): GasAdvice {
  if (request.gasLimit <= 0n || request.gasLimit > 1_000_000_000n) throw new GasInputError(`gas limit ${request.gasLimit} is not plausible`);
  if (!(request.withinSeconds >= 0)) throw new GasInputError('the deadline must be zero or more seconds from now');
  const t = options.asOf ?? series.logFee.length - 1;
  const lastTime = series.startTime + t * series.stepSeconds;
  if (request.now < lastTime - 60) throw new GasInputError('the clock is behind the newest fee sample; check the system time');
  const staleness = request.now - lastTime;
  if (staleness > (options.maxStalenessSeconds ?? 900)) throw new InsufficientHistoryError(`fee history is ${Math.round(staleness / 60)} min old; refresh it before advising`);
  const x0 = series.logFee[t]!;
  const baseNow = Math.exp(x0);
  const tip = Number(request.priorityFee ?? 0n);
  const gas = Number(request.gasLimit);
  const costNow = gas * (baseNow + tip);
  const maxSteps = Math.floor((request.withinSeconds - Math.max(0, staleness)) / series.stepSeconds);
  const candidates = (options.candidates ?? Array.from({ length: Math.min(48, maxSteps) }, (_, i) => i + 1)).filter((h) => h >= 1 && h <= maxSteps);
  const base: GasAdvice = { action: 'send-now', sendAt: request.now, baseFeeNow: toWei(baseNow), costNowWei: toWei(costNow), reason: '' };
  if (candidates.length === 0) return { ...base, reason: 'the deadline leaves no time to wait' };
  const forecasts = forecastLog(series, candidates, { ...options, asOf: t });
  let best: WaitOption | undefined;
  let bestAdvisable: WaitOption | undefined;
  const minShare = options.minSavingShare ?? 0.05;
  const upper = options.upperQuantile ?? 0.9;
  for (const f of forecasts) {
    const savings = Array.from(f.residuals, (r) => gas * (baseNow - Math.exp(f.center + r)));
    const mean = savings.reduce((a, b) => a + b, 0) / savings.length;
    // Chance that the fee then is above the fee now, on the calibrated (ACI) scale.
    const rawAbove = Array.from(f.residuals).filter((r) => f.center + r > x0).length / f.residuals.length;
    const lose = Math.min(1, Math.max(0, 1 - nominalLevel(f.levels, 1 - rawAbove)));
    const feeAt = (q: number): number => Math.exp(f.center + forecastQuantile(f, q));
    const option: WaitOption = {
      waitSeconds: f.horizonSteps * series.stepSeconds,
      sendAt: lastTime + f.horizonSteps * series.stepSeconds,
      expectedSavingWei: toWei(mean),
      expectedSavingShare: mean / costNow,
      savingP10Wei: toWei(gas * (baseNow - feeAt(0.9))),
      savingP90Wei: toWei(gas * (baseNow - feeAt(0.1))),
      probabilityWaitCostsMore: lose,
      method: f.method,
    };
    if (!best || option.expectedSavingShare > best.expectedSavingShare) best = option;
    const advisable = f.method === 'model' && option.expectedSavingShare >= minShare && feeAt(upper) < baseNow;
    if (advisable && (!bestAdvisable || option.expectedSavingShare > bestAdvisable.expectedSavingShare)) bestAdvisable = option;
  }
  const limitSteps = Math.min(maxSteps, series.stepSeconds >= 3600 ? LIMIT_MAX_STEPS.hours : LIMIT_MAX_STEPS.blocks);
  const policy = options.limit === false || limitSteps < 1 ? undefined : learnLimitPolicy(series, limitSteps, { asOf: t, window: options.window ?? 3000, ...options.limit });
  if (policy) {
    const baseWei = gas * baseNow; // the policy's savings are shares of the base fee; the tip is paid either way
    const waitSeconds = policy.typicalHitSteps * series.stepSeconds;
    const option: WaitOption = {
      waitSeconds,
      sendAt: lastTime + waitSeconds,
      expectedSavingWei: toWei(policy.meanSaving * baseWei),
      expectedSavingShare: (policy.meanSaving * baseWei) / costNow,
      savingP10Wei: toWei(policy.savingP10 * baseWei),
      savingP90Wei: toWei(policy.savingP90 * baseWei),
      probabilityWaitCostsMore: policy.lossShare,
      method: 'limit',
      limit: { targetBaseFee: toWei(Math.exp(x0 + policy.depth)), deadline: lastTime + policy.deadlineSteps * series.stepSeconds, hitShare: policy.hitShare, cases: policy.cases },
    };
    if (!bestAdvisable || option.expectedSavingShare >= bestAdvisable.expectedSavingShare) {
      const pct = (option.expectedSavingShare * 100).toFixed(1);
      return {
        ...base,
        action: 'wait',
        sendAt: option.sendAt,
        wait: option,
        ...(best ? { bestCandidate: best } : {}),
        reason: `waiting for a base fee ≤ ${(Number(option.limit!.targetBaseFee) / 1e9).toPrecision(3)} gwei saved ${pct} % on average in ${policy.cases} past cases, reached it in ${Math.round(policy.hitShare * 100)} % and cost more in ${Math.round(policy.lossShare * 100)} %`,
      };
    }
  }
  if (bestAdvisable) {
    const pct = (bestAdvisable.expectedSavingShare * 100).toFixed(1);
    return { ...base, action: 'wait', sendAt: bestAdvisable.sendAt, wait: bestAdvisable, bestCandidate: best, reason: `waiting is expected to save ${pct} % with a ${(bestAdvisable.probabilityWaitCostsMore * 100).toFixed(0)} % chance of paying more` };
  }
  const why = best && best.expectedSavingShare >= minShare ? 'waiting might save, but the chance of paying more is too high' : 'no material saving expected before the deadline';
  return best ? { ...base, bestCandidate: best, reason: why } : { ...base, reason: why };
}

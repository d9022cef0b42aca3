/**
 * buildPlan: for each asset, every route (sell where it is, or bridge to a chain with a market;
 * bridge the proceeds to the destination when needed), an AC schedule on that route's pool with
 * gas from that chain's forecast, the cost breakdown and the Pareto front; the best admissible
 * route is followed. Then the steps (approve, bridge, swap slices, bridge, transfer) with due times
 * and minimum outputs, the risk of the unsold rest, taxes and the parking allocation.
 */
import { canonicalBridge, type Bridge } from './bridges';
import { WithdrawInputError, NoRouteError } from './errors';
import { kellyAllocation } from './kelly';
import { parseLotsCsv } from './lots-csv';
import { toBaseUnits } from './market';
import type { AssetPlan, AssetSpec, Market, Plan, PlanDeps, PlanSpec, PlanStep } from './plan-types';
import { exposuresOf, monteCarloRisk, parametricRisk, stressScenarios } from './risk';
import { amountAfterBridges, chooseRoute, evaluateRoute, paretoFront, routeLabel, type RouteEvaluation } from './routes';
import { planSchedule, riskAversionOf, type Schedule, type ScheduleInput } from './schedule';
import { fixedSlicesSchedule } from './schedule-search';
import { allMethods, type Sale } from './taxes';
import { realisedVolatility } from './volatility';

const APPROVE_GAS = 46_000;
const ERC20_TRANSFER_GAS = 50_000;

interface Candidate {
  eval: RouteEvaluation;
  market: Market;
  marketIndex: number;
  pre: Bridge[];
  post: Bridge[];
  schedule: Schedule;
  sold: number;
}

function bridgeOptions(from: string, to: string, thirdParty: readonly Bridge[]): Bridge[][] {
  if (from === to) return [[]];
  const out: Bridge[][] = [];
  const c = canonicalBridge(from, to);
  if (c) out.push([c]);
  for (const b of thirdParty) if (b.from === from && b.to === to) out.push([b]);
  return out;
}

/** The market's sequential quote; without one, differences of the one-shot quote (exact for V3 up to rounding, slightly generous for V2). */
function permanentSequence(m: Market): (amounts: readonly number[]) => number[] {
  if (m.quoteSequence) return m.quoteSequence;
  return (amounts) => {
    let sold = 0;
    let before = 0;
    return amounts.map((a) => {
      sold += a;
      const after = m.quote(sold);
      const out = after - before;
      before = after;
      return out;
    });
  };
}

/**
 * Static pool: the mid after each slice = mid × marginal price after the earlier sales ÷ marginal
 * price now (both from a tiny probe through the sequential quote, so the fee cancels).
 */
function midsAfter(m: Market, mid: number, amounts: readonly number[]): number[] {
  const seq = permanentSequence(m);
  const total = amounts.reduce((x, y) => x + y, 0);
  const probe = Math.max(total * 1e-4, 1e-12); // large enough that base-unit rounding of the output is negligible; its own impact cancels in the ratio
  const marginal = (sold: readonly number[]) => seq([...sold, probe])[sold.length]! / probe;
  const now = marginal([]);
  return amounts.map((_, i) => (now > 0 ? (mid * marginal(amounts.slice(0, i + 1))) / now : mid));
}

function sigmaOf(a: AssetSpec, warnings: string[]): number {
  if (a.sigmaPerHour !== undefined) return a.sigmaPerHour;
  if (a.priceHistory && a.priceHistory.length >= 3) return realisedVolatility(a.priceHistory).perHour;
  warnings.push(`${a.symbol}: no price history; volatility assumed 1 %/√h`);
  return 0.01;
}

function candidatesFor(spec: PlanSpec, deps: PlanDeps, a: AssetSpec, sigma: number, riskAversion: number): Candidate[] {
  const wallet = deps.walletChain ?? 'ethereum';
  const dest = spec.destination.kind === 'deposit' ? spec.destination.chain : undefined;
  const gasCost = (chain: string, units: number, hour: number) => units * deps.gasPrice(chain, hour);
  const out: Candidate[] = [];
  const markets = deps.markets(a);
  for (const [mi, m] of markets.entries()) {
    // several markets on one chain: the first keeps the chain as its key, the next are chain#2, chain#3 …
    const rank = markets.slice(0, mi).filter((x) => x.chain === m.chain).length;
    const key = rank === 0 ? m.chain : `${m.chain}#${rank + 1}`;
    for (const pre of bridgeOptions(wallet, m.chain, spec.bridges ?? [])) {
      for (const post of bridgeOptions(m.chain, dest ?? m.chain, spec.bridges ?? [])) {
        const preP95 = pre.reduce((s, b) => s + b.p95Hours, 0);
        const postP95 = post.reduce((s, b) => s + b.p95Hours, 0);
        const sold = amountAfterBridges(a.amount, m.midPrice, pre);
        const input: ScheduleInput = {
          amount: sold, midPrice: m.midPrice, quote: m.quote, sigmaPerHour: sigma, riskAversion,
          horizonHours: Math.max(1, spec.deadlineHours - preP95 - postP95),
          gasCostAtHour: (h) => gasCost(m.chain, m.swapGas, preP95 + h),
          ...(m.safeSlippageBps ? { safeSlippageBps: m.safeSlippageBps } : {}),
          ...(m.impact === 'permanent' ? { quoteSequence: permanentSequence(m) } : {}),
        };
        const schedule = spec.fixedSlices !== undefined ? fixedSlicesSchedule(input, spec.fixedSlices) : planSchedule(input);
        const bridgeGas = [...pre, ...post].reduce((s, b) => s + b.gas.reduce((g, [chain, units]) => g + gasCost(chain, units, 0), 0), 0);
        const approvals = (a.native ? 0 : 1 + (pre.length > 0 ? 1 : 0)) * gasCost(m.chain, APPROVE_GAS, 0);
        const transfer = dest ? gasCost(dest, ERC20_TRANSFER_GAS, spec.deadlineHours) : 0;
        const id = [key, ...pre.map((b) => b.id), ...post.map((b) => b.id)].join('+');
        const legs = { preBridges: pre.map((b) => b.name), sellChain: m.chain, ...(m.label ? { venue: m.label } : {}), postBridges: post.map((b) => b.name), ...(post.length && dest ? { postTo: dest } : {}), deposit: !!dest };
        const e = evaluateRoute({ id, label: routeLabel(legs), legs, sellChain: m.chain, preBridges: pre, postBridges: post, amount: a.amount, midPrice: m.midPrice, schedule, bridgeGas, transferGas: transfer, approvalGas: approvals });
        out.push({ eval: e, market: m, marketIndex: mi, pre, post, schedule, sold });
      }
    }
  }
  return out;
}

function baseUnitsSplit(total: bigint, parts: readonly number[]): bigint[] {
  const sum = parts.reduce((s, x) => s + x, 0);
  let used = 0n;
  return parts.map((p, i) => {
    if (i === parts.length - 1) return total - used;
    const v = (total * BigInt(Math.round((p / sum) * 1e12))) / 10n ** 12n;
    used += v;
    return v;
  });
}

function stepsFor(spec: PlanSpec, a: AssetSpec, c: Candidate): PlanStep[] {
  const steps: PlanStep[] = [];
  const at = (h: number) => Math.round(spec.now + h * 3600);
  const s = a.symbol;
  const total = toBaseUnits(a.amount, a.decimals);
  const base = { asset: s, status: 'pending' as const };
  let t = 0;
  for (const b of c.pre) {
    if (!a.native) steps.push({ ...base, id: `${s}-approve-${b.id}`, kind: 'approve', chain: b.from, dueAt: at(t), amountIn: a.amount, amountInBase: total.toString(), bridge: b.id });
    steps.push({ ...base, id: `${s}-bridge-${b.id}`, kind: 'bridge', chain: b.from, dueAt: at(t), amountIn: a.amount, amountInBase: total.toString(), bridge: b.id });
    t += b.p95Hours;
  }
  const sliceHours = c.schedule.slices.map((x) => t + x.atHour);
  if (!a.native) steps.push({ ...base, id: `${s}-approve-swap`, kind: 'approve', chain: c.market.chain, dueAt: at(sliceHours[0] ?? t), amountIn: c.sold, amountInBase: toBaseUnits(c.sold, a.decimals).toString() });
  const split = baseUnitsSplit(toBaseUnits(c.sold, a.decimals), c.schedule.slices.map((x) => x.amountIn));
  const mids = c.market.impact === 'permanent' ? midsAfter(c.market, c.market.midPrice, c.schedule.slices.map((x) => x.amountIn)) : undefined;
  c.schedule.slices.forEach((x, i) => {
    steps.push({
      ...base, id: `${s}-swap-${i + 1}`, kind: 'swap', chain: c.market.chain, dueAt: at(sliceHours[i]!), amountIn: x.amountIn, amountInBase: split[i]!.toString(),
      expectedOut: x.expectedOut, minOut: x.minOut, minOutBase: toBaseUnits(x.minOut, spec.quoteDecimals).toString(), slippageBps: x.slippageBps,
      ...(mids ? { midAfter: mids[i]! } : {}),
    });
  });
  t += c.schedule.endHour;
  const proceeds = c.schedule.expectedProceeds;
  for (const b of c.post) {
    steps.push({ ...base, id: `${s}-bridge-${b.id}`, kind: 'bridge', chain: b.from, dueAt: at(t), amountIn: proceeds, amountInBase: toBaseUnits(proceeds, spec.quoteDecimals).toString(), bridge: b.id });
    t += b.p95Hours;
  }
  if (spec.destination.kind === 'deposit') {
    const min = c.schedule.slices.reduce((m, x) => m + x.minOut, 0);
    steps.push({ ...base, id: `${s}-transfer`, kind: 'transfer', chain: spec.destination.chain, dueAt: at(t), amountIn: min, amountInBase: toBaseUnits(min, spec.quoteDecimals).toString(), to: spec.destination.address });
  }
  return steps;
}

export function buildPlan(spec: PlanSpec, deps: PlanDeps): Plan {
  if (!(spec.deadlineHours > 0)) throw new WithdrawInputError('the deadline must be in the future');
  if (spec.assets.length === 0) throw new WithdrawInputError('nothing to sell');
  const warnings: string[] = [];
  const riskAversion = riskAversionOf(spec.risk);
  const assets: AssetPlan[] = [];
  const steps: PlanStep[] = [];
  const sales: Sale[] = [];
  for (const a of spec.assets) {
    if (!(a.amount > 0)) throw new WithdrawInputError(`${a.symbol}: the amount to sell must be positive`);
    const sigma = sigmaOf(a, warnings);
    const cands = candidatesFor(spec, deps, a, sigma, riskAversion);
    if (cands.length === 0) throw new NoRouteError(`${a.symbol}: no market to sell it on`);
    const { front } = paretoFront(cands.map((c) => c.eval));
    const chosenEval = chooseRoute(front, spec.deadlineHours, spec.maxTrust ?? 'native-rollup');
    if (!chosenEval) throw new NoRouteError(`${a.symbol}: no route arrives within ${spec.deadlineHours} h at an accepted trust class; extend the deadline or accept more bridge types`);
    const c = cands.find((x) => x.eval.id === chosenEval.id)!;
    const exposures = exposuresOf(c.sold, c.schedule);
    const price = c.market.midPrice;
    const seed = (spec.seed ?? 1) + assets.length;
    assets.push({
      symbol: a.symbol, amount: a.amount, midPrice: price, sigmaPerHour: sigma, route: chosenEval, routes: front, marketIndex: c.marketIndex,
      schedule: { slices: c.schedule.slices.length, startHour: c.schedule.startHour, endHour: c.schedule.endHour, kappa: c.schedule.kappa, eta: c.schedule.eta, objective: c.schedule.objective },
      risk: {
        parametric: parametricRisk(exposures, price, sigma),
        monteCarlo: monteCarloRisk(exposures, price, sigma, { paths: spec.riskPaths ?? 500, seed }),
        stress: stressScenarios(c.sold, price, c.schedule, true),
      },
    });
    steps.push(...stepsFor(spec, a, c));
    if (spec.taxes) {
      const pre = c.pre.reduce((s, b) => s + b.p95Hours, 0);
      for (const x of c.schedule.slices) {
        sales.push({ date: new Date((spec.now + (pre + x.atHour) * 3600) * 1000).toISOString().slice(0, 10), asset: a.symbol.toUpperCase(), quantity: x.amountIn, proceeds: x.expectedOut * spec.taxes.fiatPerQuote, fiat: '' });
      }
    }
  }
  steps.sort((x, y) => x.dueAt - y.dueAt);
  const sum = (f: (r: RouteEvaluation) => number) => assets.reduce((s, x) => s + f(x.route), 0);
  const valueAtMid = sum((r) => r.breakdown.valueAtMid);
  const plan: Plan = {
    version: 1, createdAt: spec.now, deadlineAt: spec.now + spec.deadlineHours * 3600, quoteSymbol: spec.quoteSymbol, riskAversion,
    tolerance: spec.tolerance ?? 0.03,
    referencePrices: Object.fromEntries(assets.map((x) => [x.symbol, x.midPrice])),
    assets, steps,
    totals: {
      valueAtMid, netProceeds: sum((r) => r.netProceeds), impact: sum((r) => r.breakdown.impact), gas: sum((r) => r.breakdown.gas.total),
      bridgeFees: sum((r) => r.breakdown.bridgeFees), mevAllowance: sum((r) => r.breakdown.mevAllowance), costShare: valueAtMid > 0 ? 1 - sum((r) => r.netProceeds) / valueAtMid : 0,
    },
    risk: {
      valueAtRisk95: assets.reduce((s, x) => s + (x.risk.parametric.levels[0]?.valueAtRisk ?? 0), 0),
      valueAtRisk99: assets.reduce((s, x) => s + (x.risk.parametric.levels[1]?.valueAtRisk ?? 0), 0),
      expectedShortfall99: assets.reduce((s, x) => s + (x.risk.parametric.levels[1]?.expectedShortfall ?? 0), 0),
    },
    warnings,
  };
  if (spec.taxes) {
    const lots = parseLotsCsv(spec.taxes.lotsCsv);
    const fiat = lots[0]?.fiat ?? 'USD';
    plan.taxes = allMethods(lots, sales.map((x) => ({ ...x, fiat })));
  }
  if (spec.yieldOptions && spec.yieldOptions.length > 0) plan.parking = kellyAllocation(spec.yieldOptions);
  return plan;
}

/** The trivial baseline: everything in one swap now, on the wallet's chain (for comparison and the bench). */
export function oneShotBaseline(spec: PlanSpec, deps: PlanDeps): { netProceeds: number; cost: number } {
  const wallet = deps.walletChain ?? 'ethereum';
  let net = 0;
  let value = 0;
  for (const a of spec.assets) {
    const m = deps.markets(a).find((x) => x.chain === wallet);
    if (!m) throw new NoRouteError(`${a.symbol}: no market on ${wallet}`);
    net += m.quote(a.amount) - m.swapGas * deps.gasPrice(wallet, 0);
    value += a.amount * m.midPrice;
  }
  return { netProceeds: net, cost: value - net };
}

/**
 * Routes from the wallet to the destination: sell on L1 and send, or bridge to an L2 and sell there
 * (and bridge the proceeds on if the destination needs it), through canonical or third-party
 * bridges. Each route gets a full cost breakdown, and only the Pareto-optimal ones on
 * (net proceeds ↑, p95 arrival ↓, trust rank ↓) are shown.
 */
import { bridgeFee, TRUST_RANK, worstTrust, type Bridge, type TrustClass } from './bridges';
import type { Schedule } from './schedule';

/** A route's parts, for the popup to say in the user's language (`label` is the English sentence). */
export interface RouteLegs {
  /** Bridge names the asset takes to the chain it is sold on (empty: sold where it is). */
  preBridges: string[];
  sellChain: string;
  /** The market, e.g. "Uniswap V3 0.3 % 0xa039…0805". */
  venue?: string;
  /** Bridge names the proceeds take on to `postTo`. */
  postBridges: string[];
  postTo?: string;
  /** The proceeds are sent to a deposit address at the end. */
  deposit: boolean;
}

/** The route in English, as the CLI and stored plans show it: "bridge to base (…), sell on base (…), send to the deposit address". */
export function routeLabel(legs: RouteLegs): string {
  const parts: string[] = [];
  if (legs.preBridges.length > 0) parts.push(`bridge to ${legs.sellChain} (${legs.preBridges.join(', ')})`);
  parts.push(`sell on ${legs.sellChain}${legs.venue ? ` (${legs.venue})` : ''}`);
  if (legs.postBridges.length > 0 && legs.postTo) parts.push(`bridge to ${legs.postTo} (${legs.postBridges.join(', ')})`);
  if (legs.deposit) parts.push('send to the deposit address');
  return parts.join(', ');
}

export interface RouteInput {
  id: string;
  label: string;
  legs?: RouteLegs;
  sellChain: string;
  /** Bridges the asset takes before it is sold. */
  preBridges: readonly Bridge[];
  /** Bridges the proceeds take after the sale. */
  postBridges: readonly Bridge[];
  /** Asset units held at the start and its mid price (quote units) on the wallet's chain. */
  amount: number;
  midPrice: number;
  /** The sale on `sellChain` (of the amount left after pre-bridge fees). */
  schedule: Schedule;
  /** Gas of the bridge transactions and of the final transfer, quote units. */
  bridgeGas: number;
  transferGas: number;
  /** Approvals needed on the way, quote units of gas. */
  approvalGas: number;
}

export interface CostBreakdown {
  /** What the position is worth at the mid price. */
  valueAtMid: number;
  /** LP fee + price impact of all slices. */
  impact: number;
  gas: { swaps: number; bridges: number; transfer: number; approvals: number; total: number };
  bridgeFees: number;
  /** Σ (expected − minimum out): the most a sandwich could take within the slippage set (not in net proceeds). */
  mevAllowance: number;
  total: number;
}

export interface RouteEvaluation {
  id: string;
  label: string;
  /** Absent in plans stored before it existed: then only `label` is shown. */
  legs?: RouteLegs;
  sellChain: string;
  bridges: string[];
  /** Expected quote units arriving at the destination, after every cost. */
  netProceeds: number;
  /** If every slice fills at its minimum out. */
  worstCaseProceeds: number;
  p50ArrivalHours: number;
  p95ArrivalHours: number;
  trust: TrustClass;
  trustRank: number;
  breakdown: CostBreakdown;
  pareto: boolean;
  /** Id of a route that is at least as good on all three axes and better on one. */
  dominatedBy?: string;
}

/** Amount left after pre-sale bridge fees (a fee is charged in the asset bridged). */
export function amountAfterBridges(amount: number, midPrice: number, bridges: readonly Bridge[]): number {
  return bridges.reduce((a, b) => Math.max(0, a - bridgeFee(b, a * midPrice) / midPrice), amount);
}

export function evaluateRoute(r: RouteInput): RouteEvaluation {
  const valueAtMid = r.amount * r.midPrice;
  const soldAmount = r.schedule.slices.reduce((s, x) => s + x.amountIn, 0);
  const rawPre = valueAtMid - soldAmount * r.midPrice;
  const preFees = Math.abs(rawPre) < 1e-9 * valueAtMid ? 0 : rawPre; // float noise of Σ slices
  let proceeds = r.schedule.expectedProceeds;
  let worst = r.schedule.slices.reduce((s, x) => s + x.minOut, 0);
  let postFees = 0;
  for (const b of r.postBridges) {
    const f = bridgeFee(b, proceeds);
    postFees += f;
    proceeds -= f;
    worst -= bridgeFee(b, worst);
  }
  const gas = { swaps: r.schedule.cost.gas, bridges: r.bridgeGas, transfer: r.transferGas, approvals: r.approvalGas, total: 0 };
  gas.total = gas.swaps + gas.bridges + gas.transfer + gas.approvals;
  const net = proceeds - gas.total;
  const bridgesAll = [...r.preBridges, ...r.postBridges];
  const sum = (k: 'p50Hours' | 'p95Hours', bs: readonly Bridge[]) => bs.reduce((s, b) => s + b[k], 0);
  const trust = worstTrust(bridgesAll);
  const breakdown: CostBreakdown = {
    valueAtMid,
    impact: r.schedule.cost.impact,
    gas,
    bridgeFees: preFees + postFees,
    mevAllowance: r.schedule.cost.mevAllowance,
    total: r.schedule.cost.impact + gas.total + preFees + postFees,
  };
  return {
    id: r.id,
    label: r.label,
    ...(r.legs ? { legs: r.legs } : {}),
    sellChain: r.sellChain,
    bridges: bridgesAll.map((b) => b.id),
    netProceeds: net,
    worstCaseProceeds: worst - gas.total,
    // conservative: p95 of a sum ≤ sum of p95s when the legs are positively dependent or independent and right-skewed
    p50ArrivalHours: sum('p50Hours', r.preBridges) + r.schedule.endHour + sum('p50Hours', r.postBridges),
    p95ArrivalHours: sum('p95Hours', r.preBridges) + r.schedule.endHour + sum('p95Hours', r.postBridges),
    trust,
    trustRank: TRUST_RANK[trust],
    breakdown,
    pareto: true,
  };
}

/** a dominates b: no worse on every axis, strictly better on at least one. */
export function dominates(a: RouteEvaluation, b: RouteEvaluation): boolean {
  const noWorse = a.netProceeds >= b.netProceeds && a.p95ArrivalHours <= b.p95ArrivalHours && a.trustRank <= b.trustRank;
  const better = a.netProceeds > b.netProceeds || a.p95ArrivalHours < b.p95ArrivalHours || a.trustRank < b.trustRank;
  return noWorse && better;
}

/** Marks every route (pareto / dominatedBy) and returns the Pareto front, best net proceeds first. */
export function paretoFront(routes: readonly RouteEvaluation[]): { front: RouteEvaluation[]; all: RouteEvaluation[] } {
  const all = routes.map((r) => {
    const by = routes.find((o) => o !== r && dominates(o, r));
    const { dominatedBy: _d, ...rest } = r;
    return by ? { ...rest, pareto: false, dominatedBy: by.id } : { ...rest, pareto: true };
  });
  return { front: all.filter((r) => r.pareto).sort((a, b) => b.netProceeds - a.netProceeds), all };
}

/**
 * The route the plan follows: among Pareto routes that arrive (p95) before the deadline and whose
 * trust class the user accepts, the one with the most net proceeds.
 */
export function chooseRoute(front: readonly RouteEvaluation[], deadlineHours: number, maxTrust: TrustClass = 'native-rollup'): RouteEvaluation | undefined {
  return front.filter((r) => r.p95ArrivalHours <= deadlineHours && r.trustRank <= TRUST_RANK[maxTrust]).sort((a, b) => b.netProceeds - a.netProceeds)[0];
}

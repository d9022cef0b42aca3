/**
 * The Withdraw tab's request → a plan and the execution contexts its steps are sent with (pure).
 * The background reads the live markets (liveMarkets over the chain's RPC) and the gas outlook and
 * hands them in; this module picks one market per chain (the best quote for the whole amount, so a
 * route id names one venue), turns "raise N USD/JPY" into an amount, and builds the plan.
 */
import type { Address } from 'viem';
import { WithdrawInputError, NoRouteError } from './errors';
import type { ExecutionContext } from './execute';
import type { LiveMarket, PoolSpec } from './live-market';
import { buildPlan, oneShotBaseline } from './plan';
import type { Plan, PlanSpec, Market } from './plan-types';
import type { RiskPreference } from './schedule';
import type { ChainVenues } from './venues';

export interface PlanAsset {
  symbol: string;
  /** undefined: the chain's native coin. */
  address?: Address;
  decimals: number;
}

export interface PlanRequest {
  chainId: number;
  account: Address;
  asset: PlanAsset;
  /** Sell this many (human units) … */
  amount?: number;
  /** … or as much as it takes to raise this much fiat (USD: the stablecoin at par; JPY: through the USD/JPY rate). */
  raise?: { value: number; fiat: 'USD' | 'JPY' };
  quote: { symbol: string; address: Address; decimals: number };
  destination: { kind: 'wallet' } | { kind: 'deposit'; chain: string; address: Address };
  deadlineHours: number;
  risk: RiskPreference;
  tolerance?: number;
}

export interface PlanInputs {
  request: PlanRequest;
  venues: ChainVenues;
  /** The asset's live markets on the wallet chain (from liveMarkets). */
  markets: readonly LiveMarket[];
  /** Quote units per gas unit, `hour` hours from now, on the wallet chain. */
  gasUnitPrice: (hour: number) => number;
  /** JPY per USD when raising yen. */
  jpyPerUsd?: number;
  now: number;
  /** Unit balance of the asset (human units): the amount may not exceed it. */
  balance?: number;
}

export interface BuiltPlan {
  plan: Plan;
  contexts: Record<string, ExecutionContext>;
  baseline: { netProceeds: number; cost: number };
  /** The venue the plan sells on. */
  venue: string;
}

/** V2 and V3 pools of asset/quote on the chain, looked up through the factories (the pool lens finds their addresses). */
export function poolSpecsFor(venues: ChainVenues): PoolSpec[] {
  const out: PoolSpec[] = [];
  if (venues.v2) out.push({ chain: venues.chain, protocol: 'v2', factory: venues.v2.factory, feeBps: 30 });
  for (const fee of venues.v3?.fees ?? []) out.push({ chain: venues.chain, protocol: 'v3', factory: venues.v3!.factory, fee });
  return out;
}

function bestMarket(markets: readonly LiveMarket[], amount: number): LiveMarket {
  let best: { m: LiveMarket; out: number } | undefined;
  for (const m of markets) {
    if (!m.venue) continue; // a synthetic market cannot be executed
    let out: number;
    try {
      out = m.market.quote(amount);
    } catch {
      continue;
    }
    if (!best || out > best.out) best = { m, out };
  }
  if (!best) throw new NoRouteError('no Uniswap pool of this pair on the chain could quote the sale; pick another asset or stablecoin');
  return best.m;
}

export function buildRequestedPlan(input: PlanInputs): BuiltPlan {
  const { request: r, venues } = input;
  if (!(r.deadlineHours > 0 && r.deadlineHours <= 24 * 30)) throw new WithdrawInputError('the deadline must be between a few minutes and 30 days from now');
  if (r.destination.kind === 'deposit' && !/^0x[0-9a-fA-F]{40}$/.test(r.destination.address)) throw new WithdrawInputError('the deposit address must be 0x followed by 40 hex digits');
  const warnings: string[] = [];
  const native = r.asset.address === undefined;
  const probe = r.amount ?? 1;
  const first = bestMarket(input.markets, probe > 0 ? probe : 1);
  const mid = first.market.midPrice;
  let amount: number;
  if (r.amount !== undefined) {
    if (!(r.amount > 0)) throw new WithdrawInputError('enter an amount to sell above zero');
    amount = r.amount;
  } else if (r.raise) {
    if (!(r.raise.value > 0)) throw new WithdrawInputError('enter how much to raise, above zero');
    const usd = r.raise.fiat === 'USD' ? r.raise.value : r.raise.value / (input.jpyPerUsd ?? NaN);
    if (!Number.isFinite(usd)) throw new WithdrawInputError('the USD/JPY rate is unavailable (it comes from Chainlink on your Ethereum RPC): raise an amount in USD instead');
    warnings.push(`${r.quote.symbol} is taken at 1 USD`);
    amount = usd / mid;
  } else throw new WithdrawInputError('say how much to sell, or how much to raise');
  const chain = venues.chain;
  const spec = (amt: number): PlanSpec => ({
    now: input.now, deadlineHours: r.deadlineHours, risk: r.risk, quoteSymbol: r.quote.symbol, quoteDecimals: r.quote.decimals,
    destination: r.destination.kind === 'deposit' ? { kind: 'deposit', chain: r.destination.chain, address: r.destination.address } : { kind: 'wallet' },
    assets: [{ symbol: r.asset.symbol, amount: amt, decimals: r.asset.decimals, native, ...(first.sigmaPerHour !== undefined ? { sigmaPerHour: first.sigmaPerHour } : {}) }],
    ...(r.tolerance !== undefined ? { tolerance: r.tolerance } : {}),
  });
  const chosen = (amt: number) => bestMarket(input.markets, amt);
  const depsFor = (m: Market) => ({
    walletChain: chain,
    markets: () => [m],
    gasPrice: (c: string, hour: number) => {
      if (c !== chain) warnings.push(`gas on ${c} is not read: priced with the ${chain} forecast (an upper bound for an L2)`);
      return input.gasUnitPrice(hour);
    },
  });
  let plan = buildPlan(spec(amount), depsFor(chosen(amount).market));
  if (r.raise) {
    // One correction: sell enough that the expected net proceeds reach the target.
    const net = plan.totals.netProceeds;
    if (net > 0) amount = amount * ((r.raise.fiat === 'USD' ? r.raise.value : r.raise.value / input.jpyPerUsd!) / net);
    plan = buildPlan(spec(amount), depsFor(chosen(amount).market));
  }
  if (input.balance !== undefined && amount > input.balance * (1 + 1e-12)) {
    throw new WithdrawInputError(`this needs ${amount.toPrecision(6)} ${r.asset.symbol} but the wallet holds ${input.balance.toPrecision(6)}`);
  }
  const market = chosen(amount);
  const venue = market.venue!;
  const deps = depsFor(market.market);
  plan.warnings.push(...new Set(warnings), ...(market.note ? [market.note] : []));
  const ctx: ExecutionContext = {
    chainId: r.chainId, account: r.account, ...(native ? {} : { assetToken: r.asset.address }),
    quoteToken: r.quote.address, quoteDecimals: r.quote.decimals, assetDecimals: r.asset.decimals, venue,
    ...(r.destination.kind === 'deposit' ? { depositAddress: r.destination.address } : {}),
  };
  const venueName = `${venue.kind} ${venue.router.slice(0, 10)}…`;
  return { plan, contexts: { [r.asset.symbol]: ctx }, baseline: oneShotBaseline(spec(amount), deps), venue: venueName };
}

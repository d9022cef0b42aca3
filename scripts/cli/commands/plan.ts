/**
 * `preflight plan --spec JSON [--rpc URL]` — prints a withdrawal plan (core/withdraw) as JSON.
 * Spec (JSON, or @file):
 *   { "deadlineHours": 24, "risk": "low|medium|high|<number>",
 *     "quote": { "symbol": "USDC", "decimals": 6, "address": "0x…" },
 *     "destination": { "kind": "wallet" } | { "kind": "deposit", "chain": "base", "address": "0x…" },
 *     "assets": [{ "symbol": "WETH", "amount": 100, "decimals": 18, "address": "0x…", "sigmaPerHour": 0.01,
 *                  "pools": [{ "chain": "ethereum", "protocol": "v2", "reserveIn": "2000", "reserveOut": "6000000", "feeBps": 30 },
 *                            { "chain": "ethereum", "protocol": "v3", "pool": "0x…" }   ← read over --rpc
 *                 ] }],
 *     "gas": { "ethereum": { "gwei": 30, "nativePrice": 3000 }, "base": { "gwei": 0.02, "nativePrice": 3000 } },
 *     "impact": "temporary|permanent", "fixedSlices": 10,   ← optional: static pool; exactly N equal slices
 *     "routers": { "v2": "0x…", "v3": "0x…", "v3Kind": "v3-swap-router" },   ← optional: output lists each pool's execution venue
 *     "bridges": [...], "maxTrust": "native-rollup", "taxes": { "lotsCsv": "…", "fiatPerQuote": 150 }, "yieldOptions": [...] }
 * With --rpc, pools given by address (or factory) are read through core/mev's pool lens on that node
 * (chain "ethereum"), the hourly gas forecast comes from core/gas's live report, and V3 pools'
 * `observe` gives the volatility when the spec has none.
 */
import { readFileSync } from 'node:fs';
import { createPublicClient, http, type Address } from 'viem';
import { liveGasReport } from '../../../core/gas';
import {
  buildPlan, liveMarkets, oneShotBaseline,
  type AssetSpec, type ExecutionVenue, type LiveMarketInput, type PoolSpec, type Bridge, type Market, type PlanDeps, type PlanSpec, type RiskPreference, type TrustClass, type YieldOption,
} from '../../../core/withdraw';
import { CliUsageError, requireFlag, type CliArgs } from '../args';

interface CliAsset { symbol: string; amount: number; decimals: number; address?: Address; native?: boolean; sigmaPerHour?: number; pools: PoolSpec[] }
interface CliSpec {
  deadlineHours: number; risk?: RiskPreference; now?: number;
  quote: { symbol: string; decimals: number; address?: Address };
  destination?: PlanSpec['destination'];
  assets: CliAsset[];
  gas?: Record<string, { gwei: number; nativePrice: number }>;
  /** Routers the swap steps would go through: the output then lists each pool's execution venue (null when none). */
  routers?: LiveMarketInput['routers'];
  /** "permanent" for a static pool (a devnet nobody arbitrages): slices are priced one after another. */
  impact?: 'temporary' | 'permanent';
  /** Sell in exactly this many equal slices. */
  fixedSlices?: number;
  bridges?: Bridge[]; maxTrust?: TrustClass; taxes?: { lotsCsv: string; fiatPerQuote: number }; yieldOptions?: YieldOption[]; seed?: number;
}


function readSpec(args: CliArgs): CliSpec {
  const raw = requireFlag(args, 'spec');
  const text = raw.startsWith('@') ? readFileSync(raw.slice(1), 'utf8') : raw;
  let spec: CliSpec;
  try {
    spec = JSON.parse(text) as CliSpec;
  } catch {
    throw new CliUsageError('--spec must be JSON (or @file.json); see scripts/cli/commands/plan.ts for the fields');
  }
  if (!spec.quote || !Array.isArray(spec.assets) || !(spec.deadlineHours > 0)) throw new CliUsageError('--spec needs "deadlineHours", "quote" and "assets"');
  return spec;
}

export async function run(args: CliArgs): Promise<unknown> {
  const spec = readSpec(args);
  const rpc = typeof args.flags.rpc === 'string' ? args.flags.rpc : undefined;
  const client = rpc ? createPublicClient({ transport: http(rpc, { batch: true }) }) : undefined;
  const started = performance.now();
  const now = spec.now ?? Math.floor(Date.now() / 1000);
  const gasByChain = new Map<string, (hour: number) => number>(); // quote units per gas unit
  for (const [chain, g] of Object.entries(spec.gas ?? {})) gasByChain.set(chain, () => g.gwei * 1e-9 * g.nativePrice);
  const notes: string[] = [];
  if (client) {
    const chainId = await client.getChainId();
    const nativePrice = spec.gas?.ethereum?.nativePrice;
    const report = await liveGasReport({ request: (method, params) => client.request({ method, params } as never), chainId, gasLimit: 150_000n, withinHours: spec.deadlineHours, now });
    const tip = Number(report.recommended.maxPriorityFeePerGas);
    const hourly = report.outlook.hours.map((h) => Number(h.median) + tip);
    const nowFee = Number(report.nextBaseFee) + tip;
    const price = nativePrice ?? 3000;
    if (nativePrice === undefined) notes.push('gas.ethereum.nativePrice not given: gas priced at 3000 quote units per ETH');
    gasByChain.set('ethereum', (h) => (h < 1 || hourly.length === 0 ? nowFee : hourly[Math.min(hourly.length - 1, Math.floor(h) - 1)]!) * 1e-18 * price);
    if (hourly.length === 0) notes.push(`gas: ${report.historySeconds} s of fee history, no hourly forecast yet; the next block's fee is used for every hour`);
  }
  const marketsBySymbol = new Map<string, Market[]>();
  const sigmas = new Map<string, number>();
  const venues: Record<string, (ExecutionVenue | null)[]> = {};
  for (const a of spec.assets) {
    if (a.pools.some((p) => p.reserveIn === undefined || p.reserveOut === undefined) && (!client || !a.address || !spec.quote.address)) {
      throw new CliUsageError(`${a.symbol}: a pool by address needs --rpc and the asset and quote addresses`);
    }
    const live = await liveMarkets(client, {
      asset: { symbol: a.symbol, address: a.address, decimals: a.decimals, sigmaPerHour: a.sigmaPerHour, amount: a.amount },
      quote: { address: spec.quote.address, decimals: spec.quote.decimals },
      pools: a.pools, now, gasUnitPrice: (chain) => gasByChain.get(chain)?.(0) ?? 0,
      ...(spec.routers ? { routers: spec.routers } : {}), ...(spec.impact ? { impact: spec.impact } : {}),
    });
    for (const m of live) if (m.note) notes.push(m.note);
    const observed = live.find((m) => m.sigmaPerHour !== undefined)?.sigmaPerHour;
    if (observed !== undefined) sigmas.set(a.symbol, observed);
    marketsBySymbol.set(a.symbol, live.map((m) => m.market));
    if (spec.routers) venues[a.symbol] = live.map((m) => m.venue ?? null);
  }
  const planSpec: PlanSpec = {
    now, deadlineHours: spec.deadlineHours, risk: spec.risk ?? 'medium', quoteSymbol: spec.quote.symbol, quoteDecimals: spec.quote.decimals,
    destination: spec.destination ?? { kind: 'wallet' },
    assets: spec.assets.map((a): AssetSpec => ({ symbol: a.symbol, amount: a.amount, decimals: a.decimals, native: a.native, sigmaPerHour: a.sigmaPerHour ?? sigmas.get(a.symbol) })),
    ...(spec.bridges ? { bridges: spec.bridges } : {}), ...(spec.maxTrust ? { maxTrust: spec.maxTrust } : {}), ...(spec.taxes ? { taxes: spec.taxes } : {}),
    ...(spec.yieldOptions ? { yieldOptions: spec.yieldOptions } : {}), ...(spec.seed !== undefined ? { seed: spec.seed } : {}),
    ...(spec.fixedSlices !== undefined ? { fixedSlices: spec.fixedSlices } : {}),
  };
  const deps: PlanDeps = {
    walletChain: 'ethereum',
    markets: (a) => marketsBySymbol.get(a.symbol) ?? [],
    gasPrice: (chain, hour) => {
      const g = gasByChain.get(chain);
      if (!g) throw new CliUsageError(`no gas price for chain "${chain}": add "gas": {"${chain}": {"gwei": …, "nativePrice": …}} to the spec`);
      return g(hour);
    },
  };
  const t0 = performance.now();
  const plan = buildPlan(planSpec, deps);
  const planMs = performance.now() - t0;
  const baseline = oneShotBaseline(planSpec, deps);
  return { plan, baseline: { oneShotNetProceeds: baseline.netProceeds, savedVsOneShot: plan.totals.netProceeds - baseline.netProceeds }, ...(spec.routers ? { venues } : {}), notes, elapsedMs: Math.round(performance.now() - started), planMs: Math.round(planMs * 10) / 10 };
}

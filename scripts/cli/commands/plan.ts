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
 *     "bridges": [...], "maxTrust": "native-rollup", "taxes": { "lotsCsv": "…", "fiatPerQuote": 150 }, "yieldOptions": [...] }
 * With --rpc, pools given by address (or factory) are read through core/mev's pool lens on that node
 * (chain "ethereum"), the hourly gas forecast comes from core/gas's live report, and V3 pools'
 * `observe` gives the volatility when the spec has none.
 */
import { readFileSync } from 'node:fs';
import { createPublicClient, http, parseAbi, type Address } from 'viem';
import { fetchPools, makeRoute, syntheticV2Pool, type PoolState } from '../../../core/mev';
import { liveGasReport } from '../../../core/gas';
import {
  buildPlan, expectedMoveBps, midPriceOfRoute, observeSchedule, oneShotBaseline, pricesFromTickCumulatives, quoteOfRoute, realisedVolatility, safeSlippageOfRoute,
  type AssetSpec, type Bridge, type Market, type PlanDeps, type PlanSpec, type RiskPreference, type TrustClass, type YieldOption,
} from '../../../core/withdraw';
import { CliUsageError, requireFlag, type CliArgs } from '../args';

interface PoolSpec { chain: string; protocol: 'v2' | 'v3'; reserveIn?: string; reserveOut?: string; feeBps?: number; pool?: Address; factory?: Address; fee?: number }
interface CliAsset { symbol: string; amount: number; decimals: number; address?: Address; native?: boolean; sigmaPerHour?: number; pools: PoolSpec[] }
interface CliSpec {
  deadlineHours: number; risk?: RiskPreference; now?: number;
  quote: { symbol: string; decimals: number; address?: Address };
  destination?: PlanSpec['destination'];
  assets: CliAsset[];
  gas?: Record<string, { gwei: number; nativePrice: number }>;
  bridges?: Bridge[]; maxTrust?: TrustClass; taxes?: { lotsCsv: string; fiatPerQuote: number }; yieldOptions?: YieldOption[]; seed?: number;
}

const SYNTH_IN = '0x00000000000000000000000000000000000000a1' as Address;
const SYNTH_OUT = '0x00000000000000000000000000000000000000b2' as Address;
const OBSERVE_ABI = parseAbi(['function observe(uint32[] secondsAgos) view returns (int56[] tickCumulatives, uint160[] secondsPerLiquidityCumulativeX128s)']);

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

const decimalUnits = (s: string, decimals: number): bigint => {
  const [w, f = ''] = s.split('.');
  return BigInt(w!) * 10n ** BigInt(decimals) + BigInt((f + '0'.repeat(decimals)).slice(0, decimals) || '0');
};

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
  for (const a of spec.assets) {
    const markets: Market[] = [];
    for (const p of a.pools) {
      let pool: PoolState;
      let tokenIn = SYNTH_IN;
      let tokenOut = SYNTH_OUT;
      if (p.reserveIn !== undefined && p.reserveOut !== undefined) {
        pool = syntheticV2Pool(SYNTH_IN, SYNTH_OUT, decimalUnits(p.reserveIn, a.decimals), decimalUnits(p.reserveOut, spec.quote.decimals), p.feeBps ?? 30);
      } else {
        if (!client || !a.address || !spec.quote.address) throw new CliUsageError(`${a.symbol}: a pool by address needs --rpc and the asset and quote addresses`);
        tokenIn = a.address;
        tokenOut = spec.quote.address;
        [pool] = (await fetchPools(client, [{ protocol: p.protocol, pool: p.pool, factory: p.factory, tokenA: tokenIn, tokenB: tokenOut, fee: p.fee, feeBps: p.feeBps }])) as [PoolState];
        if (pool.protocol === 'v3' && a.sigmaPerHour === undefined && !sigmas.has(a.symbol)) {
          try {
            const ago = observeSchedule(24, 3600);
            const [ticks] = await client.readContract({ address: pool.address, abi: OBSERVE_ABI, functionName: 'observe', args: [ago] });
            const zeroIsAsset = pool.token0.toLowerCase() === tokenIn.toLowerCase();
            const prices = pricesFromTickCumulatives(now, ago, ticks, zeroIsAsset ? { decimals0: a.decimals, decimals1: spec.quote.decimals } : { decimals0: spec.quote.decimals, decimals1: a.decimals, invert: true });
            sigmas.set(a.symbol, realisedVolatility(prices, 'interval-average').perHour);
          } catch (e) {
            notes.push(`${a.symbol}: V3 observe gave no 24 h history (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
          }
        }
      }
      const m = { route: makeRoute([tokenIn, tokenOut], [pool]), decimalsIn: a.decimals, decimalsOut: spec.quote.decimals };
      const midPrice = midPriceOfRoute(m, a.amount / 1e6);
      const gasUnit = gasByChain.get(p.chain)?.(0) ?? 0;
      const sigma = a.sigmaPerHour ?? sigmas.get(a.symbol) ?? 0.01;
      const attackerGas = (2 * (p.protocol === 'v2' ? 100_000 : 140_000) * gasUnit) / midPrice;
      markets.push({ chain: p.chain, midPrice, quote: quoteOfRoute(m), safeSlippageBps: safeSlippageOfRoute(m, attackerGas, expectedMoveBps(sigma)), swapGas: p.protocol === 'v2' ? 130_000 : 170_000 });
    }
    marketsBySymbol.set(a.symbol, markets);
  }
  const planSpec: PlanSpec = {
    now, deadlineHours: spec.deadlineHours, risk: spec.risk ?? 'medium', quoteSymbol: spec.quote.symbol, quoteDecimals: spec.quote.decimals,
    destination: spec.destination ?? { kind: 'wallet' },
    assets: spec.assets.map((a): AssetSpec => ({ symbol: a.symbol, amount: a.amount, decimals: a.decimals, native: a.native, sigmaPerHour: a.sigmaPerHour ?? sigmas.get(a.symbol) })),
    ...(spec.bridges ? { bridges: spec.bridges } : {}), ...(spec.maxTrust ? { maxTrust: spec.maxTrust } : {}), ...(spec.taxes ? { taxes: spec.taxes } : {}),
    ...(spec.yieldOptions ? { yieldOptions: spec.yieldOptions } : {}), ...(spec.seed !== undefined ? { seed: spec.seed } : {}),
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
  return { plan, baseline: { oneShotNetProceeds: baseline.netProceeds, savedVsOneShot: plan.totals.netProceeds - baseline.netProceeds }, notes, elapsedMs: Math.round(performance.now() - started), planMs: Math.round(planMs * 10) / 10 };
}

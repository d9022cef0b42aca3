/**
 * Withdraw planner in the background (thin): the node-accounts wallet, balances, and plan:create
 * (live markets over the chain's RPC + the gas service's hourly outlook → core/withdraw/plan-request).
 */
import { createPublicClient, erc20Abi, http, type Address, type PublicClient } from 'viem';
import { liveMarkets, type LiveMarket, type LiveMarketInput } from '@/core/withdraw/live-market';
import { buildRequestedPlan, poolSpecsFor, type PlanRequest } from '@/core/withdraw/plan-request';
import { fromBaseUnits } from '@/core/withdraw/market';
import { tokenList, venuesOf, type ChainVenues } from '@/core/withdraw/venues';
import { newPlanRecord, nextActionableStep, progressOf, putPlan, replacePlan, requirePlan, unsoldAmount, type PlanRecord, type WalletKind } from '@/core/store/plans';
import type { BalanceLine, NodeWalletResponse, PlanView } from '@/core/messages';
import { db } from '@/components/storage/db';
import { loadSettings } from '@/components/storage/settings';
import { chainAccess } from './chain-access';
import { fiatRates, gasReport } from './gas';
import { walletWaitOf } from './wallet-waits';

export class WithdrawSetupError extends Error {
  override name = 'WithdrawSetupError';
}

function requireVenues(chainId: number): ChainVenues {
  const v = venuesOf(chainId);
  if (!v) throw new WithdrawSetupError(`Withdrawals are not planned on chain ${chainId} yet: Preflight knows its pools on Ethereum (1) and the devnet (31337).`);
  return v;
}

async function requireClient(chainId: number) {
  const access = chainAccess(chainId, await loadSettings());
  if (!access) throw new WithdrawSetupError(`No RPC for chain ${chainId}: add one in Settings.`);
  return access.client;
}

/** The chain's configured RPC as a wallet: only the user's own URL (never a public fallback) is asked for accounts. */
export async function nodeWallet(chainId: number): Promise<NodeWalletResponse> {
  const rpc = (await loadSettings()).rpcs[String(chainId)];
  if (!rpc) return { kind: 'read-only', accounts: [], reason: 'no RPC of your own for this chain in Settings' };
  try {
    const client = createPublicClient({ transport: http(rpc, { timeout: 4_000, retryCount: 0 }) });
    const accounts = (await client.request({ method: 'eth_accounts' } as never)) as string[];
    return accounts.length > 0 ? { kind: 'node-accounts', accounts, rpc } : { kind: 'read-only', accounts: [], rpc, reason: 'the node holds no unlocked accounts' };
  } catch (e) {
    return { kind: 'read-only', accounts: [], rpc, reason: e instanceof Error ? e.message.split('\n')[0] : String(e) };
  }
}

export async function balances(chainId: number, account: string): Promise<BalanceLine[]> {
  if (!/^0x[0-9a-fA-F]{40}$/.test(account)) throw new WithdrawSetupError('The account must be 0x followed by 40 hex digits.');
  const client = await requireClient(chainId);
  const tokens = tokenList(chainId);
  const [native, ...erc20] = await Promise.all([
    client.getBalance({ address: account as Address }),
    ...tokens.map((t) => client.readContract({ address: t.address, abi: erc20Abi, functionName: 'balanceOf', args: [account as Address] }).catch(() => undefined)),
  ]);
  const out: BalanceLine[] = [{ symbol: 'ETH', decimals: 18, raw: native.toString(), amount: fromBaseUnits(native, 18) }];
  tokens.forEach((t, i) => {
    const raw = erc20[i];
    if (raw !== undefined) out.push({ symbol: t.symbol, address: t.address, decimals: t.decimals, raw: raw.toString(), amount: fromBaseUnits(raw, t.decimals), ...(t.stable ? { stable: true } : {}) });
  });
  return out;
}

/** The account's balance of the one asset being sold (the native coin without an address), in its units; undefined if the node does not say. */
async function assetBalance(client: PublicClient, account: string, asset: { address?: string; decimals: number }): Promise<number | undefined> {
  if (!/^0x[0-9a-fA-F]{40}$/.test(account)) throw new WithdrawSetupError('The account must be 0x followed by 40 hex digits.');
  const raw = asset.address
    ? await client.readContract({ address: asset.address as Address, abi: erc20Abi, functionName: 'balanceOf', args: [account as Address] }).catch(() => undefined)
    : await client.getBalance({ address: account as Address }).catch(() => undefined);
  return raw === undefined ? undefined : fromBaseUnits(raw, asset.decimals);
}

/**
 * Quote units per gas unit `hour` hours from now: the gas service's hourly outlook (median base fee + the
 * recommended tip), priced at the native coin's market. Without enough fee history for an outlook, the
 * node's current gas price for every hour, and a note saying so.
 */
async function gasUnitPrice(chainId: number, client: PublicClient, deadlineHours: number, nativePrice: number): Promise<{ price: (hour: number) => number; note?: string }> {
  try {
    const report = await gasReport(chainId, 150_000n, Math.max(1, Math.min(72, deadlineHours)));
    const tip = Number(report.recommended.maxPriorityFeePerGas);
    const now = Number(report.nextBaseFee) + tip;
    const hours = report.outlook.hours;
    const price = (hour: number) => {
      const point = hour < 1 ? undefined : hours.find((p) => p.seconds >= hour * 3600) ?? hours.at(-1);
      return (point ? Number(point.median) + tip : now) * 1e-18 * nativePrice;
    };
    return hours.length > 0 ? { price } : { price, note: 'gas: not enough fee history for an hourly outlook yet; the next block’s fee is used for every hour' };
  } catch (e) {
    const wei = Number(await client.getGasPrice());
    return { price: () => wei * 1e-18 * nativePrice, note: `gas: no outlook (${e instanceof Error ? e.message : String(e)}); the node’s current gas price is used for every hour` };
  }
}

export function planView(record: PlanRecord): PlanView {
  const next = nextActionableStep(record);
  const due = next ? record.plan.steps.find((s) => s.id === next.id)?.dueAt : undefined;
  const wallet = walletWaitOf(record.id);
  return { record, progress: progressOf(record), ...(next ? { nextStepId: next.id } : {}), ...(due !== undefined ? { nextDueAt: due } : {}), ...(wallet ? { wallet } : {}) };
}

export async function createPlan(request: PlanRequest, wallet: WalletKind): Promise<PlanView> {
  const venues = requireVenues(request.chainId);
  const client = await requireClient(request.chainId);
  const now = Math.floor(Date.now() / 1000);
  const assetAddress = request.asset.address ?? venues.wrappedNative;
  const weth = venues.wrappedNative;
  const quote = { address: request.quote.address, decimals: request.quote.decimals };
  // The native coin's price in the quote token prices the gas (a WETH/quote pool on the same chain).
  const wethMarkets = await marketsOn(client, venues, { asset: { symbol: 'WETH', address: weth, decimals: 18 }, quote, gasUnitPrice: () => 0, now });
  const nativePrice = Math.max(0, ...wethMarkets.map((m) => m.market.midPrice).filter((p) => Number.isFinite(p) && p > 0));
  if (!(nativePrice > 0)) throw new WithdrawSetupError(`No WETH/${request.quote.symbol} pool answered on chain ${request.chainId}: gas cannot be priced in ${request.quote.symbol}.`);
  const gas = await gasUnitPrice(request.chainId, client, request.deadlineHours, nativePrice);
  const perGas = gas.price;
  const markets = await marketsOn(client, venues, {
    asset: { symbol: request.asset.symbol, address: assetAddress, decimals: request.asset.decimals, ...(request.amount ? { amount: request.amount } : {}) }, quote, gasUnitPrice: () => perGas(0), now,
  });
  const held = await assetBalance(client, request.account, request.asset);
  const jpyPerUsd = request.raise?.fiat === 'JPY' ? await jpyRate() : undefined;
  const built = buildRequestedPlan({ request, venues, markets, gasUnitPrice: perGas, now, ...(held !== undefined ? { balance: held } : {}), ...(jpyPerUsd ? { jpyPerUsd } : {}) });
  if (gas.note) built.plan.warnings.push(gas.note);
  const record = newPlanRecord({
    id: crypto.randomUUID(), createdAt: Date.now(), chainId: request.chainId, account: request.account, wallet, plan: built.plan, contexts: built.contexts,
    baseline: built.baseline, venue: built.venue, request,
  });
  await putPlan(await db(), record);
  return planView(record);
}

/** liveMarkets per pool (a pair may have no pool at some fee tier: that one is left out, the rest are used). */
export async function marketsOn(client: LiveMarketClient, venues: ChainVenues, input: Omit<LiveMarketInput, 'pools' | 'routers' | 'impact'>): Promise<LiveMarket[]> {
  const settled = await Promise.all(poolSpecsFor(venues).map((pool) => liveMarkets(client, { ...input, pools: [pool], routers: routersOf(venues), ...(venues.impact ? { impact: venues.impact } : {}) }).catch(() => [])));
  return settled.flat();
}
type LiveMarketClient = Parameters<typeof liveMarkets>[0];

function routersOf(v: ChainVenues) {
  return { ...(v.v2 ? { v2: v.v2.router } : {}), ...(v.v3 ? { v3: v.v3.router, v3Kind: v.v3.routerKind } : {}) };
}

/** JPY per USD from the Chainlink feeds the Gas tab reads (same RPC and 3 s budget); undefined when they do not answer. */
function jpyRate(): Promise<number | undefined> {
  return fiatRates().then((r) => r.ethJpy / r.ethUsd, () => undefined);
}

/**
 * Plans the unsold rest again at today's prices (after the re-plan check said the price moved): a new plan
 * for what the pending swaps still hold; the old plan's pending steps are skipped and point to the new one.
 */
export async function replanRest(planId: string): Promise<PlanView> {
  const database = await db();
  const old = await requirePlan(database, planId);
  if (!old.request) throw new WithdrawSetupError('This plan was made before re-planning was possible: create a new plan instead.');
  if (old.steps.some((s) => s.status === 'sent')) throw new WithdrawSetupError('A step is still waiting for its receipt: re-plan once it is confirmed or failed.');
  const rest = unsoldAmount(old);
  if (!(rest > 0)) throw new WithdrawSetupError('Nothing is left to sell in this plan.');
  const { raise: _raise, ...request } = old.request;
  const fresh = await createPlan({ ...request, amount: rest }, old.wallet);
  await replacePlan(database, planId, (r) => ({
    ...r, replacedBy: fresh.record.id, updatedAt: Date.now(),
    steps: r.steps.map((s) => (s.status === 'pending' || s.status === 'failed' ? { ...s, status: 'skipped', note: `re-planned as ${fresh.record.id.slice(0, 8)}…` } : s)),
  }));
  return fresh;
}

import { beforeAll, describe, expect, it } from 'vitest';
import type { Address } from 'viem';
import { NoRouteError, WithdrawInputError } from './errors';
import { liveMarkets, type LiveMarket } from './live-market';
import { buildRequestedPlan, poolSpecsFor, type PlanRequest } from './plan-request';
import { DEVNET_VENUES } from './venues';

const WETH = DEVNET_VENUES.wrappedNative;
const USDC = DEVNET_VENUES.tokens.find((t) => t.symbol === 'USDC')!.address;
const account = '0x00000000000000000000000000000000000000aa' as Address;
const venue = { kind: 'v2-router02' as const, router: DEVNET_VENUES.v2!.router, path: [WETH, USDC] };

/** In-memory V2 pool (1,000 WETH / 3,000,000 USDC) with the devnet's router as its venue. */
async function markets(withVenue = true): Promise<LiveMarket[]> {
  const [m] = await liveMarkets(undefined, { asset: { symbol: 'WETH', decimals: 18, sigmaPerHour: 0.01 }, quote: { decimals: 6 }, pools: [{ chain: 'ethereum', protocol: 'v2', reserveIn: '1000', reserveOut: '3000000' }], gasUnitPrice: () => 20e-9 * 3000, now: 1_750_000_000 });
  return [withVenue ? { ...m!, venue } : m!];
}
const request = (over: Partial<PlanRequest> = {}): PlanRequest => ({
  chainId: 31337, account, asset: { symbol: 'WETH', address: WETH, decimals: 18 }, amount: 40,
  quote: { symbol: 'USDC', address: USDC, decimals: 6 }, destination: { kind: 'wallet' }, deadlineHours: 6, risk: 'medium', ...over,
});
const inputs = async (over: Partial<PlanRequest> = {}, extra: object = {}) => ({ request: request(over), venues: DEVNET_VENUES, markets: await markets(), gasUnitPrice: () => 20e-9 * 3000, now: 1_750_000_000, ...extra });

describe('the Withdraw tab request → plan and execution contexts', () => {
  it('looks up V2 and every V3 fee tier through the factories', () => {
    expect(poolSpecsFor(DEVNET_VENUES).map((p) => `${p.protocol}:${p.fee ?? p.feeBps}`)).toEqual(['v2:30', 'v3:3000', 'v3:10000']);
  });

  it('sells an amount: approve then swaps, the context names the router, tokens and deposit address', async () => {
    const deposit = '0x000000000000000000000000000000000000de90' as Address;
    const built = buildRequestedPlan(await inputs({ destination: { kind: 'deposit', chain: 'ethereum', address: deposit } }));
    expect(built.plan.steps[0]?.kind).toBe('approve');
    expect(built.plan.steps.at(-1)?.kind).toBe('transfer');
    expect(built.contexts.WETH).toMatchObject({ chainId: 31337, account, assetToken: WETH, quoteToken: USDC, quoteDecimals: 6, assetDecimals: 18, venue, depositAddress: deposit });
    expect(built.plan.totals.netProceeds).toBeLessThan(40 * 3000);
    expect(built.baseline.netProceeds).toBeGreaterThan(0);
  });

  it('raises an amount of USD: the expected net proceeds land on the target', async () => {
    const built = buildRequestedPlan(await inputs({ amount: undefined, raise: { value: 60_000, fiat: 'USD' } }));
    expect(Math.abs(built.plan.totals.netProceeds / 60_000 - 1)).toBeLessThan(0.01);
    expect(built.plan.warnings.join(' ')).toContain('taken at 1 USD');
  });

  it('raising yen needs the USD/JPY rate; with it, yen are converted', async () => {
    const yen = { amount: undefined, raise: { value: 9_000_000, fiat: 'JPY' as const } };
    expect(() => buildRequestedPlan({ ...base, request: request(yen) })).toThrow(WithdrawInputError);
    const built = buildRequestedPlan({ ...base, request: request(yen), jpyPerUsd: 150 });
    expect(Math.abs(built.plan.totals.netProceeds / 60_000 - 1)).toBeLessThan(0.01);
  });

  it('refuses more than the wallet holds, bad amounts, and markets that cannot be executed', async () => {
    expect(() => buildRequestedPlan({ ...base, balance: 10 })).toThrow(/holds 10/);
    expect(() => buildRequestedPlan({ ...base, request: request({ amount: -1 }) })).toThrow(WithdrawInputError);
    expect(() => buildRequestedPlan({ ...base, request: request({ destination: { kind: 'deposit', chain: 'ethereum', address: '0x12' as Address } }) })).toThrow(/deposit address/);
    expect(() => buildRequestedPlan({ ...base, markets: syntheticOnly })).toThrow(NoRouteError);
  });
});

let base: Awaited<ReturnType<typeof inputs>>;
let syntheticOnly: LiveMarket[];
beforeAll(async () => {
  base = await inputs();
  syntheticOnly = await markets(false);
});

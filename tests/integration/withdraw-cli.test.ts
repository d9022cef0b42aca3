/**
 * `npm run preflight -- plan --spec @file --rpc <devnet>`: the real CLI process against a real anvil
 * devnet, pools given by address (and one by factory + fee), read through the pool lens; the JSON is
 * checked against the chain (the first swap's expected output = what the router returns for the
 * step's own calldata in an eth_call).
 * `npx vitest run tests/integration/withdraw-cli.test.ts`
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createPublicClient, decodeFunctionResult, http, type Address, type PublicClient } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V2_ROUTER_ABI, V3_SWAP_ROUTER_ABI } from '../../core/mev/decode/abis';
import { stepTransaction, type ExecutionVenue, type Plan } from '../../core/withdraw';
import { startDevnet } from '../../scripts/devnet/index';

type Devnet = Awaited<ReturnType<typeof startDevnet>>;
interface CliOut { plan: Plan; baseline: { oneShotNetProceeds: number; savedVsOneShot: number }; venues: Record<string, (ExecutionVenue | null)[]>; notes: string[]; planMs: number }

let devnet: Devnet;
let pub: PublicClient;
let dir: string;

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, quiet: true });
  pub = createPublicClient({ transport: http(devnet.rpcUrl) }) as PublicClient;
  dir = mkdtempSync(join(tmpdir(), 'preflight-plan-'));
}, 180_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await devnet?.stop();
});

async function cli(spec: unknown): Promise<CliOut> {
  const file = join(dir, 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/cli/main.ts', 'plan', '--spec', `@${file}`, '--rpc', devnet.rpcUrl], { cwd: process.cwd(), timeout: 120_000 });
  return JSON.parse(stdout) as CliOut;
}

describe('preflight plan --rpc against the devnet', () => {
  it('reads the pools by address and by factory, plans on the best one, and its first swap quote is what the router pays', async () => {
    const c = devnet.contracts;
    const now = Number((await pub.getBlock()).timestamp);
    const out = await cli({
      deadlineHours: 6, risk: 'medium', now, impact: 'permanent',
      quote: { symbol: 'USDC', decimals: 6, address: c.usdc },
      assets: [{ symbol: 'WETH', amount: 40, decimals: 18, address: c.weth, pools: [
        { chain: 'ethereum', protocol: 'v2', pool: devnet.pools.v2[0]!.pair },
        { chain: 'ethereum', protocol: 'v3', pool: devnet.pools.v3[0]!.pool },
        { chain: 'ethereum', protocol: 'v3', factory: c.v3Factory, fee: 3000 },
      ] }],
      gas: { ethereum: { gwei: 1, nativePrice: 3000 } },
      routers: { v2: c.v2Router, v3: c.swapRouter },
    });
    const a = out.plan.assets[0]!;
    // the pools were really read: ~3,000 USDC per WETH (V2 1,000 WETH / 3,000,000 USDC; V3 initialised at 3,000)
    expect(a.midPrice).toBeGreaterThan(2950);
    expect(a.midPrice).toBeLessThan(3050);
    // no volatility given, and a fresh V3 pool has no 24 h of observations: said, and the default used
    expect(out.notes.some((n) => n.includes('V3 observe gave no 24 h history'))).toBe(true);
    expect(out.plan.warnings.some((w) => w.includes('volatility assumed'))).toBe(true);
    // venues: the V2 pair → Router02, both V3 reads (address, factory) → the same pool through SwapRouter
    const venues = out.venues.WETH!;
    expect(venues.map((v) => v?.kind)).toEqual(['v2-router02', 'v3-swap-router', 'v3-swap-router']);
    expect(venues[2]!.fees).toEqual([3000]);
    expect(venues.every((v) => v!.path[0]!.toLowerCase() === c.weth.toLowerCase() && v!.path[1]!.toLowerCase() === c.usdc.toLowerCase())).toBe(true);
    // steps add up; the plan sells on the market it names
    const swaps = out.plan.steps.filter((s) => s.kind === 'swap');
    const approve = out.plan.steps.find((s) => s.kind === 'approve')!;
    expect(swaps.reduce((s, x) => s + BigInt(x.amountInBase), 0n)).toBe(BigInt(approve.amountInBase));
    expect(BigInt(approve.amountInBase)).toBe(40n * 10n ** 18n);
    expect(a.route.label).toContain(a.marketIndex === 0 ? 'Uniswap V2' : 'Uniswap V3');
    expect(out.baseline.savedVsOneShot).toBeGreaterThanOrEqual(-1e-6);
    // the first swap, as the step's own calldata, eth_call'ed on the devnet (user 0 has the routers approved)
    const venue = venues[a.marketIndex]!;
    const first = swaps[0]!;
    const tx = stepTransaction(first, { chainId: devnet.chainId, account: devnet.accounts[0]!, assetToken: c.weth, quoteToken: c.usdc, quoteDecimals: 6, assetDecimals: 18, venue }, now);
    const res = await pub.call({ account: tx.from, to: tx.to as Address, data: tx.data });
    const paid = venue.kind === 'v2-router02'
      ? (decodeFunctionResult({ abi: V2_ROUTER_ABI, functionName: 'swapExactTokensForTokens', data: res.data! }) as unknown as readonly bigint[]).at(-1)!
      : (decodeFunctionResult({ abi: V3_SWAP_ROUTER_ABI, functionName: 'exactInput', data: res.data! }) as bigint);
    console.log(`CLI plan on ${a.route.label}: ${swaps.length} swap(s); first swap expected ${first.expectedOut} USDC, router pays ${Number(paid) / 1e6}; planMs ${out.planMs}`);
    expect(Math.abs(Number(paid) / 1e6 - first.expectedOut!)).toBeLessThan(2e-6);
    expect(paid).toBeGreaterThanOrEqual(BigInt(first.minOutBase!));
  }, 200_000);
});

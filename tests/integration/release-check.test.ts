/**
 * Issue 22 on a real anvil devnet (real Uniswap V2 from npm, the spoofing contracts of scripts/devnet/contracts):
 * outcomes that depend on when a transaction is mined (eth_simulateV1 block overrides, 1 minute and 1 hour on), and
 * the release check (the same request simulated again before it is forwarded), also for a withdrawal step's swap.
 */
import { createPublicClient, custom, encodeFunctionData, http, parseEther, parseUnits, type Address, type PublicClient } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewRequest } from '../../core/review/engine';
import { recheck } from '../../core/review/recheck';
import type { Review, SigningRequest } from '../../core/review/types';
import { stepTransaction, type ExecutionContext } from '../../core/withdraw/execute';
import type { PlanStep } from '../../core/withdraw/plan-types';
import { v2RouterAbi } from '../../scripts/devnet/abis';
import { createClients, type DevnetClients } from '../../scripts/devnet/chain';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';
import { claimRequest, deployFlipClaim, deploySimulationSpoof, flip } from '../../scripts/devnet/spoofing';

let devnet: Devnet;
let c: DevnetClients;
let client: PublicClient;
let user: Address;
let owner: Address;
const ORIGIN = 'http://127.0.0.1:5173';

const asRequest = (r: { method: string; params: unknown }): SigningRequest => ({ method: r.method as SigningRequest['method'], params: r.params, origin: ORIGIN, chainId: devnet.chainId });
const review = (req: SigningRequest, cl: PublicClient = client) => reviewRequest(req, { client: cl, now: () => Date.now() }, { timeoutMs: 10_000 });
const codes = (r: Review) => r.findings.map((f) => f.code);
const finding = (r: Review, code: string) => r.findings.find((f) => f.code === code);

async function v2Swap(deadlineSeconds: number): Promise<SigningRequest> {
  const amountIn = parseUnits('1000', 6);
  const k = devnet.contracts;
  const amounts = await c.publicClient.readContract({ address: k.v2Router, abi: v2RouterAbi, functionName: 'getAmountsOut', args: [amountIn, [k.usdc, k.weth]] });
  const head = await c.publicClient.getBlock();
  const data = encodeFunctionData({ abi: v2RouterAbi, functionName: 'swapExactTokensForTokens', args: [amountIn, (amounts[1]! * 995n) / 1000n, [k.usdc, k.weth], user, head.timestamp + BigInt(deadlineSeconds)] });
  return asRequest({ method: 'eth_sendTransaction', params: [{ from: user, to: k.v2Router, data, gas: '0x927c0' }] });
}

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, quiet: true });
  c = createClients(devnet.rpcUrl);
  client = createPublicClient({ transport: http(devnet.rpcUrl) }) as PublicClient;
  user = devnet.accounts[0]!;
  owner = devnet.accounts[9]!;
}, 120_000);
afterAll(async () => devnet?.stop());

describe('outcomes that depend on when the transaction is mined', () => {
  it('the spoofing contract pays in the simulation and keeps the deposit a minute later: outcome-depends-on-time, danger, the contract named', async () => {
    const spoof = await deploySimulationSpoof(c, owner);
    const r = await review(asRequest(claimRequest(user, spoof)));
    expect(r.assetChanges).toEqual([{ direction: 'in', asset: 'native', standard: 'native', symbol: 'ETH', amount: '0.001' }]);
    const f = finding(r, 'outcome-depends-on-time')!;
    expect(f.severity).toBe('danger');
    expect(r.verdict).toBe('danger');
    expect(f.title.en).toBe('The outcome depends on when it is mined: mined 1 minute later, it takes more from you than the simulation shows');
    expect(f.detail!.en).toContain('ETH: +0.001 ETH → −0.01 ETH');
    expect(f.detail!.en).toContain(`${spoof.slice(0, 6)}…${spoof.slice(-4)}'s code reads block.timestamp`);
    expect(f.detail!.ja).toContain('block.timestamp');
  });

  it('a plain V2 swap with a 10-minute deadline: no finding (it only fails an hour later, as deadlines do), and the note says so', async () => {
    const r = await review(await v2Swap(600));
    expect(codes(r)).not.toContain('outcome-depends-on-time');
    expect(r.verdict).toBe('ok');
    const note = finding(r, 'asset-changes')!.detail!.en;
    expect(note).toContain('Simulated again 1 minute later: the same outcome.');
    expect(note).toContain('Mined 1 hour later it would fail (UniswapV2Router: EXPIRED): a deadline, usually.');
  });

  it('an ETH transfer: the same outcome 1 minute and 1 hour later', async () => {
    const r = await review(asRequest({ method: 'eth_sendTransaction', params: [{ from: user, to: devnet.accounts[1], value: '0x2386f26fc10000' }] }));
    expect(codes(r)).not.toContain('outcome-depends-on-time');
    expect(finding(r, 'asset-changes')!.detail!.en).toContain('Simulated again 1 minute later and 1 hour later: the same outcome.');
  });

  it('a node that refuses block overrides: the review goes on and says the later blocks could not be simulated', async () => {
    const inner = http(devnet.rpcUrl)({});
    const picky = createPublicClient({
      transport: custom({
        request: async ({ method, params }: { method: string; params?: unknown }) => {
          const first = (params as [{ blockStateCalls?: { blockOverrides?: unknown }[] }] | undefined)?.[0];
          if (method === 'eth_simulateV1' && first?.blockStateCalls?.[0]?.blockOverrides) throw new Error('blockOverrides not supported');
          return inner.request({ method, params } as Parameters<typeof inner.request>[0]);
        },
      }, { retryCount: 0 }),
    }) as PublicClient;
    const spoof = await deploySimulationSpoof(c, owner);
    const r = await review(asRequest(claimRequest(user, spoof)), picky);
    expect(codes(r)).not.toContain('outcome-depends-on-time');
    expect(finding(r, 'asset-changes')!.detail!.en).toContain('Could not simulate 1 minute later and 1 hour later: blockOverrides not supported.');
  });
});

describe('the release check: the same request simulated again before it is forwarded', () => {
  it('the owner flips the claim after the review: changed (the inflow became an outflow), both outcomes kept', async () => {
    const claim = await deployFlipClaim(c, owner);
    const req = asRequest(claimRequest(user, claim));
    const r = await review(req);
    expect(r.assetChanges).toEqual([{ direction: 'in', asset: 'native', standard: 'native', symbol: 'ETH', amount: '0.001' }]);
    expect((await recheck(req, r.outcome!, { client, now: Date.now })).status).toBe('unchanged');
    await flip(c, owner, claim);
    const after = await recheck(req, r.outcome!, { client, now: Date.now });
    expect(after.status).toBe('changed');
    if (after.status !== 'changed') return;
    expect(after.changes.map((x) => [x.kind, x.before, x.now])).toEqual([['new-outflow', parseEther('0.001').toString(), (-parseEther('0.01')).toString()]]);
    expect(after.before).toEqual(r.outcome);
    expect(after.now.assets).toEqual([{ asset: 'native', standard: 'native', delta: (-parseEther('0.01')).toString(), symbol: 'ETH', decimals: 18 }]);
  });

  it('a recipient that gains code after the review (an EIP-7702 delegation set on it): changed, code-added', async () => {
    const fresh = '0x00000000000000000000000000000000000c0de7' as Address;
    const req = asRequest({ method: 'eth_sendTransaction', params: [{ from: user, to: fresh, value: '0x2386f26fc10000' }] });
    const r = await review(req);
    expect(r.outcome!.parties).toEqual([{ address: fresh, role: 'recipient', codeHash: null }]);
    await c.testClient.setCode({ address: fresh, bytecode: `0xef0100${devnet.contracts.weth.slice(2).toLowerCase()}` });
    const after = await recheck(req, r.outcome!, { client, now: Date.now });
    // Sending to it now runs the delegated code (here it fails too): the code change is said either way.
    expect(after.status === 'changed' && after.changes.map((x) => x.kind)).toContain('code-added');
  });

  it('a node that does not answer: unavailable within the budget, never a hang', async () => {
    const inner = http(devnet.rpcUrl)({});
    let hang = false;
    const slow = createPublicClient({
      transport: custom({
        request: async ({ method, params }: { method: string; params?: unknown }) => {
          if (hang && method === 'eth_simulateV1') await new Promise(() => undefined);
          return inner.request({ method, params } as Parameters<typeof inner.request>[0]);
        },
      }, { retryCount: 0 }),
    }) as PublicClient;
    const req = asRequest({ method: 'eth_sendTransaction', params: [{ from: user, to: devnet.accounts[2], value: '0x1' }] });
    const r = await review(req, slow);
    hang = true;
    const t0 = Date.now();
    const after = await recheck(req, r.outcome!, { client: slow, now: Date.now }, 300);
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(after.status === 'unavailable' && after.reason.en).toBe('The node did not answer within 0.3 s');
  });

  it('before a withdrawal step is sent: the step\'s swap after another trader moved the pool gives less, changed (inflow-shrank)', async () => {
    const k = devnet.contracts;
    const ctx: ExecutionContext = { chainId: devnet.chainId, account: user, assetToken: k.weth, quoteToken: k.usdc, quoteDecimals: 6, assetDecimals: 18, venue: { kind: 'v2-router02', router: k.v2Router, path: [k.weth, k.usdc] } };
    const step: PlanStep = { id: 's1', asset: 'WETH', kind: 'swap', chain: 'devnet', dueAt: 0, amountIn: 1, amountInBase: parseEther('1').toString(), minOutBase: '0', status: 'pending' };
    const head = await c.publicClient.getBlock();
    const t = stepTransaction(step, ctx, Number(head.timestamp));
    const req = asRequest({ method: 'eth_sendTransaction', params: [{ from: t.from, to: t.to, data: t.data, value: t.value }] });
    const r = await review(req);
    expect((await recheck(req, r.outcome!, { client, now: Date.now })).status).toBe('unchanged');
    // Someone else sells 100 WETH into the same pool: the step's 1 WETH now buys several % less USDC.
    const trader = devnet.accounts[9]!;
    await c.walletClient.sendTransaction({ account: trader, to: k.weth, value: parseEther('100'), data: '0xd0e30db0', chain: null });
    await c.walletClient.sendTransaction({ account: trader, to: k.weth, data: encodeFunctionData({ abi: [{ type: 'function', name: 'approve', stateMutability: 'nonpayable', inputs: [{ type: 'address' }, { type: 'uint256' }], outputs: [{ type: 'bool' }] }], functionName: 'approve', args: [k.v2Router, parseEther('100')] }), chain: null });
    const sell = encodeFunctionData({ abi: v2RouterAbi, functionName: 'swapExactTokensForTokens', args: [parseEther('100'), 0n, [k.weth, k.usdc], trader, head.timestamp + 3600n] });
    const hash = await c.walletClient.sendTransaction({ account: trader, to: k.v2Router, data: sell, gas: 600_000n, chain: null });
    expect((await c.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
    const after = await recheck(req, r.outcome!, { client, now: Date.now });
    expect(after.status === 'changed' && after.changes.map((x) => [x.kind, x.asset?.symbol])).toEqual([['inflow-shrank', 'USDC']]);
  });
});

import { createPublicClient, custom, encodeFunctionData, maxUint256, parseAbi, parseEther, type PublicClient } from 'viem';
import { describe, expect, it } from 'vitest';
import { reviewRequest } from './engine';
import { firstTimeAnalyzer } from './analyzers/first-time';
import { BINANCE_14, C, FRIEND, FRIEND_LOOKALIKE, MAINNET, NOW_MS, PAST_PAYEE, T, tx, UNUSED_ADDRESS, USER } from './fixtures/build';
import { recordedClient } from './fixtures/recorded-chain';
import { FIRST_TIME_BUDGET_MS, firstTimeTargets, LOG_FALLBACK, LOG_RANGE } from './first-time';
import { parseRequest } from './request';

const abi = parseAbi([
  'function transfer(address to, uint256 amount)',
  'function approve(address spender, uint256 amount)',
  'function setApprovalForAll(address operator, bool approved)',
  'function safeTransferFrom(address from, address to, uint256 id, uint256 amount, bytes data)',
]);
const WALLET = 'https://wallet.example';
const known = [FRIEND];
const review = (request: ReturnType<typeof tx>, client?: PublicClient, history: { knownRecipients?: string[] } = { knownRecipients: known }) =>
  reviewRequest(request, { now: () => NOW_MS, client, ...history }, { analyzers: [firstTimeAnalyzer], timeoutMs: 5_000 });

describe('first time, locally: who a request pays or lets spend', () => {
  it('names recipients, spenders and operators; not revocations, the sender, the token, known or well-known addresses, look-alikes', () => {
    const targets = (request: ReturnType<typeof tx>) => firstTimeTargets(parseRequest(request), { knownRecipients: known }).map((t) => [t.role, t.address, t.event ?? 'none']);
    expect(targets(tx(WALLET, { to: UNUSED_ADDRESS, value: 1n }))).toEqual([['recipient', UNUSED_ADDRESS, 'none']]);
    expect(targets(tx(WALLET, { to: T.USDC, data: encodeFunctionData({ abi, functionName: 'transfer', args: [UNUSED_ADDRESS, 1n] }) }))).toEqual([['recipient', UNUSED_ADDRESS, 'Transfer']]);
    expect(targets(tx(WALLET, { to: T.AZUKI, data: encodeFunctionData({ abi, functionName: 'setApprovalForAll', args: [UNUSED_ADDRESS, true] }) }))).toEqual([['operator', UNUSED_ADDRESS, 'ApprovalForAll']]);
    expect(targets(tx(WALLET, { to: T.AZUKI, data: encodeFunctionData({ abi, functionName: 'safeTransferFrom', args: [USER, UNUSED_ADDRESS, 1n, 1n, '0x'] }) }))).toEqual([['recipient', UNUSED_ADDRESS, 'TransferSingle']]);
    expect(targets(tx(WALLET, { to: T.USDC, data: encodeFunctionData({ abi, functionName: 'approve', args: [UNUSED_ADDRESS, 0n] }) }))).toEqual([]); // revocation
    expect(targets(tx(WALLET, { to: T.AZUKI, data: encodeFunctionData({ abi, functionName: 'setApprovalForAll', args: [UNUSED_ADDRESS, false] }) }))).toEqual([]);
    expect(targets(tx(WALLET, { to: FRIEND, value: 1n }))).toEqual([]); // sent to before
    expect(targets(tx(WALLET, { to: USER, value: 1n }))).toEqual([]); // to self
    expect(targets(tx(WALLET, { to: T.WETH, value: 1n }))).toEqual([]); // a well-known contract
    expect(targets(tx(WALLET, { to: T.USDC, data: encodeFunctionData({ abi, functionName: 'approve', args: [C.V2_ROUTER, maxUint256] }) }))).toEqual([]);
    expect(targets(tx(WALLET, { to: FRIEND_LOOKALIKE, value: 1n }))).toEqual([]); // address-poisoning says more
  });

  it('a spender approved before is not a first time', async () => {
    const approve = tx(WALLET, { to: T.USDC, data: encodeFunctionData({ abi, functionName: 'approve', args: [UNUSED_ADDRESS, 5n] }) });
    expect(firstTimeTargets(parseRequest(approve), { knownRecipients: known, knownSpenders: [UNUSED_ADDRESS] })).toEqual([]);
    expect(firstTimeTargets(parseRequest(approve), { knownRecipients: known })).toHaveLength(1);
  });

  it('with no history given, says nothing (nothing to compare with)', async () => {
    const r = await review(tx(WALLET, { to: UNUSED_ADDRESS, value: parseEther('1') }), recordedClient(MAINNET), {});
    expect(r.findings).toEqual([]);
  });

  it('an unused address is a warning; an old busy one is information; a payee found in the user’s Transfer logs is neither', async () => {
    const client = recordedClient(MAINNET);
    const fresh = await review(tx(WALLET, { to: T.USDT, data: encodeFunctionData({ abi, functionName: 'transfer', args: [UNUSED_ADDRESS, 10n ** 9n] }) }), client);
    expect(fresh.findings.map((f) => [f.code, f.severity])).toEqual([['first-time-fresh-address', 'warn']]);
    expect(fresh.findings[0]!.detail?.en).toContain('no such transfer or approval from you in the last 50,000 blocks');
    expect(fresh.findings[0]!.detail?.en).toContain('no code, no transaction and no balance');
    const old = await review(tx(WALLET, { to: BINANCE_14, value: parseEther('1') }), client);
    expect(old.findings.map((f) => [f.code, f.severity])).toEqual([['first-time-address', 'info']]);
    expect(old.findings[0]!.detail?.en).toContain('ETH transfers leave no log, so only Preflight\'s history was checked');
    const paid = await review(tx(WALLET, { to: T.USDC, data: encodeFunctionData({ abi, functionName: 'transfer', args: [PAST_PAYEE, 1n] }) }), client);
    expect(paid.findings).toEqual([]);
  });

  it('a node that refuses the log search is asked for a shorter range, then the finding says only Preflight’s history was checked', async () => {
    const client = recordedClient({ ...MAINNET, logsRefused: true });
    const r = await review(tx(WALLET, { to: T.USDC, data: encodeFunctionData({ abi, functionName: 'transfer', args: [PAST_PAYEE, 1n] }) }), client);
    expect(r.findings.map((f) => f.code)).toEqual(['first-time-address']);
    expect(r.findings[0]!.detail?.en).toContain('the node refused to search your past transfers');
    expect(client.calls.filter((c) => c === 'eth_getLogs')).toHaveLength(2);
    expect(LOG_FALLBACK).toBeLessThan(LOG_RANGE);
  });

  it('a node that does not answer: the reads are bounded, the finding says what could not be read', async () => {
    const inner = recordedClient(MAINNET);
    const slow = createPublicClient({
      transport: custom({ request: async ({ method, params }: { method: string; params?: unknown }) => (method === 'eth_getLogs' || method === 'eth_getBalance' ? new Promise(() => undefined) : inner.request({ method, params } as never)) }, { retryCount: 0 }),
    }) as PublicClient;
    const t0 = performance.now();
    const r = await review(tx(WALLET, { to: T.USDC, data: encodeFunctionData({ abi, functionName: 'transfer', args: [UNUSED_ADDRESS, 1n] }) }), slow);
    expect(performance.now() - t0).toBeLessThan(FIRST_TIME_BUDGET_MS + 800);
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['first-time-address', 'info']]);
    expect(r.findings[0]!.detail?.en).toContain('did not answer the search of your past transfers in time');
    expect(r.findings[0]!.detail?.en).toContain('Whether anyone ever used the address could not be read');
  });

  it('without chain access: information, saying the chain was not read', async () => {
    const r = await review(tx(WALLET, { to: UNUSED_ADDRESS, value: 1n }));
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['first-time-address', 'info']]);
    expect(r.findings[0]!.detail?.en).toContain('your history on chain was not read');
  });

  it('reads for several targets of a batch run in parallel (one budget, not one per address)', async () => {
    const inner = recordedClient(MAINNET);
    const delayed = createPublicClient({ transport: custom({ request: async (a: { method: string; params?: unknown }) => (await new Promise((r) => setTimeout(r, 150)), inner.request(a as never)) }, { retryCount: 0 }) }) as PublicClient;
    const calls = [UNUSED_ADDRESS, BINANCE_14, '0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222'].map((to) => ({ to, data: encodeFunctionData({ abi, functionName: 'transfer', args: [to as `0x${string}`, 1n] }), value: '0x0' }));
    const batch = { method: 'wallet_sendCalls' as const, params: [{ version: '2.0.0', from: USER, chainId: '0x1', atomicRequired: true, calls: calls.map((c) => ({ ...c, to: T.USDC })) }], origin: WALLET, chainId: 1 };
    const t0 = performance.now();
    const r = await reviewRequest(batch, { now: () => NOW_MS, client: delayed, knownRecipients: known }, { analyzers: [firstTimeAnalyzer], timeoutMs: 5_000 });
    expect(r.findings).toHaveLength(4);
    // Sequential reads would take 4 targets × (head + logs + three reads) × 150 ms.
    expect(performance.now() - t0).toBeLessThan(1_000);
  });
});

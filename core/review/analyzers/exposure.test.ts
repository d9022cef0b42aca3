import { encodeFunctionData, maxUint256, parseAbi, type Address } from 'viem';
import { describe, expect, it } from 'vitest';
import { reviewRequest } from '../engine';
import type { Inventory } from '../../approvals/types';
import type { SigningRequest } from '../types';

const abi = parseAbi(['function approve(address,uint256)', 'function setApprovalForAll(address,bool)', 'function transfer(address,uint256)']);
const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48' as Address;
const WETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2' as Address;
const ROUTER = '0x7a250d5630b4cf539739df2c5dacb4c659f2488d' as Address;
const DRAINER = '0x101ce0cedd142f199c9ef61739ae59b6611a0fc0' as Address;
const USER = '0x1234567890123456789012345678901234567890' as Address;
const NOW = 1_800_000_000_000;

const tx = (to: Address, data: string): SigningRequest => ({ method: 'eth_sendTransaction', params: [{ from: USER, to, data }], origin: 'https://app.example', chainId: 1 });
const inventory: Inventory = {
  chainId: 1, account: USER, method: 'logs', updatedAt: NOW - 60_000, completeTo: 100,
  rows: [
    { kind: 'erc20', token: USDC, spender: DRAINER, amount: maxUint256.toString(), unlimited: true, foundBy: 'logs', readAtBlock: 100 },
    { kind: 'erc20', token: WETH, spender: ROUTER, amount: (10n ** 18n).toString(), unlimited: false, foundBy: 'logs', readAtBlock: 100 },
  ],
  tokens: {
    [USDC]: { symbol: 'USDC', decimals: 6, standard: 'erc20', balance: '1500000000', price: { usd: 1, source: 'chainlink', at: 0 } },
    [WETH]: { symbol: 'WETH', decimals: 18, standard: 'erc20', balance: '2000000000000000000', price: { usd: 2_000, source: 'chainlink', at: 0 } },
  },
  spenders: { [DRAINER]: { isContract: false }, [ROUTER]: { isContract: true, age: 'old' } },
};
const deps = (inv: Inventory | undefined) => ({ now: () => NOW, approvals: async (chainId: number, account: string) => (chainId === 1 && account === USER ? inv : undefined), scamAddresses: new Set([DRAINER]) });

describe('the whole-wallet view in the review (exposure)', () => {
  it('an approval: after it, N spenders can take $X; this one adds $Y; standing approvals to scam-listed spenders named', async () => {
    const r = await reviewRequest(tx(WETH, encodeFunctionData({ abi, functionName: 'approve', args: [ROUTER, maxUint256] })), deps(inventory));
    expect(r.exposure).toMatchObject({ state: 'ready', spenders: 2, usd: 1_500 + 4_000, addedUsd: 2_000, unpriced: 0 });
    expect(r.exposure?.state === 'ready' && r.exposure.flagged).toEqual([expect.objectContaining({ spender: DRAINER, reason: 'scam-listed', valueUsd: 1_500 })]);
    expect(r.exposure?.state === 'ready' && r.exposure.line.en).toBe('After this, 2 spenders can take up to $5,500 of your assets; this one adds $2,000.');
    // The view adds no finding: the verdict is what the other checks say.
    const without = await reviewRequest(tx(WETH, encodeFunctionData({ abi, functionName: 'approve', args: [ROUTER, maxUint256] })), { now: () => NOW });
    expect(r.findings.map((f) => f.code)).toEqual(without.findings.map((f) => f.code));
    expect(without.exposure).toBeUndefined();
  });
  it('no inventory yet: says so (the panel offers to build it)', async () => {
    const r = await reviewRequest(tx(USDC, encodeFunctionData({ abi, functionName: 'approve', args: [ROUTER, 5n] })), deps(undefined));
    expect(r.exposure).toEqual({ state: 'none', chainId: 1, account: USER });
  });
  it('a revocation takes value away; a transfer is no approval (no line)', async () => {
    const revoke = await reviewRequest(tx(USDC, encodeFunctionData({ abi, functionName: 'approve', args: [DRAINER, 0n] })), deps(inventory));
    expect(revoke.verdict).toBe('ok');
    expect(revoke.exposure).toMatchObject({ state: 'ready', spenders: 1, usd: 2_000, addedUsd: -1_500, flagged: [] });
    const transfer = await reviewRequest(tx(USDC, encodeFunctionData({ abi, functionName: 'transfer', args: [ROUTER, 5n] })), deps(inventory));
    expect(transfer.exposure).toBeUndefined();
  });
});

import { encodeFunctionData, maxUint256, parseAbi, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { reviewRequest } from '../engine';
import type { SigningRequest } from '../types';

const USER = '0xd8da6bf26964af9d7eed9e03e53415d37aa96045';
const STRANGER = '0x7e2a9ed46e1d6bd21b4a7b9e0c6e5f5a3e2c1d0b';
const PERMIT2 = '0x000000000022d473030f116ddee9f6b43ac78ba3';
const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const USDT = '0xdac17f958d2ee523a2206206994597c13d831ec7';
const BAYC = '0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d';
const AZUKI = '0xed5af388653567af2f388e6224dc7c4b3241c544';
const abi = parseAbi(['function approve(address spender, uint256 amount)', 'function setApprovalForAll(address operator, bool approved)']);
const approve = (token: string, spender: string, amount: bigint) => ({ to: token, data: encodeFunctionData({ abi, functionName: 'approve', args: [spender as Hex, amount] }) });
const forAll = (collection: string, operator: string) => ({ to: collection, data: encodeFunctionData({ abi, functionName: 'setApprovalForAll', args: [operator as Hex, true] }) });
const batch = (calls: { to: string; data: Hex }[]): SigningRequest => ({ method: 'wallet_sendCalls', params: [{ version: '2.0.0', from: USER, chainId: '0x1', atomicRequired: true, calls }], origin: 'https://claim.example', chainId: 1 });
const found = async (r: SigningRequest) => (await reviewRequest(r, { now: Date.now })).findings.filter((f) => f.code === 'batch-approvals-unknown-spender');

describe('batched approvals to one unknown spender', () => {
  it('unlimited allowances or operator rights over two or more assets to the same unknown spender: danger', async () => {
    const [f] = await found(batch([approve(USDC, STRANGER, maxUint256), approve(USDT, STRANGER, maxUint256)]));
    expect(f).toMatchObject({ severity: 'danger', title: { en: 'This batch lets 0x7e2a…1d0b take all of your USDC, USDT' } });
    expect((await found(batch([forAll(BAYC, STRANGER), forAll(AZUKI, STRANGER)])))[0]?.severity).toBe('danger');
  });

  it('one asset, bounded amounts, different spenders, or a known spender (Permit2): not this finding', async () => {
    expect(await found(batch([approve(USDC, STRANGER, maxUint256), approve(USDC, STRANGER, maxUint256)]))).toEqual([]);
    expect(await found(batch([approve(USDC, STRANGER, 5_000_000n), approve(USDT, STRANGER, 7_000_000n)]))).toEqual([]);
    expect(await found(batch([approve(USDC, STRANGER, maxUint256), approve(USDT, '0x9e2a9ed46e1d6bd21b4a7b9e0c6e5f5a3e2c1d0c', maxUint256)]))).toEqual([]);
    expect(await found(batch([approve(USDC, PERMIT2, maxUint256), approve(USDT, PERMIT2, maxUint256)]))).toEqual([]);
  });
});

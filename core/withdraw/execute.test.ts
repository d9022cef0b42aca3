import { decodeFunctionData, encodeAbiParameters, pad, toEventSelector, type Address, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { decodeV3Path } from '../mev';
import { SWAP_ROUTER_02_ABI, V2_ROUTER_ABI, V3_SWAP_ROUTER_ABI } from '../mev/decode/abis';
import { ExecutionContextError, StepNotExecutableError } from './errors';
import { quoteReceived, stepTransaction, TRANSFER_TOPIC, type ExecutionContext } from './execute';
import type { PlanStep } from './plan-types';

const ACCOUNT = '0x1111111111111111111111111111111111111111' as Address;
const ROUTER = '0x2222222222222222222222222222222222222222' as Address;
const WETH = '0x3333333333333333333333333333333333333333' as Address;
const USDC = '0x4444444444444444444444444444444444444444' as Address;
const DEPOSIT = '0x5555555555555555555555555555555555555555' as Address;
const NOW = 1_750_000_000;

const ctx = (over: Partial<ExecutionContext> = {}): ExecutionContext => ({
  chainId: 31337, account: ACCOUNT, assetToken: WETH, quoteToken: USDC, quoteDecimals: 6, assetDecimals: 18,
  venue: { kind: 'v2-router02', router: ROUTER, path: [WETH, USDC] }, ...over,
});
const step = (over: Partial<PlanStep>): PlanStep => ({ id: 's', asset: 'WETH', kind: 'swap', chain: 'ethereum', dueAt: NOW, amountIn: 1.5, amountInBase: '1500000000000000000', status: 'pending', ...over });
const swap = step({ kind: 'swap', minOut: 4400, minOutBase: '4400000000' });

describe('stepTransaction', () => {
  it('approve: the exact amount to the router, never unlimited', () => {
    const tx = stepTransaction(step({ kind: 'approve' }), ctx(), NOW);
    expect(tx).toMatchObject({ chainId: 31337, from: ACCOUNT, to: WETH, value: '0x0' });
    const d = decodeFunctionData({ abi: [{ type: 'function', name: 'approve', stateMutability: 'nonpayable', inputs: [{ type: 'address' }, { type: 'uint256' }], outputs: [{ type: 'bool' }] }], data: tx.data });
    expect(d.args).toEqual([ROUTER, 1_500_000_000_000_000_000n]);
  });

  it('V2 swap: exact input, minOut from the step, recipient the account, deadline now + 1200', () => {
    const tx = stepTransaction(swap, ctx(), NOW);
    expect(tx.to).toBe(ROUTER);
    expect(tx.value).toBe('0x0');
    const d = decodeFunctionData({ abi: V2_ROUTER_ABI, data: tx.data });
    expect(d.functionName).toBe('swapExactTokensForTokens');
    expect(d.args).toEqual([1_500_000_000_000_000_000n, 4_400_000_000n, [WETH, USDC], ACCOUNT, BigInt(NOW + 1200)]);
  });

  it('V2 native coin: swapExactETHForTokens with the amount as value', () => {
    const tx = stepTransaction(swap, ctx({ assetToken: undefined }), NOW);
    expect(BigInt(tx.value)).toBe(1_500_000_000_000_000_000n);
    const d = decodeFunctionData({ abi: V2_ROUTER_ABI, data: tx.data });
    expect(d.functionName).toBe('swapExactETHForTokens');
    expect(d.args).toEqual([4_400_000_000n, [WETH, USDC], ACCOUNT, BigInt(NOW + 1200)]);
  });

  it('V3 SwapRouter: exactInput with the packed path and the deadline in the struct', () => {
    const tx = stepTransaction(swap, ctx({ venue: { kind: 'v3-swap-router', router: ROUTER, path: [WETH, USDC], fees: [3000] }, deadlineSeconds: 60 }), NOW);
    const d = decodeFunctionData({ abi: V3_SWAP_ROUTER_ABI, data: tx.data });
    expect(d.functionName).toBe('exactInput');
    const p = (d.args as readonly [{ path: Hex; recipient: Address; deadline: bigint; amountIn: bigint; amountOutMinimum: bigint }])[0];
    expect(decodeV3Path(p.path)).toEqual({ tokens: [WETH, USDC], fees: [3000] });
    expect(p).toMatchObject({ recipient: ACCOUNT, deadline: BigInt(NOW + 60), amountIn: 1_500_000_000_000_000_000n, amountOutMinimum: 4_400_000_000n });
  });

  it('SwapRouter02: exactInput inside multicall(deadline, …)', () => {
    const tx = stepTransaction(swap, ctx({ venue: { kind: 'v3-swap-router02', router: ROUTER, path: [WETH, USDC], fees: [500] } }), NOW);
    const outer = decodeFunctionData({ abi: SWAP_ROUTER_02_ABI, data: tx.data });
    expect(outer.functionName).toBe('multicall');
    const [deadline, calls] = outer.args as readonly [bigint, readonly Hex[]];
    expect(deadline).toBe(BigInt(NOW + 1200));
    const inner = decodeFunctionData({ abi: SWAP_ROUTER_02_ABI, data: calls[0]! });
    expect(inner.functionName).toBe('exactInput');
    expect((inner.args as readonly [{ amountOutMinimum: bigint; recipient: Address }])[0]).toMatchObject({ amountOutMinimum: 4_400_000_000n, recipient: ACCOUNT });
  });

  it('transfer: quote token to the deposit address', () => {
    const tx = stepTransaction(step({ kind: 'transfer', amountInBase: '123', to: DEPOSIT }), ctx(), NOW);
    expect(tx.to).toBe(USDC);
    const d = decodeFunctionData({ abi: [{ type: 'function', name: 'transfer', stateMutability: 'nonpayable', inputs: [{ type: 'address' }, { type: 'uint256' }], outputs: [{ type: 'bool' }] }], data: tx.data });
    expect(d.args).toEqual([DEPOSIT, 123n]);
  });

  it('refuses what it cannot do, with typed errors', () => {
    expect(() => stepTransaction(step({ kind: 'bridge', bridge: 'base-canonical' }), ctx(), NOW)).toThrowError(StepNotExecutableError);
    expect(() => stepTransaction(step({ kind: 'bridge' }), ctx(), NOW)).toThrow(/bridge's own app; mark it done when it arrives/);
    expect(() => stepTransaction(step({ kind: 'approve' }), ctx({ assetToken: undefined }), NOW)).toThrowError(ExecutionContextError);
    expect(() => stepTransaction(step({ kind: 'transfer' }), ctx(), NOW)).toThrowError(ExecutionContextError);
    expect(() => stepTransaction(step({ kind: 'transfer', to: DEPOSIT }), ctx({ depositAddress: ROUTER }), NOW)).toThrowError(ExecutionContextError);
    expect(() => stepTransaction(step({ kind: 'swap' }), ctx(), NOW)).toThrow(/minOutBase/);
    expect(() => stepTransaction(swap, ctx({ venue: { kind: 'v2-router02', router: ROUTER, path: [USDC, WETH] } }), NOW)).toThrowError(ExecutionContextError);
    expect(() => stepTransaction(swap, ctx({ venue: { kind: 'v3-swap-router', router: ROUTER, path: [WETH, USDC] } }), NOW)).toThrow(/fees/);
    expect(() => stepTransaction(step({ kind: 'swap', amountInBase: '1.5', minOutBase: '1' }), ctx(), NOW)).toThrowError(ExecutionContextError);
  });
});

describe('quoteReceived', () => {
  const transfer = (token: Address, from: Address, to: Address, amount: bigint) => ({
    address: token, topics: [TRANSFER_TOPIC, pad(from), pad(to)] as Hex[], data: encodeAbiParameters([{ type: 'uint256' }], [amount]),
  });
  it('sums the quote token Transfer logs to the account only', () => {
    expect(TRANSFER_TOPIC).toBe(toEventSelector('Transfer(address,address,uint256)'));
    const logs = [
      transfer(USDC, ROUTER, ACCOUNT, 100n),
      transfer(USDC, ROUTER, ACCOUNT.toUpperCase().replace('0X', '0x') as Address, 5n),
      transfer(USDC, ACCOUNT, ROUTER, 7n), // outgoing
      transfer(WETH, ROUTER, ACCOUNT, 1000n), // other token
      { address: USDC, topics: ['0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925', pad(ROUTER), pad(ACCOUNT)] as Hex[], data: encodeAbiParameters([{ type: 'uint256' }], [9n]) }, // Approval
    ];
    expect(quoteReceived(logs, USDC, ACCOUNT)).toBe(105n);
    expect(quoteReceived([], USDC, ACCOUNT)).toBe(0n);
  });
});

import { encodeFunctionData, parseAbi, type Address, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { analyzeSwap, type MevClient } from './analyze';
import { NotASwapError } from './errors';

const ROUTER = '0x0000000000000000000000000000000000000123' as Address;
const A = '0x000000000000000000000000000000000000000A' as Address;
const B = '0x000000000000000000000000000000000000000b' as Address;
const fakeClient = (calls: string[]): MevClient => ({
  call: async (a: { to?: Address; code?: Hex }) => {
    calls.push(a.code ? 'lens' : 'probe');
    if (a.code) throw new Error('no pools here');
    return { data: '0x' };
  },
  readContract: async () => {
    calls.push('getter');
    throw new Error('reverted');
  },
});
const base = { chainId: 999, baseFeeWei: 10n ** 9n, priorityFeeWei: 10n ** 9n };

describe('analyzeSwap (failure paths, no chain)', () => {
  it('throws NotASwapError for a transfer', async () => {
    await expect(analyzeSwap({ ...base, client: fakeClient([]), tx: { to: ROUTER, data: '0xa9059cbb' } })).rejects.toThrow(NotASwapError);
  });
  it('an unknown router on an unknown chain is reported not computed, after one round trip', async () => {
    const calls: string[] = [];
    const abi = parseAbi(['function swapExactTokensForTokens(uint256,uint256,address[],address,uint256)']);
    const data = encodeFunctionData({ abi, functionName: 'swapExactTokensForTokens', args: [1n, 1n, [A, B], A, 1n] });
    const r = await analyzeSwap({ ...base, client: fakeClient(calls), tx: { to: ROUTER, data } });
    expect(r).toMatchObject({ computed: false, severity: 'none', rpcRoundTrips: 1 });
    expect(r.reason).toMatch(/factory/);
  });
  it('explicit factories: the lens failure is reported, not thrown', async () => {
    const calls: string[] = [];
    const abi = parseAbi(['function swapExactTokensForTokens(uint256,uint256,address[],address,uint256)']);
    const data = encodeFunctionData({ abi, functionName: 'swapExactTokensForTokens', args: [1n, 1n, [A, B], A, 1n] });
    const r = await analyzeSwap({ ...base, client: fakeClient(calls), tx: { to: ROUTER, data }, factories: { v2: A } });
    expect(r).toMatchObject({ computed: false, rpcRoundTrips: 2, reason: 'no pools here' });
    expect(calls.filter((c) => c === 'lens')).toHaveLength(1);
  });
  it('aggregator swaps are recognised and not computed', async () => {
    const abi = parseAbi(['function swapOnUniswapV2Fork(address, uint256, uint256, address, uint256[])']);
    const data = encodeFunctionData({ abi, functionName: 'swapOnUniswapV2Fork', args: [A, 5n, 4n, B, []] });
    const r = await analyzeSwap({ ...base, client: fakeClient([]), tx: { to: ROUTER, data } });
    expect(r).toMatchObject({ computed: false, intent: { kind: 'aggregator' } });
  });
});

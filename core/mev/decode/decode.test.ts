import fc from 'fast-check';
import { encodeAbiParameters, encodeFunctionData, parseAbiParameters, type Abi, type Address, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import v2RouterArtifact from '@uniswap/v2-periphery/build/UniswapV2Router02.json';
import swapRouterArtifact from '@uniswap/v3-periphery/artifacts/contracts/SwapRouter.sol/SwapRouter.json';
import swapRouter02Artifact from '@uniswap/swap-router-contracts/artifacts/contracts/SwapRouter02.sol/SwapRouter02.json';
import urArtifact from '@uniswap/universal-router/artifacts/contracts/UniversalRouter.sol/UniversalRouter.json';
import { decodeSwap } from './index';
import { encodeV3Path } from './v3-path';

const v2Abi = v2RouterArtifact.abi as Abi;
const v3Abi = swapRouterArtifact.abi as Abi;
const r02Abi = swapRouter02Artifact.abi as Abi;
const urAbi = urArtifact.abi as Abi;

const ROUTER = '0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D' as Address;
const WETH = '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2' as Address;
const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48' as Address;
const DAI = '0x6B175474E89094C44Da98b954EedeAC495271d0F' as Address;
const ME = '0x1111111111111111111111111111111111111111' as Address;
const tx = (data: Hex, value = 0n) => ({ to: ROUTER, data, value });

describe('decodeSwap: Uniswap V2 Router02 (real ABI)', () => {
  const cases: [string, readonly unknown[], bigint, Partial<ReturnType<typeof decodeSwap>>][] = [
    ['swapExactTokensForTokens', [100n, 90n, [USDC, WETH], ME, 999n], 0n, { amountIn: 100n, amountOutMin: 90n, exactInput: true }],
    ['swapTokensForExactTokens', [100n, 110n, [USDC, WETH, DAI], ME, 999n], 0n, { amountOut: 100n, amountInMax: 110n, exactInput: false }],
    ['swapExactETHForTokens', [90n, [WETH, USDC], ME, 999n], 7n, { amountIn: 7n, amountOutMin: 90n, nativeIn: true }],
    ['swapTokensForExactETH', [5n, 110n, [USDC, WETH], ME, 999n], 0n, { amountOut: 5n, amountInMax: 110n, nativeOut: true }],
    ['swapExactTokensForETH', [100n, 1n, [USDC, WETH], ME, 999n], 0n, { amountIn: 100n, amountOutMin: 1n, nativeOut: true }],
    ['swapETHForExactTokens', [500n, [WETH, USDC], ME, 999n], 9n, { amountOut: 500n, amountInMax: 9n, nativeIn: true }],
    ['swapExactTokensForTokensSupportingFeeOnTransferTokens', [100n, 90n, [USDC, WETH], ME, 999n], 0n, { feeOnTransfer: true }],
    ['swapExactETHForTokensSupportingFeeOnTransferTokens', [90n, [WETH, USDC], ME, 999n], 3n, { amountIn: 3n, feeOnTransfer: true }],
    ['swapExactTokensForETHSupportingFeeOnTransferTokens', [100n, 1n, [USDC, WETH], ME, 999n], 0n, { feeOnTransfer: true, nativeOut: true }],
  ];
  for (const [fn, args, value, expected] of cases) {
    it(fn, () => {
      const data = encodeFunctionData({ abi: v2Abi, functionName: fn, args });
      const intent = decodeSwap(tx(data, value), 1);
      expect(intent).toMatchObject({ kind: 'v2', method: fn, deadline: 999n, recipient: ME, computable: true, ...expected });
      expect(intent?.hops.every((h) => h.protocol === 'v2')).toBe(true);
    });
  }
});

describe('decodeSwap: V3 SwapRouter and SwapRouter02 (real ABIs)', () => {
  const path = encodeV3Path([USDC, WETH, DAI], [500, 3000]);
  it('SwapRouter exactInputSingle / exactOutput', () => {
    const a = encodeFunctionData({ abi: v3Abi, functionName: 'exactInputSingle', args: [{ tokenIn: USDC, tokenOut: WETH, fee: 500, recipient: ME, deadline: 5n, amountIn: 10n, amountOutMinimum: 9n, sqrtPriceLimitX96: 0n }] });
    expect(decodeSwap(tx(a), 1)).toMatchObject({ kind: 'v3', tokenIn: USDC, tokenOut: WETH, amountIn: 10n, amountOutMin: 9n, deadline: 5n, hops: [{ fee: 500 }] });
    const outPath = encodeV3Path([DAI, WETH, USDC], [3000, 500]); // exact output: reversed
    const b = encodeFunctionData({ abi: v3Abi, functionName: 'exactOutput', args: [{ path: outPath, recipient: ME, deadline: 5n, amountOut: 10n, amountInMaximum: 12n }] });
    const i = decodeSwap(tx(b), 1);
    expect(i).toMatchObject({ tokenIn: USDC, tokenOut: DAI, amountOut: 10n, amountInMax: 12n, exactInput: false });
    expect(i?.hops.map((h) => [h.tokenIn, h.fee])).toEqual([[USDC, 500], [WETH, 3000]]);
  });
  it('SwapRouter02 exactInput in multicall(deadline) with unwrapWETH9, and exactOutputSingle bare', () => {
    const swap = encodeFunctionData({ abi: r02Abi, functionName: 'exactInput', args: [{ path, recipient: ME, amountIn: 10n, amountOutMinimum: 9n }] });
    const unwrap = encodeFunctionData({ abi: r02Abi, functionName: 'unwrapWETH9', args: [9n, ME] });
    const mc = encodeFunctionData({ abi: r02Abi, functionName: 'multicall', args: [77n, [swap, unwrap]] });
    expect(decodeSwap(tx(mc), 1)).toMatchObject({ kind: 'v3', method: 'multicall:exactInput', deadline: 77n, nativeOut: true, tokenIn: USDC, tokenOut: DAI, computable: true });
    const mc2 = encodeFunctionData({ abi: r02Abi, functionName: 'multicall', args: [[swap]] });
    expect(decodeSwap(tx(mc2), 1)).toMatchObject({ method: 'multicall:exactInput', deadline: undefined });
    const s = encodeFunctionData({ abi: r02Abi, functionName: 'exactOutputSingle', args: [{ tokenIn: WETH, tokenOut: USDC, fee: 3000, recipient: ME, amountOut: 5n, amountInMaximum: 6n, sqrtPriceLimitX96: 0n }] });
    expect(decodeSwap(tx(s, 6n), 1)).toMatchObject({ exactInput: false, amountOut: 5n, amountInMax: 6n, nativeIn: true });
  });
  it('SwapRouter02 V2 swap and two swaps in one multicall', () => {
    const v2 = encodeFunctionData({ abi: r02Abi, functionName: 'swapExactTokensForTokens', args: [10n, 9n, [USDC, WETH], ME] });
    expect(decodeSwap(tx(v2), 1)).toMatchObject({ kind: 'v2', amountIn: 10n, computable: true });
    const mc = encodeFunctionData({ abi: r02Abi, functionName: 'multicall', args: [1n, [v2, v2]] });
    expect(decodeSwap(tx(mc), 1)).toMatchObject({ computable: false, reason: '2 swaps in one multicall' });
  });
});

describe('decodeSwap: Universal Router execute (real ABI)', () => {
  const v3In = encodeAbiParameters(parseAbiParameters('address, uint256, uint256, bytes, bool'), [ME, 100n, 90n, encodeV3Path([WETH, USDC], [500]), true]);
  const v2Out = encodeAbiParameters(parseAbiParameters('address, uint256, uint256, address[], bool'), [ME, 100n, 120n, [USDC, WETH], true]);
  const wrap = encodeAbiParameters(parseAbiParameters('address, uint256'), ['0x0000000000000000000000000000000000000002', 1n << 255n]);
  const v3FromBalance = encodeAbiParameters(parseAbiParameters('address, uint256, uint256, bytes, bool'), [ME, 1n << 255n, 90n, encodeV3Path([WETH, USDC], [500]), false]);
  const exec = (commands: Hex, inputs: Hex[]) => encodeFunctionData({ abi: urAbi, functionName: 'execute', args: [commands, inputs, 1234n] });
  it('V3_SWAP_EXACT_IN and V2_SWAP_EXACT_OUT', () => {
    expect(decodeSwap(tx(exec('0x00', [v3In])), 1)).toMatchObject({ kind: 'universal', tokenIn: WETH, tokenOut: USDC, amountIn: 100n, amountOutMin: 90n, deadline: 1234n, computable: true });
    expect(decodeSwap(tx(exec('0x09', [v2Out])), 1)).toMatchObject({ exactInput: false, amountOut: 100n, amountInMax: 120n, hops: [{ protocol: 'v2' }] });
  });
  it('WRAP_ETH then swap of the contract balance uses msg.value', () => {
    expect(decodeSwap(tx(exec('0x0b00', [wrap, v3FromBalance]), 5n), 1)).toMatchObject({ amountIn: 5n, nativeIn: true, computable: true });
  });
  it('V4_SWAP and unknown commands are recognised and not computed', () => {
    expect(decodeSwap(tx(exec('0x10', ['0x1234'])), 1)).toMatchObject({ kind: 'universal', computable: false, reason: 'not computed: V4_SWAP' });
    expect(decodeSwap(tx(exec('0x0037', [v3In, '0x'])), 1)).toMatchObject({ computable: false, reason: 'not computed: unknown command 0x37' });
    expect(decodeSwap(tx(exec('0x0000', [v3In, v3In])), 1)).toMatchObject({ computable: false });
  });
});

describe('decodeSwap: aggregators', () => {
  it('1inch v5 swap carries tokens and amounts', async () => {
    const { parseAbi } = await import('viem');
    const abi = parseAbi(['struct D { address srcToken; address dstToken; address srcReceiver; address dstReceiver; uint256 amount; uint256 minReturnAmount; uint256 flags; }', 'function swap(address executor, D desc, bytes permit, bytes data)']);
    const data = encodeFunctionData({ abi, functionName: 'swap', args: [ME, { srcToken: USDC, dstToken: WETH, srcReceiver: ME, dstReceiver: ME, amount: 10n, minReturnAmount: 9n, flags: 0n }, '0x', '0x'] });
    expect(data.slice(0, 10)).toBe('0x12aa3caf');
    expect(decodeSwap(tx(data), 1)).toMatchObject({ kind: 'aggregator', method: '1inch:swap', tokenIn: USDC, tokenOut: WETH, amountIn: 10n, amountOutMin: 9n, computable: false });
  });
  it('0x transformERC20 and Paraswap swapOnUniswapV2Fork', async () => {
    const { parseAbi } = await import('viem');
    const abi = parseAbi(['struct T { uint32 deploymentNonce; bytes data; }', 'function transformERC20(address, address, uint256, uint256, T[])', 'function swapOnUniswapV2Fork(address, uint256, uint256, address, uint256[])']);
    const zx = encodeFunctionData({ abi, functionName: 'transformERC20', args: [USDC, DAI, 5n, 4n, []] });
    expect(zx.slice(0, 10)).toBe('0x415565b0');
    expect(decodeSwap(tx(zx), 1)).toMatchObject({ method: '0x:transformERC20', tokenIn: USDC, tokenOut: DAI, amountIn: 5n, computable: false });
    const ps = encodeFunctionData({ abi, functionName: 'swapOnUniswapV2Fork', args: [USDC, 5n, 4n, WETH, [1n]] });
    expect(decodeSwap(tx(ps), 1)).toMatchObject({ method: 'Paraswap:swapOnUniswapV2Fork', amountIn: 5n });
  });
});

describe('decodeSwap: hostile calldata', () => {
  it('returns null (never throws) for arbitrary bytes and for truncated real calldata', () => {
    const real = encodeFunctionData({ abi: v2Abi, functionName: 'swapExactTokensForTokens', args: [1n, 1n, [USDC, WETH], ME, 1n] });
    const ur = encodeFunctionData({ abi: urAbi, functionName: 'execute', args: ['0x0008', ['0x12', '0x'], 1n] });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 0, max: real.length }), fc.bigInt({ min: 0n, max: 1n << 256n }), (bytes, cut, value) => {
        const hex = ('0x' + Buffer.from(bytes).toString('hex')) as Hex;
        expect(() => decodeSwap({ to: ROUTER, data: hex, value }, 1)).not.toThrow();
        expect(() => decodeSwap({ to: ROUTER, data: real.slice(0, cut) as Hex }, 1)).not.toThrow();
        expect(() => decodeSwap({ to: ROUTER, data: (real.slice(0, 10) + hex.slice(2)) as Hex }, 1)).not.toThrow();
      }),
      { numRuns: 500 },
    );
    expect(decodeSwap({ to: ROUTER, data: ur }, 1)).toBeNull();
    expect(decodeSwap({ to: ROUTER, data: '0xzz' as Hex }, 1)).toBeNull();
    expect(decodeSwap({ to: ROUTER, data: '0x' }, 1)).toBeNull();
  });
});

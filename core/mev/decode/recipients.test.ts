import { encodeAbiParameters, encodeFunctionData, parseAbi, parseAbiParameters, type Abi, type Address, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import v2RouterArtifact from '@uniswap/v2-periphery/build/UniswapV2Router02.json';
import swapRouterArtifact from '@uniswap/v3-periphery/artifacts/contracts/SwapRouter.sol/SwapRouter.json';
import swapRouter02Artifact from '@uniswap/swap-router-contracts/artifacts/contracts/SwapRouter02.sol/SwapRouter02.json';
import urArtifact from '@uniswap/universal-router/artifacts/contracts/UniversalRouter.sol/UniversalRouter.json';
import { decodeSwap } from './index';
import { encodeV3Path } from './v3-path';
import { ADDRESS_THIS_FLAG, MSG_SENDER_FLAG } from './recipients';

const v2Abi = v2RouterArtifact.abi as Abi;
const v3Abi = swapRouterArtifact.abi as Abi;
const r02Abi = swapRouter02Artifact.abi as Abi;
const urAbi = urArtifact.abi as Abi;

const ROUTER = '0x68b3465833fb72a70ecdf485e0e4c7bd8665fc45' as Address;
const WETH = '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2' as Address;
const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48' as Address;
const ME = '0x1111111111111111111111111111111111111111' as Address;
const OTHER = '0x7e2a9ed46e1d6bd21b4a7b9e0c6e5f5a3e2c1d0b' as Address;
const ZERO = '0x0000000000000000000000000000000000000000' as Address;
const tx = (data: Hex, value = 0n) => ({ to: ROUTER, data, value });
const lower = (a: string) => a.toLowerCase();

describe('swap payouts: who each router pays, sentinels resolved (real ABIs)', () => {
  it('Uniswap V2 Router02: `to` as written; the router itself keeps it', () => {
    const to = (recipient: Address) => decodeSwap(tx(encodeFunctionData({ abi: v2Abi, functionName: 'swapExactTokensForTokens', args: [100n, 90n, [USDC, WETH], recipient, 9n] })), 1)?.payouts;
    expect(to(OTHER)).toEqual([{ to: lower(OTHER), via: 'swap', token: WETH, amount: 90n }]);
    expect(to(ROUTER)?.[0]?.to).toBe('router');
    const eth = decodeSwap(tx(encodeFunctionData({ abi: v2Abi, functionName: 'swapExactTokensForETH', args: [100n, 7n, [USDC, WETH], OTHER, 9n] })), 1)?.payouts;
    expect(eth).toEqual([{ to: lower(OTHER), via: 'swap', token: undefined, amount: 7n }]);
  });

  it('V3 SwapRouter: address(0) is the router (SwapRouter.sol), then unwrapWETH9 and sweepToken pay their recipient', () => {
    const swap = encodeFunctionData({ abi: v3Abi, functionName: 'exactInputSingle', args: [{ tokenIn: USDC, tokenOut: WETH, fee: 500, recipient: ZERO, deadline: 5n, amountIn: 10n, amountOutMinimum: 9n, sqrtPriceLimitX96: 0n }] });
    const unwrap = encodeFunctionData({ abi: v3Abi, functionName: 'unwrapWETH9', args: [9n, OTHER] });
    const mc = encodeFunctionData({ abi: v3Abi, functionName: 'multicall', args: [[swap, unwrap]] });
    expect(decodeSwap(tx(mc), 1)?.payouts).toEqual([{ to: 'router', via: 'swap', token: WETH, amount: 9n }, { to: lower(OTHER), via: 'unwrap', token: undefined, amount: 9n }]);
    const sweep = encodeFunctionData({ abi: v3Abi, functionName: 'sweepToken', args: [WETH, 9n, ME] });
    expect(decodeSwap(tx(encodeFunctionData({ abi: v3Abi, functionName: 'multicall', args: [[swap, sweep]] })), 1)?.payouts?.[1]).toEqual({ to: lower(ME), via: 'sweep', token: WETH, amount: 9n });
  });

  it('SwapRouter02: address(1) is msg.sender, address(2) the router; the one-argument unwrap and sweep pay msg.sender', () => {
    const path = encodeV3Path([USDC, WETH], [500]);
    const toSender = encodeFunctionData({ abi: r02Abi, functionName: 'exactInput', args: [{ path, recipient: MSG_SENDER_FLAG, amountIn: 10n, amountOutMinimum: 9n }] });
    expect(decodeSwap(tx(toSender), 1)?.payouts).toEqual([{ to: 'sender', via: 'swap', token: WETH, amount: 9n }]);
    const toRouter = encodeFunctionData({ abi: r02Abi, functionName: 'exactInput', args: [{ path, recipient: ADDRESS_THIS_FLAG, amountIn: 10n, amountOutMinimum: 9n }] });
    const unwrapToSender = encodeFunctionData({ abi: r02Abi, functionName: 'unwrapWETH9', args: [9n] });
    const mc = encodeFunctionData({ abi: r02Abi, functionName: 'multicall', args: [77n, [toRouter, unwrapToSender]] });
    expect(decodeSwap(tx(mc), 1)?.payouts).toEqual([{ to: 'router', via: 'swap', token: WETH, amount: 9n }, { to: 'sender', via: 'unwrap', token: undefined, amount: 9n }]);
    const v2 = encodeFunctionData({ abi: r02Abi, functionName: 'swapExactTokensForTokens', args: [10n, 0n, [USDC, WETH], ADDRESS_THIS_FLAG] });
    const sweepTo = encodeFunctionData({ abi: r02Abi, functionName: 'sweepToken', args: [WETH, 0n, OTHER] });
    expect(decodeSwap(tx(encodeFunctionData({ abi: r02Abi, functionName: 'multicall', args: [77n, [v2, sweepTo]] })), 1)?.payouts).toEqual([{ to: 'router', via: 'swap', token: WETH, amount: 0n }, { to: lower(OTHER), via: 'sweep', token: WETH, amount: 0n }]);
  });

  it('Universal Router: MSG_SENDER and ADDRESS_THIS flags; UNWRAP_WETH, PAY_PORTION and PERMIT2_TRANSFER_FROM recipients', () => {
    const exec = (commands: Hex, inputs: Hex[]) => encodeFunctionData({ abi: urAbi, functionName: 'execute', args: [commands, inputs, 1234n] });
    const v3 = (recipient: Address) => encodeAbiParameters(parseAbiParameters('address, uint256, uint256, bytes, bool'), [recipient, 100n, 90n, encodeV3Path([USDC, WETH], [500]), true]);
    const two = (a: Address, b: bigint) => encodeAbiParameters(parseAbiParameters('address, uint256'), [a, b]);
    const three = (t: Address, a: Address, b: bigint) => encodeAbiParameters(parseAbiParameters('address, address, uint256'), [t, a, b]);
    expect(decodeSwap(tx(exec('0x00', [v3(MSG_SENDER_FLAG)])), 1)?.payouts).toEqual([{ to: 'sender', via: 'swap', token: WETH, amount: 90n }]);
    // swap into the router, take the interface fee (25 bips), unwrap the rest to a stranger
    const p = decodeSwap(tx(exec('0x00060c', [v3(ADDRESS_THIS_FLAG), three(WETH, OTHER, 25n), two(OTHER, 90n)])), 1)?.payouts;
    expect(p).toEqual([
      { to: 'router', via: 'swap', token: WETH, amount: 90n },
      { to: lower(OTHER), via: 'portion', token: WETH, bips: 25n },
      { to: lower(OTHER), via: 'unwrap', amount: 90n },
    ]);
    const pull = decodeSwap(tx(exec('0x0200', [three(USDC, OTHER, 5n), v3(MSG_SENDER_FLAG)])), 1)?.payouts;
    expect(pull?.[0]).toEqual({ to: lower(OTHER), via: 'pull', token: USDC, amount: 5n });
  });

  it('Universal Router mixed route: a leg paying the next V2 hop\'s own pair stays in the route, and the route\'s minimum is the last leg\'s', () => {
    const exec = (commands: Hex, inputs: Hex[]) => encodeFunctionData({ abi: urAbi, functionName: 'execute', args: [commands, inputs, 1234n] });
    const DAI = '0x6B175474E89094C44Da98b954EedeAC495271d0F' as Address;
    const DAI_USDC_PAIR = '0xAE461cA67B15dc8dc81CE7615e0320dA1A9aB8D5' as Address;
    const v3 = (recipient: Address) => encodeAbiParameters(parseAbiParameters('address, uint256, uint256, bytes, bool'), [recipient, 10n ** 18n, 0n, encodeV3Path([WETH, USDC], [500]), false]);
    const v2 = (payerIsUser: boolean) => encodeAbiParameters(parseAbiParameters('address, uint256, uint256, address[], bool'), [MSG_SENDER_FLAG, 0n, 77n, [USDC, DAI], payerIsUser]);
    const mixed = decodeSwap(tx(exec('0x0008', [v3(DAI_USDC_PAIR), v2(false)])), 1);
    expect(mixed?.payouts).toEqual([{ to: 'router', via: 'swap', token: USDC, amount: 0n }, { to: 'sender', via: 'swap', token: DAI, amount: 77n }]);
    expect(mixed).toMatchObject({ tokenIn: WETH, tokenOut: DAI, amountOutMin: 77n, computable: false });
    // Not the next hop's pair, a V2 leg the user pays for, or no V2 leg after it: the address is paid as written.
    expect(decodeSwap(tx(exec('0x0008', [v3(OTHER), v2(false)])), 1)?.payouts?.[0]).toEqual({ to: lower(OTHER), via: 'swap', token: USDC, amount: 0n });
    expect(decodeSwap(tx(exec('0x0008', [v3(DAI_USDC_PAIR), v2(true)])), 1)?.payouts?.[0]?.to).toBe(lower(DAI_USDC_PAIR));
    expect(decodeSwap(tx(exec('0x00', [v3(DAI_USDC_PAIR)])), 1)?.payouts?.[0]?.to).toBe(lower(DAI_USDC_PAIR));
    // A chain whose V2 factory Preflight does not know: no pair can be computed, so the pair is paid as written.
    expect(decodeSwap(tx(exec('0x0008', [v3(DAI_USDC_PAIR), v2(false)])), 8453)?.payouts?.[0]?.to).toBe(lower(DAI_USDC_PAIR));
  });

  it('1inch: a zero dstReceiver is the caller; unoswapTo pays `to` as written', () => {
    const abi = parseAbi([
      'struct D { address srcToken; address dstToken; address srcReceiver; address dstReceiver; uint256 amount; uint256 minReturnAmount; uint256 flags; }',
      'function swap(address executor, D desc, bytes permit, bytes data)',
      'function unoswapTo(uint256 to, uint256 token, uint256 amount, uint256 minReturn, uint256 dex)',
    ]);
    const swap = (dstReceiver: Address) => encodeFunctionData({ abi, functionName: 'swap', args: [ME, { srcToken: USDC, dstToken: WETH, srcReceiver: ME, dstReceiver, amount: 10n, minReturnAmount: 9n, flags: 0n }, '0x', '0x'] });
    expect(decodeSwap(tx(swap(ZERO)), 1)?.payouts).toEqual([{ to: 'sender', via: 'swap', token: WETH, amount: 9n }]);
    expect(decodeSwap(tx(swap(OTHER)), 1)?.payouts?.[0]?.to).toBe(lower(OTHER));
    const uno = encodeFunctionData({ abi, functionName: 'unoswapTo', args: [BigInt(OTHER), BigInt(USDC), 10n, 9n, 0n] });
    expect(decodeSwap(tx(uno), 1)?.payouts).toEqual([{ to: lower(OTHER), via: 'swap', tokenUnknown: true, amount: 9n }]);
  });
});

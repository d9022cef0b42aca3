import { decodeFunctionData, getAddress, parseAbi, type Address } from 'viem';
import { NATIVE_PLACEHOLDER, type SwapIntent, type SwapPayout, type SwapTx } from '../types';
import { resolveRecipient } from './recipients';

/**
 * Aggregators are recognised by selector; token and amounts are read where the calldata carries them.
 * Their route runs through many venues chosen off-chain, so the sandwich is not computed.
 */
const AGGREGATOR_ABI = parseAbi([
  // 1inch AggregationRouterV5
  'struct SwapDescriptionV5 { address srcToken; address dstToken; address srcReceiver; address dstReceiver; uint256 amount; uint256 minReturnAmount; uint256 flags; }',
  'function swap(address executor, SwapDescriptionV5 desc, bytes permit, bytes data) payable returns (uint256, uint256)',
  'function unoswap(address srcToken, uint256 amount, uint256 minReturn, uint256[] pools) payable returns (uint256)',
  'function uniswapV3Swap(uint256 amount, uint256 minReturn, uint256[] pools) payable returns (uint256)',
  // 1inch AggregationRouterV6 (Address is a uint256 user type)
  'function swap(address executor, SwapDescriptionV5 desc, bytes data) payable returns (uint256, uint256)',
  'function unoswap(uint256 token, uint256 amount, uint256 minReturn, uint256 dex) returns (uint256)',
  'function unoswapTo(uint256 to, uint256 token, uint256 amount, uint256 minReturn, uint256 dex) returns (uint256)',
  'function ethUnoswap(uint256 minReturn, uint256 dex) payable returns (uint256)',
  // 0x Exchange Proxy
  'struct Transformation { uint32 deploymentNonce; bytes data; }',
  'function transformERC20(address inputToken, address outputToken, uint256 inputTokenAmount, uint256 minOutputTokenAmount, Transformation[] transformations) payable returns (uint256)',
  'function sellToUniswap(address[] tokens, uint256 sellAmount, uint256 minBuyAmount, bool isSushi) payable returns (uint256)',
  'function sellTokenForTokenToUniswapV3(bytes encodedPath, uint256 sellAmount, uint256 minBuyAmount, address recipient) returns (uint256)',
  // 0x Settler
  'struct AllowedSlippage { address recipient; address buyToken; uint256 minAmountOut; }',
  'function execute(AllowedSlippage slippage, bytes[] actions, bytes32 zid) payable returns (bool)',
  // Paraswap Augustus V5
  'struct SimpleData { address fromToken; address toToken; uint256 fromAmount; uint256 toAmount; uint256 expectedAmount; address[] callees; bytes exchangeData; uint256[] startIndexes; uint256[] values; address beneficiary; address partner; uint256 feePercent; bytes permit; uint256 deadline; bytes16 uuid; }',
  'function simpleSwap(SimpleData data) payable returns (uint256)',
  'function swapOnUniswapV2Fork(address tokenIn, uint256 amountIn, uint256 amountOutMin, address weth, uint256[] pools) payable',
  // Paraswap Augustus V6
  'struct GenericData { address srcToken; address destToken; uint256 fromAmount; uint256 toAmount; uint256 quotedAmount; bytes32 metadata; address beneficiary; }',
  'function swapExactAmountIn(address executor, GenericData swapData, uint256 partnerAndFee, bytes permit, bytes executorData) payable returns (uint256, uint256, uint256)',
  'function swapExactAmountOut(address executor, GenericData swapData, uint256 partnerAndFee, bytes permit, bytes executorData) payable returns (uint256, uint256, uint256, uint256)',
]);

const VENUE: Record<string, string> = {
  swap: '1inch', unoswap: '1inch', uniswapV3Swap: '1inch', unoswapTo: '1inch', ethUnoswap: '1inch',
  transformERC20: '0x', sellToUniswap: '0x', sellTokenForTokenToUniswapV3: '0x', execute: '0x Settler',
  simpleSwap: 'Paraswap', swapOnUniswapV2Fork: 'Paraswap', swapExactAmountIn: 'Paraswap', swapExactAmountOut: 'Paraswap',
};

type Fields = Pick<SwapIntent, 'tokenIn' | 'tokenOut' | 'amountIn' | 'amountOutMin' | 'amountOut' | 'amountInMax' | 'recipient' | 'deadline'> & { exactInput?: boolean };

const Z = '0x0000000000000000000000000000000000000000' as Address;
const low160 = (x: bigint): Address => getAddress(`0x${(x & ((1n << 160n) - 1n)).toString(16).padStart(40, '0')}`);

function fields(name: string, args: readonly unknown[], value: bigint): Fields | null {
  const s = args as readonly [unknown, unknown, unknown, unknown, unknown];
  switch (name) {
    case 'swap': {
      const d = s[1] as { srcToken: Address; dstToken: Address; dstReceiver: Address; amount: bigint; minReturnAmount: bigint };
      return { tokenIn: d.srcToken, tokenOut: d.dstToken, amountIn: d.amount, amountOutMin: d.minReturnAmount, recipient: d.dstReceiver };
    }
    case 'unoswap':
      return typeof s[0] === 'bigint'
        ? { tokenIn: low160(s[0]), tokenOut: Z, amountIn: s[1] as bigint, amountOutMin: s[2] as bigint }
        : { tokenIn: s[0] as Address, tokenOut: Z, amountIn: s[1] as bigint, amountOutMin: s[2] as bigint };
    case 'unoswapTo':
      return { tokenIn: low160(s[1] as bigint), tokenOut: Z, amountIn: s[2] as bigint, amountOutMin: s[3] as bigint, recipient: low160(s[0] as bigint) };
    case 'ethUnoswap':
      return { tokenIn: NATIVE_PLACEHOLDER, tokenOut: Z, amountIn: value, amountOutMin: s[0] as bigint };
    case 'uniswapV3Swap':
      return { tokenIn: Z, tokenOut: Z, amountIn: s[0] as bigint, amountOutMin: s[1] as bigint };
    case 'transformERC20':
      return { tokenIn: s[0] as Address, tokenOut: s[1] as Address, amountIn: s[2] as bigint, amountOutMin: s[3] as bigint };
    case 'sellToUniswap': {
      const tokens = s[0] as Address[];
      return { tokenIn: tokens[0] ?? Z, tokenOut: tokens[tokens.length - 1] ?? Z, amountIn: s[1] as bigint, amountOutMin: s[2] as bigint };
    }
    case 'sellTokenForTokenToUniswapV3':
      return { tokenIn: Z, tokenOut: Z, amountIn: s[1] as bigint, amountOutMin: s[2] as bigint, recipient: s[3] as Address };
    case 'execute': {
      const a = s[0] as { recipient: Address; buyToken: Address; minAmountOut: bigint };
      return { tokenIn: Z, tokenOut: a.buyToken, amountOutMin: a.minAmountOut, recipient: a.recipient };
    }
    case 'simpleSwap': {
      const d = s[0] as { fromToken: Address; toToken: Address; fromAmount: bigint; toAmount: bigint; beneficiary: Address; deadline: bigint };
      return { tokenIn: d.fromToken, tokenOut: d.toToken, amountIn: d.fromAmount, amountOutMin: d.toAmount, recipient: d.beneficiary, deadline: d.deadline };
    }
    case 'swapOnUniswapV2Fork':
      return { tokenIn: s[0] as Address, tokenOut: Z, amountIn: s[1] as bigint, amountOutMin: s[2] as bigint };
    case 'swapExactAmountIn':
    case 'swapExactAmountOut': {
      const d = s[1] as { srcToken: Address; destToken: Address; fromAmount: bigint; toAmount: bigint; beneficiary: Address };
      return name === 'swapExactAmountIn'
        ? { tokenIn: d.srcToken, tokenOut: d.destToken, amountIn: d.fromAmount, amountOutMin: d.toAmount, recipient: d.beneficiary }
        : { tokenIn: d.srcToken, tokenOut: d.destToken, amountInMax: d.fromAmount, amountOut: d.toAmount, recipient: d.beneficiary, exactInput: false };
    }
  }
  return null;
}

/** Recognises 1inch v5/v6, 0x (Exchange Proxy, Settler) and Paraswap (v5, v6) swaps. Never throws. */
export function decodeAggregator(tx: SwapTx, chainId: number): SwapIntent | null {
  let call;
  try {
    call = decodeFunctionData({ abi: AGGREGATOR_ABI, data: tx.data });
  } catch {
    return null;
  }
  const f = fields(call.functionName, (call.args ?? []) as readonly unknown[], tx.value ?? 0n);
  if (!f) return null;
  const { exactInput = true, ...rest } = f;
  const venue = VENUE[call.functionName] ?? 'aggregator';
  // 1inch unoswapTo pays `to` as written; the other receivers left zero mean the caller (1inch dstReceiver, Paraswap beneficiary, 0x recipient).
  const payouts: SwapPayout[] = f.recipient
    ? [{ to: resolveRecipient(f.recipient, tx.to, call.functionName === 'unoswapTo' ? 'literal' : 'zero-is-sender'), via: 'swap', ...(f.tokenOut === Z ? { tokenUnknown: true } : f.tokenOut.toLowerCase() === NATIVE_PLACEHOLDER.toLowerCase() ? {} : { token: f.tokenOut }), amount: exactInput ? f.amountOutMin : f.amountOut }]
    : [];
  return {
    chainId, router: tx.to, kind: 'aggregator', method: `${venue}:${call.functionName}`, hops: [], exactInput, ...rest, ...(payouts.length ? { payouts } : {}),
    nativeIn: (tx.value ?? 0n) > 0n || undefined, computable: false, reason: `${venue} route is chosen off-chain; its venues are not simulated`,
  };
}

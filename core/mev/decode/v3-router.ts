import { decodeFunctionData, type Address, type Hex } from 'viem';
import type { SwapIntent, SwapPayout, SwapTx } from '../types';
import { resolveRecipient, type RecipientRule } from './recipients';
import { SWAP_ROUTER_02_ABI, V3_SWAP_ROUTER_ABI } from './abis';
import { swapPayout, v2Core, type SwapCore } from './v2-router';
import { decodeV3Path, v3Hops } from './v3-path';

interface PathParams { path: Hex; recipient: Address; deadline?: bigint; amountIn?: bigint; amountOutMinimum?: bigint; amountOut?: bigint; amountInMaximum?: bigint }
interface SingleParams { tokenIn: Address; tokenOut: Address; fee: number; recipient: Address; deadline?: bigint; amountIn?: bigint; amountOutMinimum?: bigint; amountOut?: bigint; amountInMaximum?: bigint }

function single(method: string, p: SingleParams, exactInput: boolean): SwapCore {
  return {
    method, exactInput, tokenIn: p.tokenIn, tokenOut: p.tokenOut, recipient: p.recipient, deadline: p.deadline,
    hops: [{ protocol: 'v3', tokenIn: p.tokenIn, tokenOut: p.tokenOut, fee: p.fee }],
    ...(exactInput ? { amountIn: p.amountIn, amountOutMin: p.amountOutMinimum } : { amountOut: p.amountOut, amountInMax: p.amountInMaximum }),
  };
}

function multi(method: string, p: PathParams, exactInput: boolean): SwapCore | null {
  const decoded = decodeV3Path(p.path);
  if (!decoded) return null;
  // exactOutput paths are encoded from token out back to token in
  const hops = v3Hops(decoded.tokens, decoded.fees, !exactInput);
  const first = hops[0];
  const last = hops[hops.length - 1];
  if (!first || !last) return null;
  return {
    method, exactInput, hops, tokenIn: first.tokenIn, tokenOut: last.tokenOut, recipient: p.recipient, deadline: p.deadline,
    ...(exactInput ? { amountIn: p.amountIn, amountOutMin: p.amountOutMinimum } : { amountOut: p.amountOut, amountInMax: p.amountInMaximum }),
  };
}

/** One inner call: a swap (with how its router reads the recipient), a payout step, a multicall, or anything else. */
type Inner =
  | { swap: SwapCore; rule: RecipientRule }
  | { pay: { via: 'unwrap' | 'sweep'; token?: Address; recipient?: Address; amount: bigint } }
  | { multicall: { deadline?: bigint; calls: readonly Hex[] } }
  | { other: string };

/** The V3 SwapRouter (v3-periphery) first, SwapRouter02 second: their swap structs differ, so their selectors do. */
const ROUTER_ABIS = [
  { abi: V3_SWAP_ROUTER_ABI, rule: 'v3-periphery' },
  { abi: SWAP_ROUTER_02_ABI, rule: 'flags' },
] as const;

function decodeInner(data: Hex): Inner | null {
  for (const { abi, rule } of ROUTER_ABIS) {
    let call;
    try {
      call = decodeFunctionData({ abi, data });
    } catch {
      continue;
    }
    const name = call.functionName;
    const args = (call.args ?? []) as readonly unknown[];
    const arg0 = args[0];
    switch (name) {
      case 'exactInputSingle':
      case 'exactOutputSingle':
        return { swap: single(name, arg0 as SingleParams, name === 'exactInputSingle'), rule };
      case 'exactInput':
      case 'exactOutput': {
        const s = multi(name, arg0 as PathParams, name === 'exactInput');
        return s ? { swap: s, rule } : null;
      }
      case 'swapExactTokensForTokens': {
        const [amountIn, amountOutMin, path, to] = args as [bigint, bigint, Address[], Address];
        const s = v2Core(name, path, { amountIn, amountOutMin, recipient: to, exactInput: true });
        return s ? { swap: s, rule } : null;
      }
      case 'swapTokensForExactTokens': {
        const [amountOut, amountInMax, path, to] = args as [bigint, bigint, Address[], Address];
        const s = v2Core(name, path, { amountOut, amountInMax, recipient: to, exactInput: false });
        return s ? { swap: s, rule } : null;
      }
      case 'multicall': {
        const calls = args[args.length - 1] as readonly Hex[];
        const deadline = args.length === 2 && typeof args[0] === 'bigint' ? args[0] : undefined;
        return { multicall: { deadline, calls } };
      }
      // Payout steps: the recipient as written, or msg.sender for SwapRouter02's forms without one.
      case 'unwrapWETH9':
        return { pay: { via: 'unwrap', amount: arg0 as bigint, recipient: args.length === 2 ? (args[1] as Address) : undefined } };
      case 'unwrapWETH9WithFee':
        return { pay: { via: 'unwrap', amount: arg0 as bigint, recipient: args.length === 4 ? (args[1] as Address) : undefined } };
      case 'sweepToken':
        return { pay: { via: 'sweep', token: arg0 as Address, amount: args[1] as bigint, recipient: args.length === 3 ? (args[2] as Address) : undefined } };
      case 'sweepTokenWithFee':
        return { pay: { via: 'sweep', token: arg0 as Address, amount: args[1] as bigint, recipient: args.length === 5 ? (args[2] as Address) : undefined } };
      default:
        return { other: name };
    }
  }
  return null;
}

/** Decodes a V3 SwapRouter / SwapRouter02 call (incl. multicall). Null when it is not one. Never throws. */
export function decodeV3Router(tx: SwapTx, chainId: number): SwapIntent | null {
  const top = decodeInner(tx.data);
  if (!top) return null;
  const value = tx.value ?? 0n;
  const swaps: SwapCore[] = [];
  const payouts: SwapPayout[] = [];
  let unwrap = false;
  let deadline: bigint | undefined;
  let via = '';
  const add = (inner: Inner | null) => {
    if (!inner) return;
    if ('swap' in inner) {
      swaps.push(inner.swap);
      payouts.push(...swapPayout(inner.swap, tx.to, inner.rule));
    } else if ('pay' in inner) {
      if (inner.pay.via === 'unwrap') unwrap = true;
      const to = inner.pay.recipient ? resolveRecipient(inner.pay.recipient, tx.to, 'literal') : 'sender';
      payouts.push({ to, via: inner.pay.via, token: inner.pay.token, amount: inner.pay.amount });
    }
  };
  if ('multicall' in top) {
    deadline = top.multicall.deadline;
    via = 'multicall:';
    for (const data of top.multicall.calls) add(decodeInner(data));
  } else if ('swap' in top) {
    add(top);
  } else {
    return null;
  }
  const first = swaps[0];
  if (!first) return null;
  const isV2 = first.hops.every((h) => h.protocol === 'v2');
  const base: SwapIntent = {
    ...first, method: via + first.method, chainId, router: tx.to, kind: isV2 ? 'v2' : 'v3',
    deadline: first.deadline ?? deadline, nativeIn: value > 0n, nativeOut: unwrap || undefined, computable: true, payouts,
  };
  if (swaps.length > 1) return { ...base, computable: false, reason: `${swaps.length} swaps in one multicall` };
  return base;
}

import { decodeFunctionData, type Address, type Hex } from 'viem';
import type { SwapIntent, SwapTx } from '../types';
import { SWAP_ROUTER_02_ABI, V3_SWAP_ROUTER_ABI } from './abis';
import { v2Core, type SwapCore } from './v2-router';
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

type Inner = { swap: SwapCore } | { unwrap: true } | { multicall: { deadline?: bigint; calls: readonly Hex[] } } | { other: string };

function decodeInner(data: Hex): Inner | null {
  for (const abi of [V3_SWAP_ROUTER_ABI, SWAP_ROUTER_02_ABI] as const) {
    let call;
    try {
      call = decodeFunctionData({ abi, data });
    } catch {
      continue;
    }
    const name = call.functionName;
    const arg0 = call.args?.[0];
    switch (name) {
      case 'exactInputSingle':
      case 'exactOutputSingle':
        return { swap: single(name, arg0 as SingleParams, name === 'exactInputSingle') };
      case 'exactInput':
      case 'exactOutput': {
        const s = multi(name, arg0 as PathParams, name === 'exactInput');
        return s ? { swap: s } : null;
      }
      case 'swapExactTokensForTokens': {
        const [amountIn, amountOutMin, path, to] = call.args as unknown as [bigint, bigint, Address[], Address];
        const s = v2Core(name, path, { amountIn, amountOutMin, recipient: to, exactInput: true });
        return s ? { swap: s } : null;
      }
      case 'swapTokensForExactTokens': {
        const [amountOut, amountInMax, path, to] = call.args as unknown as [bigint, bigint, Address[], Address];
        const s = v2Core(name, path, { amountOut, amountInMax, recipient: to, exactInput: false });
        return s ? { swap: s } : null;
      }
      case 'multicall': {
        const args = call.args as readonly unknown[];
        const calls = args[args.length - 1] as readonly Hex[];
        const deadline = args.length === 2 && typeof args[0] === 'bigint' ? args[0] : undefined;
        return { multicall: { deadline, calls } };
      }
      case 'unwrapWETH9':
        return { unwrap: true };
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
  let swaps: SwapCore[] = [];
  let unwrap = false;
  let deadline: bigint | undefined;
  let via = '';
  if ('multicall' in top) {
    deadline = top.multicall.deadline;
    via = 'multicall:';
    for (const data of top.multicall.calls) {
      const inner = decodeInner(data);
      if (inner && 'swap' in inner) swaps.push(inner.swap);
      else if (inner && 'unwrap' in inner) unwrap = true;
    }
  } else if ('swap' in top) {
    swaps = [top.swap];
  } else {
    return null;
  }
  const first = swaps[0];
  if (!first) return null;
  const isV2 = first.hops.every((h) => h.protocol === 'v2');
  const base: SwapIntent = {
    ...first, method: via + first.method, chainId, router: tx.to, kind: isV2 ? 'v2' : 'v3',
    deadline: first.deadline ?? deadline, nativeIn: value > 0n, nativeOut: unwrap || undefined, computable: true,
  };
  if (swaps.length > 1) return { ...base, computable: false, reason: `${swaps.length} swaps in one multicall` };
  return base;
}

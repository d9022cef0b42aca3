import { decodeFunctionData, type Address, type Hex } from 'viem';
import type { SwapIntent, SwapPayout, SwapTx } from '../types';
import { resolveRecipient, type RecipientRule } from './recipients';
import { V2_ROUTER_ABI } from './abis';
import { v2Hops } from './v3-path';

/** Fields every V2-style swap decodes to, before the router and chain are attached. */
export type SwapCore = Omit<SwapIntent, 'chainId' | 'router' | 'kind' | 'computable'> & { computable?: boolean };

export function v2Core(method: string, path: readonly Address[], fields: Partial<SwapCore>): SwapCore | null {
  const tokenIn = path[0];
  const tokenOut = path[path.length - 1];
  if (!tokenIn || !tokenOut || path.length < 2) return null;
  return { method, hops: v2Hops(path), tokenIn, tokenOut, exactInput: true, ...fields };
}

/** Decodes a Uniswap V2 Router02 (or fork) swap call. Null when it is not one. Never throws. */
export function decodeV2RouterCall(data: Hex, value: bigint): SwapCore | null {
  let call;
  try {
    call = decodeFunctionData({ abi: V2_ROUTER_ABI, data });
  } catch {
    return null;
  }
  const a = call.args;
  switch (call.functionName) {
    case 'swapExactTokensForTokens':
    case 'swapExactTokensForTokensSupportingFeeOnTransferTokens':
    case 'swapExactTokensForETH':
    case 'swapExactTokensForETHSupportingFeeOnTransferTokens': {
      const [amountIn, amountOutMin, path, to, deadline] = a as unknown as [bigint, bigint, Address[], Address, bigint];
      return v2Core(call.functionName, path, {
        amountIn, amountOutMin, recipient: to, deadline, exactInput: true,
        nativeOut: call.functionName.startsWith('swapExactTokensForETH'),
        feeOnTransfer: call.functionName.endsWith('SupportingFeeOnTransferTokens'),
      });
    }
    case 'swapTokensForExactTokens':
    case 'swapTokensForExactETH': {
      const [amountOut, amountInMax, path, to, deadline] = a as unknown as [bigint, bigint, Address[], Address, bigint];
      return v2Core(call.functionName, path, {
        amountOut, amountInMax, recipient: to, deadline, exactInput: false, nativeOut: call.functionName.endsWith('ETH'),
      });
    }
    case 'swapExactETHForTokens':
    case 'swapExactETHForTokensSupportingFeeOnTransferTokens': {
      const [amountOutMin, path, to, deadline] = a as unknown as [bigint, Address[], Address, bigint];
      return v2Core(call.functionName, path, {
        amountIn: value, amountOutMin, recipient: to, deadline, exactInput: true, nativeIn: true,
        feeOnTransfer: call.functionName.endsWith('SupportingFeeOnTransferTokens'),
      });
    }
    case 'swapETHForExactTokens': {
      const [amountOut, path, to, deadline] = a as unknown as [bigint, Address[], Address, bigint];
      return v2Core(call.functionName, path, { amountOut, amountInMax: value, recipient: to, deadline, exactInput: false, nativeIn: true });
    }
  }
}

/** What a swap itself pays out: its output, native when the router unwraps it, to its recipient read by `rule`. */
export function swapPayout(core: SwapCore, router: Address, rule: RecipientRule): SwapPayout[] {
  if (!core.recipient) return [];
  return [{ to: resolveRecipient(core.recipient, router, rule), via: 'swap', token: core.nativeOut ? undefined : core.tokenOut, amount: core.exactInput ? core.amountOutMin : core.amountOut }];
}

export function decodeV2Router(tx: SwapTx, chainId: number): SwapIntent | null {
  const core = decodeV2RouterCall(tx.data, tx.value ?? 0n);
  if (!core) return null;
  const computable = core.computable ?? true;
  return { ...core, chainId, router: tx.to, kind: 'v2', computable, payouts: swapPayout(core, tx.to, 'literal') };
}

import type { Address, Hex } from 'viem';

/** One pool hop of a swap route. */
export interface SwapHop {
  protocol: 'v2' | 'v3';
  tokenIn: Address;
  tokenOut: Address;
  /** V3 fee in hundredths of a bip (500 = 0.05 %). */
  fee?: number;
  /** Pool or pair address, when known (filled in by pool resolution). */
  pool?: Address;
}

export type SwapKind = 'v2' | 'v3' | 'universal' | 'aggregator';

/** A swap as the user's transaction asks for it, whatever router it goes through. */
export interface SwapIntent {
  chainId: number;
  router: Address;
  kind: SwapKind;
  /** Name of the decoded entry point (e.g. `swapExactTokensForTokens`, `execute:V3_SWAP_EXACT_IN`). */
  method: string;
  hops: SwapHop[];
  tokenIn: Address;
  tokenOut: Address;
  amountIn?: bigint;
  amountOutMin?: bigint;
  amountOut?: bigint;
  amountInMax?: bigint;
  exactInput: boolean;
  recipient?: Address;
  deadline?: bigint;
  /** The native coin is paid in (msg.value) or paid out (unwrapped). */
  nativeIn?: boolean;
  nativeOut?: boolean;
  /** Fee-on-transfer variant: the router measures balances, not amounts. */
  feeOnTransfer?: boolean;
  /** True when Preflight can compute the sandwich for this swap. */
  computable: boolean;
  /** Why it is not computable (V4, aggregator, several swaps in one call, ...). */
  reason?: string;
}

/** The transaction as the dApp asks the wallet to send it. */
export interface SwapTx {
  from?: Address;
  to: Address;
  data: Hex;
  value?: bigint;
}

/** Native-coin placeholder used by aggregators (0xEeee…EEeE). */
export const NATIVE_PLACEHOLDER: Address = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE';
export const ZERO_ADDRESS: Address = '0x0000000000000000000000000000000000000000';

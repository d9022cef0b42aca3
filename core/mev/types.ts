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
  /**
   * Every place the call pays out to, as the calldata says, with the router's sentinels resolved ("msg.sender",
   * "this router"): the swap's recipient, and unwrap / sweep / transfer / portion steps after it. Absent when the
   * decoder has no recipient to read (the router pays the caller).
   */
  payouts?: SwapPayout[];
  /** True when Preflight can compute the sandwich for this swap. */
  computable: boolean;
  /** Why it is not computable (V4, aggregator, several swaps in one call, ...). */
  reason?: string;
}

/** One payout of a swap call: who receives what. */
export interface SwapPayout {
  /**
   * An address, or a sentinel resolved: 'sender' (the router pays whoever sends the transaction: Universal Router and
   * SwapRouter02 `address(1)`, a 1inch/Paraswap/0x receiver left zero, SwapRouter02's one-argument unwrap and sweep),
   * 'router' (kept in the router for a later step: Universal Router and SwapRouter02 `address(2)`, the V3 SwapRouter's
   * `address(0)`, or the router's own address).
   */
  to: Address | 'sender' | 'router';
  /** The swap's output, native coin unwrapped from WETH, a token swept from the router, a token sent, a share in basis points, or the sender's own tokens pulled through Permit2. */
  via: 'swap' | 'unwrap' | 'sweep' | 'transfer' | 'portion' | 'pull';
  /** The token paid; undefined for the native coin (or when `tokenUnknown`). */
  token?: Address;
  /** The calldata does not say which token (1inch unoswap routes name only pools). */
  tokenUnknown?: boolean;
  /** The least (swap minimum, unwrap/sweep minimum) or exact amount paid, when the calldata says. */
  amount?: bigint;
  /** For 'portion': the share of the router's balance, in basis points. */
  bips?: bigint;
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

/**
 * Plan steps → transactions (pure: calldata with viem's encodeFunctionData, nothing is sent).
 * approve: ERC-20 approve(router, amountInBase), the exact amount, never unlimited.
 * swap: exact-input swap of amountInBase with amountOutMin = minOutBase, recipient = the account,
 *   on the venue's router (V2 Router02, V3 SwapRouter, or SwapRouter02 with the deadline on multicall);
 *   a native-coin asset is paid as msg.value (V2 swapExactETHForTokens; V3 routers wrap it themselves).
 * transfer: quote-token transfer(depositAddress, amountInBase).
 * bridge: not executable here (StepNotExecutableError): the user bridges in the bridge's own app.
 * quoteReceived sums the quote token's Transfer logs to the account in a receipt.
 */
import { encodeFunctionData, parseAbi, toHex, type Address, type Hex } from 'viem';
import { encodeV3Path } from '../mev';
import { SWAP_ROUTER_02_ABI, V2_ROUTER_ABI, V3_SWAP_ROUTER_ABI } from '../mev/decode/abis';
import { ExecutionContextError, StepNotExecutableError } from './errors';
import type { PlanStep } from './plan-types';

export type VenueKind = 'v2-router02' | 'v3-swap-router' | 'v3-swap-router02';

export interface ExecutionVenue {
  kind: VenueKind;
  router: Address;
  /** Tokens from the asset (WETH for the native coin) to the quote token. */
  path: Address[];
  /** V3 fees per hop (hundredths of a bip), one fewer than path. */
  fees?: number[];
}

export interface ExecutionContext {
  chainId: number;
  account: Address;
  /** undefined = the native coin (no approve; paid as msg.value). */
  assetToken?: Address;
  quoteToken: Address;
  quoteDecimals: number;
  assetDecimals: number;
  venue: ExecutionVenue;
  /** For 'transfer' steps. */
  depositAddress?: Address;
  /** Swap deadline offset in seconds (default 1200). */
  deadlineSeconds?: number;
}

export interface StepTransaction {
  chainId: number;
  from: Address;
  to: Address;
  data: Hex;
  value: Hex;
}

const ERC20_ABI = parseAbi(['function approve(address spender, uint256 amount) returns (bool)', 'function transfer(address to, uint256 amount) returns (bool)']);
/** keccak256("Transfer(address,address,uint256)") */
export const TRANSFER_TOPIC: Hex = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function baseAmount(step: PlanStep, field: 'amountInBase' | 'minOutBase'): bigint {
  const raw = step[field];
  if (raw === undefined || !/^\d+$/.test(raw)) throw new ExecutionContextError(`step ${step.id}: ${field} "${raw ?? ''}" is not a whole number of base units`);
  return BigInt(raw);
}

function checkVenue(ctx: ExecutionContext): void {
  const { path, fees, kind } = ctx.venue;
  if (path.length < 2) throw new ExecutionContextError('the swap route needs at least two tokens');
  if (ctx.assetToken && !same(path[0]!, ctx.assetToken)) throw new ExecutionContextError(`the swap route starts at ${path[0]}, not at the asset ${ctx.assetToken}`);
  if (!same(path[path.length - 1]!, ctx.quoteToken)) throw new ExecutionContextError(`the swap route ends at ${path[path.length - 1]}, not at the quote token ${ctx.quoteToken}`);
  if (kind !== 'v2-router02' && (!fees || fees.length !== path.length - 1)) throw new ExecutionContextError(`a V3 route of ${path.length} tokens needs ${path.length - 1} fees`);
}

function swapData(ctx: ExecutionContext, amountIn: bigint, minOut: bigint, deadline: bigint): Hex {
  const { venue, account } = ctx;
  const native = ctx.assetToken === undefined;
  if (venue.kind === 'v2-router02') {
    return native
      ? encodeFunctionData({ abi: V2_ROUTER_ABI, functionName: 'swapExactETHForTokens', args: [minOut, venue.path, account, deadline] })
      : encodeFunctionData({ abi: V2_ROUTER_ABI, functionName: 'swapExactTokensForTokens', args: [amountIn, minOut, venue.path, account, deadline] });
  }
  const path = encodeV3Path(venue.path, venue.fees ?? []);
  if (venue.kind === 'v3-swap-router') {
    return encodeFunctionData({ abi: V3_SWAP_ROUTER_ABI, functionName: 'exactInput', args: [{ path, recipient: account, deadline, amountIn, amountOutMinimum: minOut }] });
  }
  const inner = encodeFunctionData({ abi: SWAP_ROUTER_02_ABI, functionName: 'exactInput', args: [{ path, recipient: account, amountIn, amountOutMinimum: minOut }] });
  return encodeFunctionData({ abi: SWAP_ROUTER_02_ABI, functionName: 'multicall', args: [deadline, [inner]] });
}

/** The transaction that carries out one plan step (see the module comment). */
export function stepTransaction(step: PlanStep, ctx: ExecutionContext, nowSeconds: number): StepTransaction {
  const base = { chainId: ctx.chainId, from: ctx.account };
  switch (step.kind) {
    case 'bridge':
      throw new StepNotExecutableError("bridge steps are done in the bridge's own app; mark it done when it arrives");
    case 'approve': {
      if (step.bridge) throw new StepNotExecutableError(`the approval for bridge ${step.bridge} is given in the bridge's own app; mark it done there`);
      if (!ctx.assetToken) throw new ExecutionContextError(`step ${step.id}: the native coin needs no approval; skip this step`);
      const data = encodeFunctionData({ abi: ERC20_ABI, functionName: 'approve', args: [ctx.venue.router, baseAmount(step, 'amountInBase')] });
      return { ...base, to: ctx.assetToken, data, value: '0x0' };
    }
    case 'swap': {
      checkVenue(ctx);
      const amountIn = baseAmount(step, 'amountInBase');
      const minOut = baseAmount(step, 'minOutBase');
      if (amountIn === 0n) throw new ExecutionContextError(`step ${step.id}: nothing to sell`);
      const deadline = BigInt(Math.floor(nowSeconds) + (ctx.deadlineSeconds ?? 1200));
      const value = ctx.assetToken === undefined ? toHex(amountIn) : '0x0';
      return { ...base, to: ctx.venue.router, data: swapData(ctx, amountIn, minOut, deadline), value };
    }
    case 'transfer': {
      const to = ctx.depositAddress ?? (step.to as Address | undefined);
      if (!to || !/^0x[0-9a-fA-F]{40}$/.test(to)) throw new ExecutionContextError(`step ${step.id}: no valid deposit address to send to; enter the exchange's deposit address`);
      if (ctx.depositAddress && step.to && !same(ctx.depositAddress, step.to)) {
        throw new ExecutionContextError(`step ${step.id}: the plan sends to ${step.to} but the context says ${ctx.depositAddress}; re-plan with the right deposit address`);
      }
      const data = encodeFunctionData({ abi: ERC20_ABI, functionName: 'transfer', args: [to, baseAmount(step, 'amountInBase')] });
      return { ...base, to: ctx.quoteToken, data, value: '0x0' };
    }
  }
}

const topicAddress = (topic: Hex | undefined): string | undefined => (topic && topic.length === 66 ? `0x${topic.slice(26)}` : undefined);

/** Sum of the quote token's ERC-20 Transfer logs to `account` in a receipt (base units). */
export function quoteReceived(logs: readonly { address: Address; topics: readonly Hex[]; data: Hex }[], quoteToken: Address, account: Address): bigint {
  let sum = 0n;
  for (const log of logs) {
    if (!same(log.address, quoteToken) || log.topics.length !== 3 || !same(log.topics[0]!, TRANSFER_TOPIC)) continue;
    const to = topicAddress(log.topics[2]);
    if (to && same(to, account) && log.data.length > 2) sum += BigInt(log.data);
  }
  return sum;
}

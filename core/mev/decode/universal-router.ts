import { decodeAbiParameters, decodeFunctionData, parseAbiParameters, type Address, type Hex } from 'viem';
import type { SwapIntent, SwapPayout, SwapTx } from '../types';
import { resolveRecipient } from './recipients';
import { UNIVERSAL_ROUTER_ABI } from './abis';
import { swapPayout, v2Core, type SwapCore } from './v2-router';
import { uniswapV2Pair } from './v2-pair';
import { decodeV3Path, v3Hops } from './v3-path';

/** Universal Router command types (Commands.sol, v1.2 – v2.x). */
export const UR_COMMANDS = {
  V3_SWAP_EXACT_IN: 0x00, V3_SWAP_EXACT_OUT: 0x01, PERMIT2_TRANSFER_FROM: 0x02, PERMIT2_PERMIT_BATCH: 0x03,
  SWEEP: 0x04, TRANSFER: 0x05, PAY_PORTION: 0x06, V2_SWAP_EXACT_IN: 0x08, V2_SWAP_EXACT_OUT: 0x09,
  PERMIT2_PERMIT: 0x0a, WRAP_ETH: 0x0b, UNWRAP_WETH: 0x0c, PERMIT2_TRANSFER_FROM_BATCH: 0x0d,
  BALANCE_CHECK_ERC20: 0x0e, V4_SWAP: 0x10, V3_POSITION_MANAGER_PERMIT: 0x11, V3_POSITION_MANAGER_CALL: 0x12,
  V4_INITIALIZE_POOL: 0x13, V4_POSITION_MANAGER_CALL: 0x14, EXECUTE_SUB_PLAN: 0x21,
} as const;
const COMMAND_TYPE_MASK = 0x7f;
/** ActionConstants.CONTRACT_BALANCE: "use the router's whole balance". */
const CONTRACT_BALANCE = 1n << 255n;

const NAMES = new Map<number, string>(Object.entries(UR_COMMANDS).map(([k, v]) => [v, k]));
const SWAP_PARAMS_V3 = parseAbiParameters('address recipient, uint256 amount, uint256 limit, bytes path, bool payerIsUser');
const SWAP_PARAMS_V2 = parseAbiParameters('address recipient, uint256 amount, uint256 limit, address[] path, bool payerIsUser');
const WRAP_PARAMS = parseAbiParameters('address recipient, uint256 amount');
const TOKEN_RECIPIENT_AMOUNT = parseAbiParameters('address token, address recipient, uint256 amount');
const TRANSFER_BATCH = parseAbiParameters('(address from, address to, uint160 amount, address token)[] details');
const UR_ETH = '0x0000000000000000000000000000000000000000';

/**
 * What one command pays out, recipients read as Dispatcher.map reads them (address(1) = msg.sender, address(2) = the
 * router). Undefined for commands that pay nobody; a malformed input pays nobody Preflight can name (the router would
 * read garbage and revert or pay its flag addresses).
 */
function commandPayouts(type: number, input: Hex, router: Address): SwapPayout[] {
  const to = (a: Address) => resolveRecipient(a, router, 'flags');
  const token = (a: Address) => (a.toLowerCase() === UR_ETH ? undefined : a);
  try {
    switch (type) {
      case UR_COMMANDS.UNWRAP_WETH: {
        const [recipient, amount] = decodeAbiParameters(WRAP_PARAMS, input);
        return [{ to: to(recipient), via: 'unwrap', amount }];
      }
      case UR_COMMANDS.WRAP_ETH: {
        const [recipient, amount] = decodeAbiParameters(WRAP_PARAMS, input);
        return [{ to: to(recipient), via: 'transfer', amount: amount === CONTRACT_BALANCE ? undefined : amount }];
      }
      case UR_COMMANDS.SWEEP:
      case UR_COMMANDS.TRANSFER:
      case UR_COMMANDS.PAY_PORTION:
      case UR_COMMANDS.PERMIT2_TRANSFER_FROM: {
        const [t, recipient, amount] = decodeAbiParameters(TOKEN_RECIPIENT_AMOUNT, input);
        const via = type === UR_COMMANDS.SWEEP ? 'sweep' : type === UR_COMMANDS.TRANSFER ? 'transfer' : type === UR_COMMANDS.PAY_PORTION ? 'portion' : 'pull';
        return [{ to: to(recipient), via, token: token(t), ...(via === 'portion' ? { bips: amount } : { amount }) }];
      }
      case UR_COMMANDS.PERMIT2_TRANSFER_FROM_BATCH: {
        const [details] = decodeAbiParameters(TRANSFER_BATCH, input);
        return details.map((d) => ({ to: to(d.to), via: 'pull' as const, token: token(d.token), amount: d.amount }));
      }
    }
  } catch {
    return [];
  }
  return [];
}

function decodeSwapCommand(type: number, input: Hex): SwapCore | null {
  const name = `execute:${NAMES.get(type) ?? type}`;
  if (type === UR_COMMANDS.V3_SWAP_EXACT_IN || type === UR_COMMANDS.V3_SWAP_EXACT_OUT) {
    const [recipient, amount, limit, path] = decodeAbiParameters(SWAP_PARAMS_V3, input);
    const decoded = decodeV3Path(path);
    if (!decoded) return null;
    const exactInput = type === UR_COMMANDS.V3_SWAP_EXACT_IN;
    const hops = v3Hops(decoded.tokens, decoded.fees, !exactInput);
    const tokenIn = hops[0]?.tokenIn;
    const tokenOut = hops[hops.length - 1]?.tokenOut;
    if (!tokenIn || !tokenOut) return null;
    return { method: name, hops, tokenIn, tokenOut, recipient, exactInput, ...(exactInput ? { amountIn: amount, amountOutMin: limit } : { amountOut: amount, amountInMax: limit }) };
  }
  const [recipient, amount, limit, path] = decodeAbiParameters(SWAP_PARAMS_V2, input);
  const exactInput = type === UR_COMMANDS.V2_SWAP_EXACT_IN;
  return v2Core(name, path as readonly Address[], { recipient, exactInput, ...(exactInput ? { amountIn: amount, amountOutMin: limit } : { amountOut: amount, amountInMax: limit }) });
}

const V2_SWAPS = new Set<number>([UR_COMMANDS.V2_SWAP_EXACT_IN, UR_COMMANDS.V2_SWAP_EXACT_OUT]);
const SWAPS = new Set<number>([UR_COMMANDS.V3_SWAP_EXACT_IN, UR_COMMANDS.V3_SWAP_EXACT_OUT, ...V2_SWAPS]);

/**
 * Whether a swap command pays the pool of the next hop: its recipient is the Uniswap V2 pair of the following V2 swap's
 * first two tokens, which the router pays from itself (payerIsUser false) and whose input is what is already in the pair.
 * This is how the universal-router-sdk encodes a mixed route (a V3 leg into a V2 leg): the tokens stay in the route.
 */
function paysNextPool(recipient: Address, next: { type: number; input: Hex } | undefined, chainId: number): boolean {
  if (!next || !V2_SWAPS.has(next.type)) return false;
  try {
    const [, , , path, payerIsUser] = decodeAbiParameters(SWAP_PARAMS_V2, next.input);
    const pair = path.length >= 2 ? uniswapV2Pair(chainId, path[0]!, path[1]!) : undefined;
    return !payerIsUser && pair !== undefined && recipient.toLowerCase() === pair;
  } catch {
    return false;
  }
}

/** Decodes Universal Router `execute`. V4 and unknown commands are recognised and reported not computable. Never throws. */
export function decodeUniversalRouter(tx: SwapTx, chainId: number): SwapIntent | null {
  let commands: Hex;
  let inputs: readonly Hex[];
  let deadline: bigint | undefined;
  try {
    const call = decodeFunctionData({ abi: UNIVERSAL_ROUTER_ABI, data: tx.data });
    const args = call.args as readonly unknown[];
    commands = args[0] as Hex;
    inputs = args[1] as readonly Hex[];
    deadline = typeof args[2] === 'bigint' ? args[2] : undefined;
  } catch {
    return null;
  }
  const value = tx.value ?? 0n;
  const types = (commands.slice(2).match(/../g) ?? []).map((b) => parseInt(b, 16) & COMMAND_TYPE_MASK);
  /** Each swap, and whether its output feeds the next hop's pool (a leg of one route, not a payout). */
  const swaps: (SwapCore & { feedsNext: boolean })[] = [];
  const payouts: SwapPayout[] = [];
  const unsupported: string[] = [];
  let wrapped: bigint | undefined;
  let unwrap = false;
  try {
    types.forEach((type, i) => {
      const input = inputs[i];
      if (input === undefined) throw new Error('missing input');
      payouts.push(...commandPayouts(type, input, tx.to));
      if (type === UR_COMMANDS.WRAP_ETH) {
        const amount = decodeAbiParameters(WRAP_PARAMS, input)[1];
        wrapped = amount === CONTRACT_BALANCE ? value : amount;
      } else if (type === UR_COMMANDS.UNWRAP_WETH) unwrap = true;
      else if (SWAPS.has(type)) {
        const s = decodeSwapCommand(type, input);
        if (s) {
          const next = inputs[i + 1] !== undefined && types[i + 1] !== undefined ? { type: types[i + 1]!, input: inputs[i + 1]! } : undefined;
          const feedsNext = s.recipient !== undefined && paysNextPool(s.recipient, next, chainId);
          swaps.push({ ...s, feedsNext });
          payouts.push(...(feedsNext ? [{ to: 'router' as const, via: 'swap' as const, token: s.tokenOut, amount: s.exactInput ? s.amountOutMin : s.amountOut }] : swapPayout(s, tx.to, 'flags')));
        }
        else unsupported.push(`undecodable ${NAMES.get(type)}`);
      } else if (type === UR_COMMANDS.V4_SWAP) unsupported.push('V4_SWAP');
      else if (type === UR_COMMANDS.EXECUTE_SUB_PLAN) unsupported.push('EXECUTE_SUB_PLAN');
      else if (!NAMES.has(type)) unsupported.push(`unknown command 0x${type.toString(16).padStart(2, '0')}`);
    });
  } catch {
    return null;
  }
  const first = swaps[0];
  if (!first) {
    if (!unsupported.length) return null;
    const z = '0x0000000000000000000000000000000000000000' as const;
    return { chainId, router: tx.to, kind: 'universal', method: 'execute', hops: [], tokenIn: z, tokenOut: z, exactInput: true, deadline, computable: false, reason: `not computed: ${unsupported.join(', ')}` };
  }
  // A route of several legs (each feeding the next pool) ends where a leg pays out: its token, minimum and recipient.
  let last = 0;
  while (swaps[last]!.feedsNext && swaps[last + 1]) last++;
  const end = swaps[last]!;
  const { feedsNext: _feeds, ...head } = first;
  const route = last === 0 ? head : { ...head, tokenOut: end.tokenOut, recipient: end.recipient, hops: swaps.slice(0, last + 1).flatMap((x) => x.hops), ...(head.exactInput ? { amountOutMin: end.amountOutMin } : { amountOut: end.amountOut }) };
  const intent: SwapIntent = { ...route, chainId, router: tx.to, kind: 'universal', deadline, nativeIn: wrapped !== undefined || undefined, nativeOut: unwrap || undefined, computable: true, payouts };
  if (intent.exactInput && intent.amountIn === CONTRACT_BALANCE) {
    if (wrapped !== undefined) intent.amountIn = wrapped;
    else return { ...intent, amountIn: undefined, computable: false, reason: 'amount is the router balance' };
  }
  if (!intent.exactInput && intent.nativeIn && intent.amountInMax === undefined) intent.amountInMax = wrapped;
  if (unsupported.length) return { ...intent, computable: false, reason: `not computed: ${unsupported.join(', ')}` };
  if (last > 0) return { ...intent, computable: false, reason: `a route of ${last + 1} legs through different pool kinds` };
  if (swaps.length > 1) return { ...intent, computable: false, reason: `${swaps.length} swap commands (split route)` };
  return intent;
}

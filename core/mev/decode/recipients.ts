import type { Address } from 'viem';
import type { SwapPayout } from '../types';

/** Universal Router and SwapRouter02 `Constants.MSG_SENDER`: "pay whoever sent this transaction". */
export const MSG_SENDER_FLAG = '0x0000000000000000000000000000000000000001';
/** Universal Router and SwapRouter02 `Constants.ADDRESS_THIS`: "keep it in the router for the next step". */
export const ADDRESS_THIS_FLAG = '0x0000000000000000000000000000000000000002';
const ZERO = '0x0000000000000000000000000000000000000000';

/**
 * How a router reads a recipient it is given (checked in each router's source):
 * - `literal`: the address as written (Uniswap V2 Router02, 1inch `unoswapTo`, unwrap and sweep on the V3 SwapRouter);
 * - `v3-periphery`: the V3 SwapRouter pays itself for `address(0)` (SwapRouter.sol, "allow swapping to the router
 *   address with address 0");
 * - `flags`: SwapRouter02 (V2SwapRouter.sol and V3SwapRouter.sol, "find and replace recipient addresses") and the
 *   Universal Router (Dispatcher.map) read `address(1)` as msg.sender and `address(2)` as the router itself;
 * - `zero-is-sender`: 1inch (`dstReceiver == 0`), Paraswap (`beneficiary == 0`) and 0x (`recipient` "can be zero for
 *   sender") pay the caller when the receiver is left zero.
 * In every case the router's own address means the router keeps it for a later step.
 */
export type RecipientRule = 'literal' | 'v3-periphery' | 'flags' | 'zero-is-sender';

export function resolveRecipient(recipient: Address, router: Address, rule: RecipientRule): SwapPayout['to'] {
  const r = recipient.toLowerCase() as Address;
  if (r === router.toLowerCase()) return 'router';
  if (rule === 'flags' && r === MSG_SENDER_FLAG) return 'sender';
  if (rule === 'flags' && r === ADDRESS_THIS_FLAG) return 'router';
  if (rule === 'v3-periphery' && r === ZERO) return 'router';
  if (rule === 'zero-is-sender' && r === ZERO) return 'sender';
  return r;
}

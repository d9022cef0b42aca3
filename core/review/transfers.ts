import { decodeFunctionData, parseAbi, type Address, type Hex } from 'viem';
import type { TxFields } from './request';

const TRANSFER_ABI = parseAbi([
  'function transfer(address to, uint256 amount)',
  'function transferFrom(address from, address to, uint256 amount)',
  'function safeTransferFrom(address from, address to, uint256 tokenId)',
  'function safeTransferFrom(address from, address to, uint256 tokenId, bytes data)',
  'function safeTransferFrom(address from, address to, uint256 id, uint256 amount, bytes data)',
]);

export interface DecodedTransfer {
  kind: 'native' | 'token';
  /** The token contract (the call's `to`); undefined for native sends. */
  token?: Address;
  /** Whose assets move: the sender for transfer(), the named owner for transferFrom(). */
  from?: Address;
  recipient: Address;
  /** Amount (ERC-20 / ERC-1155 / native) or token id (ERC-721 transferFrom, where the two cannot be told apart). */
  amount: bigint;
  fn: 'send' | 'transfer' | 'transferFrom' | 'safeTransferFrom';
}

/** A plain native send (no calldata), or an ERC-20/721/1155 transfer call; undefined for anything else. */
export function decodeTransfer(tx: TxFields): DecodedTransfer | undefined {
  if (!tx.to) return undefined;
  if (tx.data === '0x') return tx.value > 0n ? { kind: 'native', recipient: tx.to.toLowerCase() as Address, amount: tx.value, from: tx.from, fn: 'send' } : undefined;
  if (tx.data.length < 10) return undefined;
  let call;
  try {
    call = decodeFunctionData({ abi: TRANSFER_ABI, data: tx.data as Hex });
  } catch {
    return undefined;
  }
  const token = tx.to.toLowerCase() as Address;
  const lower = (a: Address) => a.toLowerCase() as Address;
  switch (call.functionName) {
    case 'transfer':
      return { kind: 'token', token, from: tx.from, recipient: lower(call.args[0]), amount: call.args[1], fn: 'transfer' };
    case 'transferFrom':
      return { kind: 'token', token, from: lower(call.args[0]), recipient: lower(call.args[1]), amount: call.args[2], fn: 'transferFrom' };
    case 'safeTransferFrom':
      return { kind: 'token', token, from: lower(call.args[0]), recipient: lower(call.args[1]), amount: call.args.length === 5 ? call.args[3] : 1n, fn: 'safeTransferFrom' };
  }
}

/**
 * A look-alike of an address the user has sent to: same first and last `chars` hex characters
 * (what wallets show when they shorten addresses) but a different address. Returns the imitated address.
 */
export function lookalikeOf(recipient: string, known: readonly string[] | undefined, chars = 4): string | undefined {
  if (!known || known.length === 0) return undefined;
  const r = recipient.toLowerCase();
  if (known.some((k) => k.toLowerCase() === r)) return undefined;
  const head = r.slice(2, 2 + chars);
  const tail = r.slice(-chars);
  return known.find((k) => {
    const l = k.toLowerCase();
    return l.length === 42 && l.slice(2, 2 + chars) === head && l.slice(-chars) === tail;
  });
}

export interface PastTransfer {
  from: string;
  to: string;
  value: bigint;
  /** Who sent the transaction that emitted the log. */
  txFrom: string;
}

/**
 * Addresses the user really sent to, from their past Transfer logs. Zero-value transfers and
 * transfers the user did not initiate are dropped: poisoners call transferFrom(victim, lookalike, 0)
 * so that a look-alike appears in the victim's history.
 */
export function recipientsFromTransfers(transfers: readonly PastTransfer[], user: string): string[] {
  const u = user.toLowerCase();
  const out = new Set<string>();
  for (const t of transfers) {
    if (t.value > 0n && t.from.toLowerCase() === u && t.txFrom.toLowerCase() === u) out.add(t.to.toLowerCase());
  }
  return [...out];
}

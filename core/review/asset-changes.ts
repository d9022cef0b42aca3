import { hexToBigInt, decodeAbiParameters, type Address, type Hex } from 'viem';
import type { AssetChange } from './types';

export const TOPICS = {
  transfer: '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef',
  transferSingle: '0xc3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f62',
  transferBatch: '0x4a39dc06d4c0dbc64b70af90fd698a233a518aa5d07e595d983b8c0526c8f7fb',
  deposit: '0xe1fffcc4923d04b559f4d29a8bfc6cda04eb5b0d3c460751c2402c5c5cc9109c',
  withdrawal: '0x7fcf532c15f0a6db0bd6d0e038bea71d30d808c7d98cb3bf7268a95bf5081b65',
} as const;

/** eth_simulateV1 with traceTransfers reports native value moves as ERC-20 Transfer logs from this address. */
export const NATIVE_PSEUDO_TOKEN = '0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee';

/** WETH9-style contracts whose Deposit/Withdrawal events mint and burn the wrapped token (mainnet, OP Stack). */
const WRAPPED_NATIVE = new Set(['0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2', '0x4200000000000000000000000000000000000006']);

export interface SimLog {
  address: string;
  topics: readonly string[];
  data: string;
}

/** A raw movement for the user: positive = received. Amounts in base units; NFTs carry a token id. */
export interface RawChange {
  asset: 'native' | Address;
  standard: AssetChange['standard'];
  tokenId?: bigint;
  delta: bigint;
}

const addr = (topic: string | undefined): string | undefined => (topic && topic.length === 66 ? `0x${topic.slice(26)}`.toLowerCase() : undefined);
const word = (data: string, i: number): bigint | undefined => {
  const hex = data.slice(2 + i * 64, 2 + (i + 1) * 64);
  return hex.length === 64 ? hexToBigInt(`0x${hex}`) : undefined;
};

/** Net asset movements of `user` from simulated logs (native, ERC-20, ERC-721, ERC-1155, WETH wrap/unwrap). Never throws on odd logs. */
export function netChanges(logs: readonly SimLog[], user: string): RawChange[] {
  const me = user.toLowerCase();
  const totals = new Map<string, RawChange>();
  const add = (asset: RawChange['asset'], standard: RawChange['standard'], from: string | undefined, to: string | undefined, amount: bigint, tokenId?: bigint) => {
    const sign = (to === me ? 1n : 0n) - (from === me ? 1n : 0n);
    if (sign === 0n || amount === 0n) return;
    const key = `${asset}:${tokenId ?? ''}`;
    const entry = totals.get(key) ?? { asset, standard, tokenId, delta: 0n };
    entry.delta += sign * amount;
    totals.set(key, entry);
  };
  for (const log of logs) {
    const a = log.address.toLowerCase() as Address;
    const [t0, t1, t2, t3] = log.topics;
    try {
      if (t0 === TOPICS.transfer && log.topics.length === 3) {
        const amount = word(log.data, 0);
        if (amount !== undefined) add(a === NATIVE_PSEUDO_TOKEN ? 'native' : a, a === NATIVE_PSEUDO_TOKEN ? 'native' : 'erc20', addr(t1), addr(t2), amount);
      } else if (t0 === TOPICS.transfer && log.topics.length === 4 && t3) {
        add(a, 'erc721', addr(t1), addr(t2), 1n, hexToBigInt(t3 as Hex));
      } else if (t0 === TOPICS.transferSingle && log.topics.length === 4) {
        const id = word(log.data, 0);
        const value = word(log.data, 1);
        if (id !== undefined && value !== undefined) add(a, 'erc1155', addr(t2), addr(t3), value, id);
      } else if (t0 === TOPICS.transferBatch && log.topics.length === 4) {
        const [ids, values] = decodeAbiParameters([{ type: 'uint256[]' }, { type: 'uint256[]' }], log.data as Hex);
        ids.forEach((id, i) => add(a, 'erc1155', addr(t2), addr(t3), values[i] ?? 0n, id));
      } else if (WRAPPED_NATIVE.has(a) && (t0 === TOPICS.deposit || t0 === TOPICS.withdrawal) && log.topics.length === 2) {
        const amount = word(log.data, 0);
        if (amount !== undefined) add(a, 'erc20', t0 === TOPICS.withdrawal ? addr(t1) : undefined, t0 === TOPICS.deposit ? addr(t1) : undefined, amount);
      }
    } catch {
      // A log that does not decode as its topic claims is ignored, not fatal.
    }
  }
  return [...totals.values()].filter((c) => c.delta !== 0n);
}

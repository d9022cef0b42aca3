/**
 * BitMEX proof of liabilities (BitMEX/proof-of-reserves-liabilities, validate_liabilities.py):
 * the published file is the whole tree, breadth first from the root:
 *   line 1: "block_height:<n>", then one "<hash hex>,<satoshis>" line per node (rows of 1, 2, 4 …)
 *   leaf   = HMAC-SHA256(key = nonce, msg = u64le(satoshis) ‖ u64le(leaf index))
 *   parent = sha256(left.hash ‖ u64le(left.sats) ‖ right.hash ‖ u64le(right.sats)), sats summed
 * The nonce is the per-proof one, or sha256(account nonce ‖ u64le(block height) ‖ u64le(account id)).
 * A user's balance may be split over several leaves: every leaf whose HMAC matches is the user's,
 * and each is checked up to the root. Parents commit both children's balances, and u64 cannot carry
 * a negative balance.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes } from '@noble/hashes/utils.js';
import { ProofFormatError } from './errors';

export interface BitmexNode {
  hash: Uint8Array;
  sats: bigint;
}

export interface BitmexTree {
  blockHeight: number;
  /** rows[0] = leaves … rows[last] = [root]. */
  rows: BitmexNode[][];
}

const U64_MAX = (1n << 64n) - 1n;

export function u64le(v: bigint): Uint8Array {
  if (v < 0n || v > U64_MAX) throw new ProofFormatError(`${v} does not fit an unsigned 64-bit balance`);
  const out = new Uint8Array(8);
  let x = v;
  for (let i = 0; i < 8; i++) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

export const bitmexSubNonce = (accountNonceHex: string, blockHeight: number, accountId: number): Uint8Array =>
  sha256(concatBytes(hexToBytes(accountNonceHex), u64le(BigInt(blockHeight)), u64le(BigInt(accountId))));

export const bitmexLeafHash = (sats: bigint, nonce: Uint8Array, leafIndex: number): Uint8Array => hmac(sha256, nonce, concatBytes(u64le(sats), u64le(BigInt(leafIndex))));

export function bitmexParent(l: BitmexNode, r: BitmexNode): BitmexNode {
  return { hash: sha256(concatBytes(l.hash, u64le(l.sats), r.hash, u64le(r.sats))), sats: l.sats + r.sats };
}

export function readBitmexTree(text: string): BitmexTree {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = /^block_height:(\d+)$/.exec(lines[0]?.trim() ?? '');
  if (!head) throw new ProofFormatError('the BitMEX proof must start with "block_height:<n>"');
  const nodes = lines.slice(1).map((l, i): BitmexNode => {
    const [h, s, extra] = l.split(',').map((x) => x.trim());
    if (extra !== undefined || !h || !/^[0-9a-fA-F]{64}$/.test(h) || !s || !/^\d+$/.test(s)) throw new ProofFormatError(`line ${i + 2}: expected "<64 hex>,<satoshis>"`);
    return { hash: hexToBytes(h), sats: BigInt(s) };
  });
  const rows: BitmexNode[][] = [];
  let at = 0;
  for (let size = 1; at < nodes.length; size *= 2) {
    if (at + size > nodes.length) throw new ProofFormatError(`the tree's last row is incomplete (${nodes.length} nodes is not 2^k − 1)`);
    rows.push(nodes.slice(at, at + size));
    at += size;
  }
  if (rows.length === 0) throw new ProofFormatError('the BitMEX proof has no nodes');
  return { blockHeight: Number(head[1]), rows: rows.reverse() };
}

export interface BitmexCheck {
  valid: boolean;
  root: string;
  /** Satoshis in the user's matching leaves. */
  userSats: bigint;
  leaves: number[];
  totalSats: bigint;
  problems: string[];
}

const eq = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export function verifyBitmex(tree: BitmexTree, nonce: Uint8Array): BitmexCheck {
  const problems: string[] = [];
  const leaves = tree.rows[0]!;
  const rootNode = tree.rows[tree.rows.length - 1]![0]!;
  const mine: number[] = [];
  let userSats = 0n;
  leaves.forEach((leaf, i) => {
    if (!eq(bitmexLeafHash(leaf.sats, nonce, i), leaf.hash)) return;
    mine.push(i);
    userSats += leaf.sats;
    let idx = i;
    for (let h = 0; h < tree.rows.length - 1; h++) {
      const left = tree.rows[h]![idx - (idx % 2)]!;
      const right = tree.rows[h]![idx - (idx % 2) + 1]!;
      const parent = bitmexParent(left, right);
      idx = Math.floor(idx / 2);
      const stored = tree.rows[h + 1]![idx]!;
      if (!eq(parent.hash, stored.hash) || parent.sats !== stored.sats) {
        problems.push(`leaf ${i}: the node at height ${h + 1} does not commit to its children`);
        break;
      }
    }
  });
  if (mine.length === 0) problems.push('no leaf matches your nonce: your balance is not in this tree (or the nonce is wrong)');
  return { valid: problems.length === 0, root: bytesToHex(rootNode.hash), userSats, leaves: mine, totalSats: rootNode.sats, problems };
}

/**
 * Builds proof files in the OKX v1 and BitMEX formats from account lists: the test fixtures of the
 * verifier, and demo files for the devnet. Same hashing as the verifiers, independent tree walking.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { bitmexLeafHash, bitmexParent, type BitmexNode } from './por-bitmex';
import { okxLeafHash, okxParent, type OkxBalances, type OkxNode, type OkxProofFile } from './por-okx';

const ZERO: OkxBalances = { BTC: '0', ETH: '0', USDT: '0' };

/** One proof per account (account i at leaf i; the tree is padded to a power of two with empty leaves, type 4). */
export function buildOkxV1Proofs(accounts: readonly { nonce: string; balances: OkxBalances }[]): OkxProofFile[] {
  let size = 1;
  while (size < Math.max(2, accounts.length)) size *= 2;
  const leaves = Array.from({ length: size }, (_, i) => {
    const a = accounts[i];
    return a ? { hash: okxLeafHash(a.nonce, a.balances), balances: a.balances, pad: false } : { hash: bytesToHex(sha256(utf8ToBytes(`pad ${i}`))), balances: ZERO, pad: true };
  });
  const levels: { hash: string; balances: OkxBalances; pad: boolean }[][] = [leaves];
  for (let h = 2; levels[levels.length - 1]!.length > 1; h++) {
    const below = levels[levels.length - 1]!;
    const row = [];
    for (let i = 0; i < below.length; i += 2) {
      const l = below[i]!;
      const r = below[i + 1]!;
      row.push({ ...okxParent(l.hash, r.hash, l.balances, r.balances, h), pad: l.pad && r.pad });
    }
    levels.push(row);
  }
  const root = levels[levels.length - 1]![0]!;
  return accounts.map((a, i) => {
    const path: OkxNode[] = [];
    let idx = i;
    for (let lv = 0; lv < levels.length - 1; lv++) {
      const sibIdx = idx ^ 1;
      const sib = levels[lv]![sibIdx]!;
      path.push({ hash: sib.hash, balances: sib.balances, type: sibIdx % 2 === 0 ? 1 : sib.pad ? 4 : 2, height: lv + 1 });
      idx >>= 1;
    }
    path.push({ hash: root.hash, balances: root.balances, type: 3, height: levels.length });
    return { self: { nonce: a.nonce, hash: leaves[i]!.hash, balances: a.balances, type: i % 2 === 0 ? 1 : 2, height: 1 }, path };
  });
}

/** The BitMEX file text for leaves (sats, nonce); padded with zero leaves under a throwaway nonce. */
export function buildBitmexFile(blockHeight: number, leaves: readonly { sats: bigint; nonce: Uint8Array }[]): string {
  let size = 1;
  while (size < Math.max(2, leaves.length)) size *= 2;
  const pad = sha256(utf8ToBytes('padding'));
  let row: BitmexNode[] = Array.from({ length: size }, (_, i) => {
    const l = leaves[i] ?? { sats: 0n, nonce: pad };
    return { hash: bitmexLeafHash(l.sats, l.nonce, i), sats: l.sats };
  });
  const rows: BitmexNode[][] = [row];
  while (row.length > 1) {
    const next: BitmexNode[] = [];
    for (let i = 0; i < row.length; i += 2) next.push(bitmexParent(row[i]!, row[i + 1]!));
    rows.push(next);
    row = next;
  }
  const lines = [`block_height:${blockHeight}`];
  for (const r of rows.reverse()) for (const n of r) lines.push(`${bytesToHex(n.hash)},${n.sats}`);
  return lines.join('\n') + '\n';
}

/**
 * Local verification of an exchange's inclusion proof (proof of liabilities, the half of proof of
 * reserves a user can check alone): is my balance counted in the tree whose root the exchange
 * published? Formats: OKX v1 (por-okx.ts) and BitMEX (por-bitmex.ts).
 */
import { hexToBytes } from '@noble/hashes/utils.js';
import { ProofFormatError } from './errors';
import { bitmexSubNonce, readBitmexTree, verifyBitmex } from './por-bitmex';
import { readOkxProof, verifyOkxV1 } from './por-okx';

export interface ReservesProofResult {
  valid: boolean;
  format: 'okx-v1' | 'bitmex';
  /** Root hash (hex) the proof leads to: compare it with the one the exchange published. */
  root: string;
  /** Balances the tree counts for the user, decimal strings per asset. */
  userBalances: Record<string, string>;
  /** Why the proof failed (empty when valid). */
  problems: string[];
  warnings: string[];
}

export type ReservesProofInput =
  | { format: 'okx-v1'; file: string | unknown }
  | { format: 'bitmex'; file: string; nonce: string }
  | { format: 'bitmex'; file: string; accountNonce: string; accountId: number };

const ALWAYS = 'An inclusion proof shows your balance is counted in the published liabilities; it does not prove the exchange holds the reserves, nor that other accounts were not left out.';
const SUM_ONLY =
  'This tree commits only to each parent\'s summed balances (a sum-only Merkle tree): an exchange can insert accounts with negative balances in branches you cannot see and shrink its total liabilities without breaking any proof.';

export function verifyReservesProof(input: ReservesProofInput): ReservesProofResult {
  if (input.format === 'okx-v1') {
    let json: unknown = input.file;
    if (typeof input.file === 'string') {
      try {
        json = JSON.parse(input.file);
      } catch {
        throw new ProofFormatError('the OKX proof file is not valid JSON');
      }
    }
    const r = verifyOkxV1(readOkxProof(json));
    const warnings = [SUM_ONLY, ALWAYS];
    if (r.negativeBalances) warnings.unshift('A node on your path carries a negative balance: liabilities are being netted away.');
    return { valid: r.valid, format: 'okx-v1', root: r.root, userBalances: { ...r.userBalances }, problems: r.problems, warnings };
  }
  const tree = readBitmexTree(input.file);
  let nonce: Uint8Array;
  if ('nonce' in input) {
    if (!/^[0-9a-fA-F]{64}$/.test(input.nonce)) throw new ProofFormatError('the nonce must be 64 hex digits');
    nonce = hexToBytes(input.nonce);
  } else {
    if (!/^[0-9a-fA-F]+$/.test(input.accountNonce) || input.accountNonce.length % 2) throw new ProofFormatError('the account nonce must be hex');
    nonce = bitmexSubNonce(input.accountNonce, tree.blockHeight, input.accountId);
  }
  const r = verifyBitmex(tree, nonce);
  const warnings = [ALWAYS];
  if (r.leaves.length > 1) warnings.push(`Your balance is split over ${r.leaves.length} leaves (${r.leaves.join(', ')}); all were checked.`);
  return { valid: r.valid, format: 'bitmex', root: r.root, userBalances: { XBT: (Number(r.userSats) / 1e8).toFixed(8), sats: r.userSats.toString() }, problems: r.problems, warnings };
}


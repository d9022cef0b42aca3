/**
 * OKX proof of reserves, v1 Merkle file (okx/proof-of-reserves, common/merkle.go):
 *   leaf   = sha256(nonce + '{"BTC":"b","ETH":"e","USDT":"u"}')            (balances as written)
 *   parent = sha256(leftHash + rightHash + BTC + ETH + USDT + height)        (sums rounded down to
 *            8 places, decimal strings; hashes as lowercase hex without 0x; height in decimal)
 * `self` is the user's leaf (type 1 = left child, 2 = right); `path` lists the sibling at each level
 * (type 1 = sibling on the left, otherwise on the right) and ends with the root (type 3). The first
 * parent has height 2, and each later parent the height of its sibling + 1; the computed root must
 * equal the file's root in hash, balances and height.
 * Only the three coins of v1 are hashed; a file with other coins is refused, not guessed.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { ProofFormatError } from './errors';
import { formatDecimal, parseDecimal, roundDown } from './por-decimal';

export const OKX_V1_COINS = ['BTC', 'ETH', 'USDT'] as const;
export type OkxBalances = Record<(typeof OKX_V1_COINS)[number], string>;

export interface OkxNode {
  hash: string;
  balances: OkxBalances;
  type: number;
  height: number;
  nonce?: string;
}

export interface OkxProofFile {
  self: OkxNode & { nonce: string };
  path: OkxNode[];
}

export interface OkxCheck {
  valid: boolean;
  root: string;
  userBalances: OkxBalances;
  problems: string[];
  negativeBalances: boolean;
}

const hex = (s: string): string => bytesToHex(sha256(utf8ToBytes(s)));

export const okxBalancesString = (b: OkxBalances): string => `{"BTC":"${b.BTC}","ETH":"${b.ETH}","USDT":"${b.USDT}"}`;

export const okxLeafHash = (nonce: string, b: OkxBalances): string => hex(nonce + okxBalancesString(b));

export function okxSum(a: OkxBalances, b: OkxBalances): OkxBalances {
  const out = {} as OkxBalances;
  for (const c of OKX_V1_COINS) out[c] = formatDecimal(roundDown(parseDecimal(a[c]) + parseDecimal(b[c]), 8));
  return out;
}

export function okxParent(left: string, right: string, lb: OkxBalances, rb: OkxBalances, height: number): { hash: string; balances: OkxBalances } {
  const balances = okxSum(lb, rb);
  return { hash: hex(`${left}${right}${balances.BTC}${balances.ETH}${balances.USDT}${height}`), balances };
}

function readBalances(x: unknown, where: string): OkxBalances {
  if (typeof x !== 'object' || x === null) throw new ProofFormatError(`${where}: balances missing`);
  const o = x as Record<string, unknown>;
  const extra = Object.keys(o).filter((k) => !(OKX_V1_COINS as readonly string[]).includes(k));
  if (extra.length > 0) throw new ProofFormatError(`${where}: coins ${extra.join(', ')} are not part of the v1 format (BTC, ETH, USDT)`);
  const out = {} as OkxBalances;
  for (const c of OKX_V1_COINS) {
    const v = o[c];
    if (typeof v !== 'string') throw new ProofFormatError(`${where}: ${c} balance must be a decimal string`);
    parseDecimal(v);
    out[c] = v;
  }
  return out;
}

function readNode(x: unknown, where: string): OkxNode {
  if (typeof x !== 'object' || x === null) throw new ProofFormatError(`${where} is not an object`);
  const o = x as Record<string, unknown>;
  if (typeof o.hash !== 'string' || !/^(0x)?[0-9a-fA-F]{64}$/.test(o.hash)) throw new ProofFormatError(`${where}: hash must be 64 hex digits`);
  if (typeof o.type !== 'number' || typeof o.height !== 'number') throw new ProofFormatError(`${where}: type and height must be numbers`);
  const node: OkxNode = { hash: o.hash.replace(/^0x/, '').toLowerCase(), balances: readBalances(o.balances, where), type: o.type, height: o.height };
  if (typeof o.nonce === 'string') node.nonce = o.nonce;
  return node;
}

export function readOkxProof(json: unknown): OkxProofFile {
  if (typeof json !== 'object' || json === null) throw new ProofFormatError('the OKX proof must be a JSON object with "self" and "path"');
  const o = json as Record<string, unknown>;
  if (!Array.isArray(o.path) || o.path.length < 2) throw new ProofFormatError('the OKX proof needs a "path" with at least a sibling and the root');
  const self = readNode(o.self, 'self');
  if (!self.nonce) throw new ProofFormatError('self: nonce missing');
  return { self: { ...self, nonce: self.nonce }, path: o.path.map((p, i) => readNode(p, `path[${i}]`)) };
}

export function verifyOkxV1(file: OkxProofFile): OkxCheck {
  const problems: string[] = [];
  const root = file.path[file.path.length - 1]!;
  const negative = [file.self, ...file.path].some((n) => OKX_V1_COINS.some((c) => n.balances[c].trim().startsWith('-')));
  const leaf = okxLeafHash(file.self.nonce, file.self.balances);
  if (leaf !== file.self.hash) problems.push('your leaf hash does not match your nonce and balances');
  if (file.self.type !== 1 && file.self.type !== 2) problems.push('self.type must be 1 (left) or 2 (right)');
  const first = file.path[0]!;
  if (first.type === file.self.type) problems.push('your leaf and its sibling claim the same side');
  let node = file.self.type === 1 ? okxParent(leaf, first.hash, file.self.balances, first.balances, 2) : okxParent(first.hash, leaf, first.balances, file.self.balances, 2);
  let height = 2;
  for (let i = 1; i < file.path.length - 1; i++) {
    const sib = file.path[i]!;
    height = sib.height + 1;
    node = sib.type === 1 ? okxParent(sib.hash, node.hash, sib.balances, node.balances, height) : okxParent(node.hash, sib.hash, node.balances, sib.balances, height);
  }
  if (root.type !== 3) problems.push('the last path entry is not the root (type 3)');
  if (node.hash !== root.hash) problems.push('the computed root hash differs from the published root');
  if (OKX_V1_COINS.some((c) => node.balances[c] !== formatDecimal(parseDecimal(root.balances[c])))) problems.push('the computed root balances differ from the published ones');
  if (height !== root.height) problems.push(`the computed root height ${height} differs from the published ${root.height}`);
  return { valid: problems.length === 0, root: root.hash, userBalances: file.self.balances, problems, negativeBalances: negative };
}

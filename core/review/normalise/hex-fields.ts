import { getAddress, type Address, type Hex } from 'viem';
import { malformed, refuse, type EncodingNotes } from './encoding-notes';

/**
 * The field rules of MetaMask 13.5's transaction normaliser (@metamask/transaction-controller
 * `normalizeTransactionParams`, as vendored in ../shared/vendor): every field goes through `add0x`
 * (so a JSON number fails with "e.startsWith is not a function"), quantities are hex with or without 0x,
 * call data is left-padded to an even length, addresses are lower-cased (the EIP-55 checksum is ignored).
 */

/** MetaMask's `add0x`: "0x…" kept, "0X…" → "0x…", anything else gets "0x" in front. */
export function add0x(s: string): string {
  if (s.startsWith('0x')) return s;
  if (s.startsWith('0X')) return `0x${s.slice(2)}`;
  return `0x${s}`;
}

const hasPrefix = (s: string) => /^0x/i.test(s);
const short = (s: string) => (s.length > 22 ? `${s.slice(0, 12)}…${s.slice(-6)}` : s);

/** MetaMask's normaliser skips falsy fields (undefined, null, 0, '', false): they are as good as absent. */
function present(raw: unknown): raw is NonNullable<unknown> {
  return !!raw;
}

function mustBeString(raw: unknown, field: string): string {
  if (typeof raw === 'string') return raw;
  const shown = typeof raw === 'object' ? JSON.stringify(raw)?.slice(0, 40) : String(raw);
  refuse(
    `"${field}" is a JSON ${typeof raw} (${shown}), not a string: MetaMask fails on it ("e.startsWith is not a function") and sends nothing`,
    `「${field}」が文字列ではなく JSON の ${typeof raw}（${shown}）です。MetaMask はこれを処理できず（"e.startsWith is not a function"）、何も送信しません`,
  );
}

/** A transaction quantity (value, gas, fees): hex, 0x optional. Decimal digits without 0x are read as hex, as MetaMask does. */
export function txQuantity(raw: unknown, field: string, notes: EncodingNotes): bigint | undefined {
  if (!present(raw)) return undefined;
  const s = mustBeString(raw, field);
  const hex = add0x(s);
  if (!/^0x[0-9a-fA-F]+$/.test(hex)) refuse(`"${field}" is "${short(s)}", not a hexadecimal number`, `「${field}」が 16 進数ではありません（"${short(s)}"）`);
  if (hex.replace(/^0x0*/, '').length > 64) malformed(`${field} is larger than 256 bits`);
  const value = BigInt(hex);
  if (!hasPrefix(s)) {
    if (/^[0-9]+$/.test(s)) {
      notes.add(
        field,
        `"${field}" is "${short(s)}" without 0x: MetaMask reads it as hexadecimal 0x${short(s)} = ${value.toLocaleString('en-US')}, not as the decimal number ${short(s)}`,
        `「${field}」が 0x なしの "${short(s)}" です。MetaMask はこれを 10 進数ではなく 16 進数 0x${short(s)} = ${value.toLocaleString('en-US')} として読みます`,
      );
    } else {
      notes.add(field, `"${field}" is "${short(s)}" without the 0x prefix (MetaMask adds it)`, `「${field}」に 0x が付いていません（"${short(s)}"、MetaMask が補います）`);
    }
  }
  return value;
}

/** Call data: MetaMask pads an odd number of hex digits with a 0 in front, and adds a missing 0x. */
export function txData(raw: unknown, field: string, notes: EncodingNotes): Hex {
  if (!present(raw)) return '0x';
  const s = mustBeString(raw, field);
  const body = hasPrefix(s) ? s.slice(2) : s;
  if (!/^[0-9a-fA-F]*$/.test(body)) malformed(`${field} is not hex data`);
  const even = body.length % 2 === 0 ? body : `0${body}`;
  if (!hasPrefix(s)) notes.add(field, `"${field}" has no 0x prefix (MetaMask adds it)`, `「${field}」に 0x が付いていません（MetaMask が補います）`);
  if (body.length % 2 === 1) {
    notes.add(
      field,
      `"${field}" has an odd number of hex digits (${short(s)}): MetaMask puts a 0 in front and sends 0x${short(even)}`,
      `「${field}」の 16 進数の桁数が奇数です（${short(s)}）。MetaMask は先頭に 0 を補い 0x${short(even)} として送信します`,
    );
  }
  return `0x${even.toLowerCase()}` as Hex;
}

/** A mixed-case address whose case is not its EIP-55 checksum. */
export function checksumNote(raw: string, field: string, notes: EncodingNotes): void {
  const body = raw.replace(/^0x/i, '');
  if (body.length !== 40 || !/[a-f]/.test(body) || !/[A-F]/.test(body)) return;
  if (getAddress(`0x${body.toLowerCase()}`) === `0x${body}`) return;
  notes.add(
    field,
    `"${field}" ${short(raw)} has a wrong EIP-55 checksum: MetaMask ignores the letter case, so a mistyped address would not be caught`,
    `「${field}」${short(raw)} の EIP-55 チェックサムが正しくありません。MetaMask は大文字・小文字を無視するため、打ち間違いのアドレスも検出されません`,
  );
}

/** from / to: 0x added, lower-cased, must then be 20 bytes of hex. */
export function txAddress(raw: unknown, field: string, notes: EncodingNotes): Address | undefined {
  if (!present(raw)) return undefined;
  const s = mustBeString(raw, field);
  const a = add0x(s).toLowerCase();
  if (!/^0x[0-9a-f]{40}$/.test(a)) refuse(`"${field}" (${short(s)}) is not an address`, `「${field}」（${short(s)}）はアドレスではありません`);
  if (!hasPrefix(s)) notes.add(field, `"${field}" has no 0x prefix (MetaMask adds it)`, `「${field}」に 0x が付いていません（MetaMask が補います）`);
  checksumNote(s, field, notes);
  return a as Address;
}

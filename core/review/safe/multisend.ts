import { decodeFunctionData, parseAbi, sliceHex, hexToBigInt, hexToNumber, size, type Address, type Hex } from 'viem';
import { text, type Localized } from '../../i18n/localized';

/** One call a MultiSend batch makes, in order. */
export interface PackedCall {
  /** 0 CALL, 1 DELEGATECALL (MultiSend only; MultiSendCallOnly refuses it). */
  operation: number;
  to: Address;
  value: bigint;
  data: Hex;
}

export interface UnpackedBatch {
  calls: PackedCall[];
  /** Where and why the payload stops making sense; the calls before it were read. */
  malformed?: Localized;
}

const MULTISEND_ABI = parseAbi(['function multiSend(bytes transactions)']);
export const MULTISEND_SELECTOR = '0x8d80ff0a';
/** operation (1) ‖ to (20) ‖ value (32) ‖ data length (32), then the data. */
const HEADER = 1 + 20 + 32 + 32;

/**
 * `multiSend(bytes)` calldata, unpacked the way Safe's MultiSend walks it: each call is operation (uint8), to
 * (address), value (uint256), data length (uint256) and the data, packed without padding. Undefined when the data is
 * not a multiSend call; a payload that cannot be walked to its end says where it breaks (never throws).
 */
export function unpackMultiSend(data: Hex): UnpackedBatch | undefined {
  if (data.slice(0, 10).toLowerCase() !== MULTISEND_SELECTOR) return undefined;
  let packed: Hex;
  try {
    packed = decodeFunctionData({ abi: MULTISEND_ABI, data }).args[0];
  } catch {
    return { calls: [], malformed: text('The multiSend(bytes) argument is not ABI-encoded bytes', 'multiSend(bytes) の引数が ABI エンコードされたバイト列ではありません') };
  }
  const calls: PackedCall[] = [];
  const total = size(packed);
  let at = 0;
  while (at < total) {
    const n = calls.length + 1;
    if (total - at < HEADER) {
      return { calls, malformed: text(`Call ${n} is cut short: ${total - at} bytes left where its header needs ${HEADER}`, `呼び出し ${n} が途中で切れています：ヘッダーに ${HEADER} バイト必要ですが残りは ${total - at} バイトです`) };
    }
    const operation = hexToNumber(sliceHex(packed, at, at + 1));
    const to = sliceHex(packed, at + 1, at + 21).toLowerCase() as Address;
    const value = hexToBigInt(sliceHex(packed, at + 21, at + 53));
    const length = hexToBigInt(sliceHex(packed, at + 53, at + 85));
    at += HEADER;
    if (length > BigInt(total - at)) {
      return { calls, malformed: text(`Call ${n} says its data is ${length} bytes, but only ${total - at} are left`, `呼び出し ${n} のデータ長は ${length} バイトとされていますが、残りは ${total - at} バイトしかありません`) };
    }
    const end = at + Number(length);
    calls.push({ operation, to, value, data: end > at ? sliceHex(packed, at, end) : '0x' });
    at = end;
    if (operation > 1) return { calls, malformed: text(`Call ${n} has operation ${operation}: MultiSend knows only 0 (CALL) and 1 (DELEGATECALL)`, `呼び出し ${n} の operation が ${operation} です：MultiSend が扱うのは 0（CALL）と 1（DELEGATECALL）だけです`) };
  }
  return { calls };
}

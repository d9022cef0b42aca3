import { bytesToHex, type Hex } from 'viem';
import { refuse, type EncodingNotes } from './encoding-notes';

const short = (s: string) => (s.length > 24 ? `${s.slice(0, 14)}…${s.slice(-6)}` : s);

/**
 * The bytes MetaMask 13.5 signs for a personal_sign message (@metamask/message-manager normalizeMessageData):
 * with any 0x removed, a string of only hex digits is those bytes (odd length left-padded with a 0); anything
 * else is its UTF-8 text. So "deadbeef" signs the four bytes 0xdeadbeef, not the text "deadbeef".
 */
export function normalisePersonalMessage(payload: unknown, notes: EncodingNotes): Hex {
  if (typeof payload !== 'string') refuse('the message is not a string', 'メッセージが文字列ではありません');
  const stripped = /^0x/i.test(payload) ? payload.slice(2) : payload;
  if (!/^[0-9a-fA-F]+$/.test(stripped)) return bytesToHex(new TextEncoder().encode(payload));
  const even = stripped.length % 2 === 0 ? stripped : `0${stripped}`;
  if (!/^0x/i.test(payload)) {
    notes.add(
      'message',
      `The message "${short(payload)}" is only hex digits without 0x: MetaMask signs it as the bytes 0x${short(even)}, not as that text`,
      `メッセージ "${short(payload)}" は 0x のない 16 進数字だけでできています。MetaMask はこれを文字列ではなくバイト列 0x${short(even)} として署名します`,
    );
  } else if (stripped.length % 2 === 1) {
    notes.add('message', `The message ${short(payload)} has an odd number of hex digits: MetaMask signs 0x${short(even)}`, `メッセージ ${short(payload)} の 16 進数の桁数が奇数です。MetaMask は 0x${short(even)} に署名します`);
  }
  return `0x${even.toLowerCase()}` as Hex;
}

import type { Address } from 'viem';
import { malformed, refuse, type EncodingNotes } from './encoding-notes';
import { checksumNote } from './hex-fields';
import { normaliseTransaction, type TxFields } from './transaction';

export interface CallBatch {
  from?: Address;
  chainId: number;
  calls: TxFields[];
}

const STRICT_HEX = /^0x[0-9a-f]+$/i;
const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const BATCH_KEYS = new Set(['version', 'id', 'from', 'chainId', 'atomicRequired', 'calls', 'capabilities']);
const CALL_KEYS = new Set(['to', 'data', 'value', 'capabilities']);

function unknownKey(record: Record<string, unknown>, allowed: ReadonlySet<string>): string | undefined {
  return Object.keys(record).find((k) => !allowed.has(k));
}

const record = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/**
 * wallet_sendCalls (EIP-5792) as MetaMask 13.5 checks it (@metamask/eip-5792-middleware SendCallsStruct, read
 * from its code): version, a hex chainId and atomicRequired are required, no other fields are allowed, each
 * call has only to / data / value / capabilities with 0x-hex values. Each call is then normalised like a
 * transaction (odd-length data padded). A batch for another chain than the wallet's is refused.
 */
export function normaliseSendCalls(raw: unknown, walletChainId: number, notes: EncodingNotes): CallBatch {
  const b = record(raw);
  if (!b) refuse('the batch is not an object', 'バッチがオブジェクトではありません');
  const extra = unknownKey(b, BATCH_KEYS);
  if (extra) refuse(`the batch has a field "${extra}" that EIP-5792 does not define`, `バッチに EIP-5792 にない項目「${extra}」があります`);
  if (typeof b.version !== 'string' || b.version === '') refuse('the batch has no "version"', 'バッチに「version」がありません');
  if (typeof b.chainId !== 'string' || !STRICT_HEX.test(b.chainId)) refuse('the batch "chainId" is not a 0x-hex string', 'バッチの「chainId」が 0x 付きの 16 進数文字列ではありません');
  if (typeof b.atomicRequired !== 'boolean') refuse('the batch has no "atomicRequired" (true or false)', 'バッチに「atomicRequired」（true または false）がありません');
  if (b.from !== undefined && (typeof b.from !== 'string' || !HEX_ADDRESS.test(b.from))) refuse('the batch "from" is not an address', 'バッチの「from」がアドレスではありません');
  if (!Array.isArray(b.calls)) refuse('the batch "calls" is not a list', 'バッチの「calls」がリストではありません');
  if (b.calls.length === 0) malformed('wallet_sendCalls has no calls');
  const chainId = Number.parseInt(b.chainId, 16);
  if (chainId !== walletChainId) notes.refuse({ en: `the batch is for chain ${chainId}, but the wallet is on chain ${walletChainId}`, ja: `バッチはチェーン ${chainId} 向けですが、ウォレットはチェーン ${walletChainId} 上です` });
  const from = typeof b.from === 'string' ? (b.from.toLowerCase() as Address) : undefined;
  if (typeof b.from === 'string') checksumNote(b.from, 'from', notes);
  const calls = b.calls.map((c, i) => {
    const call = record(c);
    const where = `call ${i + 1}`;
    if (!call) refuse(`${where} is not an object`, `${i + 1} 番目の呼び出しがオブジェクトではありません`);
    const bad = unknownKey(call, CALL_KEYS);
    if (bad) refuse(`${where} has a field "${bad}" that EIP-5792 calls do not have`, `${i + 1} 番目の呼び出しに EIP-5792 にない項目「${bad}」があります`);
    if (call.to !== undefined && (typeof call.to !== 'string' || !HEX_ADDRESS.test(call.to))) refuse(`${where} "to" is not a 0x address`, `${i + 1} 番目の呼び出しの「to」が 0x 付きのアドレスではありません`);
    for (const k of ['data', 'value'] as const) {
      if (call[k] !== undefined && (typeof call[k] !== 'string' || !STRICT_HEX.test(call[k]))) refuse(`${where} "${k}" is not a 0x-hex string`, `${i + 1} 番目の呼び出しの「${k}」が 0x 付きの 16 進数文字列ではありません`);
    }
    const tx = normaliseTransaction({ to: call.to, data: call.data, value: call.value }, notes, where);
    return { ...tx, from };
  });
  return { from, chainId, calls };
}

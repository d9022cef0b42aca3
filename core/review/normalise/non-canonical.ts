import { text, type Localized } from '../../i18n/localized';
import type { Finding } from '../types';
import type { EncodingNote } from './encoding-notes';

/**
 * One `non-canonical-encoding` finding (warn) for every encoding in the request that no honest dApp needs;
 * on top of the review of the request as MetaMask reads it. `refusal` when MetaMask will not take it at all.
 */
export function nonCanonicalFinding(notes: readonly EncodingNote[], refusal?: Localized): Finding {
  const lines = notes.map((n) => n.detail);
  const first = lines[0];
  const title = refusal
    ? text(`MetaMask will refuse this request: ${refusal.en}`, `MetaMask はこのリクエストを拒否します：${refusal.ja}`)
    : lines.length === 1 && first
      ? text(`Unusual encoding: ${first.en}`, `通常と異なるエンコード：${first.ja}`)
      : text(`${lines.length} unusual encodings that no honest site needs`, `正当なサイトには不要な、通常と異なるエンコードが ${lines.length} 件あります`);
  const why = text(
    'Preflight reviewed the request as MetaMask will read it. Honest dApps send canonical 0x-hex values; a page that encodes a request oddly may be trying to make checkers and wallets disagree.',
    'Preflight は MetaMask が読むとおりにリクエストを確認しました。正当な dApp は標準的な 0x 付き 16 進数を送ります。変わったエンコードは、チェッカーとウォレットの解釈をずらそうとしている可能性があります。',
  );
  const listed = refusal || lines.length > 1 ? lines : [];
  return {
    code: 'non-canonical-encoding',
    severity: 'warn',
    title,
    detail: text([...listed.map((l) => `• ${l.en}`), why.en].join('\n'), [...listed.map((l) => `・${l.ja}`), why.ja].join('\n')),
  };
}

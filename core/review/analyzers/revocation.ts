import type { Address } from 'viem';
import { text, type Localized } from '../../i18n/localized';
import type { ReviewContext } from '../analyzer';
import { tokenInfo } from '../chain-reads';
import { nameAddress, shortHex } from '../format';
import { labelOf } from '../labels';
import type { AnalyzerResult } from '../types';

/** One allowance a transaction takes away. */
export interface Revoked {
  token: Address;
  spender: Address;
  /** What is taken away: every NFT of the collection, a token allowance, a Permit2 allowance, one NFT's approval. */
  what: 'all' | 'erc20' | 'permit2' | 'nft';
  tokenId?: bigint;
}

/**
 * A revocation (setApprovalForAll(op, false), approve(spender, 0), Permit2 approve of 0 or lockdown, an NFT
 * approval moved to the zero address) is the safest thing a user can do: no finding, whoever the spender is;
 * the summary and a card say what it revokes.
 */
export async function revocationResult(ctx: ReviewContext, revoked: readonly Revoked[]): Promise<AnalyzerResult> {
  const lines = await Promise.all(
    revoked.map(async (r): Promise<Localized> => {
      const symbol = (await tokenInfo(ctx, r.token).catch(() => undefined))?.symbol ?? shortHex(r.token);
      const who = nameAddress(r.spender, labelOf(r.spender, ctx.labels));
      switch (r.what) {
        case 'all':
          return text(`${who}'s access to all your ${symbol}`, `${who} の ${symbol} 全体へのアクセス`);
        case 'nft':
          return text(`the approval of your ${symbol} #${r.tokenId ?? '?'}`, `${symbol} #${r.tokenId ?? '?'} の承認`);
        case 'permit2':
          return text(`${who}'s Permit2 allowance for your ${symbol}`, `${who} の ${symbol} に対する Permit2 の許可`);
        case 'erc20':
          return text(`${who}'s allowance for your ${symbol}`, `${who} の ${symbol} の使用許可`);
      }
    }),
  );
  const en = lines.map((l) => l.en).join('; ');
  const ja = lines.map((l) => l.ja).join('、');
  return {
    findings: [],
    summary: text(`Revoke ${en}`, `${ja}を取り消す`),
    cards: [
      {
        kind: 'revocation',
        title: text('Revocation', '承認の取り消し'),
        rows: lines.map((l, i) => ({ label: text(lines.length > 1 ? `Revokes (${i + 1})` : 'Revokes', lines.length > 1 ? `取り消すもの（${i + 1}）` : '取り消すもの'), value: l })),
        note: text('Taking an approval away cannot cost you tokens: it is what revoke tools do.', '承認を取り消してもトークンを失うことはありません。取り消しツールが行う操作です。'),
      },
    ],
  };
}

import { chainName } from '../../chain/chains';
import { text } from '../../i18n/localized';
import type { Analyzer } from '../analyzer';
import { shortHex } from '../format';
import { originAuthority, parseSiwe, siweDomainMatches, type SiweMessage } from '../siwe';
import type { AnalyzerResult, Finding, ReviewCard } from '../types';

const MAX_SHOWN = 2_000;

function siweCard(s: SiweMessage): ReviewCard {
  const row = (en: string, ja: string, value: string | undefined) => (value ? [{ label: text(en, ja), value }] : []);
  return {
    kind: 'siwe',
    title: text('Sign-In with Ethereum', 'Ethereum でサインイン'),
    rows: [
      ...row('Site asking', '要求しているサイト', s.scheme ? `${s.scheme}://${s.domain}` : s.domain),
      ...row('Account', 'アカウント', s.address),
      ...row('Statement', 'ステートメント', s.statement),
      ...row('URI', 'URI', s.uri),
      ...row('Network', 'ネットワーク', s.chainId ? chainName(s.chainId) : undefined),
      ...row('Nonce', 'ノンス', s.nonce),
      ...row('Issued at', '発行日時', s.issuedAt),
      ...row('Expires', '有効期限', s.expirationTime),
      ...row('Not before', '有効開始', s.notBefore),
      ...row('Request id', 'リクエスト ID', s.requestId),
      ...s.resources.map((r, i) => ({ label: text(`Resource ${i + 1}`, `リソース ${i + 1}`), value: r })),
    ],
  };
}

/** personal_sign: the message as text, and Sign-In with Ethereum checked against the page's origin. */
export const personalSignAnalyzer: Analyzer = {
  id: 'personal-sign',
  kinds: ['message'],
  analyze(ctx): AnalyzerResult | undefined {
    if (ctx.parsed.kind !== 'message') return undefined;
    const { utf8, raw } = ctx.parsed;
    const siwe = utf8 ? parseSiwe(utf8) : undefined;
    if (!siwe) {
      const shown = utf8 ?? raw;
      const card: ReviewCard = {
        kind: 'message',
        title: utf8 ? text('Message', 'メッセージ') : text('Message (binary, not text)', 'メッセージ（テキストではないバイナリ）'),
        rows: [{ label: text('Content', '内容'), value: shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN)}…` : shown }],
      };
      const summary = utf8
        ? text(`Sign a message: “${utf8.slice(0, 60).replace(/\s+/g, ' ')}${utf8.length > 60 ? '…' : ''}”`, `メッセージに署名：「${utf8.slice(0, 60).replace(/\s+/g, ' ')}${utf8.length > 60 ? '…' : ''}」`)
        : text(`Sign ${(raw.length - 2) / 2} bytes of binary data (${shortHex(raw)})`, `${(raw.length - 2) / 2} バイトのバイナリデータ（${shortHex(raw)}）に署名`);
      return { cards: [card], summary };
    }
    const findings: Finding[] = [];
    const page = originAuthority(ctx.request.origin) ?? ctx.request.origin;
    if (!siweDomainMatches(siwe, ctx.request.origin)) {
      findings.push({
        code: 'siwe-domain-mismatch',
        severity: 'danger',
        title: text(`Sign-in for ${siwe.domain}, but this page is ${page}`, `${siwe.domain} へのサインインですが、このページは ${page} です`),
        detail: text(
          `This page is asking you to log in to another site as you. Whoever runs ${page} could use the signature to take over your ${siwe.domain} session.`,
          `このページは、あなたとして別のサイトにログインしようとしています。${page} の運営者はこの署名で ${siwe.domain} のセッションを乗っ取れます。`,
        ),
      });
    }
    if (ctx.parsed.account && siwe.address.toLowerCase() !== ctx.parsed.account.toLowerCase()) {
      findings.push({
        code: 'siwe-account-mismatch',
        severity: 'warn',
        title: text(`The sign-in names ${shortHex(siwe.address)}, not the account that signs`, `サインインに記載のアカウント ${shortHex(siwe.address)} は署名するアカウントと異なります`),
        detail: text(
          'A sign-in message names the account it logs in. This one names another account than yours: an honest site fills in the account you connected. Check the site, or switch to the account it names.',
          'サインインのメッセージにはログインするアカウントが記載されます。このメッセージはあなたのものとは別のアカウントを記載しています。正当なサイトは接続中のアカウントを記載します。サイトを確認するか、記載のアカウントに切り替えてください。',
        ),
      });
    }
    return { findings, cards: [siweCard(siwe)], summary: text(`Sign in to ${siwe.domain}`, `${siwe.domain} にサインイン`) };
  },
};

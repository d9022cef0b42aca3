import { chainName } from '../../chain/chains';
import { text, type Localized } from '../../i18n/localized';
import type { Analyzer } from '../analyzer';
import { shortHex } from '../format';
import { originAuthority, parseSiwe, siweDomainMatches, siweTiming, type SiweMessage } from '../siwe';
import type { AnalyzerResult, Finding, ReviewCard } from '../types';

const MAX_SHOWN = 2_000;

function siweCard(s: SiweMessage, walletChainId: number, timing: ReturnType<typeof siweTiming>): ReviewCard {
  const row = (en: string, ja: string, value: string | Localized | undefined) => (value ? [{ label: text(en, ja), value }] : []);
  const chain = chainName;
  const network = s.chainId === undefined ? undefined : s.chainId === walletChainId ? chain(s.chainId) : text(`${chain(s.chainId)} (your wallet is on ${chain(walletChainId)})`, `${chain(s.chainId)}（ウォレットは ${chain(walletChainId)} 上）`);
  const expires = s.expirationTime ? (timing === 'expired' ? text(`${s.expirationTime} (expired)`, `${s.expirationTime}（期限切れ）`) : s.expirationTime) : undefined;
  const from = s.notBefore ? (timing === 'not-yet' ? text(`${s.notBefore} (not valid yet)`, `${s.notBefore}（まだ有効ではありません）`) : s.notBefore) : undefined;
  return {
    kind: 'siwe',
    title: s.problems.length ? text('Sign-In with Ethereum (malformed)', 'Ethereum でサインイン（形式が不正）') : text('Sign-In with Ethereum', 'Ethereum でサインイン'),
    rows: [
      ...row('Site asking', '要求しているサイト', s.scheme ? `${s.scheme}://${s.domain}` : s.domain),
      ...row('Account', 'アカウント', s.address),
      ...row('Statement', 'ステートメント', s.statement),
      ...row('URI', 'URI', s.uri),
      ...row('Network', 'ネットワーク', network),
      ...row('Nonce', 'ノンス', s.nonce),
      ...row('Issued at', '発行日時', s.issuedAt),
      ...row('Expires', '有効期限', expires),
      ...row('Not before', '有効開始', from),
      ...row('Request id', 'リクエスト ID', s.requestId),
      ...s.resources.map((r, i) => ({ label: text(`Resource ${i + 1}`, `リソース ${i + 1}`), value: r })),
    ],
    note: s.problems.length
      ? text(`Not a well-formed EIP-4361 message: ${s.problems.map((p) => p.en).join('; ')}. A site's sign-in library writes it correctly; a hand-made one deserves a second look.`, `EIP-4361 の形式に従っていません：${s.problems.map((p) => p.ja).join('、')}。サイトのサインイン用ライブラリは正しく書きます。手作りのメッセージには注意してください。`)
      : undefined,
  };
}

/**
 * `personal-sign-hash`: exactly 32 bytes that are not text are a digest: the hash of a transaction, an order or an
 * operation the wallet cannot show. MetaMask signs "\x19Ethereum Signed Message:\n32" + hash, and that is exactly
 * what some contracts accept as approval of the thing hashed.
 */
function digestFinding(raw: string): Finding {
  return {
    code: 'personal-sign-hash',
    severity: 'warn',
    title: text(`Blind signature of a 32-byte hash (${shortHex(raw)})`, `32 バイトのハッシュ（${shortHex(raw)}）への中身の見えない署名`),
    detail: text(
      'These 32 bytes are not a message but a digest: the fingerprint of something neither MetaMask nor Preflight can show you. Signed this way, such a hash can approve a Safe multisig transaction (Safe counts it as your owner signature), a smart-account UserOperation (ERC-4337 accounts such as SimpleAccount check exactly this signature), or an order, permit or claim of any contract that verifies signed hashes this way (older exchange orders such as 0x and Wyvern, and smart accounts, ZeroDev Kernel v2’s ECDSA validator for one, that accept it through ERC-1271 as approval of a Permit2 permit or a Seaport order hash). Sign only if you know what was hashed, from the site you trust.',
      'この 32 バイトはメッセージではなくダイジェスト、つまり MetaMask も Preflight も表示できない何かの指紋です。この形式で署名すると、そのハッシュが Safe マルチシグの取引（Safe はオーナーの署名として数えます）、スマートアカウントの UserOperation（SimpleAccount などの ERC-4337 アカウントはまさにこの署名を確認します）、あるいはハッシュへの署名をこの方法で検証するコントラクトの注文・Permit・請求（0x や Wyvern などの旧来の取引所の注文、ZeroDev Kernel v2 の ECDSA バリデータのように、ERC-1271 を通じて Permit2 の Permit や Seaport の注文ハッシュの承認としてこれを受け付けるスマートアカウント）を承認しうるものになります。何がハッシュされたかを信頼できるサイトで確認できる場合にのみ署名してください。',
    ),
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
      const hash = !utf8 && raw.length === 66 ? digestFinding(raw) : undefined;
      return { cards: [card], summary, ...(hash ? { findings: [hash] } : {}) };
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
    if (ctx.parsed.account && siwe.address && siwe.address.toLowerCase() !== ctx.parsed.account.toLowerCase()) {
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
    const timing = siweTiming(siwe, ctx.now());
    const state = siwe.problems.length
      ? text(` with a malformed sign-in message (${siwe.problems[0]!.en})`, `（形式が不正なサインインメッセージ：${siwe.problems[0]!.ja}）`)
      : timing === 'expired'
        ? text(' (the message has already expired)', '（メッセージはすでに期限切れです）')
        : timing === 'not-yet'
          ? text(` (valid only from ${siwe.notBefore})`, `（${siwe.notBefore} から有効）`)
          : text('', '');
    return { findings, cards: [siweCard(siwe, ctx.request.chainId, timing)], summary: text(`Sign in to ${siwe.domain}${state.en}`, `${siwe.domain} にサインイン${state.ja}`) };
  },
};

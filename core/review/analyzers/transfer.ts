import type { Address } from 'viem';
import { nativeSymbol } from '../../chain/chains';
import { text } from '../../i18n/localized';
import type { Analyzer, ReviewContext } from '../analyzer';
import { tokenInfo } from '../chain-reads';
import { formatAmount, nameAddress, shortHex } from '../format';
import { KNOWN_TOKENS, tokenMeta } from '../known-tokens';
import { labelOf } from '../labels';
import type { TxFields } from '../request';
import { decodeTransfer, lookalikeOf, type DecodedTransfer } from '../transfers';
import type { AnalyzerResult, Finding } from '../types';

const WRAPPED_NATIVE = /^W(ETH|POL|MATIC|BNB|AVAX)$/i;
/** Token contracts whose plain ETH receive is a deposit by design (Lido stETH stakes it). */
const TAKES_NATIVE = new Set(['0xae7ab96520de3a18e5e111b5eaab095312d7fe84']);

/** Is the recipient a token contract? Known list first, then decimals() on chain. Wrapped-native receives ETH by design. */
async function recipientToken(ctx: ReviewContext, t: DecodedTransfer): Promise<string | undefined> {
  if (t.token && t.recipient === t.token) return 'itself';
  if (t.kind === 'native' && TAKES_NATIVE.has(t.recipient)) return undefined;
  const known = KNOWN_TOKENS[t.recipient];
  if (known) return t.kind === 'native' && WRAPPED_NATIVE.test(known.symbol) ? undefined : known.symbol;
  if (!ctx.client && !ctx.token) return undefined;
  const info = await tokenInfo(ctx, t.recipient as Address).catch(() => undefined);
  if (!info?.isContract || !info.decimalsKnown) return undefined;
  return t.kind === 'native' && WRAPPED_NATIVE.test(info.symbol) ? undefined : info.symbol;
}

async function review(ctx: ReviewContext, tx: TxFields): Promise<AnalyzerResult | undefined> {
  const t = decodeTransfer(tx);
  if (!t) return undefined;
  const findings: Finding[] = [];
  const who = nameAddress(t.recipient, labelOf(t.recipient, ctx.labels));
  const meta = t.token ? await tokenMeta(ctx, t.token) : { symbol: nativeSymbol(ctx.request.chainId), decimals: 18, known: true };
  const nft = t.kind === 'token' && (t.fn === 'safeTransferFrom' || (t.fn === 'transferFrom' && !meta.known));
  const what = nft ? `${meta.symbol} #${t.amount}` : `${formatAmount(t.amount, meta.decimals)} ${meta.symbol}`;

  const tokenRecipient = await recipientToken(ctx, t);
  if (tokenRecipient) {
    const target = tokenRecipient === 'itself' ? text(`the ${meta.symbol} contract itself`, `${meta.symbol} コントラクト自体`) : text(`the ${tokenRecipient} token contract`, `${tokenRecipient} トークンのコントラクト`);
    findings.push({
      code: 'recipient-is-token-contract',
      severity: 'danger',
      title: text(`You are sending ${what} to ${target.en}`, `${what} を ${target.ja} に送ろうとしています`),
      detail: text(
        'Token contracts cannot send back what they receive: funds sent here are almost always lost for good. You probably meant to paste a wallet address.',
        'トークンのコントラクトは受け取った資産を返せません。ここへ送った資金はほぼ確実に失われます。ウォレットのアドレスを貼り付けるつもりだったのではありませんか。',
      ),
    });
  }
  const imitated = lookalikeOf(t.recipient, ctx.knownRecipients);
  if (imitated) {
    findings.push({
      code: 'address-poisoning',
      severity: 'danger',
      title: text(`${shortHex(t.recipient)} only looks like ${shortHex(imitated)}, an address you sent to before`, `${shortHex(t.recipient)} は以前の送金先 ${shortHex(imitated)} に似せたアドレスです`),
      detail: text(
        `Same first and last characters, different address: ${t.recipient} vs ${imitated}. Scammers plant such addresses in your history so you copy the wrong one.`,
        `先頭と末尾は同じですが別のアドレスです：${t.recipient} と ${imitated}。詐欺師はこうしたアドレスを履歴に紛れ込ませ、誤ってコピーさせようとします。`,
      ),
    });
  } else if (t.fn === 'transferFrom' && t.amount === 0n && t.from && tx.from && t.from.toLowerCase() !== tx.from.toLowerCase()) {
    findings.push({
      code: 'address-poisoning',
      severity: 'warn',
      title: text(`A zero-value transfer from someone else's account (${shortHex(t.from)})`, `他人のアカウント（${shortHex(t.from)}）からの 0 額の送金`),
      detail: text(
        'Moving 0 tokens on behalf of another account does nothing except leave a fake entry in their history: it is how address-poisoning scams are set up.',
        '他人に代わって 0 トークンを動かしても、相手の履歴に偽の記録を残す以外の効果はありません。アドレスポイズニング詐欺の仕込みに使われる手口です。',
      ),
    });
  }
  return { findings, summary: text(`Send ${what} to ${who}`, `${who} に ${what} を送金`) };
}

/** Transfers: to a token contract (funds lost), to a look-alike of a known recipient (address poisoning), and zero-value transferFrom. */
export const transferAnalyzer: Analyzer = {
  id: 'transfer',
  kinds: ['transaction', 'calls'],
  async analyze(ctx) {
    const txs = ctx.parsed.kind === 'transaction' ? [ctx.parsed.tx] : ctx.parsed.kind === 'calls' ? ctx.parsed.calls : [];
    const found = (await Promise.all(txs.map((tx) => review(ctx, tx)))).filter((r): r is AnalyzerResult => r !== undefined);
    if (found.length === 0) return undefined;
    return { findings: found.flatMap((r) => r.findings ?? []), summary: ctx.parsed.kind === 'transaction' ? found[0]!.summary : undefined };
  },
};

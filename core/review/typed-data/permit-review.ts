import { text, type Localized } from '../../i18n/localized';
import type { ReviewContext } from '../analyzer';
import { tokenAmountText } from '../../format/amount';
import { nameAddress, shortHex } from '../format';
import { labelOf } from '../labels';
import { KNOWN_COLLECTIONS, tokenMeta } from '../known-tokens';
import { checkSpender, newContractFinding, spenderKind } from '../spender';
import type { AnalyzerResult, Finding, ReviewCard } from '../types';
import { parsePermit, type ParsedPermit } from './permit';
import { describeDeadline } from './values';

async function grantLines(ctx: ReviewContext, p: ParsedPermit): Promise<Localized[]> {
  return Promise.all(
    p.grants.map(async (g) => {
      const meta = g.token ? await tokenMeta(ctx, g.token) : { symbol: 'an unnamed token', decimals: 18, known: false };
      const symbol = g.token ? meta.symbol : 'an unnamed token';
      const symbolJa = g.token ? meta.symbol : '名前のないトークン';
      if (g.unlimited) return text(`unlimited ${symbol}`, `無制限の ${symbolJa}`);
      if (g.tokenId !== undefined) {
        const collection = (g.token && (KNOWN_COLLECTIONS[g.token] ?? labelOf(g.token, ctx.labels))) ?? (g.token ? meta.symbol : 'an NFT');
        return text(`your ${collection} #${g.tokenId}`, `${collection} #${g.tokenId}`);
      }
      // Unknown decimals (an unreadable token): base units, said so, rather than a guess at 18.
      const amount = tokenAmountText(g.amount, meta.known ? meta.decimals : undefined, symbol);
      return text(amount.en, tokenAmountText(g.amount, meta.known ? meta.decimals : undefined, symbolJa).ja);
    }),
  );
}

/** A permit of 0 (or DAI's allowed = false) takes an allowance away: info, whoever the spender is. */
async function revokingPermit(ctx: ReviewContext, p: ParsedPermit, code: 'permit-signature' | 'permit2-signature'): Promise<AnalyzerResult> {
  const symbols = await Promise.all(p.grants.map(async (g) => (g.token ? (await tokenMeta(ctx, g.token)).symbol : '?')));
  const who = nameAddress(p.spender, labelOf(p.spender, ctx.labels));
  const what = symbols.join(', ');
  return {
    findings: [
      {
        code,
        severity: 'info',
        title: text(`Signature revokes ${who}'s allowance for your ${what}`, `署名すると ${who} の ${what} の使用許可を取り消します`),
        detail: text('A permit of 0 sets the allowance to nothing: it cannot cost you tokens.', '0 の Permit は使用許可をゼロにします。トークンを失うことはありません。'),
      },
    ],
    summary: text(`Sign a permit that revokes ${who}'s allowance for ${what}`, `${who} の ${what} の使用許可を取り消す Permit に署名`),
  };
}

const YEAR = 365n * 86_400n;
/** Near-unlimited: 2^96 base units is 79 billion tokens of 18 decimals, more than any balance the signer could hold. */
const NEAR_UNLIMITED = 2n ** 96n;

/**
 * `permit2-batch-unlimited`: a Permit2 PermitBatch of several tokens at (near-)unlimited amounts that stay usable a year
 * or more, to a spender that is not a known router. One signature hands over every listed token for good: the shape
 * Permit2 batch phishing asks for; a dApp that needs a batch (a migration, an LP deposit) asks for bounded amounts.
 */
function batchDrainFinding(p: ParsedPermit, lines: Localized[], spender: string, nowSec: number): Finding | undefined {
  const open = p.grants
    .map((g, i) => ({ g, line: lines[i] }))
    .filter(({ g }) => (g.unlimited || g.amount >= NEAR_UNLIMITED) && g.expiration !== undefined && g.expiration !== 0n && g.expiration >= BigInt(nowSec) + YEAR);
  if (open.length < 2) return undefined;
  const what = text(open.map((o) => o.line?.en ?? '?').join(', '), open.map((o) => o.line?.ja ?? '?').join('、'));
  return {
    code: 'permit2-batch-unlimited',
    severity: 'danger',
    title: text(`One signature gives ${spender} ${what.en} for a year or more`, `1 回の署名で ${spender} に ${what.ja} を 1 年以上渡すことになります`),
    detail: text(
      `A Permit2 batch of ${open.length} tokens, each unlimited (or close to it) and usable for at least a year, to a spender that is not a known router: whoever controls ${spender} can take all of them at any time, without asking again. This is the Permit2 batch-phishing shape; a dApp that needs a batch asks for the amounts of one trade.`,
      `Permit2 の一括署名で、${open.length} 種のトークンそれぞれを無制限（またはそれに近い額）で 1 年以上、既知のルーターではない使用者に許可します。${spender} を操作できる者は、改めて確認されることなくいつでもすべてを持ち出せます。Permit2 の一括フィッシングの形です。一括署名が必要な dApp は 1 回の取引分の金額を求めます。`,
    ),
  };
}

/**
 * `permit2-batch-transfer-unlimited`: a Permit2 PermitBatchTransferFrom (with or without a witness) of two or more tokens
 * at (near-)unlimited amounts to a spender that is not a known router. A SignatureTransfer needs no allowance: until its
 * deadline the spender may move every listed token at once, to any address it names (SignatureTransfer.sol
 * permitTransferFrom); the batch drainers ask for takes the whole of each balance in one call.
 */
function batchTransferFinding(p: ParsedPermit, lines: Localized[], spender: string): Finding | undefined {
  const open = p.grants.map((g, i) => ({ g, line: lines[i] })).filter(({ g }) => g.unlimited || g.amount >= NEAR_UNLIMITED);
  if (open.length < 2) return undefined;
  const what = text(open.map((o) => o.line?.en ?? '?').join(', '), open.map((o) => o.line?.ja ?? '?').join('、'));
  return {
    code: 'permit2-batch-transfer-unlimited',
    severity: 'danger',
    title: text(`One signature lets ${spender} take ${what.en} at once`, `1 回の署名で ${spender} が ${what.ja} を一度に持ち出せます`),
    detail: text(
      `A Permit2 batch transfer of ${open.length} tokens, each unlimited (or close to it), to a spender that is not a known router: until the signature's deadline ${spender} can move all of them, in one call, to any address it chooses. No allowance or further prompt is needed. A dApp that moves tokens by signature asks for the amounts of one trade.`,
      `Permit2 の一括移転で、${open.length} 種のトークンそれぞれを無制限（またはそれに近い額）で、既知のルーターではない使用者に許可します。署名の期限まで、${spender} は 1 回の呼び出しですべてを任意のアドレスへ移せます。使用許可も追加の確認も不要です。署名でトークンを移す dApp は 1 回の取引分の金額を求めます。`,
    ),
  };
}

/** The shared judgement for EIP-2612 / DAI permits and Permit2 signatures. */
export async function reviewPermit(ctx: ReviewContext, family: ParsedPermit['family']): Promise<AnalyzerResult | undefined> {
  if (ctx.parsed.kind !== 'typed-data' || !ctx.parsed.data) return undefined;
  const p = parsePermit(ctx.parsed.data);
  if (!p || p.family !== family) return undefined;
  const code = family === 'permit' ? 'permit-signature' : 'permit2-signature';
  if (!p.oneOff && p.grants.length > 0 && p.grants.every((g) => g.amount === 0n)) return revokingPermit(ctx, p, code);
  const nowSec = Math.floor(ctx.now() / 1000);
  const [spender, lines] = await Promise.all([checkSpender(ctx, p.spender), grantLines(ctx, p)]);
  const what = text(lines.map((l) => l.en).join(', ') || 'tokens', lines.map((l) => l.ja).join('、') || 'トークン');
  // A Permit2 allowance of expiration 0 is stored as the signing block's time (Allowance.sol, BLOCK_TIMESTAMP_EXPIRATION).
  const expiries = p.grants.map((g) => (family === 'permit2' && !p.oneOff && g.expiration === 0n ? { en: 'at once (Permit2 stores 0 as the block time)', ja: '即時（Permit2 は 0 をブロック時刻として保存します）', long: false } : describeDeadline(g.expiration, nowSec)));
  const sig = describeDeadline(p.sigDeadline, nowSec);
  const unlimited = p.grants.some((g) => g.unlimited);
  // An EIP-2612 allowance never expires; what matters is how long the signature stays usable.
  const long = family === 'permit' ? sig.long : p.oneOff ? sig.long : expiries.some((e) => e.long);
  const isEoa = spender.age?.status === 'eoa';
  const severity = isEoa && !spender.trusted ? 'danger' : !spender.trusted && (unlimited || long) ? 'warn' : 'info';
  const via = family === 'permit2' ? text(' through Permit2', '（Permit2 経由）') : text('', '');
  const kind = p.oneOff ? text('a one-time transfer of', '1 回限り移転できるようになります') : text('an allowance for', '使えるようになります');
  const findings: Finding[] = [
    {
      code,
      severity,
      title:
        severity === 'danger'
          ? text(`Signature gives a personal account (${spender.name}) ${what.en}`, `署名すると個人アカウント（${spender.name}）に ${what.ja} を渡すことになります`)
          : text(`Signature grants ${spender.name} ${kind.en} ${what.en}${via.en}`, `署名すると ${spender.name} が ${what.ja} を${kind.ja}${via.ja}`),
      detail:
        severity === 'danger'
          ? text(
              'Permit signatures to a plain account are the signature-drainer pattern: whoever holds its key can take these tokens without any further prompt from your wallet.',
              '個人アカウント宛ての Permit 署名は署名型ドレイナーの典型です。その鍵の持ち主は、ウォレットの追加確認なしにこれらのトークンを持ち出せます。',
            )
          : severity === 'warn'
            ? text(
                `No transaction is needed for the spender to use this: the signature alone is enough${unlimited ? ', for an unlimited amount' : ''}${long ? ', for a long time' : ''}. Sign only if you trust ${spender.name}.`,
                `使用者はこの署名だけで使え、取引は不要です${unlimited ? '（金額は無制限）' : ''}${long ? '（長期間有効）' : ''}。${spender.name} を信頼できる場合にのみ署名してください。`,
              )
            : text('A gasless approval, normal for swaps on known dApps.', 'ガス代不要の承認です。既知の dApp でのスワップでは通常の操作です。'),
    },
  ];
  const fresh = newContractFinding(spender);
  if (fresh) findings.push(fresh);
  const batchDrain = p.variant === 'PermitBatch' && !spender.trusted ? batchDrainFinding(p, lines, spender.name, nowSec) : undefined;
  if (batchDrain) findings.unshift(batchDrain);
  const batchTransfer = (p.variant === 'PermitBatchTransferFrom' || p.variant === 'PermitBatchWitnessTransferFrom') && !spender.trusted ? batchTransferFinding(p, lines, spender.name) : undefined;
  if (batchTransfer) findings.unshift(batchTransfer);

  const kindText = spenderKind(spender);
  const card: ReviewCard = {
    kind: code,
    title: family === 'permit' ? text('Permit signature', 'Permit 署名') : text('Permit2 signature', 'Permit2 署名'),
    rows: [
      { label: text('Spender', '使用者'), value: spender.name },
      { label: text('Spender is', '使用者の種類'), value: text(kindText.en, kindText.ja) },
      ...p.grants.map((g, i) => ({
        label: text(`Token ${p.grants.length > 1 ? i + 1 : ''}`.trim(), `トークン ${p.grants.length > 1 ? i + 1 : ''}`.trim()),
        value: text(`${lines[i]?.en ?? ''} (${g.token ? shortHex(g.token) : '?'})`, `${lines[i]?.ja ?? ''}（${g.token ? shortHex(g.token) : '?'}）`),
      })),
      ...(family === 'permit2' && !p.oneOff ? [{ label: text('Allowance expires', '許可の有効期限'), value: text(expiries.map((e) => e.en).join(', '), expiries.map((e) => e.ja).join('、')) }] : []),
      { label: text('Signature usable', '署名の使用期限'), value: text(sig.en, sig.ja) },
    ],
  };
  return {
    findings,
    cards: [card],
    summary: text(`Sign a permit: ${spender.name} may ${p.variant === 'eip4494' ? 'transfer' : 'spend'} ${what.en}${via.en}`, `Permit に署名：${spender.name} が ${what.ja} を使用可能に${via.ja}`),
  };
}

import type { Address } from 'viem';
import { nativeSymbol } from '../../chain/chains';
import { text, type Localized } from '../../i18n/localized';
import type { Analyzer, ReviewContext } from '../analyzer';
import { hasCode, isTrustedSpender } from '../chain-reads';
import { formatAmount, nameAddress } from '../format';
import { isKnownToken, tokenMeta } from '../known-tokens';
import { isKnownContract, labelOf } from '../labels';
import type { TxFields } from '../request';
import { decodeTransfer } from '../transfers';
import type { AnalyzerResult, Finding } from '../types';
import { decodeApproval } from './approval';

interface Outgoing {
  call: number;
  /** 'native' or the token contract. */
  asset: string;
  to: Address;
  line: Localized;
}

const lower = (a: string) => a.toLowerCase() as Address;

/** A call that moves the sender's own assets to someone else: transfer, transferFrom/safeTransferFrom from the sender, ETH to an account. */
async function outgoing(ctx: ReviewContext, c: TxFields, call: number, me: Address): Promise<Outgoing | undefined> {
  const t = decodeTransfer({ ...c, from: me });
  if (!t || lower(t.recipient) === me) return undefined;
  if (t.kind === 'native') {
    // Plain ETH to a contract is a deposit (WETH, Lido, a vault); to an account it leaves the wallet for good.
    if (isKnownContract(t.recipient, ctx.labels) || isKnownToken(t.recipient)) return undefined;
    if ((await hasCode(ctx, t.recipient).catch(() => undefined)) === true) return undefined;
    const s = `${formatAmount(t.amount, 18)} ${nativeSymbol(ctx.request.chainId)}`;
    return { call, asset: 'native', to: lower(t.recipient), line: text(s, s) };
  }
  if (!t.token || (t.from && lower(t.from) !== me)) return undefined;
  const meta = await tokenMeta(ctx, t.token);
  const nft = t.fn === 'safeTransferFrom' || (t.fn === 'transferFrom' && meta.decimals === 0);
  const s = nft ? `${meta.symbol} #${t.amount}` : `${formatAmount(t.amount, meta.decimals)} ${meta.symbol}`;
  return { call, asset: lower(t.token), to: lower(t.recipient), line: text(s, s) };
}

/** Approvals in the batch that hand out a standing right to an address that is not a known contract. */
function unknownGrants(ctx: ReviewContext, calls: readonly TxFields[]): Address[] {
  const grants: Address[] = [];
  for (const c of calls) {
    const d = decodeApproval(c.to, c.data);
    if (!d || d.kind === 'lockdown') continue;
    const who = d.kind === 'all' ? d.operator : d.spender;
    const grants_ = d.kind === 'all' ? d.approved : d.amount > 0n;
    if (grants_ && !isKnownContract(who, ctx.labels) && !isTrustedSpender(ctx, who)) grants.push(lower(who));
  }
  return grants;
}

function list(items: Localized[]): Localized {
  const join = (xs: string[], and: string) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')}${and}${xs[xs.length - 1]}`);
  return text(join(items.map((i) => i.en), ' and '), items.map((i) => i.ja).join('、'));
}

/**
 * `batch-transfer-out`: wallet_sendCalls calls that move the sender's own assets to another address, as findings of
 * their own. Danger when the batch sweeps two or more different assets away, or pairs a transfer away with an approval
 * to an unknown spender (the approve + transfer-away pattern drainers batch); a single payment is named, info. A
 * sweep to addresses the user has sent to before is a warning, not a danger.
 */
export const batchTransfersAnalyzer: Analyzer = {
  id: 'batch-transfers',
  kinds: ['calls'],
  async analyze(ctx): Promise<AnalyzerResult | undefined> {
    const p = ctx.parsed;
    if (p.kind !== 'calls' || !p.from) return undefined;
    const me = lower(p.from);
    const out = (await Promise.all(p.calls.map((c, i) => outgoing(ctx, c, i, me)))).filter((o): o is Outgoing => o !== undefined);
    if (out.length === 0) return undefined;
    const assets = new Set(out.map((o) => o.asset));
    const recipients = [...new Set(out.map((o) => o.to))];
    const grants = unknownGrants(ctx, p.calls);
    const known = recipients.every((r) => ctx.knownRecipients?.some((k) => lower(k) === r));
    const sweep = assets.size >= 2;
    const severity: Finding['severity'] = grants.length > 0 ? 'danger' : sweep ? (known ? 'warn' : 'danger') : 'info';
    const who = list(recipients.map((r) => text(nameAddress(r, labelOf(r, ctx.labels)), nameAddress(r, labelOf(r, ctx.labels)))));
    const what = list(out.map((o) => o.line));
    const calls = out.map((o) => o.call + 1).join(', ');
    const grantee = grants.length ? nameAddress(grants[0]!, labelOf(grants[0], ctx.labels)) : '';
    const title = grants.length
      ? text(`This batch sends ${what.en} to ${who.en} and lets ${grantee} spend your tokens`, `このバッチは ${what.ja} を ${who.ja} に送り、${grantee} にあなたのトークンの使用を許可します`)
      : text(`This batch sends ${what.en} to ${who.en} (call${out.length > 1 ? 's' : ''} ${calls})`, `このバッチは ${what.ja} を ${who.ja} に送ります（${calls} 番目の呼び出し）`);
    const detail =
      severity === 'info'
        ? text('A payment from your wallet, made by this batch. Check the recipient and the amount.', 'このバッチによるあなたのウォレットからの支払いです。送金先と金額を確認してください。')
        : grants.length
          ? text(
              `Approving an unknown spender and sending assets away in one batch is what drainers ask an upgraded account to sign: one click hands over what is sent and whatever the approval reaches later. Sign only if you meant every transfer and the approval.`,
              '未知の使用者への承認と資産の送出を 1 つのバッチで行うのは、ドレイナーがアップグレード済みアカウントに署名させる形です。1 回のクリックで、送る資産と、承認で後から届く資産を渡すことになります。すべての送金と承認を意図している場合にのみ署名してください。',
            )
          : known
            ? text('Several of your assets go to addresses you have sent to before. Sign only if you mean to send all of them.', '複数の資産が、以前に送金したことのあるアドレスに送られます。すべてを送るつもりの場合にのみ署名してください。')
            : text(
                `${assets.size} different assets leave your wallet for an address you have not sent to before, in one signature: the sweep drainers batch through wallet_sendCalls and EIP-7702 upgraded accounts. Sign only if you mean to send all of it.`,
                `1 回の署名で ${assets.size} 種類の資産が、以前に送金したことのないアドレスへ出ていきます。ドレイナーが wallet_sendCalls や EIP-7702 でアップグレードされたアカウントでまとめて行う一掃の形です。すべてを送るつもりの場合にのみ署名してください。`,
              );
    return { findings: [{ code: 'batch-transfer-out', severity, title, detail }] };
  },
};

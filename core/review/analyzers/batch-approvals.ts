import type { Address } from 'viem';
import { text } from '../../i18n/localized';
import type { Analyzer, ReviewContext } from '../analyzer';
import { isTrustedSpender } from '../chain-reads';
import { isUnlimited, nameAddress } from '../format';
import { KNOWN_COLLECTIONS, tokenMeta } from '../known-tokens';
import { isKnownContract, labelOf } from '../labels';
import type { AnalyzerResult, Finding } from '../types';
import { decodeApproval } from './approval';

const lower = (a: string) => a.toLowerCase() as Address;

/** The standing rights the batch hands out: unlimited ERC-20 / Permit2 allowances and setApprovalForAll(…, true), by spender. */
function openGrants(ctx: ReviewContext, calls: readonly { to?: Address; data: `0x${string}` }[]): Map<Address, Set<Address>> {
  const bySpender = new Map<Address, Set<Address>>();
  for (const c of calls) {
    const d = decodeApproval(c.to, c.data);
    if (!d || d.kind === 'lockdown') continue;
    const [who, open] = d.kind === 'all' ? [d.operator, d.approved] : [d.spender, isUnlimited(d.amount)];
    if (!open || isKnownContract(who, ctx.labels) || isTrustedSpender(ctx, who)) continue;
    const assets = bySpender.get(lower(who)) ?? new Set<Address>();
    assets.add(lower(d.token));
    bySpender.set(lower(who), assets);
  }
  return bySpender;
}

/**
 * `batch-approvals-unknown-spender`: a wallet_sendCalls batch that gives one spender Preflight does not know unlimited
 * allowances (or operator rights) over two or more different tokens or collections. One click hands over every listed
 * asset for good: the approval sweep drainers batch for accounts MetaMask upgrades (EIP-7702); an honest dApp asks for
 * the one token a trade needs, or exact amounts.
 */
export const batchApprovalsAnalyzer: Analyzer = {
  id: 'batch-approvals',
  kinds: ['calls'],
  async analyze(ctx): Promise<AnalyzerResult | undefined> {
    const p = ctx.parsed;
    if (p.kind !== 'calls' || p.calls.length < 2) return undefined;
    const findings: Finding[] = [];
    for (const [spender, assets] of openGrants(ctx, p.calls)) {
      if (assets.size < 2) continue;
      const names = await Promise.all([...assets].map(async (a) => KNOWN_COLLECTIONS[a] ?? labelOf(a, ctx.labels) ?? (await tokenMeta(ctx, a).catch(() => undefined))?.symbol ?? a));
      const who = nameAddress(spender, labelOf(spender, ctx.labels));
      findings.push({
        code: 'batch-approvals-unknown-spender',
        severity: 'danger',
        title: text(`This batch lets ${who} take all of your ${names.join(', ')}`, `このバッチで ${who} があなたの ${names.join('、')} をすべて持ち出せるようになります`),
        detail: text(
          `${assets.size} unlimited approvals in one signature, all to ${who}, which is not a contract Preflight knows. Once this runs, whoever controls ${who} can move every one of these tokens whenever it likes, with no further prompt. Drainers batch approvals this way for accounts MetaMask upgrades (EIP-7702); a dApp asks only for the token one trade needs.`,
          `1 回の署名で ${assets.size} 件の無制限の承認を、Preflight が知らないコントラクト ${who} に与えます。実行されると、${who} を操作できる者はこれらのトークンすべてを、追加の確認なしにいつでも移せます。ドレイナーは MetaMask がアップグレードしたアカウント（EIP-7702）にこうして承認をまとめて署名させます。dApp が求めるのは 1 回の取引に必要なトークンだけです。`,
        ),
      });
    }
    return findings.length ? { findings } : undefined;
  },
};

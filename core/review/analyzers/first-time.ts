import { nativeSymbol } from '../../chain/chains';
import { text, type Localized } from '../../i18n/localized';
import type { Analyzer, ReviewContext } from '../analyzer';
import { firstTimeTargets, isFreshAddress, readChainHistory, type ChainHistory, type FirstTimeTarget } from '../first-time';
import { nameAddress, shortHex } from '../format';
import { labelOf } from '../labels';
import type { Finding } from '../types';

const ROLE: Record<FirstTimeTarget['role'], { sent: Localized; who: Localized }> = {
  recipient: { sent: text('sent to', '送金した'), who: text('recipient', '送金先') },
  spender: { sent: text('sent to or approved', '送金・承認した'), who: text('spender', '承認先') },
  operator: { sent: text('sent to or approved', '送金・承認した'), who: text('operator', 'オペレーター') },
};

/** What was looked at, said plainly: Preflight's own history, and the chain where it answered. */
function checked(ctx: ReviewContext, h: ChainHistory): Localized {
  const local = text('It is not among the addresses you continued a transfer or approval to in Preflight', 'Preflight で送金・承認を続行した相手に含まれていません');
  const blocks = h.searched?.toLocaleString('en-US');
  let chain: Localized;
  switch (h.logsProblem) {
    case undefined:
      chain = text(`, and the node shows no such transfer or approval from you in the last ${blocks} blocks`, `。ノードでも直近 ${blocks} ブロックにあなたからの送金・承認は見つかりません`);
      break;
    case 'native':
      chain = text(`; ${nativeSymbol(ctx.request.chainId)} transfers leave no log, so only Preflight's history was checked`, `。${nativeSymbol(ctx.request.chainId)} の送金はログに残らないため、Preflight の履歴だけを確認しました`);
      break;
    case 'refused':
      chain = text('; the node refused to search your past transfers, so only Preflight’s history was checked', '。ノードが過去の送金の検索を拒否したため、Preflight の履歴だけを確認しました');
      break;
    case 'timeout':
      chain = text('; the node did not answer the search of your past transfers in time', '。過去の送金の検索にノードが時間内に応答しませんでした');
      break;
    default:
      chain = text('; your history on chain was not read', '。チェーン上の履歴は読めませんでした');
  }
  const fresh: Localized =
    h.hasCode === undefined || h.nonce === undefined || h.balance === undefined
      ? text(' Whether anyone ever used the address could not be read.', ' このアドレスが使われたことがあるかは読めませんでした。')
      : text('.', '。');
  return text(`${local.en}${chain.en}${fresh.en}`, `${local.ja}${chain.ja}${fresh.ja}`);
}

function finding(ctx: ReviewContext, t: FirstTimeTarget, h: ChainHistory): Finding {
  const who = nameAddress(t.address, labelOf(t.address, ctx.labels));
  const role = ROLE[t.role];
  const why = checked(ctx, h);
  if (isFreshAddress(h)) {
    return {
      code: 'first-time-fresh-address',
      severity: 'warn',
      title: text(`You have never ${role.sent.en} ${who}, and nobody has used it yet`, `${who} はあなたが一度も${role.sent.ja}ことのない、まだ誰も使っていないアドレスです`),
      detail: text(
        `${why.en} On chain it has no code, no transaction and no balance. A brand-new address is what a new wallet of yours looks like, and also the "deposit address" a fake trading platform or a scammer hands out. Check ${shortHex(t.address)} character by character against where you got it.`,
        `${why.ja}チェーン上ではコードも取引も残高もありません。新しいアドレスはあなた自身の新しいウォレットにも見えますが、偽の取引所や詐欺師が渡す「入金アドレス」もこう見えます。${shortHex(t.address)} を入手元と 1 文字ずつ照合してください。`,
      ),
    };
  }
  return {
    code: 'first-time-address',
    severity: 'info',
    title: text(`You have never ${role.sent.en} ${who} before`, `${who} はあなたが一度も${role.sent.ja}ことのない${role.who.ja}です`),
    detail: why,
  };
}

/**
 * `first-time-address` (info): the request pays or approves an address the user's own history does not hold.
 * `first-time-fresh-address` (warn): the same, and the chain shows the address never used (no code, nonce 0, no
 * balance). Two codes, not one code at two severities: "new to you" and "new to you and to the chain" are different
 * facts, and a code means one thing. The warning replaces the info line for that address.
 */
export const firstTimeAnalyzer: Analyzer = {
  id: 'first-time',
  kinds: ['transaction', 'calls'],
  async analyze(ctx) {
    // Without a history (the caller keeps none, e.g. the command line without --known-recipients) nothing can be said.
    if (!ctx.knownRecipients) return undefined;
    const targets = firstTimeTargets(ctx.parsed, ctx);
    if (targets.length === 0) return undefined;
    const histories = await Promise.all(targets.map((t) => readChainHistory(ctx, t)));
    const findings = targets.flatMap((t, i) => {
      const h = histories[i]!;
      return h.pastLogs !== undefined && h.pastLogs > 0 ? [] : [finding(ctx, t, h)];
    });
    return findings.length ? { findings } : undefined;
  },
};

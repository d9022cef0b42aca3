import { text, type Localized } from '../../i18n/localized';
import type { Analyzer, ReviewContext } from '../analyzer';
import { readCaveat, type CaveatReading } from '../delegation/caveat-words';
import { openEnd } from '../delegation/open-ends';
import { ANY_DELEGATE, parseDelegation, type ParsedDelegation } from '../delegation/parse';
import { nameAddress, shortHex } from '../format';
import { labelOf } from '../labels';
import type { AnalyzerResult, Finding, ReviewCard } from '../types';

const KIND_WORDS: Record<CaveatReading['restricts'], Localized> = {
  what: text('what it can call', '呼び出せる内容'),
  amount: text('how much native currency it sends', '送れるネイティブ通貨の額'),
  when: text('when it can be used', '使える時期'),
  who: text('who can use it', '使える人'),
  count: text('how often it can be used', '使える回数'),
  other: text('conditions around each use', '使用時の条件'),
  unknown: text('nothing Preflight can vouch for', 'Preflight が保証できるものはない'),
};

function delegateName(ctx: ReviewContext, d: ParsedDelegation): Localized {
  if (!d.delegate) return text('an unreadable delegate', '読み取れない委任先');
  if (d.delegate === ANY_DELEGATE) return text('anyone who holds this signature', 'この署名を持つ誰でも');
  const n = nameAddress(d.delegate, labelOf(d.delegate, ctx.labels));
  return text(n, n);
}

function delegatorName(ctx: ReviewContext, d: ParsedDelegation): Localized {
  if (!d.delegator) return text('an unreadable account', '読み取れないアカウント');
  const n = nameAddress(d.delegator, labelOf(d.delegator, ctx.labels));
  const signer = ctx.parsed.kind === 'typed-data' ? ctx.parsed.account : undefined;
  return signer && signer === d.delegator ? text(`your account ${n}`, `あなたのアカウント ${n}`) : text(`the account ${n}`, `アカウント ${n}`);
}

/** Why nothing limits what the delegate can call, in a sentence. */
function whyUnrestricted(d: ParsedDelegation, readings: CaveatReading[], open: Localized | undefined): Localized {
  if (d.manager && !d.managerVersions) {
    return text(
      `It is to be honoured by ${shortHex(d.manager)}, which MetaMask's Delegation Framework deployments do not list as a DelegationManager: Preflight cannot vouch that any caveat is enforced.`,
      `これを処理する ${shortHex(d.manager)} は、MetaMask の Delegation Framework のデプロイ一覧にある DelegationManager ではありません：制約が守られることを Preflight は保証できません。`,
    );
  }
  if (readings.length === 0) return text('It has no caveats at all.', '制約（caveat）が一つもありません。');
  if (open) return open;
  const kinds = [...new Set(readings.map((r) => r.restricts))].map((k) => KIND_WORDS[k]);
  return text(`Its caveats limit only ${kinds.map((k) => k.en).join(', ')}, not what it can call.`, `制約が制限しているのは ${kinds.map((k) => k.ja).join('、')} だけで、呼び出せる内容は制限していません。`);
}

/**
 * MetaMask Delegation Framework (ERC-7710) `Delegation` signatures: who may act for which account, under which
 * caveats, each enforcer named from @metamask/delegation-deployments and its terms put in words. A root delegation
 * whose caveats do not limit what the delegate can call hands the account over (danger); a chained one passes on all
 * the authority it was given (warn); otherwise the limits are summarised (info).
 */
export const delegationAnalyzer: Analyzer = {
  id: 'delegation',
  kinds: ['typed-data'],
  async analyze(ctx) {
    if (ctx.parsed.kind !== 'typed-data' || !ctx.parsed.data) return undefined;
    const d = parseDelegation(ctx.parsed.data);
    if (!d) return undefined;
    const readings = await Promise.all(d.caveats.map((c) => readCaveat(ctx, c)));
    const knownManager = !!d.managerVersions;
    const open = openEnd(readings);
    const restricted = knownManager && readings.some((r) => r.restricts === 'what') && !open;
    const delegate = delegateName(ctx, d);
    const delegator = delegatorName(ctx, d);
    const limits = readings.map((r) => r.words);
    const authority = d.root
      ? text('your own (a root delegation)', 'あなた自身（ルート委任）')
      : text(`passed on from delegation ${d.authority ? shortHex(d.authority) : '(unreadable)'} (its caveats also apply)`, `委任 ${d.authority ? shortHex(d.authority) : '（読み取り不可）'} から引き継ぎ（その制約も適用）`);

    const findings: Finding[] = [];
    if (!restricted) {
      const why = whyUnrestricted(d, readings, open);
      findings.push(
        d.root
          ? {
              code: 'delegation-unrestricted',
              severity: 'danger',
              title: text(`This delegation lets ${delegate.en} act as ${delegator.en}`, `この委任により ${delegate.ja} が ${delegator.ja} として行動できるようになります`),
              detail: text(
                `${why.en} Once it is redeemed through the DelegationManager, the delegate can move every token and NFT the account holds, approve spenders and call any contract as the account, until the delegation is disabled on chain. Sign only for a delegate you would hand your keys to.`,
                `${why.ja} DelegationManager で使われると、委任先はこのアカウントのトークンや NFT をすべて移し、使用許可を与え、どのコントラクトでもこのアカウントとして呼び出せます（オンチェーンで無効化するまで）。鍵を渡してもよい相手にだけ署名してください。`,
              ),
            }
          : {
              code: 'delegation-unrestricted',
              severity: 'warn',
              title: text(`This passes on all the authority you hold from delegation ${d.authority ? shortHex(d.authority) : '?'} to ${delegate.en}`, `この署名は委任 ${d.authority ? shortHex(d.authority) : '?'} で得た権限をすべて ${delegate.ja} に引き渡します`),
              detail: text(
                `${why.en} The delegate may do everything the earlier delegation lets you do for its account, no less.`,
                `${why.ja} 委任先は、元の委任であなたに許されていることをすべて行えます。`,
              ),
            },
      );
    } else {
      findings.push({
        code: 'delegation-restricted',
        severity: 'info',
        title: text(`Delegation to ${delegate.en}: ${limits.map((l) => l.en).join('; ')}`, `${delegate.ja} への委任：${limits.map((l) => l.ja).join('、')}`),
        detail: text(
          `${delegate.en} may act for ${delegator.en} only within these limits, each enforced by MetaMask's Delegation Framework contracts. Until it is disabled on chain, it can be used whenever they allow.`,
          `${delegate.ja} は ${delegator.ja} の代わりに、これらの制限の範囲内でのみ行動できます（各制限は MetaMask の Delegation Framework のコントラクトが強制）。オンチェーンで無効化するまで、制限が許す限り使えます。`,
        ),
      });
    }

    const managerRow = d.manager
      ? d.managerVersions
        ? text(`${shortHex(d.manager)} (DelegationManager ${d.managerVersions.join(', ')})`, `${shortHex(d.manager)}（DelegationManager ${d.managerVersions.join(', ')}）`)
        : text(`${shortHex(d.manager)} (not a DelegationManager MetaMask deployed)`, `${shortHex(d.manager)}（MetaMask がデプロイした DelegationManager ではない）`)
      : text('not named', '指定なし');
    const card: ReviewCard = {
      kind: 'delegation',
      title: text('Delegation (MetaMask Delegation Framework, ERC-7710)', '委任（MetaMask Delegation Framework、ERC-7710）'),
      rows: [
        { label: text('Delegate', '委任先'), value: delegate },
        { label: text('Delegator', '委任元'), value: delegator },
        { label: text('Authority', '権限の出所'), value: authority },
        { label: text('Checked by', '検証するコントラクト'), value: managerRow },
        ...readings.map((r, i) => ({ label: text(`Caveat ${i + 1}${r.enforcerName ? ` (${r.enforcerName})` : ''}`, `制約 ${i + 1}${r.enforcerName ? `（${r.enforcerName}）` : ''}`), value: r.words })),
        ...(readings.length === 0 ? [{ label: text('Caveats', '制約'), value: text('none', 'なし') }] : []),
      ],
    };
    const summary = restricted
      ? text(`Sign a delegation to ${delegate.en}: ${limits.map((l) => l.en).join('; ')}`, `${delegate.ja} への委任に署名：${limits.map((l) => l.ja).join('、')}`)
      : open
        ? text(`Sign a delegation that lets ${delegate.en} act as ${delegator.en}: its limits leave your assets open`, `${delegate.ja} が ${delegator.ja} として行動できる委任に署名：制限では資産が守られません`)
        : text(`Sign a delegation that lets ${delegate.en} act as ${delegator.en}, with no limit on what it calls`, `${delegate.ja} が ${delegator.ja} として何でも呼び出せる委任に署名`);
    const result: AnalyzerResult = { findings, cards: [card], summary };
    return result;
  },
};

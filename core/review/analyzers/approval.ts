import { decodeFunctionData, parseAbi, type Address, type Hex } from 'viem';
import { text } from '../../i18n/localized';
import type { Analyzer, ReviewContext } from '../analyzer';
import { isTrustedSpender, tokenInfo } from '../chain-reads';
import { formatTokenAmount } from '../../format/amount';
import { formatAmount, isUnlimited, nameAddress, shortHex } from '../format';
import { isKnownContract, labelOf } from '../labels';
import type { TxFields } from '../request';
import { checkSpender, newContractFinding, spenderKind, type SpenderCheck } from '../spender';
import { describeDeadline } from '../typed-data/values';
import type { AnalyzerResult, Finding, ReviewCard } from '../types';
import { revocationResult, type Revoked } from './revocation';

const APPROVAL_ABI = parseAbi([
  'function approve(address spender, uint256 amount)',
  'function increaseAllowance(address spender, uint256 addedValue)',
  'function setApprovalForAll(address operator, bool approved)',
  'function approve(address token, address spender, uint160 amount, uint48 expiration)',
  'function lockdown((address token, address spender)[] approvals)',
]);

export type DecodedApproval =
  | { kind: 'erc20'; token: Address; spender: Address; amount: bigint; fn: 'approve' | 'increaseAllowance' }
  | { kind: 'all'; token: Address; operator: Address; approved: boolean }
  | { kind: 'permit2'; token: Address; spender: Address; amount: bigint; expiration: number }
  | { kind: 'lockdown'; pairs: { token: Address; spender: Address }[] };
type Decoded = DecodedApproval;
const ZERO = '0x0000000000000000000000000000000000000000';

export function decodeApproval(to: Address | undefined, data: Hex): Decoded | undefined {
  if (!to || data.length < 10) return undefined;
  let call;
  try {
    call = decodeFunctionData({ abi: APPROVAL_ABI, data });
  } catch {
    return undefined;
  }
  switch (call.functionName) {
    case 'approve':
      if (call.args.length === 2) return { kind: 'erc20', token: to, spender: call.args[0], amount: call.args[1], fn: 'approve' };
      return { kind: 'permit2', token: call.args[0], spender: call.args[1], amount: call.args[2], expiration: call.args[3] };
    case 'increaseAllowance':
      return { kind: 'erc20', token: to, spender: call.args[0], amount: call.args[1], fn: 'increaseAllowance' };
    case 'setApprovalForAll':
      return { kind: 'all', token: to, operator: call.args[0], approved: call.args[1] };
    case 'lockdown':
      return { kind: 'lockdown', pairs: call.args[0].map((p) => ({ token: p.token, spender: p.spender })) };
  }
}

function spenderCard(s: SpenderCheck, symbol: string): ReviewCard {
  const kind = spenderKind(s);
  return {
    kind: 'approval',
    title: text(`Approval of ${symbol}`, `${symbol} の承認`),
    rows: [
      { label: text('Spender', '使用者'), value: s.name },
      { label: text('Spender is', '使用者の種類'), value: text(kind.en, kind.ja) },
    ],
  };
}

/** What the approval takes away, when it is a revocation; undefined when it grants something. */
function revocationOf(d: Decoded, isNft: boolean): Revoked[] | undefined {
  switch (d.kind) {
    case 'lockdown':
      return d.pairs.map((p) => ({ token: p.token, spender: p.spender, what: 'permit2' }));
    case 'all':
      return d.approved ? undefined : [{ token: d.token, spender: d.operator, what: 'all' }];
    case 'permit2':
      return d.amount === 0n ? [{ token: d.token, spender: d.spender, what: 'permit2' }] : undefined;
    case 'erc20':
      // ERC-721 approve(to, tokenId) shares the selector: there approve(0x0, id) revokes, approve(x, 0) approves token #0.
      if (isNft) return d.fn === 'approve' && d.spender.toLowerCase() === ZERO ? [{ token: d.token, spender: d.spender, what: 'nft', tokenId: d.amount }] : undefined;
      return d.fn === 'approve' && d.amount === 0n ? [{ token: d.token, spender: d.spender, what: 'erc20' }] : undefined;
  }
}

async function review(ctx: ReviewContext, tx: TxFields): Promise<AnalyzerResult | undefined> {
  const d = decodeApproval(tx.to, tx.data);
  if (!d) return undefined;
  if (d.kind === 'lockdown') return revocationResult(ctx, revocationOf(d, false)!);
  const spender = d.kind === 'all' ? d.operator : d.spender;
  // Only a zero amount (or the zero address) can be a revocation: otherwise read the token and the spender at once.
  const mayRevoke = revocationOf(d, false) !== undefined || revocationOf(d, true) !== undefined;
  const spenderRead = mayRevoke ? undefined : checkSpender(ctx, spender);
  const token = await tokenInfo(ctx, d.token);
  const isNft = d.kind === 'erc20' && token !== undefined && token.isContract && !token.decimalsKnown;
  const revoked = revocationOf(d, isNft);
  if (revoked) return revocationResult(ctx, revoked);
  const label = labelOf(spender, ctx.labels);
  const who = nameAddress(spender, label);
  const trusted = isTrustedSpender(ctx, spender) || isKnownContract(spender, ctx.labels);
  const spenderCheck = await (spenderRead ?? checkSpender(ctx, spender));
  const spenderHasCode = spenderCheck.age === undefined ? undefined : spenderCheck.age.status !== 'eoa';
  const symbol = token?.symbol ?? shortHex(d.token);
  const findings: Finding[] = [];

  if (spenderHasCode === false && !isTrustedSpender(ctx, spender)) {
    findings.push({
      code: 'approval-to-eoa',
      severity: 'danger',
      title: text(`${who} is a personal account, not a contract`, `${who} はコントラクトではなく個人のアカウントです`),
      detail: text(
        'Approving a plain account lets whoever holds its key take your tokens at any time. Legitimate dApps approve contracts.',
        'コントラクトではないアカウントへの承認は、その鍵の持ち主がいつでもトークンを持ち出せることを意味します。正規の dApp はコントラクトを承認します。',
      ),
    });
  }

  // A spender contract deployed in the last 7 days (binary search of eth_getCode): caution.
  const fresh = newContractFinding(spenderCheck);
  if (fresh) findings.push(fresh);

  if (d.kind === 'all') {
    findings.push({
      code: 'nft-approval-for-all',
      severity: trusted ? 'info' : 'warn',
      title: text(`${who} may transfer ALL your ${symbol} NFTs`, `${who} があなたの ${symbol} NFT をすべて移転できるようになります`),
      detail: text(
        'This covers every token of this collection you hold now or later, until you revoke it. Drainers ask for exactly this.',
        '現在および今後保有するこのコレクションのすべてのトークンが対象で、取り消すまで有効です。ドレイナーはまさにこれを求めます。',
      ),
    });
    return { findings, cards: [spenderCard(spenderCheck, symbol)], summary: text(`Allow ${who} to transfer all your ${symbol}`, `${who} にあなたの ${symbol} すべての移転を許可`) };
  }

  if (isNft) {
    return { findings, summary: text(`Allow ${who} to transfer your ${symbol} #${d.amount}`, `${who} にあなたの ${symbol} #${d.amount} の移転を許可`) };
  }
  const unlimited = isUnlimited(d.amount) || (d.kind === 'permit2' && d.amount >= 2n ** 160n - 1n);
  const amount = unlimited ? 'unlimited' : token ? formatAmount(d.amount, token.decimals) : `${formatTokenAmount(d.amount, undefined).text.en} of`;
  if (unlimited) {
    findings.push({
      code: 'unlimited-approval',
      severity: trusted ? 'info' : 'warn',
      title: text(`Unlimited ${symbol} allowance for ${who}`, `${who} への ${symbol} の無制限の承認`),
      detail: text(
        `${who} could move all your ${symbol}, now and in the future, until you revoke it. Approve only the amount this trade needs if MetaMask lets you edit it.`,
        `取り消すまで ${who} はあなたの ${symbol} を現在も将来もすべて動かせます。MetaMask で金額を編集できる場合は、この取引に必要な量だけを承認してください。`,
      ),
    });
  }
  const until = d.kind === 'permit2' ? describeDeadline(BigInt(d.expiration), Math.floor(ctx.now() / 1000)) : undefined;
  const via = until ? text(` through Permit2, expiring ${until.en}`, `（Permit2 経由、有効期限 ${until.ja}）`) : text('', '');
  return {
    findings,
    cards: [spenderCard(spenderCheck, symbol)],
    summary: text(
      `Approve ${who} to spend ${amount} ${symbol}${via.en}`,
      unlimited ? `${who} に ${symbol} の無制限の使用を許可${via.ja}` : `${who} に ${amount} ${symbol} の使用を許可${via.ja}`,
    ),
  };
}

export const approvalAnalyzer: Analyzer = {
  id: 'approval',
  kinds: ['transaction', 'calls'],
  async analyze(ctx) {
    const txs = ctx.parsed.kind === 'transaction' ? [ctx.parsed.tx] : ctx.parsed.kind === 'calls' ? ctx.parsed.calls : [];
    const results = await Promise.all(txs.map((tx) => review(ctx, tx)));
    const found = results.filter((r): r is AnalyzerResult => r !== undefined);
    if (found.length === 0) return undefined;
    return {
      findings: found.flatMap((r) => r.findings ?? []),
      cards: found.flatMap((r) => r.cards ?? []),
      summary: ctx.parsed.kind === 'transaction' ? found[0]!.summary : undefined,
    };
  },
};

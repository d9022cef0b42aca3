import { knownChain } from '../chain/chains';
import { formatAmount, nameAddress, shortHex } from './format';
import { text, type Localized } from '../i18n/localized';
import type { ReviewContext } from './analyzer';
import { decodeApproval } from './analyzers/approval';
import { tokenMeta } from './known-tokens';
import { labelOf } from './labels';
import type { TxFields } from './request';
import { decodeTransfer } from './transfers';

/** Function names of common calls, so a batch reads "swapExactTokensForTokens on …" rather than a selector. */
const SELECTORS: Record<string, string> = {
  '0x38ed1739': 'swapExactTokensForTokens',
  '0x8803dbee': 'swapTokensForExactTokens',
  '0x7ff36ab5': 'swapExactETHForTokens',
  '0x18cbafe5': 'swapExactTokensForETH',
  '0x414bf389': 'exactInputSingle',
  '0x04e45aaf': 'exactInputSingle',
  '0xc04b8d59': 'exactInput',
  '0xb858183f': 'exactInput',
  '0x3593564c': 'execute',
  '0x24856bc3': 'execute',
  '0xac9650d8': 'multicall',
  '0x5ae401dc': 'multicall',
  '0x1f0464d1': 'multicall',
  '0xd0e30db0': 'deposit',
  '0x2e1a7d4d': 'withdraw',
  '0xe8e33700': 'addLiquidity',
  '0xf305d719': 'addLiquidityETH',
  '0xbaa2abde': 'removeLiquidity',
  '0x617ba037': 'supply',
  '0xa415bcad': 'borrow',
  '0x573ade81': 'repay',
};

/** One call in a few words: "approve 0x7a25… (Uniswap V2 Router) for 1,000 USDC", "send 0.5 ETH to 0x…", "swapExactTokensForTokens on 0x…". */
export async function describeCall(ctx: ReviewContext, tx: TxFields): Promise<Localized> {
  const native = knownChain(ctx.request.chainId)?.currency.symbol ?? 'ETH';
  const name = (a: string) => nameAddress(a, labelOf(a, ctx.labels));
  const approval = decodeApproval(tx.to, tx.data);
  if (approval) {
    switch (approval.kind) {
      case 'lockdown':
        return text(`revoke ${approval.pairs.length} Permit2 allowance(s)`, `Permit2 の許可 ${approval.pairs.length} 件を取り消し`);
      case 'all':
        return approval.approved
          ? text(`let ${name(approval.operator)} move all your ${shortHex(approval.token)} NFTs`, `${name(approval.operator)} に ${shortHex(approval.token)} の NFT すべての移転を許可`)
          : text(`revoke ${name(approval.operator)}'s access to ${shortHex(approval.token)}`, `${name(approval.operator)} の ${shortHex(approval.token)} へのアクセスを取り消し`);
      default: {
        const meta = await tokenMeta(ctx, approval.token).catch(() => ({ symbol: shortHex(approval.token), decimals: 18, known: false }));
        const amount = approval.amount >= 2n ** 128n ? 'unlimited' : formatAmount(approval.amount, meta.decimals);
        return text(`approve ${name(approval.spender)} for ${amount} ${meta.symbol}`, `${name(approval.spender)} に ${amount} ${meta.symbol} を承認`);
      }
    }
  }
  const transfer = decodeTransfer(tx);
  if (transfer?.kind === 'native') return text(`send ${formatAmount(transfer.amount, 18)} ${native} to ${name(transfer.recipient)}`, `${name(transfer.recipient)} に ${formatAmount(transfer.amount, 18)} ${native} を送金`);
  if (transfer?.token) {
    const meta = await tokenMeta(ctx, transfer.token).catch(() => ({ symbol: shortHex(transfer.token!), decimals: 18, known: false }));
    return text(`send ${formatAmount(transfer.amount, meta.decimals)} ${meta.symbol} to ${name(transfer.recipient)}`, `${name(transfer.recipient)} に ${formatAmount(transfer.amount, meta.decimals)} ${meta.symbol} を送金`);
  }
  if (!tx.to) return text('deploy a contract', 'コントラクトをデプロイ');
  const selector = tx.data.slice(0, 10);
  const fn = SELECTORS[selector] ?? (tx.data.length >= 10 ? `function ${selector}` : 'a plain call');
  const value = tx.value > 0n ? text(` with ${formatAmount(tx.value, 18)} ${native}`, `（${formatAmount(tx.value, 18)} ${native} を送付）`) : text('', '');
  return text(`${fn} on ${name(tx.to)}${value.en}`, `${name(tx.to)} の ${fn}${value.ja}`);
}

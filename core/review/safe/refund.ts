import type { Address } from 'viem';
import { nativeSymbol } from '../../chain/chains';
import { text, type Localized } from '../../i18n/localized';
import type { ReviewContext } from '../analyzer';
import { formatAmount } from '../format';
import { tokenMeta } from '../known-tokens';
import type { Finding } from '../types';
import type { SafeTxFields } from './typed-data';

const ZERO = '0x0000000000000000000000000000000000000000';

export interface Refund {
  /** "at most 0.5 ETH", "at most 1,000 USDC (plus the gas of the Safe's own checks)" */
  amount: Localized;
  /** Who is paid: a named address, or whoever submits the transaction (refundReceiver 0 = tx.origin). */
  receiver?: Address;
}

/**
 * The gas refund a Safe transaction pays out of the Safe when gasPrice > 0 (Safe's handlePayment): (gas used +
 * baseGas) × gasPrice, in ETH or in gasToken, to refundReceiver (or tx.origin when it is zero). The Safe gives the
 * call exactly safeTxGas then, so the refund is at most (safeTxGas + baseGas) × gasPrice plus the gas of the Safe's
 * own checks; with safeTxGas 0 the call gets no gas at all, fails, and the refund is still paid.
 */
export async function refundOf(ctx: ReviewContext, tx: SafeTxFields): Promise<Refund | undefined> {
  if (tx.gasPrice === 0n) return undefined;
  const units = (tx.safeTxGas + tx.baseGas) * tx.gasPrice;
  const meta = tx.gasToken === ZERO ? { symbol: nativeSymbol(ctx.request.chainId), decimals: 18 } : await tokenMeta(ctx, tx.gasToken);
  const perGas = `${formatAmount(tx.gasPrice, meta.decimals)} ${meta.symbol}`;
  const amount = units > 0n
    ? text(`at most ${formatAmount(units, meta.decimals)} ${meta.symbol} plus the gas of the Safe's own checks`, `最大 ${formatAmount(units, meta.decimals)} ${meta.symbol}（Safe 自身の確認に使うガス分を加算）`)
    : text(`${perGas} per unit of gas the Safe uses`, `Safe が使うガス 1 単位あたり ${perGas}`);
  return {
    amount,
    ...(tx.refundReceiver !== ZERO ? { receiver: tx.refundReceiver } : {}),
  };
}

/**
 * `safe-refund-drain`. Danger when the refund goes to a named address that is not an owner (nor the signer): the
 * Safe pays someone outside it, and gasPrice × gas is whatever the request says, so it can be the Safe's whole
 * balance of the gas token. Otherwise (refundReceiver 0 pays whoever submits it, i.e. a relayer; or an owner) a
 * caution with the figure: that is how the Safe's relay service once paid for gas, harmless at a gas-like price, and
 * a drain at any other.
 */
export function refundFinding(refund: Refund, tx: SafeTxFields, owners: readonly Address[] | undefined, signer: Address | undefined, who: (a: Address) => string): Finding {
  const receiver = refund.receiver;
  const insider = receiver !== undefined && (receiver === signer || owners?.includes(receiver) === true);
  const stranger = receiver !== undefined && !insider;
  const safeTxGas0 = tx.safeTxGas === 0n
    ? text(' With safeTxGas 0 the Safe gives its call no gas: the call fails, and the refund is paid anyway.', ' safeTxGas が 0 のため Safe は呼び出しにガスを渡さず、呼び出しは失敗しますが、払い戻しは支払われます。')
    : text('', '');
  if (stranger) {
    const unknown = owners === undefined ? text(' (the owners could not be read to be sure)', '（オーナーを読み取れず確認できません）') : text('', '');
    return {
      code: 'safe-refund-drain',
      severity: 'danger',
      title: text(`The Safe pays a gas refund of ${refund.amount.en} to ${who(receiver)}, who is not an owner${unknown.en}`, `Safe が オーナーではない ${who(receiver)} に ${refund.amount.ja} のガス払い戻しを支払います${unknown.ja}`),
      detail: text(
        `gasPrice ${tx.gasPrice} with refundReceiver ${receiver}: whatever the gas costs, the Safe pays this much to that address when the transaction runs. A Safe transaction needs no refund; a stranger named here is paid out of the Safe.${safeTxGas0.en}`,
        `gasPrice ${tx.gasPrice}、refundReceiver ${receiver}：実際のガス代にかかわらず、実行時に Safe がこの額をそのアドレスに支払います。Safe の取引に払い戻しは不要で、ここに指定された第三者が Safe から支払いを受けます。${safeTxGas0.ja}`,
      ),
    };
  }
  const to = receiver ? who(receiver) : text('whoever submits the transaction', '取引を送信した人').en;
  const toJa = receiver ? who(receiver) : '取引を送信した人';
  return {
    code: 'safe-refund-drain',
    severity: 'warn',
    title: text(`The Safe pays a gas refund of ${refund.amount.en} to ${to}`, `Safe が ${toJa} に ${refund.amount.ja} のガス払い戻しを支払います`),
    detail: text(
      `gasPrice is ${tx.gasPrice}${tx.gasToken === ZERO ? ' wei' : ` (in ${tx.gasToken})`}, baseGas ${tx.baseGas}, safeTxGas ${tx.safeTxGas}. A relayer is paid this way; at a price above what gas costs, the difference leaves the Safe.${safeTxGas0.en}`,
      `gasPrice ${tx.gasPrice}${tx.gasToken === ZERO ? ' wei' : `（${tx.gasToken} 建て）`}、baseGas ${tx.baseGas}、safeTxGas ${tx.safeTxGas}。リレイヤーへの支払い方法ですが、実際のガス代を上回る分は Safe から出ていきます。${safeTxGas0.ja}`,
    ),
  };
}

import type { Address } from 'viem';
import { nativeSymbol } from '../../chain/chains';
import { text } from '../../i18n/localized';
import type { Analyzer, ReviewContext } from '../analyzer';
import { formatAmount } from '../format';
import type { TxFields } from '../request';
import type { Finding } from '../types';

const TRANSFER_GAS = 21_000n;

async function gasOf(ctx: ReviewContext, tx: TxFields, from: Address): Promise<bigint> {
  if (tx.gas !== undefined) return tx.gas;
  if (tx.data === '0x') return TRANSFER_GAS;
  try {
    return await ctx.client!.estimateGas({ account: from, to: tx.to, data: tx.data, value: tx.value });
  } catch {
    return TRANSFER_GAS;
  }
}

/**
 * drains-native-balance: value + gas × max fee leaves less than the gas of one more plain transfer
 * (21000 × the same fee), so the wallet is stranded: no gas left to move tokens or revoke approvals.
 */
export const nativeBalanceAnalyzer: Analyzer = {
  id: 'native-balance',
  kinds: ['transaction', 'calls'],
  async analyze(ctx) {
    const p = ctx.parsed;
    const txs = p.kind === 'transaction' ? [p.tx] : p.kind === 'calls' ? p.calls : [];
    const from = p.kind === 'transaction' ? p.tx.from : p.kind === 'calls' ? p.from : undefined;
    const value = txs.reduce((s, t) => s + t.value, 0n);
    if (!ctx.client || !from || value === 0n) return undefined;
    const client = ctx.client;
    const stated = txs.map((t) => t.maxFeePerGas ?? t.gasPrice).find((f) => f !== undefined);
    const [balance, fee, gases] = await Promise.all([
      client.getBalance({ address: from }),
      stated !== undefined ? Promise.resolve(stated) : client.getGasPrice(),
      Promise.all(txs.map((t) => gasOf(ctx, t, from))),
    ]);
    const gas = gases.reduce((s, g) => s + g, 0n);
    const left = balance - value - gas * fee;
    const reserve = TRANSFER_GAS * fee;
    if (left >= reserve) return undefined;
    const symbol = nativeSymbol(ctx.request.chainId);
    const fmt = (v: bigint) => `${formatAmount(v, 18)} ${symbol}`;
    const finding: Finding =
      left < 0n
        ? {
            code: 'drains-native-balance',
            severity: 'warn',
            title: text(`This needs up to ${fmt(value + gas * fee)}, more than your ${fmt(balance)}`, `最大 ${fmt(value + gas * fee)} が必要で、残高 ${fmt(balance)} を超えています`),
            detail: text('The transaction will fail or be stuck unless the fee is lowered. Nothing would be left for gas afterwards.', '手数料を下げない限り、この取引は失敗するか滞留します。実行後にガス代も残りません。'),
          }
        : {
            code: 'drains-native-balance',
            severity: 'warn',
            title: text(`Leaves only ${fmt(left)}: not enough gas for another transaction`, `残りは ${fmt(left)} のみで、次の取引のガス代に足りません`),
            detail: text(
              `After sending ${fmt(value)} plus up to ${fmt(gas * fee)} in fees, you could not even pay for one more transfer (${fmt(reserve)}). Drainers ask for your whole balance; if you meant to empty this wallet, that is fine.`,
              `${fmt(value)} と最大 ${fmt(gas * fee)} の手数料を払うと、送金 1 回分のガス代（${fmt(reserve)}）も残りません。ドレイナーは残高のすべてを要求します。このウォレットを空にするつもりなら問題ありません。`,
            ),
          };
    return { findings: [finding] };
  },
};

import type { Address } from 'viem';
import { text, type Localized } from '../../i18n/localized';
import { analysisFailed } from '../analysis-failed';
import type { Analyzer, ReviewContext } from '../analyzer';
import { counterpartiesOf } from '../counterparties';
import type { ParsedRequest, TxFields } from '../request';
import type { Finding, SigningRequest } from '../types';

/**
 * Checks that do not apply to calls a Safe makes: the batch line-up (the Safe card lists the calls), simulation,
 * MEV and gas timing (the signer sends no transaction and pays no gas), the signer's own ETH balance, and EIP-7702
 * (about the signer's own account, checked on the typed data itself; a Safe is a contract, never a 7702 account),
 * and the batch-wide transfer pattern (`batch-transfer-out` is about a wallet_sendCalls batch of the user's own
 * assets; each call is reviewed here on its own, and a Safe paying out several assets is ordinary treasury work).
 */
const NOT_FOR_SAFE_CALLS = new Set(['batch', 'batch-transfers', 'simulation', 'mev', 'gas-timing', 'native-balance', 'eip7702']);
/** More calls than this in one Safe transaction: the rest are listed, not checked one by one (said so). */
export const MAX_REVIEWED_CALLS = 32;

export interface SafeCall {
  /** "call 2 of 3", empty for the Safe transaction's own call. */
  where: Localized;
  tx: TxFields;
}

function asRequest(ctx: ReviewContext, safe: Address, tx: TxFields): SigningRequest {
  const call = { to: tx.to, value: `0x${tx.value.toString(16)}`, data: tx.data };
  return { method: 'wallet_sendCalls', params: [{ version: '2.0.0', from: safe, chainId: `0x${ctx.request.chainId.toString(16)}`, calls: [call] }], origin: ctx.request.origin, chainId: ctx.request.chainId };
}

/**
 * Reviews each call a Safe transaction makes as a transaction the Safe sends (from = the Safe): every check for
 * transactions and batches runs on it (approvals, transfers, scam addresses, and any check added later), all calls
 * at once, and the findings come back named by where the call sits. A check that fails is said so, never thrown.
 */
export async function reviewSafeCalls(ctx: ReviewContext, safe: Address, calls: readonly SafeCall[], analyzers: readonly Analyzer[]): Promise<Finding[]> {
  const checks = analyzers.filter((a) => a.kinds.includes('calls') && !NOT_FOR_SAFE_CALLS.has(a.id));
  // The scam-address check already ran on the typed data's own addresses: here only on what the calls add.
  const outer = new Set(counterpartiesOf(ctx.parsed).map((c) => c.address));
  const one = async (c: SafeCall): Promise<Finding[]> => {
    const parsed: ParsedRequest = { kind: 'calls', from: safe, chainId: ctx.request.chainId, calls: [{ ...c.tx, from: safe }] };
    const listed = ctx.scamAddresses;
    const scamAddresses = listed ? new Set(counterpartiesOf(parsed).map((p) => p.address).filter((a) => listed.has(a) && !outer.has(a))) : undefined;
    const inner: ReviewContext = { ...ctx, request: asRequest(ctx, safe, c.tx), parsed, scamAddresses };
    const at = c.where.en ? text(`Safe ${c.where.en}: `, `Safe ${c.where.ja}：`) : text("The Safe's call: ", 'Safe の呼び出し：');
    const settled = await Promise.allSettled(checks.map(async (a) => a.analyze(inner)));
    return settled.flatMap((r, i) =>
      r.status === 'rejected'
        ? [analysisFailed(text(`${at.en}check "${checks[i]!.id}" failed`, `${at.ja}チェック「${checks[i]!.id}」に失敗しました`), r.reason)]
        : (r.value?.findings ?? []).map((f) => ({ ...f, title: text(`${at.en}${f.title.en}`, `${at.ja}${f.title.ja}`) })),
    );
  };
  return (await Promise.all(calls.slice(0, MAX_REVIEWED_CALLS).map(one))).flat();
}

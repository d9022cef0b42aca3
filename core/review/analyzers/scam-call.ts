import type { Address } from 'viem';
import { nativeSymbol } from '../../chain/chains';
import { text, type Localized } from '../../i18n/localized';
import type { Analyzer, ReviewContext } from '../analyzer';
import { netChanges } from '../asset-changes';
import { isTrustedSpender } from '../chain-reads';
import { formatAmount, nameAddress } from '../format';
import { isKnownToken } from '../known-tokens';
import { isKnownContract, labelOf } from '../labels';
import type { TxFields } from '../request';
import { isHonestClaim } from '../scam-calls/honest-claims';
import { SCAM_SELECTORS } from '../scam-calls/selectors.generated';
import { simulateCalls } from '../simulate';
import type { AnalyzerResult, Finding } from '../types';

/** The simulation gives up after this long: the verdict does not wait for it, it only words the detail. */
const SIMULATION_BUDGET_MS = 1_500;
/**
 * Revoke.cash lets values under 0.002 of the native coin through ("some legitimate transactions include small claim
 * fees"): below it, without a simulation to tell, a warning rather than a danger.
 */
const CLAIM_FEE_WEI = 2n * 10n ** 15n;

type Effect = { kind: 'only-outflow' } | { kind: 'pays-back' } | { kind: 'reverts'; reason: string } | { kind: 'unknown'; why: Localized };

/** What the call does to the sender's assets, from eth_simulateV1 when the node offers it, bounded in time. */
async function effectOf(ctx: ReviewContext, from: Address, call: TxFields): Promise<Effect> {
  if (!ctx.client) return { kind: 'unknown', why: text('no node to simulate it on', 'シミュレーションするノードがありません') };
  const timeout = new Promise<Effect>((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'unknown', why: text(`no simulation within ${SIMULATION_BUDGET_MS} ms`, `${SIMULATION_BUDGET_MS} ms 以内にシミュレーションできませんでした`) }), SIMULATION_BUDGET_MS);
    ctx.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  });
  const simulated = simulateCalls(ctx.client, from, [call]).then<Effect, Effect>((o) => {
    if (o.mode === 'dry-run') return { kind: 'unknown', why: text('the node does not simulate (no eth_simulateV1)', 'ノードがシミュレーションに対応していません（eth_simulateV1 なし）') };
    const r = o.calls[0];
    if (!r?.ok) return { kind: 'reverts', reason: r?.revertReason ?? 'reverted' };
    const changes = netChanges(r.logs, from);
    return changes.some((c) => c.delta > 0n) ? { kind: 'pays-back' } : { kind: 'only-outflow' };
  }, (error: unknown): Effect => ({ kind: 'unknown', why: text(`the simulation failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`, `シミュレーションに失敗しました（${error instanceof Error ? error.message.split('\n')[0] : String(error)}）`) }));
  return Promise.race([simulated, timeout]);
}

async function review(ctx: ReviewContext, call: TxFields, from: Address | undefined, index?: number): Promise<Finding | undefined> {
  if (!call.to || call.value === 0n || call.data.length < 10) return undefined;
  const signature = SCAM_SELECTORS[call.data.slice(0, 10).toLowerCase()];
  if (!signature) return undefined;
  // A well-known contract (the user's trusted ones included) is not a scam contract, whatever its function is called.
  // So is a claim Revoke.cash's own list names as honest (a fee-charging airdrop on its chain).
  if (isKnownContract(call.to, ctx.labels) || isKnownToken(call.to) || isTrustedSpender(ctx, call.to) || isHonestClaim(ctx.request.chainId, call.to)) return undefined;
  const effect = from ? await effectOf(ctx, from, call) : { kind: 'unknown' as const, why: text('no sender to simulate it from', 'シミュレーションの送信元がありません') };
  if (effect.kind === 'pays-back') return undefined; // an honest claim with a fee: the simulation shows what comes back
  const amount = `${formatAmount(call.value, 18)} ${nativeSymbol(ctx.request.chainId)}`;
  const where = nameAddress(call.to, labelOf(call.to, ctx.labels));
  const which = index !== undefined ? text(` (call ${index + 1} of the batch)`, `（バッチの ${index + 1} 番目の呼び出し）`) : text('', '');
  const seen =
    effect.kind === 'only-outflow'
      ? text(` Simulated on your node: the only effect is ${amount} leaving your wallet for ${where}; nothing comes back.`, `ノードでのシミュレーション：${amount} があなたのウォレットから ${where} へ移る以外に何も起きず、何も戻ってきません。`)
      : effect.kind === 'reverts'
        ? text(` Simulated on your node it fails now (${effect.reason}), which does not make the contract honest.`, `ノードでのシミュレーションでは現在失敗します（${effect.reason}）が、それでこのコントラクトが安全になるわけではありません。`)
        : text(` What the call does could not be simulated (${effect.why.en}).`, `呼び出しの結果はシミュレーションできませんでした（${effect.why.ja}）。`);
  const small = effect.kind !== 'only-outflow' && call.value < CLAIM_FEE_WEI;
  return {
    code: 'scam-function-call',
    severity: small ? 'warn' : 'danger',
    title: text(`You pay ${amount} into ${signature} on ${where}, a function name scam contracts use${which.en}`, `${where} の ${signature} に ${amount} を支払います。詐欺コントラクトが使う関数名です${which.ja}`),
    detail: text(
      `Scam pages ask you to pay ETH into a function named after what they promise (claim, SecurityUpdate, NetworkMerge, verify…) and the contract keeps it. Real airdrops and security updates do not ask you to send ETH to a contract.${seen.en}`,
      `詐欺ページは、約束する内容にちなんだ名前の関数（claim、SecurityUpdate、NetworkMerge、verify など）に ETH を支払わせ、コントラクトがそれを持ち去ります。本物のエアドロップやセキュリティ更新が、コントラクトへの ETH の送付を求めることはありません。${seen.ja}`,
    ),
  };
}

/**
 * `scam-function-call`: native value sent to a function whose name scam contracts use, matched by selector (both
 * letter cases, with and without the `address` argument the kits pass). Danger, unless a simulation shows something
 * coming back (an honest claim with a fee), or the contract is a well-known one.
 */
export const scamCallAnalyzer: Analyzer = {
  id: 'scam-call',
  kinds: ['transaction', 'calls'],
  async analyze(ctx): Promise<AnalyzerResult | undefined> {
    const p = ctx.parsed;
    const calls = p.kind === 'transaction' ? [p.tx] : p.kind === 'calls' ? p.calls : [];
    const from = p.kind === 'transaction' ? p.tx.from : p.kind === 'calls' ? p.from : undefined;
    const found = await Promise.all(calls.map((c, i) => review(ctx, c, from, p.kind === 'calls' && calls.length > 1 ? i : undefined)));
    const findings = found.filter((f): f is Finding => f !== undefined);
    return findings.length ? { findings } : undefined;
  },
};

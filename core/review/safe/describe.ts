import { decodeFunctionData, parseAbi, type Address } from 'viem';
import { nativeSymbol } from '../../chain/chains';
import { text, type Localized } from '../../i18n/localized';
import type { ReviewContext } from '../analyzer';
import { describeCall } from '../call-description';
import { formatAmount, nameAddress, shortHex } from '../format';
import { labelOf } from '../labels';
import type { Step } from './execution';
import { contractLabel, safeContractAt } from './libraries';
import type { ControlChange } from './management';
import type { OwnerSet } from './owners';

const ZERO = '0x0000000000000000000000000000000000000000';
const APPROVE_HASH_ABI = parseAbi(['function approveHash(bytes32 hashToApprove)']);

/** An address with its label: the user's own labels, the well-known list, Safe's deployments, or "you" for the signer. */
export function nameIn(ctx: ReviewContext, address: string): string {
  const safe = safeContractAt(address);
  const you = ctx.parsed.kind === 'typed-data' && ctx.parsed.account?.toLowerCase() === address.toLowerCase() ? 'you' : undefined;
  return nameAddress(address, labelOf(address, ctx.labels) ?? (safe ? contractLabel(safe) : you));
}

/** "0x1234…abcd (you), 0x5678…ef01, 2 of 2" */
export function ownerSetText(ctx: ReviewContext, set: OwnerSet): Localized {
  const list = set.owners.map((o) => nameIn(ctx, o)).join(', ');
  return text(`${list}, ${set.threshold} of ${set.owners.length}`, `${list}（${set.owners.length} 人中 ${set.threshold} 人）`);
}

/** One control change in words; `after`: the owner set it leads to, when the Safe's owners were read. */
export function changeText(ctx: ReviewContext, c: ControlChange, after?: OwnerSet): Localized {
  const n = (a: Address) => nameIn(ctx, a);
  const plural = (t: bigint) => (t === 1n ? 'signature' : 'signatures');
  const sigs = (t: bigint) => (after ? text(`require ${t} of ${after.owners.length} ${plural(t)}`, `必要な署名を ${after.owners.length} 人中 ${t} 人に`) : text(`set the threshold to ${t} ${plural(t)}`, `しきい値を ${t} 人に`));
  const unset = (a: Address) => a === ZERO;
  switch (c.fn) {
    case 'addOwnerWithThreshold': {
      const s = sigs(c.threshold);
      return text(`add owner ${n(c.owner)} and ${s.en}`, `オーナー ${n(c.owner)} を追加し、${s.ja}`);
    }
    case 'removeOwner': {
      const s = sigs(c.threshold);
      return text(`remove owner ${n(c.owner)} and ${s.en}`, `オーナー ${n(c.owner)} を削除し、${s.ja}`);
    }
    case 'swapOwner':
      return text(`replace owner ${n(c.oldOwner)} with ${n(c.newOwner)}`, `オーナー ${n(c.oldOwner)} を ${n(c.newOwner)} に置き換え`);
    case 'changeThreshold': {
      const s = sigs(c.threshold);
      return text(s.en, s.ja);
    }
    case 'enableModule':
      return text(`enable module ${n(c.module)}, which can then move its assets without any owner's signature`, `モジュール ${n(c.module)} を有効化（オーナーの署名なしで資産を動かせるようになります）`);
    case 'disableModule':
      return text(`disable module ${n(c.module)}`, `モジュール ${n(c.module)} を無効化`);
    case 'setGuard':
      return unset(c.guard) ? text('remove its transaction guard', 'トランザクションガードを削除') : text(`set its transaction guard to ${n(c.guard)}, which can block every later transaction`, `トランザクションガードを ${n(c.guard)} に設定（以後のすべての取引を止められます）`);
    case 'setModuleGuard':
      return unset(c.guard) ? text('remove its module guard', 'モジュールガードを削除') : text(`set its module guard to ${n(c.guard)}`, `モジュールガードを ${n(c.guard)} に設定`);
    case 'setFallbackHandler':
      return unset(c.handler)
        ? text('remove its fallback handler (no more signature checks through it)', 'フォールバックハンドラーを削除（これを通じた署名の検証もなくなります）')
        : text(`set its fallback handler to ${n(c.handler)}, which then answers every call the Safe does not know, signature checks (EIP-1271) included`, `フォールバックハンドラーを ${n(c.handler)} に設定（Safe が知らない呼び出しすべて、署名の検証（EIP-1271）を含めて、これが応答します）`);
    case 'changeMasterCopy':
      return text(`replace its own code (singleton) with ${n(c.singleton)}`, `自身のコード（シングルトン）を ${n(c.singleton)} に置き換え`);
    case 'migrate':
      return c.singleton
        ? text(`replace its own code (singleton) with ${n(c.singleton)} (${c.method})`, `自身のコード（シングルトン）を ${n(c.singleton)} に置き換え（${c.method}）`)
        : text(`replace its own code (singleton) with the one Safe's migration library installs (${c.method})`, `自身のコード（シングルトン）を Safe の移行ライブラリが入れるものに置き換え（${c.method}）`);
  }
}

/** One step of what the Safe runs, as a verb phrase ("send 5 ETH to 0x…", "run 0x…'s code as itself (DELEGATECALL)"). */
export async function stepText(ctx: ReviewContext, safe: Address, step: Step, after?: OwnerSet): Promise<Localized> {
  const to = nameIn(ctx, step.call.to);
  switch (step.kind) {
    case 'call': {
      try {
        const hash = decodeFunctionData({ abi: APPROVE_HASH_ABI, data: step.call.data }).args[0];
        return text(`approve the transaction ${hash} of Safe ${to} (as one of its owners)`, `Safe ${to} の取引 ${hash} を承認（オーナーの 1 人として）`);
      } catch {
        return describeCall(ctx, { from: safe, to: step.call.to, value: step.call.value, data: step.call.data });
      }
    }
    case 'control':
      return changeText(ctx, step.change, after);
    case 'self': {
      if (step.call.data === '0x') return text(`send ${valueText(ctx, step.call.value)} to itself`, `自分自身に ${valueText(ctx, step.call.value)} を送金`);
      const sel = step.call.data.length >= 10 ? step.call.data.slice(0, 10) : 'no function';
      return text(`call itself (${sel})`, `自分自身を呼び出し（${sel}）`);
    }
    case 'delegatecall':
      return text(`run ${to}'s code as itself (DELEGATECALL)`, `${to} のコードを自身として実行（DELEGATECALL）`);
    case 'library':
      if (step.contract.contract === 'SignMessageLib') {
        const what = step.signs ? shortHex(step.signs) : 'a message';
        return text(`sign ${what} on chain as the Safe (SignMessageLib): contracts checking the Safe's signature (EIP-1271) will accept it`, `Safe として ${what} にオンチェーンで署名（SignMessageLib）：Safe の署名を確認するコントラクト（EIP-1271）はこれを受け入れます`);
      }
      return text(`deploy a new contract from the Safe (${contractLabel(step.contract)})`, `Safe から新しいコントラクトをデプロイ（${contractLabel(step.contract)}）`);
    case 'malformed':
      return text(`run a batch that cannot be read (${step.reason.en})`, `読み取れないバッチを実行（${step.reason.ja}）`);
    case 'refused':
      return text(`fail: ${step.reason.en}`, `失敗：${step.reason.ja}`);
  }
}

/** "5 ETH" for a value the Safe sends, in the chain's native currency. */
export function valueText(ctx: ReviewContext, value: bigint): string {
  return `${formatAmount(value, 18)} ${nativeSymbol(ctx.request.chainId)}`;
}

import { text, type Localized } from '../../i18n/localized';
import type { Finding } from '../types';
import type { Step } from './execution';

/** "In call 2 of 3: the Safe …" inside a batch, "The Safe …" at the top. */
function titled(where: Localized, en: string, ja: string): Localized {
  return where.en ? text(`In ${where.en}: ${en}`, `${where.ja}：${ja}`) : text(en.charAt(0).toUpperCase() + en.slice(1), ja);
}

/** `safe-delegatecall`: the Safe runs a contract's code as itself, and that contract is not one of Safe's libraries. */
export function delegatecallFinding(step: Extract<Step, { kind: 'delegatecall' }>, who: string): Finding {
  const known = step.contract
    ? text(`${who} is a Safe contract, but not one written to be run this way.`, `${who} は Safe のコントラクトですが、この方法で実行するためのものではありません。`)
    : text(`${who} is not one of Safe's own libraries (MultiSend, SignMessageLib, CreateCall, the migrations) in @safe-global/safe-deployments.`, `${who} は @safe-global/safe-deployments にある Safe 自身のライブラリ（MultiSend、SignMessageLib、CreateCall、移行用）ではありません。`);
  return {
    code: 'safe-delegatecall',
    severity: 'danger',
    title: titled(step.where, `the Safe runs ${who}'s code as itself (DELEGATECALL)`, `Safe が ${who} のコードを自身として実行します（DELEGATECALL）`),
    detail: text(
      `The Safe runs this contract's code as itself; it can take every asset and change the owners. ${known.en} This is how the February 2025 Bybit theft worked: the signers' screens showed a transfer, and the SafeTx they signed was a DELEGATECALL.`,
      `Safe はこのコントラクトのコードを自身として実行します。すべての資産を持ち出し、オーナーを変更できます。${known.ja}2025 年 2 月の Bybit の盗難はこの手口でした：署名者の画面には送金が表示され、署名した SafeTx は DELEGATECALL でした。`,
    ),
  };
}

/** `safe-owner-change`: who can sign for the Safe, or how many must, changes. */
export function ownerChangeFinding(what: Localized, from: Localized | undefined, to: Localized | undefined, unread: Localized | undefined, refused: Localized | undefined): Finding {
  const change = from && to ? text(`: ${from.en} → ${to.en}`, `：${from.ja} → ${to.ja}`) : text('', '');
  const notRead = unread ? text(` The current owners could not be read (${unread.en}): check them in the Safe app.`, ` 現在のオーナーを読み取れませんでした（${unread.ja}）。Safe アプリで確認してください。`) : text('', '');
  const fails = refused ? text(` As the Safe stands now it would refuse this (${refused.en}), and the whole transaction would fail.`, ` 現在の Safe の状態ではこれは拒否され（${refused.ja}）、取引全体が失敗します。`) : text('', '');
  return {
    code: 'safe-owner-change',
    severity: 'danger',
    title: text(`The Safe's owners change${change.en || `: ${what.en}`}`, `Safe のオーナーが変わります${change.ja || `：${what.ja}`}`),
    detail: text(
      `This transaction will ${what.en}. Owners and the threshold decide who controls everything the Safe holds: an owner added by an attacker, or a threshold lowered, hands the Safe over. Confirm every address with the other owners through another channel.${notRead.en}${fails.en}`,
      `この取引は次を行います：${what.ja}。オーナーとしきい値が Safe の全資産の支配者を決めます。攻撃者が追加したオーナーや下げられたしきい値は、Safe を明け渡すことになります。すべてのアドレスを他のオーナーと別の経路で確認してください。${notRead.ja}${fails.ja}`,
    ),
  };
}

/** `safe-control-change`: modules, guards, the fallback handler or the Safe's own code change. */
export function controlChangeFinding(where: Localized, what: Localized): Finding {
  return {
    code: 'safe-control-change',
    severity: 'danger',
    title: titled(where, `the Safe will ${what.en}`, `Safe は次を行います：${what.ja}`),
    detail: text(
      "Modules act for the Safe without the owners' signatures, guards can block its transactions, the fallback handler answers for it (signature checks included), and the singleton is its code: each of these hands part of the Safe's control to another contract. Confirm the address with the other owners through another channel.",
      'モジュールはオーナーの署名なしで Safe として動作し、ガードは取引を止められ、フォールバックハンドラーは Safe に代わって応答し（署名の検証を含む）、シングルトンは Safe のコードそのものです。いずれも Safe の制御の一部を別のコントラクトに渡します。アドレスを他のオーナーと別の経路で確認してください。',
    ),
  };
}

/** `safe-unreadable`: part of the Safe transaction cannot be read, so what the Safe would run is unknown. */
export function unreadableFinding(where: Localized, reason: Localized): Finding {
  return {
    code: 'safe-unreadable',
    severity: 'danger',
    title: titled(where, `part of this Safe transaction cannot be read: ${reason.en}`, `この Safe の取引の一部を読み取れません：${reason.ja}`),
    detail: text(
      'Preflight cannot say what the Safe would run, and the Safe does not refuse everything that is malformed: MultiSend runs what it reads. No honest app builds such a transaction; do not sign what nobody can read.',
      'Safe が何を実行するか Preflight には分かりません。また Safe は不正な形式をすべて拒否するわけではありません（MultiSend は読めた分を実行します）。正当なアプリがこうした取引を作ることはありません。誰も読めないものに署名しないでください。',
    ),
  };
}

import { decodeFunctionData, parseAbi, type Address, type Hex } from 'viem';
import { text, type Localized } from '../../i18n/localized';
import { decodeMigration, decodeSelfCall, type ControlChange } from './management';
import { MIGRATIONS, MULTISENDS, safeContractAt, type SafeContract } from './libraries';
import { unpackMultiSend, type PackedCall } from './multisend';

/** One thing the Safe does when the transaction runs, in order, with where it sits ("call 2 of 3"; empty at the top). */
export type Step =
  /** A CALL from the Safe to another contract or account: reviewed as a transaction the Safe sends. */
  | { kind: 'call'; where: Localized; call: PackedCall }
  /** A CALL from the Safe to itself that changes who controls it. */
  | { kind: 'control'; where: Localized; call: PackedCall; change: ControlChange }
  /** A CALL from the Safe to itself that changes nothing about control (approveHash…). */
  | { kind: 'self'; where: Localized; call: PackedCall }
  /** DELEGATECALL to a contract that is not one of Safe's libraries: that code runs as the Safe. */
  | { kind: 'delegatecall'; where: Localized; call: PackedCall; contract?: SafeContract }
  /** DELEGATECALL to SignMessageLib or CreateCall. */
  | { kind: 'library'; where: Localized; call: PackedCall; contract: SafeContract; signs?: Hex }
  /** A batch (DELEGATECALL to MultiSend / MultiSendCallOnly) that cannot be read to its end. */
  | { kind: 'malformed'; where: Localized; call: PackedCall; reason: Localized }
  /** Something the Safe refuses to run (the whole transaction fails). */
  | { kind: 'refused'; where: Localized; call: PackedCall; reason: Localized };

export interface Execution {
  steps: Step[];
  /** The top-level call is a batch through MultiSend / MultiSendCallOnly. */
  batch?: SafeContract;
}

const SIGN_MESSAGE_ABI = parseAbi(['function signMessage(bytes _data)']);
const MAX_DEPTH = 4;
const MAX_STEPS = 256;

function signedMessage(data: Hex): Hex | undefined {
  try {
    return decodeFunctionData({ abi: SIGN_MESSAGE_ABI, data }).args[0];
  } catch {
    return undefined;
  }
}

/**
 * Everything the Safe at `safe` will do for one call, unpacking MultiSend batches (nested ones too, to a bounded
 * depth) into the calls the Safe itself makes: what the review checks is what executes, not the envelope.
 */
export function executionOf(safe: Address, top: PackedCall): Execution {
  const steps: Step[] = [];
  const topContract = top.operation === 1 ? safeContractAt(top.to) : undefined;
  const walk = (call: PackedCall, where: Localized, depth: number, callOnly: boolean) => {
    if (steps.length >= MAX_STEPS) return;
    if (call.operation > 1) {
      steps.push({ kind: 'refused', where, call, reason: text(`operation ${call.operation} is neither CALL (0) nor DELEGATECALL (1)`, `operation ${call.operation} は CALL（0）でも DELEGATECALL（1）でもありません`) });
      return;
    }
    if (call.operation === 0) {
      if (call.to.toLowerCase() !== safe.toLowerCase()) return void steps.push({ kind: 'call', where, call });
      const change = decodeSelfCall(call.data);
      steps.push(change ? { kind: 'control', where, call, change } : { kind: 'self', where, call });
      return;
    }
    if (callOnly) {
      steps.push({ kind: 'refused', where, call, reason: text('MultiSendCallOnly refuses DELEGATECALL', 'MultiSendCallOnly は DELEGATECALL を受け付けません') });
      return;
    }
    const contract = safeContractAt(call.to);
    if (!contract?.library) return void steps.push({ kind: 'delegatecall', where, call, contract });
    if (MULTISENDS.has(contract.contract)) {
      const batch = unpackMultiSend(call.data);
      if (!batch) return void steps.push({ kind: 'malformed', where, call, reason: text(`the data is not a multiSend(bytes) call (selector ${call.data.slice(0, 10)})`, `データが multiSend(bytes) の呼び出しではありません（セレクタ ${call.data.slice(0, 10)}）`) });
      if (depth >= MAX_DEPTH) return void steps.push({ kind: 'malformed', where, call, reason: text(`batches nested more than ${MAX_DEPTH} deep`, `${MAX_DEPTH} 段を超える入れ子のバッチ`) });
      const n = batch.calls.length;
      const of = batch.malformed ? `${n}+` : `${n}`;
      batch.calls.forEach((inner, i) => {
        const here = text(`${where.en ? `${where.en} › ` : ''}call ${i + 1} of ${of}`, `${where.ja ? `${where.ja} › ` : ''}呼び出し ${i + 1}/${of}`);
        walk(inner, here, depth + 1, contract.contract === 'MultiSendCallOnly');
      });
      if (batch.malformed) steps.push({ kind: 'malformed', where, call, reason: batch.malformed });
      return;
    }
    if (MIGRATIONS.has(contract.contract)) return void steps.push({ kind: 'control', where, call, change: decodeMigration(call.data) });
    steps.push({ kind: 'library', where, call, contract, ...(contract.contract === 'SignMessageLib' ? { signs: signedMessage(call.data) } : {}) });
  };
  walk(top, text('', ''), 0, false);
  return { steps, ...(topContract && MULTISENDS.has(topContract.contract) ? { batch: topContract } : {}) };
}

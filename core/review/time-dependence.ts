import { numberToHex, type Address } from 'viem';
import { text, type Localized } from '../i18n/localized';
import { readsNamed, type BlockContextReads } from './block-context-scan';
import type { Outcome } from './outcome';
import { compareOutcomes, type OutcomeChange } from './outcome-diff';
import { describeChange } from './outcome-text';
import type { BlockOverrides } from './simulate';
import type { Finding, Severity } from './types';

/**
 * Does the outcome depend on when the transaction is mined? The review simulates it on top of the latest block and
 * again in a block 1 minute and 1 hour later (eth_simulateV1 block overrides: timestamp and number), and compares
 * what the user sends and receives (pure; core/review/analyzers/simulation.ts runs the simulations).
 */
export interface LaterBlock {
  seconds: number;
  label: Localized;
}

export const LATER_BLOCKS: readonly LaterBlock[] = [
  { seconds: 60, label: text('1 minute later', '1 分後') },
  { seconds: 3_600, label: text('1 hour later', '1 時間後') },
];

/** Overrides for a block `seconds` after the head: its timestamp plus `seconds`, and as many blocks on as the chain makes meanwhile (at least one). */
export function laterOverrides(head: { number: bigint; timestamp: bigint }, seconds: number, blockTimeSeconds: number): BlockOverrides {
  const blocks = BigInt(Math.max(1, Math.ceil(seconds / Math.max(blockTimeSeconds, 0.001))));
  return { number: numberToHex(head.number + blocks), time: numberToHex(head.timestamp + BigInt(seconds)) };
}

/** What a simulation at a later block gave: its outcome, or why it could not run. */
export type LaterOutcome = { at: LaterBlock; outcome: Outcome } | { at: LaterBlock; error: string };

/** A called contract whose bytecode was scanned, for the finding's detail. */
export interface ScannedContract {
  address: Address;
  /** "0x1234…abcd (name)" */
  name: string;
  reads: BlockContextReads;
}

const LOSS: ReadonlySet<OutcomeChange['kind']> = new Set(['new-outflow', 'outflow-grew', 'inflow-gone']);

/** danger: what the user receives disappears or what they send grows (or appears); warn: it shrinks; info: it moves in their favour. */
function severityOf(changes: readonly OutcomeChange[], baseReverts: boolean): Severity {
  if (changes.some((c) => LOSS.has(c.kind))) return baseReverts ? 'warn' : 'danger';
  if (changes.some((c) => c.worse)) return 'warn';
  return 'info';
}

function scanSentence(scans: readonly ScannedContract[]): Localized {
  const reading = scans.filter((s) => s.reads.timestamp || s.reads.number);
  const delegating = scans.filter((s) => s.reads.delegatecall || s.reads.delegatedTo);
  const parts: Localized[] = reading.map((s) => text(`${s.name}'s code reads ${readsNamed(s.reads).join(', ')}.`, `${s.name} のコードは ${readsNamed(s.reads).join('、')} を読み取ります。`));
  if (reading.length === 0) parts.push(text('The called contract\'s own code does not read the block\'s time or number: code it calls or delegates to does, which a bytecode scan cannot see.', '呼び出すコントラクト自身のコードはブロックの時刻も番号も読みません。それが呼び出す、または委任する先のコードが読んでおり、バイトコードの走査では見えません。'));
  else if (delegating.length > 0) parts.push(text('It also runs other code (a proxy or library) that a bytecode scan cannot see.', 'また、バイトコードの走査では見えない別のコード（プロキシやライブラリ）も実行します。'));
  return text(parts.map((p) => p.en).join(' '), parts.map((p) => p.ja).join(''));
}

/**
 * `outcome-depends-on-time` when a later block gives another outcome beyond the tolerance. A later block where the
 * transaction fails is not one: deadlines (every swap router has one) make honest transactions fail later, and a
 * failing transaction moves nothing but its fee.
 */
export function timeDependenceFinding(base: Outcome, later: readonly LaterOutcome[], scans: readonly ScannedContract[]): Finding | undefined {
  const moved = later.flatMap((l) => ('outcome' in l ? [{ at: l.at, changes: compareOutcomes(base, { ...l.outcome, parties: base.parties }).filter((c) => c.kind !== 'now-reverts') }] : [])).filter((l) => l.changes.length > 0);
  const first = moved[0];
  if (!first) return undefined;
  const all = moved.flatMap((m) => m.changes);
  const severity = severityOf(all, !!base.revert);
  const lines = first.changes.slice(0, 3).map(describeChange);
  const when = first.at.label;
  const title =
    severity === 'info'
      ? text(`The outcome depends on when it is mined: mined ${when.en}, it moves in your favour`, `結果は取り込まれる時刻で変わります：${when.ja}に取り込まれると、あなたに有利に変わります`)
      : severity === 'warn' && !base.revert
        ? text(`The outcome depends on when it is mined: mined ${when.en}, you would get less`, `結果は取り込まれる時刻で変わります：${when.ja}に取り込まれると、受け取りが減ります`)
        : base.revert
          ? text(`It fails now, but mined ${when.en} it would go through and move your assets`, `今は失敗しますが、${when.ja}に取り込まれると成立し、資産が動きます`)
          : text(`The outcome depends on when it is mined: mined ${when.en}, it takes more from you than the simulation shows`, `結果は取り込まれる時刻で変わります：${when.ja}に取り込まれると、シミュレーションより多くを失います`);
  const detail = text(
    `Simulated in the next block and again ${moved.map((m) => m.at.label.en).join(' and ')}: ${lines.map((l) => l.en).join('; ')}. A contract that pays while a wallet simulates it and takes the deposit once the block is later is how "simulation spoofing" drains wallets. ${scanSentence(scans).en}`,
    `次のブロックと${moved.map((m) => m.at.label.ja).join('・')}でシミュレーションしました：${lines.map((l) => l.ja).join('／')}。ウォレットのシミュレーション中は支払い、時刻が進むと預けた資産を奪うのが「シミュレーション偽装」の手口です。${scanSentence(scans).ja}`,
  );
  return { code: 'outcome-depends-on-time', severity, title, detail };
}

import { hexToString, size, type Address, type Hex } from 'viem';
import { chainName } from '../../chain/chains';
import { text, type Localized } from '../../i18n/localized';
import type { Analyzer, ReviewContext } from '../analyzer';
import { shortHex } from '../format';
import type { TypedDataPayload } from '../request';
import type { AnalyzerResult, Finding, ReviewCard } from '../types';
import { nameIn, ownerSetText, stepText, valueText } from './describe';
import { executionOf, type Step } from './execution';
import { controlChangeFinding, delegatecallFinding, ownerChangeFinding, unreadableFinding } from './findings';
import { safeHashes, type SafeHashes } from './hashes';
import { MAX_REVIEWED_CALLS, reviewSafeCalls, type SafeCall } from './inner-calls';
import { OWNER_FUNCTIONS, type ControlChange } from './management';
import { applyOwnerChanges, type OwnerSet } from './owners';
import { refundFinding, refundOf } from './refund';
import { readSafeState, type SafeState } from './state';
import type { SafeTypedData } from './typed-data';

type Row = ReviewCard['rows'][number];
const ZERO: Address = '0x0000000000000000000000000000000000000000';
const MAX_LINES = 4;

/** How a hardware wallet shows EIP-712 hashes (0x and upper-case hex, as Ledger prints them); the Safe app's safeTxHash stays lower-case. */
const device = (h: Hex) => `0x${h.slice(2).toUpperCase()}`;

function hashRows(h: SafeHashes | undefined, signedLabel: Localized, why: Localized | undefined): Row[] {
  if (!h) return [{ label: text('Hashes', 'ハッシュ'), value: why ?? text('not shown: the request does not hash the way a Safe does', '表示しません：リクエストが Safe と同じ方法でハッシュされません') }];
  return [
    { label: text('Domain hash', 'ドメインハッシュ'), value: device(h.domainHash), mono: true },
    { label: text('Message hash', 'メッセージハッシュ'), value: device(h.messageHash), mono: true },
    { label: signedLabel, value: h.signedHash, mono: true },
  ];
}

function networkRow(ctx: ReviewContext, chainId: number | undefined): Row {
  return {
    label: text('Network', 'ネットワーク'),
    value:
      chainId !== undefined
        ? chainName(chainId)
        : text(
            `any chain this Safe exists on (the domain has no chain id, as in Safes before 1.3.0); your wallet is on ${chainName(ctx.request.chainId)}`,
            `この Safe が存在するすべてのチェーン（1.3.0 より前の Safe と同じく、ドメインにチェーン ID がありません）。ウォレットは ${chainName(ctx.request.chainId)} 上です`,
          ),
  };
}

function stateRows(ctx: ReviewContext, state: SafeState, signer: Address | undefined): Row[] {
  if (!state.owners || state.threshold === undefined) return [{ label: text('Owners', 'オーナー'), value: text(`not read: ${state.unread?.en ?? 'unknown'}`, `読み取れません：${state.unread?.ja ?? '不明'}`) }];
  const rows: Row[] = [{ label: text('Owners now', '現在のオーナー'), value: ownerSetText(ctx, { owners: state.owners, threshold: state.threshold }) }];
  if (signer) {
    rows.push({
      label: text('You', 'あなた'),
      value: state.owners.includes(signer) ? text('an owner', 'オーナー') : text('not an owner: your signature does not count for this Safe', 'オーナーではありません：あなたの署名はこの Safe では数えられません'),
    });
  }
  if (state.version) rows.push({ label: text('Safe version (read)', 'Safe のバージョン（読み取り）'), value: state.version });
  return rows;
}

function nonceRow(nonce: bigint, state: SafeState): Row {
  const now = state.nonce;
  const where =
    now === undefined
      ? text('', '')
      : nonce < now
        ? text(` (already used: the Safe is at ${now}, this can never run)`, `（使用済み：Safe は ${now}、これは実行できません）`)
        : nonce === now
          ? text(' (the next one the Safe will run)', '（Safe が次に実行するもの）')
          : text(` (queued: ${nonce - now} before it)`, `（待機中：先に ${nonce - now} 件）`);
  return { label: text('Nonce', 'ノンス'), value: text(`${nonce}${where.en}`, `${nonce}${where.ja}`) };
}

function sentence(safe: string, lines: Localized[], steps: readonly Step[]): Localized {
  if (lines.length === 0) return text(`The Safe ${safe} will run an empty batch (nothing)`, `Safe ${safe} は空のバッチを実行します（何もしません）`);
  if (lines.length === 1) return text(`The Safe ${safe} will ${lines[0]!.en}`, `Safe ${safe} は次を行います：${lines[0]!.ja}`);
  const shown = lines.slice(0, MAX_LINES);
  const more = lines.length - shown.length;
  const n = steps.length;
  return text(
    `The Safe ${safe} will run ${n} calls in one batch: ${shown.map((l) => l.en).join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
    `Safe ${safe} は ${n} 件の呼び出しを 1 つのバッチで実行します：${shown.map((l) => l.ja).join('、')}${more > 0 ? `、ほか ${more} 件` : ''}`,
  );
}

/** The owner set after each owner change, in order (undefined without the current owners). */
function ownerTimeline(state: SafeState, changes: readonly ControlChange[]): { each: (OwnerSet | undefined)[]; final?: OwnerSet & { refused?: Localized } } {
  if (!state.owners || state.threshold === undefined) return { each: changes.map(() => undefined) };
  let current: OwnerSet & { refused?: Localized } = { owners: state.owners, threshold: state.threshold };
  const each: (OwnerSet | undefined)[] = [];
  for (const c of changes) {
    if (!current.refused) current = applyOwnerChanges(current, [c]);
    each.push(current.refused ? undefined : current);
  }
  return { each, final: current };
}

async function reviewTx(ctx: ReviewContext, s: Extract<SafeTypedData, { kind: 'tx' }>, hashes: SafeHashes | undefined, innerAnalyzers: readonly Analyzer[]): Promise<AnalyzerResult> {
  const safe = s.safe ?? ZERO;
  const signer = ctx.parsed.kind === 'typed-data' ? ctx.parsed.account : undefined;
  const safeName = nameIn(ctx, safe);
  const tx = s.tx;
  const exec = executionOf(safe, { operation: tx.operation, to: tx.to, value: tx.value, data: tx.data });
  const calls: SafeCall[] = exec.steps.flatMap((st) => (st.kind === 'call' ? [{ where: st.where, tx: { from: safe, to: st.call.to, value: st.call.value, data: st.call.data } }] : []));
  // Everything that reads the chain at once: the Safe's owners and nonce, the checks of its calls, the refund token.
  const [state, inner, refund] = await Promise.all([
    s.safe ? readSafeState(ctx, s.safe) : Promise.resolve<SafeState>({ unread: text('the request names no Safe', 'リクエストに Safe の指定がありません') }),
    reviewSafeCalls(ctx, safe, calls, innerAnalyzers),
    refundOf(ctx, tx),
  ]);

  const ownerSteps = exec.steps.filter((st): st is Extract<Step, { kind: 'control' }> => st.kind === 'control' && OWNER_FUNCTIONS.has(st.change.fn));
  const timeline = ownerTimeline(state, ownerSteps.map((st) => st.change));
  const lines = await Promise.all(exec.steps.map((st) => stepText(ctx, safe, st, st.kind === 'control' ? timeline.each[ownerSteps.indexOf(st)] : undefined)));

  const findings: Finding[] = [];
  for (const st of exec.steps) {
    if (st.kind === 'delegatecall') findings.push(delegatecallFinding(st, nameIn(ctx, st.call.to)));
    if (st.kind === 'control' && !OWNER_FUNCTIONS.has(st.change.fn)) findings.push(controlChangeFinding(st.where, lines[exec.steps.indexOf(st)]!));
    if (st.kind === 'malformed') findings.push(unreadableFinding(st.where, st.reason));
  }
  if (ownerSteps.length > 0) {
    const what = ownerSteps.map((st) => lines[exec.steps.indexOf(st)]!);
    const joined = text(what.map((w) => w.en).join('; '), what.map((w) => w.ja).join('、'));
    const before = state.owners && state.threshold !== undefined ? ownerSetText(ctx, { owners: state.owners, threshold: state.threshold }) : undefined;
    const after = timeline.final && !timeline.final.refused ? ownerSetText(ctx, timeline.final) : undefined;
    findings.push(ownerChangeFinding(joined, before, after, state.unread, timeline.final?.refused));
  }
  for (const u of s.unreadable) findings.push(unreadableFinding(text('', ''), u));
  if (refund) findings.push(refundFinding(refund, tx, state.owners, signer, (a) => nameIn(ctx, a)));
  findings.push(...inner);

  const op = tx.operation === 0 ? 'CALL' : tx.operation === 1 ? 'DELEGATECALL' : `${tx.operation} (unknown: the Safe refuses it)`;
  const rows: Row[] = [
    { label: text('Safe', 'Safe'), value: text(`${safeName}${s.versions ? ` (${s.versions.en})` : ''}`, `${safeName}${s.versions ? `（${s.versions.ja}）` : ''}`) },
    networkRow(ctx, s.chainId),
    { label: text('Operation', '操作'), value: op },
    { label: text('To', '宛先'), value: nameIn(ctx, tx.to) },
    ...(tx.value > 0n ? [{ label: text('Value', '送金額'), value: valueText(ctx, tx.value) }] : []),
    { label: text('Data', 'データ'), value: tx.data === '0x' ? text('none', 'なし') : text(`${size(tx.data)} bytes, function ${tx.data.slice(0, 10)}`, `${size(tx.data)} バイト、関数 ${tx.data.slice(0, 10)}`) },
    nonceRow(tx.nonce, state),
    { label: text('Gas refund', 'ガス払い戻し'), value: refund ? text(`${refund.amount.en} to ${refund.receiver ? nameIn(ctx, refund.receiver) : 'whoever submits it'}`, `${refund.receiver ? nameIn(ctx, refund.receiver) : '送信者'} に ${refund.amount.ja}`) : text('none (gasPrice 0)', 'なし（gasPrice 0）') },
    ...stateRows(ctx, state, signer),
    ...hashRows(hashes, text('safeTxHash', 'safeTxHash'), undefined),
  ];
  const problems = [...s.problems, ...s.unreadable];
  const cards: ReviewCard[] = [
    {
      kind: 'safe',
      title: text('Safe transaction (SafeTx)', 'Safe の取引（SafeTx）'),
      rows,
      note: problems.length
        ? text(problems.map((p) => p.en).join('. '), problems.map((p) => p.ja).join('。'))
        : text("Your hardware wallet shows the domain hash and the message hash when you sign; the Safe app shows the safeTxHash. All must match what you see here.", 'ハードウェアウォレットは署名時にドメインハッシュとメッセージハッシュを表示し、Safe アプリは safeTxHash を表示します。すべてここに表示された値と一致する必要があります。'),
    },
  ];
  if (exec.steps.length > 1 || exec.batch) {
    const more = calls.length > MAX_REVIEWED_CALLS ? text(`Only the first ${MAX_REVIEWED_CALLS} calls were checked one by one.`, `個別に確認したのは最初の ${MAX_REVIEWED_CALLS} 件だけです。`) : undefined;
    cards.push({ kind: 'safe-batch', title: text(`What the Safe runs, in order (${exec.steps.length})`, `Safe が実行する内容（順番どおり、${exec.steps.length} 件）`), rows: exec.steps.map((st, i) => ({ label: st.where.en ? st.where : text(`${i + 1}`, `${i + 1}`), value: lines[i]! })), note: more });
  }
  const summary = problems.length
    ? text(`A SafeTx for ${safeName} that ${s.problems.length ? 'no Safe can execute' : 'cannot be read'}: ${problems[0]!.en}`, `${safeName} の SafeTx（${s.problems.length ? 'どの Safe でも実行できません' : '読み取れません'}）：${problems[0]!.ja}`)
    : sentence(safeName, lines, exec.steps);
  return { findings, cards, summary };
}

function messageText(message: Hex): Localized {
  if (size(message) === 32) return text(`the hash ${message}`, `ハッシュ ${message}`);
  try {
    const s = hexToString(message);
    if (!/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(s)) return text(`“${s.slice(0, 80)}${s.length > 80 ? '…' : ''}”`, `「${s.slice(0, 80)}${s.length > 80 ? '…' : ''}」`);
  } catch {
    // binary: said as bytes below
  }
  return text(`${size(message)} bytes (${shortHex(message)})`, `${size(message)} バイト（${shortHex(message)}）`);
}

async function reviewMessage(ctx: ReviewContext, s: Extract<SafeTypedData, { kind: 'message' }>, hashes: SafeHashes | undefined): Promise<AnalyzerResult> {
  const signer = ctx.parsed.kind === 'typed-data' ? ctx.parsed.account : undefined;
  const safeName = nameIn(ctx, s.safe ?? ZERO);
  const state = s.safe ? await readSafeState(ctx, s.safe) : { unread: text('the request names no Safe', 'リクエストに Safe の指定がありません') };
  const what = messageText(s.message);
  const finding: Finding = {
    code: 'safe-message',
    severity: 'info',
    title: text(`A signature for the Safe ${safeName}: it will count as the Safe's own signature of ${what.en}`, `Safe ${safeName} のための署名：${what.ja} への Safe 自身の署名として扱われます`),
    detail: text(
      "Once enough owners sign, any contract that checks the Safe's signature (EIP-1271) accepts it: a sign-in, an order, a permit, whatever the hash stands for. MetaMask shows only these bytes; the Safe app shows the message they were made from. Check that message there, and the hashes below on your device.",
      '必要な数のオーナーが署名すると、Safe の署名を確認するコントラクト（EIP-1271）はこれを受け入れます。サインイン、注文、Permit など、ハッシュが表すものすべてです。MetaMask はこのバイト列しか表示しません。元のメッセージは Safe アプリで確認し、下のハッシュはデバイスで確認してください。',
    ),
  };
  const problems = [...s.problems, ...s.unreadable];
  const card: ReviewCard = {
    kind: 'safe',
    title: text('Safe message (SafeMessage)', 'Safe のメッセージ（SafeMessage）'),
    rows: [
      { label: text('Safe', 'Safe'), value: text(`${safeName}${s.versions ? ` (${s.versions.en})` : ''}`, `${safeName}${s.versions ? `（${s.versions.ja}）` : ''}`) },
      networkRow(ctx, s.chainId),
      { label: text('Message', 'メッセージ'), value: s.message, mono: true },
      ...stateRows(ctx, state, signer),
      ...hashRows(hashes, text('Safe message hash', 'Safe メッセージハッシュ'), undefined),
    ],
    note: problems.length ? text(problems.map((p) => p.en).join('. '), problems.map((p) => p.ja).join('。')) : undefined,
  };
  return {
    findings: [finding, ...s.unreadable.map((u) => unreadableFinding(text('', ''), u))],
    cards: [card],
    summary: text(`Sign for the Safe ${safeName}: the Safe's signature of ${what.en}`, `Safe ${safeName} として署名：${what.ja} への Safe の署名`),
  };
}

/**
 * A Safe transaction or message, reviewed: what the Safe will do in one sentence, DELEGATECALLs to anything but
 * Safe's libraries, owner and control changes against the Safe's current owners, MultiSend batches unpacked and each
 * call checked as the Safe's own transaction, gas refunds that pay someone, and the hashes to compare on the device.
 */
export async function reviewSafe(ctx: ReviewContext, data: TypedDataPayload, s: SafeTypedData, innerAnalyzers: readonly Analyzer[]): Promise<AnalyzerResult> {
  const hashes = safeHashes(data, s);
  return s.kind === 'tx' ? reviewTx(ctx, s, hashes, innerAnalyzers) : reviewMessage(ctx, s, hashes);
}

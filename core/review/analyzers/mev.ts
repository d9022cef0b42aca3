import type { Address, Hex } from 'viem';
import { text, type Localized } from '../../i18n/localized';
import { analyzeSwap, decodeSwap, NATIVE_PLACEHOLDER, type MevAnalysis } from '../../mev';
import type { Analyzer, ReviewContext } from '../analyzer';
import { tokenInfo } from '../chain-reads';
import { formatAmount, nameAddress, shortHex } from '../format';
import { labelOf } from '../labels';
import type { AnalyzerResult, Finding, ReviewCard } from '../types';

const pct = (bps: number) => `${(bps / 100).toFixed(2)} %`;
const DEFAULT_TIP = 1_000_000_000n;

function adviceText(a: MevAnalysis): Localized {
  const advice = a.advice;
  if (!advice) return text('', '');
  switch (advice.kind) {
    case 'ok':
      return a.protection.protected
        ? text('Sent privately: public sandwich bots should not see this swap.', 'プライベート送信：公開のサンドイッチボットにはこのスワップが見えないはずです。')
        : text('No sandwich pays at your slippage.', 'このスリッページではサンドイッチ攻撃は採算が合いません。');
    case 'tighten':
      return text(`Set the slippage to ${pct(advice.slippageBps)} in the dApp before you sign.`, `署名する前に dApp でスリッページを ${pct(advice.slippageBps)} に設定してください。`);
    case 'split':
      return text(`Split into ${advice.parts} swaps at ${pct(advice.slippageBps)} each.`, `${advice.parts} 回に分け、それぞれスリッページ ${pct(advice.slippageBps)} でスワップしてください。`);
    case 'private-rpc':
      return text(
        'Send it through a private RPC (Flashbots Protect: in MetaMask, Settings → Networks → RPC URL https://rpc.flashbots.net/fast).',
        'プライベート RPC で送信してください（Flashbots Protect：MetaMask の 設定 → ネットワーク → RPC URL に https://rpc.flashbots.net/fast）。',
      );
    case 'intent-venue':
      return text('Use an intent-based venue (UniswapX, CoW Swap), where solvers fill the order off the public mempool.', 'インテント型の取引所（UniswapX、CoW Swap）を使ってください。公開メンプールを通らずに約定します。');
  }
}

/** "Swap 1 WETH for at least 8,159.49 VOL on 0xb19b…f431 (Uniswap V2 Router)", from the calldata alone. */
async function swapSummary(ctx: ReviewContext, intent: NonNullable<ReturnType<typeof decodeSwap>>): Promise<Localized | undefined> {
  const tokenIn = intent.tokenIn as Address;
  const tokenOut = intent.tokenOut as Address;
  const read = (a: Address, native?: boolean) => (native || a.toLowerCase() === NATIVE_PLACEHOLDER.toLowerCase() ? Promise.resolve(undefined) : tokenInfo(ctx, a).catch(() => undefined));
  const [inn, out] = await Promise.all([read(tokenIn, intent.nativeIn), read(tokenOut, intent.nativeOut)]);
  const sym = (t: typeof inn, a: Address) => t?.symbol ?? (a.toLowerCase() === NATIVE_PLACEHOLDER.toLowerCase() || (a === tokenIn ? intent.nativeIn : intent.nativeOut) ? 'ETH' : shortHex(a));
  const amt = (v: bigint | undefined, t: typeof inn) => (v === undefined ? '?' : formatAmount(v, t?.decimals ?? 18));
  const where = nameAddress(intent.router, labelOf(intent.router, ctx.labels));
  if (intent.exactInput) {
    return text(
      `Swap ${amt(intent.amountIn, inn)} ${sym(inn, tokenIn)} for at least ${amt(intent.amountOutMin, out)} ${sym(out, tokenOut)} on ${where}`,
      `${where} で ${amt(intent.amountIn, inn)} ${sym(inn, tokenIn)} を最低 ${amt(intent.amountOutMin, out)} ${sym(out, tokenOut)} にスワップ`,
    );
  }
  return text(
    `Swap at most ${amt(intent.amountInMax, inn)} ${sym(inn, tokenIn)} for ${amt(intent.amountOut, out)} ${sym(out, tokenOut)} on ${where}`,
    `${where} で最大 ${amt(intent.amountInMax, inn)} ${sym(inn, tokenIn)} を ${amt(intent.amountOut, out)} ${sym(out, tokenOut)} にスワップ`,
  );
}

/**
 * MEV risk of a swap: what a sandwich could take from the pool's live state, and the safe slippage. A swap inside a
 * wallet_sendCalls batch (approve + swap is how upgraded accounts trade) gets the same check as one sent alone: the
 * batch lands in the same public mempool, and the pool math does not depend on the approval before it.
 */
export const mevAnalyzer: Analyzer = {
  id: 'mev',
  kinds: ['transaction', 'calls'],
  async analyze(ctx: ReviewContext): Promise<AnalyzerResult | undefined> {
    const p = ctx.parsed;
    if (p.kind === 'transaction') return p.tx.to ? analyzeOne(ctx, { from: p.tx.from, to: p.tx.to, data: p.tx.data, value: p.tx.value }, p.tx.maxPriorityFeePerGas) : undefined;
    if (p.kind !== 'calls') return undefined;
    const swaps = p.calls.flatMap((c, index) => (c.to ? [{ index, tx: { from: p.from, to: c.to, data: c.data, value: c.value } }] : [])).filter((s) => decodeSwap(s.tx, ctx.request.chainId));
    if (swaps.length === 0) return undefined; // no swap in the batch: no RPC spent
    const results = await Promise.all(swaps.map((s) => analyzeOne(ctx, s.tx, undefined, swaps.length > 1 || p.calls.length > 1 ? s.index : undefined)));
    // The batch's own summary (the batch check) says what each call does; here only the findings and MEV cards.
    return { findings: results.flatMap((r) => r?.findings ?? []), cards: results.flatMap((r) => r?.cards ?? []) };
  },
};

async function analyzeOne(ctx: ReviewContext, tx: { from?: Address; to: Address; data: Hex; value: bigint }, tip: bigint | undefined, call?: number): Promise<AnalyzerResult | undefined> {
  const intent = decodeSwap(tx, ctx.request.chainId);
  if (!intent) return undefined; // not a swap: no RPC spent
  if (!ctx.client) return undefined;
  const where = call !== undefined ? text(` (call ${call + 1})`, `（${call + 1} 番目の呼び出し）`) : text('', '');
  const summary = await swapSummary(ctx, intent);
  const block = await ctx.client.getBlock();
  const a = await analyzeSwap({
    client: ctx.client,
    tx,
    chainId: ctx.request.chainId,
    baseFeeWei: block.baseFeePerGas ?? 0n,
    priorityFeeWei: tip ?? DEFAULT_TIP,
    ethPriceUsd: ctx.ethUsd,
    privateRpc: ctx.privateRpc,
  });
  if (!a.computed || a.quoteOut === undefined) {
    return {
      summary,
      cards: [{ kind: 'mev', title: text(`MEV risk${where.en}`, `MEV リスク${where.ja}`), rows: [], note: text(`Not computed: ${a.reason ?? 'unsupported route'}.`, `計算できませんでした：${a.reason ?? '未対応の経路'}。`) }],
    };
  }
  const tokenOut = a.intent.tokenOut as Address;
  const tokenIn = a.intent.tokenIn as Address;
  const [out, inn] = await Promise.all([tokenInfo(ctx, tokenOut).catch(() => undefined), tokenInfo(ctx, tokenIn).catch(() => undefined)]);
  const fmtOut = (v: bigint) => `${formatAmount(v, out?.decimals ?? 18)} ${out?.symbol ?? shortHex(tokenOut)}`;
  const fmtIn = (v: bigint) => `${formatAmount(v, inn?.decimals ?? 18)} ${inn?.symbol ?? shortHex(tokenIn)}`;
  const lossToken = a.exactInput ? fmtOut : fmtIn;
  const findings: Finding[] = [];
  const loss = a.victimLoss ?? 0n;
  if (a.severity === 'warn' || a.severity === 'danger') {
    findings.push({
      code: 'sandwich-risk',
      severity: a.severity,
      title: text(`A sandwich bot could take ${lossToken(loss)} (${pct(Math.round((a.lossShare ?? 0) * 10_000))} of the trade)${where.en}`, `サンドイッチボットが ${lossToken(loss)}（取引の ${pct(Math.round((a.lossShare ?? 0) * 10_000))}）を奪える可能性があります${where.ja}`),
      detail: adviceText(a),
    });
  }
  if (a.highSlippage) {
    findings.push({
      code: 'high-slippage',
      severity: 'warn',
      title: text(`Slippage ${pct(a.currentSlippageBps ?? 0)} is far above the ${pct(a.safeSlippageBps ?? 0)} this pool needs${where.en}`, `スリッページ ${pct(a.currentSlippageBps ?? 0)} は、このプールに必要な ${pct(a.safeSlippageBps ?? 0)} を大きく上回っています${where.ja}`),
      detail: text('Everything between the quote and your minimum is there for the taking.', '見積もりと最低受取額の差はすべて奪われうる額です。'),
    });
  }
  const card: ReviewCard = {
    kind: 'mev',
    title: text(`MEV risk${where.en}`, `MEV リスク${where.ja}`),
    rows: [
      { label: text('Quote now', '現在の見積もり'), value: a.exactInput ? fmtOut(a.quoteOut) : fmtIn(a.quoteIn ?? 0n) },
      { label: text('Your minimum', 'あなたの最低受取額'), value: a.exactInput ? fmtOut(a.minOut ?? 0n) : fmtIn(a.maxIn ?? 0n) },
      { label: text('Maximum extractable', '最大抽出可能額'), value: lossToken(a.maxExtractable ?? 0n) },
      { label: text('Attacker profit after gas', '攻撃者の利益（ガス差引後）'), value: (a.attackerProfit ?? 0n) > 0n ? fmtIn(a.attackerProfit ?? 0n) : text('none: a sandwich does not pay', 'なし：サンドイッチは採算が合いません') },
      { label: text('Your slippage', 'あなたのスリッページ'), value: pct(a.currentSlippageBps ?? 0) },
      { label: text('Safe slippage', '安全なスリッページ'), value: pct(a.safeSlippageBps ?? 0) },
      { label: text('Route', '経路'), value: a.protection.protected ? text('private (protected)', 'プライベート（保護あり）') : text('public mempool', '公開メンプール') },
    ],
    note: adviceText(a),
  };
  return { findings, cards: [card], summary };
}

import type { Address } from 'viem';
import { nativeSymbol } from '../../chain/chains';
import { text, type Localized } from '../../i18n/localized';
import { decodeSwap, NATIVE_PLACEHOLDER, type SwapIntent } from '../../mev';
import type { SwapPayout } from '../../mev/types';
import type { Analyzer, ReviewContext } from '../analyzer';
import { formatAmount, nameAddress } from '../format';
import { tokenMeta } from '../known-tokens';
import { labelOf } from '../labels';
import type { TxFields } from '../request';
import type { AnalyzerResult, Finding } from '../types';

/** A share of the router's balance up to 1 % is an interface fee (Uniswap's is 0.15–0.25 %); more is a payout. */
const FEE_BIPS = 100n;
/** Below this, a swap with no minimum costs too little to be worth a warning (USD, or ETH without a price). */
const REAL_SIZE_USD = 10;
const REAL_SIZE_ETH = 5n * 10n ** 15n;
const STABLES = new Set(['USDC', 'USDT', 'DAI', 'USDS', 'PYUSD', 'FRAX', 'LUSD', 'GHO']);

const lower = (a: string) => a.toLowerCase();

/** The payouts that go to an address that is neither the sender nor the router (fee-sized portions aside). */
export function thirdPartyPayouts(intent: SwapIntent, sender: Address | undefined): (SwapPayout & { to: Address })[] {
  const me = sender ? lower(sender) : undefined;
  return (intent.payouts ?? []).filter(
    (p): p is SwapPayout & { to: Address } => p.to !== 'sender' && p.to !== 'router' && lower(p.to) !== me && !(p.via === 'portion' && (p.bips ?? 0n) <= FEE_BIPS),
  );
}

async function payoutText(ctx: ReviewContext, p: SwapPayout): Promise<Localized> {
  if (p.tokenUnknown) return text("the swap's output", 'スワップで得られるトークン');
  const meta = p.token ? await tokenMeta(ctx, p.token) : { symbol: nativeSymbol(ctx.request.chainId), decimals: 18 };
  if (p.via === 'portion') {
    const pct = `${(Number(p.bips ?? 0n) / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })} %`;
    return text(`${pct} of the ${meta.symbol} the router holds`, `ルーターが保有する ${meta.symbol} の ${pct}`);
  }
  const amount = p.amount === undefined ? '' : `${formatAmount(p.amount, meta.decimals)} `;
  switch (p.via) {
    case 'pull':
      return text(`${amount}${meta.symbol} taken from your wallet through Permit2`, `Permit2 経由であなたのウォレットから引き出される ${amount}${meta.symbol}`);
    case 'swap':
      return text(`the swap's output (at least ${amount}${meta.symbol})`, `スワップの受取分（最低 ${amount}${meta.symbol}）`);
    default:
      return text(`${p.amount === undefined ? '' : 'at least '}${amount}${meta.symbol}`, `${p.amount === undefined ? '' : '最低 '}${amount}${meta.symbol}`);
  }
}

/** `swap-pays-other`: who receives what, danger unless the user has sent to that address before (a swap sent to a friend). */
async function paysOther(ctx: ReviewContext, intent: SwapIntent, sender: Address | undefined, call?: number): Promise<Finding[]> {
  const others = thirdPartyPayouts(intent, sender);
  return Promise.all(
    others.map(async (p) => {
      const who = nameAddress(p.to, labelOf(p.to, ctx.labels));
      const what = await payoutText(ctx, p);
      const known = ctx.knownRecipients?.some((k) => lower(k) === p.to) ?? false;
      const where = call !== undefined ? text(` (call ${call + 1} of the batch)`, `（バッチの ${call + 1} 番目の呼び出し）`) : text('', '');
      return {
        code: 'swap-pays-other',
        severity: known ? 'warn' : 'danger',
        title: text(`${what.en.charAt(0).toUpperCase()}${what.en.slice(1)} goes to ${who}, not to you${where.en}`, `${what.ja}はあなたではなく ${who} に渡ります${where.ja}`),
        detail: known
          ? text(
              `This swap pays ${who}, an address you have sent to before: a swap sent to someone else on purpose. Sign only if you mean ${who} to receive it.`,
              `このスワップは、以前に送金したことのある ${who} に支払われます。意図して他人に送るスワップです。${who} に受け取らせるつもりの場合にのみ署名してください。`,
            )
          : text(
              `A swap pays whoever its call names, and this one names ${who}, which is not your account and not one you have sent to before. Drainers dress a transfer up as a swap this way. Some dApps can send a swap to another address on purpose ("send to a friend"); sign only if you typed that address yourself.`,
              `スワップは呼び出しで指定された相手に支払われます。この呼び出しが指定しているのは ${who} で、あなたのアカウントでも、以前に送金した相手でもありません。ドレイナーはこうして送金をスワップに見せかけます。意図的に別のアドレスへ送れる dApp もあります（「友人に送る」）。そのアドレスをご自身で入力した場合にのみ署名してください。`,
            ),
      } satisfies Finding;
    }),
  );
}

/** The USD (or, for ETH without a price, wei) size of what goes in, when it can be told locally. */
async function tiny(ctx: ReviewContext, intent: SwapIntent): Promise<boolean> {
  const amount = intent.amountIn;
  if (amount === undefined || amount === 0n) return amount === 0n;
  const native = intent.nativeIn || lower(intent.tokenIn) === lower(NATIVE_PLACEHOLDER);
  const meta = native ? { symbol: 'ETH', decimals: 18 } : await tokenMeta(ctx, intent.tokenIn).catch(() => undefined);
  if (!meta) return false;
  if (meta.symbol === 'ETH' || meta.symbol === 'WETH') return ctx.ethUsd !== undefined ? (Number(amount) / 1e18) * ctx.ethUsd < REAL_SIZE_USD : amount < REAL_SIZE_ETH;
  if (STABLES.has(meta.symbol.toUpperCase())) return Number(amount) / 10 ** meta.decimals < REAL_SIZE_USD;
  return false;
}

/** `swap-no-minimum`: an exact-input swap that accepts any output at all, on more than pocket change. */
async function noMinimum(ctx: ReviewContext, intent: SwapIntent, call?: number): Promise<Finding | undefined> {
  if (!intent.exactInput || intent.amountOutMin !== 0n || (await tiny(ctx, intent))) return undefined;
  const where = call !== undefined ? text(` (call ${call + 1} of the batch)`, `（バッチの ${call + 1} 番目の呼び出し）`) : text('', '');
  return {
    code: 'swap-no-minimum',
    severity: 'warn',
    title: text(`This swap accepts any output, even nothing: its minimum is 0${where.en}`, `このスワップは最低受取額が 0 で、何も受け取れなくても成立します${where.ja}`),
    detail: text(
      'With a minimum of 0, a sandwich bot or an emptied pool can take almost all of the trade and the swap still succeeds. Set a slippage tolerance in the dApp so the minimum is what you expect to receive.',
      '最低受取額が 0 だと、サンドイッチボットや枯渇したプールに取引のほぼすべてを奪われても、スワップは成立してしまいます。dApp でスリッページ許容値を設定し、期待する受取額が最低額になるようにしてください。',
    ),
  };
}

async function review(ctx: ReviewContext, tx: TxFields, sender: Address | undefined, call?: number): Promise<Finding[]> {
  if (!tx.to) return [];
  const intent = decodeSwap({ from: sender, to: tx.to, data: tx.data, value: tx.value }, ctx.request.chainId);
  if (!intent) return [];
  const [others, zero] = await Promise.all([paysOther(ctx, intent, sender, call), noMinimum(ctx, intent, call)]);
  return zero ? [...others, zero] : others;
}

/** Swaps (alone or in a batch) whose proceeds go to someone else, and swaps with no minimum output: calldata only, no RPC needed. */
export const swapRecipientAnalyzer: Analyzer = {
  id: 'swap-recipient',
  kinds: ['transaction', 'calls'],
  async analyze(ctx): Promise<AnalyzerResult | undefined> {
    const p = ctx.parsed;
    if (p.kind === 'transaction') return { findings: await review(ctx, p.tx, p.tx.from) };
    if (p.kind !== 'calls') return undefined;
    const found = await Promise.all(p.calls.map((c, i) => review(ctx, c, p.from, p.calls.length > 1 ? i : undefined)));
    return { findings: found.flat() };
  },
};

import { nativeSymbol } from '../../chain/chains';
import { count } from '../../format/count';
import { text, type Localized } from '../../i18n/localized';
import type { Analyzer, ReviewContext } from '../analyzer';
import { formatAmount, nameAddress, shortHex } from '../format';
import { KNOWN_COLLECTIONS, tokenMeta } from '../known-tokens';
import { labelOf } from '../labels';
import { isDust, type OrderItem, type ParsedOrder } from '../typed-data/order-types';
import { parseOrder } from '../typed-data/orders';
import { describeDeadline } from '../typed-data/values';
import type { Finding, ReviewCard } from '../types';

interface Rendered {
  label: Localized;
  dust: boolean;
}

async function render(ctx: ReviewContext, item: OrderItem): Promise<Rendered> {
  if (item.standard === 'native') {
    const symbol = nativeSymbol(ctx.request.chainId);
    const s = `${formatAmount(item.amount, 18)} ${symbol}`;
    return { label: text(s, s), dust: isDust(item, 18) };
  }
  const token = item.token ?? '0x0000000000000000000000000000000000000000';
  if (item.standard === 'erc20') {
    const meta = await tokenMeta(ctx, token);
    const s = `${formatAmount(item.amount, meta.decimals)} ${meta.symbol}`;
    return { label: text(s, s), dust: isDust(item, meta.decimals) };
  }
  const collection = KNOWN_COLLECTIONS[token] ?? shortHex(token);
  const n = item.standard === 'erc1155' && item.amount !== 1n ? `${item.amount} × ` : '';
  if (item.tokenId === 'any') return { label: text(`${n}any ${collection} NFT`, `${n}任意の ${collection} NFT`), dust: false };
  const s = `${n}${collection} #${item.tokenId ?? '?'}`;
  return { label: text(s, s), dust: item.amount === 0n };
}

function join(items: Rendered[], max = 8): Localized {
  if (items.length === 0) return text('nothing', '何もなし');
  const shown = items.slice(0, max);
  const more = items.length - shown.length;
  return text(shown.map((i) => i.label.en).join(', ') + (more > 0 ? ` and ${more} more` : ''), shown.map((i) => i.label.ja).join('、') + (more > 0 ? ` ほか ${more} 件` : ''));
}

/** You give something but get ~nothing back, or others take most of the payment. */
function givesForNothing(order: ParsedOrder, get: Rendered[]): boolean {
  if (order.give.length === 0) return false;
  if (order.get.some((g) => g.standard === 'erc721' || g.standard === 'erc1155')) return false;
  if (get.length === 0 || get.every((g) => g.dust)) return true;
  // Payment mostly to someone else: a listing pays fees and royalties, never more than half the price.
  const key = (i: OrderItem) => i.token ?? 'native';
  return order.get.some((g) => {
    const total = order.others.filter((o) => key(o) === key(g)).reduce((s, o) => s + o.amount, g.amount);
    return total > 0n && g.amount * 2n < total;
  });
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return '';
  }
}

/** A full address with its label, or a partial one ("…" and its last bytes) as it is. */
const nameOf = (ctx: ReviewContext, who: string) => (who.startsWith('0x') ? nameAddress(who, labelOf(who, ctx.labels)) : who);

function blindBlur(ctx: ReviewContext) {
  const onBlur = /(^|\.)blur\.io$/.test(hostOf(ctx.request.origin));
  const finding: Finding = {
    code: 'marketplace-order-signature',
    severity: onBlur ? 'info' : 'warn',
    title: text('Blur bulk listing: the orders are hidden behind a hash', 'Blur の一括出品：注文内容はハッシュの裏に隠れています'),
    detail: text(
      onBlur
        ? 'Blur signs many listings at once as one Merkle root. Check the listings on blur.io before signing.'
        : 'This signs a Merkle root of Blur orders that neither MetaMask nor Preflight can show. Outside blur.io this is how NFT drainers list your collection for nothing.',
      onBlur
        ? 'Blur は複数の出品を 1 つのマークルルートとしてまとめて署名します。署名前に blur.io で出品内容を確認してください。'
        : 'MetaMask も Preflight も表示できない Blur 注文のマークルルートに署名します。blur.io 以外でのこの署名は、NFT ドレイナーがコレクションをタダ同然で出品する手口です。',
    ),
  };
  return { findings: [finding], summary: text('Sign a hidden batch of Blur orders', '内容の見えない Blur 注文の一括署名') };
}

/**
 * Off-chain orders as "you give … / you get …": Seaport, Blur, LooksRare, 0x v4 NFT orders, UniswapX, CoW, 1inch.
 * Danger when you give assets for ~nothing, or when what you get goes to someone else; a caution when only one
 * named address can fill the order.
 */
export const marketplaceOrderAnalyzer: Analyzer = {
  id: 'marketplace-order',
  kinds: ['typed-data'],
  async analyze(ctx) {
    if (ctx.parsed.kind !== 'typed-data' || !ctx.parsed.data) return undefined;
    const order = parseOrder(ctx.parsed.data, ctx.parsed.account);
    if (!order) return undefined;
    if (order.blind) return blindBlur(ctx);
    const vc = ctx.parsed.data.domain.verifyingContract;
    const where = nameAddress(vc ?? order.marketplace, labelOf(vc, ctx.labels) ?? order.marketplace);
    const [give, get, others] = await Promise.all([order.give, order.get, order.others].map((list) => Promise.all(list.map((i) => render(ctx, i)))));
    const giveText = join(give ?? []);
    const getText = join(get ?? []);
    const receiver = order.receiver ? nameOf(ctx, order.receiver) : undefined;
    const taker = order.taker ? nameOf(ctx, order.taker) : undefined;
    const forNothing = givesForNothing(order, get ?? []);
    const bulk = order.orders > 1 ? text(` (${count(order.orders, 'order').en} in one signature)`, `（1 つの署名に ${count(order.orders, 'order').ja}）`) : text('', '');
    const getsEn = receiver ? `${receiver} gets ${getText.en}` : `you get ${getText.en}`;
    const getsJa = receiver ? `${receiver} が ${getText.ja} を受け取ります` : `${getText.ja} を受け取ります`;
    const findings: Finding[] = [];
    if (forNothing) {
      findings.push({
        code: 'marketplace-order-signature',
        severity: 'danger',
        title: text(`You give ${giveText.en} and get ${getText.en} back`, `${giveText.ja} を渡し、受け取るのは ${getText.ja} です`),
        detail: text(
          `${taker ? `Only ${taker} can fill it, and take` : 'Anyone can fill this order and take'} your assets for almost nothing: the classic drainer listing. Do not sign it.`,
          `${taker ? `${taker} だけがこの注文を成立させ、` : '誰でもこの注文を成立させ、'}ほぼ無償であなたの資産を持ち去れます。ドレイナーの典型的な注文です。署名しないでください。`,
        ),
      });
    } else if (receiver) {
      findings.push({
        code: 'marketplace-order-signature',
        severity: 'danger',
        title: text(`You give ${giveText.en}, and ${receiver} gets ${getText.en}, not you`, `${giveText.ja} を渡し、${getText.ja} を受け取るのはあなたではなく ${receiver} です`),
        detail: text(
          `The ${order.marketplace} order pays what you buy to another address. A swap pays you; drainers name their own address here. Sign only if you mean to pay ${receiver}.`,
          `この ${order.marketplace} の注文は、購入したものを別のアドレスに支払います。通常のスワップはあなたに支払われます。ドレイナーはここに自分のアドレスを指定します。${receiver} に支払うつもりの場合にのみ署名してください。`,
        ),
      });
    } else if (taker) {
      findings.push({
        code: 'marketplace-order-signature',
        severity: 'warn',
        title: text(`Private ${order.marketplace} order: only ${taker} can fill it; you give ${giveText.en}, you get ${getText.en}`, `${order.marketplace} の非公開注文：成立させられるのは ${taker} だけです。${giveText.ja} を渡し、${getText.ja} を受け取ります`),
        detail: text(
          `Sign only if you agreed this deal with ${taker}: a fixed buyer is how drainers make sure nobody else fills an underpriced order first.`,
          `${taker} とこの取引に合意している場合にのみ署名してください。買い手の固定は、安すぎる注文を他人に先に成立させないためにドレイナーが使う手口です。`,
        ),
      });
    } else {
      findings.push({
        code: 'marketplace-order-signature',
        severity: 'info',
        title: text(`${order.marketplace} order: you give ${giveText.en}, ${getsEn}${bulk.en}`, `${order.marketplace} の注文：${giveText.ja} を渡し、${getsJa}${bulk.ja}`),
        detail: text('Signing lists, bids or places an order without a transaction; it can be filled until it expires or you cancel it.', '取引なしで出品・入札・注文する署名です。期限切れかキャンセルまで、いつでも成立し得ます。'),
      });
    }
    const until = order.endTime !== undefined ? describeDeadline(order.endTime, Math.floor(ctx.now() / 1000)) : undefined;
    const card: ReviewCard = {
      kind: 'marketplace-order',
      title: text(`${order.marketplace} order`, `${order.marketplace} の注文`),
      rows: [
        { label: text('Venue', '取引所'), value: where },
        { label: text('You give', '渡すもの'), value: giveText },
        { label: receiver ? text(`${receiver} gets`, `${receiver} が受け取るもの`) : text('You get', '受け取るもの'), value: getText },
        { label: text('Others get (fees, royalties)', 'その他の受取人（手数料・ロイヤリティ）'), value: join(others ?? []) },
        ...(taker ? [{ label: text('Only fillable by', '成立させられる相手'), value: taker }] : []),
        ...(until ? [{ label: text('Valid until', '有効期限'), value: text(until.en, until.ja) }] : []),
      ],
      note: bulk.en ? bulk : undefined,
    };
    return { findings, cards: [card], summary: text(`Sign a ${order.marketplace} order: give ${giveText.en}, ${receiver ? `${receiver} gets` : 'get'} ${getText.en}`, `${order.marketplace} の注文：${giveText.ja} を渡し ${receiver ? `${receiver} が ` : ''}${getText.ja} を受け取る`) };
  },
};

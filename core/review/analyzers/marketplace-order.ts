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
import { MAX_BULK_LEAVES } from '../typed-data/marketplace';
import { analysisFailed } from '../analysis-failed';
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

function blindBlur(ctx: ReviewContext, order: ParsedOrder) {
  const onBlur = /(^|\.)blur\.io$/.test(hostOf(ctx.request.origin));
  const v2 = order.offerer !== undefined;
  const findings: Finding[] = [
    {
      code: 'marketplace-order-signature',
      severity: 'info',
      title: v2
        ? text(`Blur order over ${count(order.orders, 'listing').en}: the listings are hidden behind a Merkle root`, `${count(order.orders, 'listing').ja}の Blur 注文：出品内容はマークルルートの裏に隠れています`)
        : text('Blur bulk listing: the orders are hidden behind a hash', 'Blur の一括出品：注文内容はハッシュの裏に隠れています'),
      detail: text(
        'Blur signs many listings at once as one Merkle root. Check the listings on blur.io before signing.',
        'Blur は複数の出品を 1 つのマークルルートとしてまとめて署名します。署名前に blur.io で出品内容を確認してください。',
      ),
    },
  ];
  if (!onBlur) {
    // `blur-root-off-site`: the root commits to orders nobody can show the signer; only blur.io holds the list.
    findings.unshift({
      code: 'blur-root-off-site',
      severity: 'danger',
      title: v2
        ? text(`A Blur order whose listings sit behind a Merkle root, signed on ${hostOf(ctx.request.origin) || ctx.request.origin}, not on blur.io`, `blur.io ではなく ${hostOf(ctx.request.origin) || ctx.request.origin} で署名する、出品内容がマークルルートの裏にある Blur 注文`)
        : text(`A Blur bulk-listing root signed on ${hostOf(ctx.request.origin) || ctx.request.origin}, not on blur.io`, `blur.io ではなく ${hostOf(ctx.request.origin) || ctx.request.origin} で署名する Blur 一括出品のルート`),
      detail: text(
        'This signs a Merkle root of Blur orders that neither MetaMask nor Preflight can show: you cannot see what it lists, at what price or for how long. Only blur.io knows the orders behind its roots; outside blur.io this is how NFT drainers list a whole collection for nothing. Do not sign it.',
        'MetaMask も Preflight も表示できない Blur 注文のマークルルートに署名します。何を、いくらで、いつまで出品するのかを確認できません。ルートの裏の注文を知っているのは blur.io だけです。blur.io 以外でのこの署名は、NFT ドレイナーがコレクションをタダ同然で出品する手口です。署名しないでください。',
      ),
    });
  }
  return { findings, summary: text('Sign a hidden batch of Blur orders', '内容の見えない Blur 注文の一括署名') };
}

/** Token metadata read once per token for a whole bulk tree (hundreds of leaves often pay in one currency). */
function memoRender(ctx: ReviewContext): (item: OrderItem) => Promise<Rendered> {
  const meta = new Map<string, ReturnType<typeof tokenMeta>>();
  const cached = (address: `0x${string}`) => {
    const key = address.toLowerCase();
    if (!meta.has(key)) meta.set(key, tokenMeta(ctx, address));
    return meta.get(key)!;
  };
  return async (item) => {
    if (item.standard !== 'erc20' || !item.token) return render(ctx, item);
    const m = await cached(item.token);
    const s = `${formatAmount(item.amount, m.decimals)} ${m.symbol}`;
    return { label: text(s, s), dust: isDust(item, m.decimals) };
  };
}

/**
 * Seaport BulkOrder: every leaf is an order of its own, filled on its own. One leaf that gives an NFT for nothing
 * drains it, however fair the other listings in the tree are: each leaf is judged alone, and the finding names them.
 */
async function reviewLeaves(ctx: ReviewContext, order: ParsedOrder, leaves: ParsedOrder[]): Promise<{ findings: Finding[]; cards: ReviewCard[] }> {
  const r = memoRender(ctx);
  const judged = await Promise.all(
    leaves.map(async (leaf) => {
      const [give, get] = await Promise.all([Promise.all(leaf.give.map(r)), Promise.all(leaf.get.map(r))]);
      return { leaf, give, get, bad: givesForNothing(leaf, get) };
    }),
  );
  const findings: Finding[] = [];
  const total = order.leafCount ?? leaves.length;
  const bad = judged.filter((j) => j.bad);
  const where = (j: (typeof judged)[number]) => `#${(j.leaf.leafIndex ?? 0) + 1}`;
  if (bad.length > 0) {
    const first = bad[0]!;
    const giveText = join(first.give);
    const getText = join(first.get);
    const more = bad.length > 1 ? text(` (and ${bad.length - 1} more such order${bad.length > 2 ? 's' : ''})`, `（ほか同様の注文 ${bad.length - 1} 件）`) : text('', '');
    findings.push({
      code: 'marketplace-order-signature',
      severity: 'danger',
      title: text(
        `Order ${where(first)} of the ${total} in this bulk signature gives ${giveText.en} for ${getText.en}${more.en}`,
        `この一括署名の ${total} 件のうち注文 ${where(first)} は ${giveText.ja} を ${getText.ja} と引き換えに渡します${more.ja}`,
      ),
      detail: text(
        `A Seaport bulk signature is one signature for every order in its tree, and each order can be filled on its own. ${bad.length === 1 ? 'This one' : `These ${bad.length}`} let anyone take your assets for almost nothing, whatever the other listings ask: the bulk-listing drainer. Do not sign it.`,
        'Seaport の一括署名はツリー内のすべての注文に対する 1 つの署名で、各注文は単独で成立します。他の出品価格がどうであれ、この注文があれば誰でもほぼ無償であなたの資産を持ち去れます。一括出品型のドレイナーです。署名しないでください。',
      ),
    });
  }
  if (order.leafCount !== undefined && order.leafCount > MAX_BULK_LEAVES) {
    findings.push(analysisFailed(text(`Only the first ${MAX_BULK_LEAVES.toLocaleString('en-US')} of ${order.leafCount.toLocaleString('en-US')} orders in this bulk signature were reviewed`, `この一括署名の ${order.leafCount.toLocaleString('en-US')} 件の注文のうち、確認できたのは最初の ${MAX_BULK_LEAVES.toLocaleString('en-US')} 件だけです`), new Error('bulk order tree larger than Preflight reads')));
  }
  const card: ReviewCard = {
    kind: 'bulk-order',
    title: text(`Orders in this bulk signature (${judged.length} of ${total} leaves hold an order)`, `この一括署名の注文（${total} 枚の葉のうち ${judged.length} 件が注文）`),
    rows: judged.slice(0, 20).map((j) => ({
      label: text(`Order ${where(j)}`, `注文 ${where(j)}`),
      value: text(`give ${join(j.give).en}, get ${join(j.get).en}${j.bad ? ' — for nothing' : ''}`, `${join(j.give).ja} を渡し ${join(j.get).ja} を受け取る${j.bad ? '（ほぼ無償）' : ''}`),
    })),
    note: judged.length > 20 ? text(`and ${judged.length - 20} more`, `ほか ${judged.length - 20} 件`) : undefined,
  };
  return { findings, cards: [card] };
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
    if (order.blind) return blindBlur(ctx, order);
    const bulkOrder = order.leaves ? await reviewLeaves(ctx, order, order.leaves) : undefined;
    const vc = ctx.parsed.data.domain.verifyingContract;
    const where = nameAddress(vc ?? order.marketplace, labelOf(vc, ctx.labels) ?? order.marketplace);
    const [give, get, others] = await Promise.all([order.give, order.get, order.others].map((list) => Promise.all(list.map((i) => render(ctx, i)))));
    const giveText = join(give ?? []);
    const getText = join(get ?? []);
    const receiver = order.receiver ? nameOf(ctx, order.receiver) : undefined;
    const taker = order.taker ? nameOf(ctx, order.taker) : undefined;
    const forNothing = givesForNothing(order, get ?? []);
    const leavesText = order.leafCount !== undefined && order.leafCount !== order.orders ? text(`, a tree of ${order.leafCount} leaves`, `、${order.leafCount} 枚の葉を持つツリー`) : text('', '');
    const bulk = order.orders > 1 || order.leafCount !== undefined ? text(` (${count(order.orders, 'order').en} in one signature${leavesText.en})`, `（1 つの署名に ${count(order.orders, 'order').ja}${leavesText.ja}）`) : text('', '');
    const getsEn = receiver ? `${receiver} gets ${getText.en}` : `you get ${getText.en}`;
    const getsJa = receiver ? `${receiver} が ${getText.ja} を受け取ります` : `${getText.ja} を受け取ります`;
    const findings: Finding[] = [...(bulkOrder?.findings ?? [])];
    if (bulkOrder?.findings.some((f) => f.severity === 'danger')) {
      // The leaves that give assets away say it, one by one; the signature as a whole is not judged again.
    } else if (forNothing) {
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
    return { findings, cards: [card, ...(bulkOrder?.cards ?? [])], summary: text(`Sign a ${order.marketplace} order: give ${giveText.en}, ${receiver ? `${receiver} gets` : 'get'} ${getText.en}`, `${order.marketplace} の注文：${giveText.ja} を渡し ${receiver ? `${receiver} が ` : ''}${getText.ja} を受け取る`) };
  },
};

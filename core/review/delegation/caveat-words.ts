import type { Address, Hex } from 'viem';
import { nativeSymbol } from '../../chain/chains';
import { tokenAmountText } from '../../format/amount';
import { count, duration } from '../../format/count';
import { text, type Localized } from '../../i18n/localized';
import type { ReviewContext } from '../analyzer';
import { describeCall } from '../call-description';
import { nameAddress, shortHex } from '../format';
import { KNOWN_COLLECTIONS, tokenMeta } from '../known-tokens';
import { labelOf } from '../labels';
import { DELEGATION_CONTRACTS } from './deployment-table';
import { methodName } from './method-names';
import type { RawCaveat } from './parse';
import { decodeTerms, type CaveatTerms } from './terms';
import { startingAt, timeWindow } from './time-words';

/**
 * What a caveat limits. Only `what` limits what the delegate can make the account do (which contracts, functions,
 * call data, exact calls, or transfers of named tokens); every other kind leaves the delegate free to call anything.
 */
export type Restriction = 'what' | 'amount' | 'when' | 'who' | 'count' | 'other' | 'unknown';

export interface CaveatReading {
  enforcer?: Address;
  /** The enforcer's contract name in @metamask/delegation-deployments; undefined for an address it does not list. */
  enforcerName?: string;
  restricts: Restriction;
  words: Localized;
  /** The terms as the enforcer reads them, when Preflight read them. */
  terms?: CaveatTerms;
}

type WordsContext = ReviewContext;

const WHAT: ReadonlySet<CaveatTerms['kind']> = new Set([
  'allowed-targets',
  'allowed-methods',
  'allowed-calldata',
  'exact-calldata',
  'exact-execution',
  'exact-calldata-batch',
  'erc20-transfer-amount',
  'erc20-period',
  'erc20-streaming',
  'multi-token-period',
  'erc721-transfer',
  'ownership-transfer',
  'specific-erc20-batch',
  'approval-revocation',
]);
const AMOUNT: ReadonlySet<CaveatTerms['kind']> = new Set(['native-transfer-amount', 'native-period', 'native-streaming', 'value-lte']);
const MAX_DEPTH = 3;
const join = (parts: Localized[], en: string, ja: string): Localized => text(parts.map((p) => p.en).join(en), parts.map((p) => p.ja).join(ja));

/** "0xa0b8…eb48 (USDC)": the label, else the token's symbol when it is a token, else the short address. */
async function contractName(ctx: WordsContext, a: Address): Promise<string> {
  const label = labelOf(a, ctx.labels) ?? KNOWN_COLLECTIONS[a];
  if (label) return nameAddress(a, label);
  const meta = await tokenMeta(ctx, a).catch(() => undefined);
  return meta && !meta.symbol.startsWith('0x') ? nameAddress(a, meta.symbol) : shortHex(a);
}

async function tokenAmount(ctx: WordsContext, token: Address, raw: bigint): Promise<Localized> {
  const meta = await tokenMeta(ctx, token);
  return tokenAmountText(raw, meta.known ? meta.decimals : undefined, meta.symbol, { allowance: true });
}

function nativeAmount(ctx: WordsContext, raw: bigint): Localized {
  return tokenAmountText(raw, 18, nativeSymbol(ctx.request.chainId), { allowance: true });
}

const FLAG_NAMES: [number, string][] = [
  [0x01, 'ERC-20 approve(…, 0)'],
  [0x02, 'ERC-721 approve(0x0, id)'],
  [0x04, 'setApprovalForAll(…, false)'],
  [0x08, 'Permit2 approve(…, 0, …)'],
  [0x10, 'Permit2 lockdown'],
  [0x20, 'Permit2 invalidateNonces'],
];

/** The caveat in words, as its enforcer enforces it. */
async function wordsFor(ctx: WordsContext, t: CaveatTerms, depth: number): Promise<{ words: Localized; restricts?: Restriction }> {
  const nowSec = Math.floor(ctx.now() / 1000);
  switch (t.kind) {
    case 'allowed-targets': {
      const names = await Promise.all(t.targets.slice(0, 6).map((a) => contractName(ctx, a)));
      const more = t.targets.length > 6 ? ` +${t.targets.length - 6}` : '';
      return { words: text(`only calls to ${names.join(', ')}${more}`, `呼び出し先は ${names.join('、')}${more} のみ`) };
    }
    case 'allowed-methods': {
      if (t.selectors.length === 0) return { words: text('no function at all (an empty list of functions)', '関数は一切不可（関数リストが空）') };
      const names = t.selectors.slice(0, 6).map(methodName);
      const more = t.selectors.length > 6 ? ` +${t.selectors.length - 6}` : '';
      return { words: text(`only the function${names.length > 1 ? 's' : ''} ${names.join(', ')}${more}`, `関数は ${names.join('、')}${more} のみ`) };
    }
    case 'allowed-calldata': {
      const arg = t.start >= 4 && (t.start - 4) % 32 === 0 && t.value.length === 66 ? (t.start - 4) / 32 + 1 : undefined;
      const value = t.value.length === 66 && t.value.startsWith('0x000000000000000000000000') ? `0x${t.value.slice(26)}` : t.value.length > 42 ? `${t.value.slice(0, 22)}…` : t.value;
      return arg !== undefined
        ? { words: text(`only calls whose argument ${arg} is ${value}`, `第 ${arg} 引数が ${value} の呼び出しのみ`) }
        : { words: text(`only calls whose data at byte ${t.start} is ${value}`, `呼び出しデータの ${t.start} バイト目からが ${value} のもののみ`) };
    }
    case 'exact-calldata':
      return t.callData === '0x'
        ? { words: text('only calls without data: plain transfers of the native currency, no token or contract function', 'データなしの呼び出しのみ：ネイティブ通貨の送金だけで、トークンやコントラクトの関数は不可') }
        : { words: text(`only the exact call data ${t.callData.length > 24 ? `${t.callData.slice(0, 10)} ${methodName(t.callData.slice(0, 10) as Hex)} (${(t.callData.length - 2) / 2} bytes)` : t.callData}`, `呼び出しデータは ${t.callData.length > 24 ? `${t.callData.slice(0, 10)}（${methodName(t.callData.slice(0, 10) as Hex)}、${(t.callData.length - 2) / 2} バイト）` : t.callData} と完全一致のもののみ`) };
    case 'exact-execution':
    case 'exact-calldata-batch': {
      const calls = await Promise.all(t.executions.slice(0, 4).map((e) => describeCall(ctx, { to: e.target, value: e.value, data: e.callData })));
      const lines = join(calls, '; ', '、');
      const n = count(t.executions.length, 'call');
      if (t.kind === 'exact-calldata-batch') return { words: text(`only a batch of ${n.en} with exactly this data: ${lines.en}`, `このデータと完全一致する ${n.ja}のバッチのみ：${lines.ja}`) };
      return { words: t.batch ? text(`only exactly this batch of ${n.en}: ${lines.en}`, `この ${n.ja}のバッチのみ：${lines.ja}`) : text(`only exactly this call: ${lines.en}`, `この呼び出しのみ：${lines.ja}`) };
    }
    case 'erc20-transfer-amount': {
      const [token, max] = await Promise.all([contractName(ctx, t.token), tokenAmount(ctx, t.token, t.max)]);
      return { words: text(`only transfer() of ${token}, at most ${max.en} in total`, `${token} の transfer() のみ、合計 ${max.ja} まで`) };
    }
    case 'erc20-period': {
      const [token, max] = await Promise.all([contractName(ctx, t.token), tokenAmount(ctx, t.token, t.amount)]);
      const per = duration(Number(t.period));
      const from = startingAt(ctx, t.start, nowSec);
      return { words: text(`only transfer() of ${token}, at most ${max.en} per ${per.en}, ${from.en}`, `${token} の transfer() のみ、${per.ja}ごとに ${max.ja} まで、${from.ja}`) };
    }
    case 'erc20-streaming': {
      const [token, initial, max, rate] = await Promise.all([contractName(ctx, t.token), tokenAmount(ctx, t.token, t.initial), tokenAmount(ctx, t.token, t.max), tokenAmount(ctx, t.token, t.perSecond)]);
      const from = startingAt(ctx, t.start, nowSec);
      return { words: text(`only transfer() of ${token}: ${initial.en} at first, then ${rate.en} per second, at most ${max.en} in total, ${from.en}`, `${token} の transfer() のみ：最初に ${initial.ja}、以後毎秒 ${rate.ja}、合計 ${max.ja} まで、${from.ja}`) };
    }
    case 'multi-token-period': {
      const parts = await Promise.all(
        t.configs.slice(0, 4).map(async (c) => {
          const amount = c.token === '0x0000000000000000000000000000000000000000' ? nativeAmount(ctx, c.amount) : await tokenAmount(ctx, c.token, c.amount);
          const per = duration(Number(c.period));
          return text(`${amount.en} per ${per.en}`, `${per.ja}ごとに ${amount.ja}`);
        }),
      );
      return { words: text(`only transfers of at most ${join(parts, ', ', '、').en}`, `送金のみ：${join(parts, ', ', '、').ja} まで`) };
    }
    case 'native-transfer-amount': {
      const max = nativeAmount(ctx, t.max);
      return { words: text(`at most ${max.en} sent with its calls in total`, `呼び出しで送る額は合計 ${max.ja} まで`) };
    }
    case 'native-period': {
      const max = nativeAmount(ctx, t.amount);
      const per = duration(Number(t.period));
      const from = startingAt(ctx, t.start, nowSec);
      return { words: text(`at most ${max.en} sent per ${per.en}, ${from.en}`, `${per.ja}ごとに ${max.ja} まで送金可、${from.ja}`) };
    }
    case 'native-streaming': {
      const [initial, max, rate] = [nativeAmount(ctx, t.initial), nativeAmount(ctx, t.max), nativeAmount(ctx, t.perSecond)];
      const from = startingAt(ctx, t.start, nowSec);
      return { words: text(`${initial.en} at first, then ${rate.en} per second, at most ${max.en} sent in total, ${from.en}`, `最初に ${initial.ja}、以後毎秒 ${rate.ja}、合計 ${max.ja} まで送金可、${from.ja}`) };
    }
    case 'value-lte':
      return t.max === 0n
        ? { words: text(`no ${nativeSymbol(ctx.request.chainId)} sent with any call`, `どの呼び出しでも ${nativeSymbol(ctx.request.chainId)} は送れない`) }
        : { words: text(`at most ${nativeAmount(ctx, t.max).en} with each call`, `1 回の呼び出しにつき ${nativeAmount(ctx, t.max).ja} まで`) };
    case 'erc721-transfer': {
      const name = KNOWN_COLLECTIONS[t.token] ?? (await contractName(ctx, t.token));
      return { words: text(`only a transfer of ${name} #${t.tokenId}`, `${name} #${t.tokenId} の移転のみ`) };
    }
    case 'ownership-transfer': {
      const name = await contractName(ctx, t.target);
      return { words: text(`only transferOwnership() on ${name}`, `${name} の transferOwnership() のみ`) };
    }
    case 'specific-erc20-batch': {
      const [first, amount, to] = await Promise.all([describeCall(ctx, { to: t.firstTarget, value: t.firstValue, data: t.firstCallData }), tokenAmount(ctx, t.token, t.amount), Promise.resolve(nameAddress(t.recipient, labelOf(t.recipient, ctx.labels)))]);
      return { words: text(`only this batch: ${first.en}, then a transfer of ${amount.en} to ${to}`, `このバッチのみ：${first.ja}、続いて ${to} へ ${amount.ja} を送金`) };
    }
    case 'approval-revocation': {
      const names = FLAG_NAMES.filter(([bit]) => t.flags & bit).map(([, n]) => n);
      return { words: text(`only revoking approvals (${names.join(', ')})`, `承認の取り消しのみ（${names.join('、')}）`) };
    }
    case 'logical-or': {
      const groups = await Promise.all(t.groups.map((g) => Promise.all(g.map((c) => readCaveat(ctx, c, depth + 1)))));
      const restrictsWhat = groups.every((g) => g.some((c) => c.restricts === 'what'));
      const parts = groups.map((g) => (g.length === 0 ? text('nothing', '制限なし') : join(g.map((c) => c.words), '; ', '、')));
      return {
        words: text(`one of: ${parts.map((p) => `(${p.en})`).join(' or ')}`, `次のいずれか：${parts.map((p) => `（${p.ja}）`).join(' または ')}`),
        restricts: restrictsWhat ? 'what' : 'other',
      };
    }
    case 'timestamp':
      return { words: timeWindow(ctx, t.after, t.before, nowSec) };
    case 'block-number': {
      const after = t.after > 0n ? text(`after block ${t.after.toLocaleString('en-US')}`, `ブロック ${t.after.toLocaleString('en-US')} より後`) : undefined;
      const before = t.before > 0n ? text(`before block ${t.before.toLocaleString('en-US')}`, `ブロック ${t.before.toLocaleString('en-US')} より前`) : undefined;
      const both = [after, before].filter((x): x is Localized => !!x);
      return { words: both.length ? text(`only ${both.map((b) => b.en).join(' and ')}`, `${both.map((b) => b.ja).join('かつ')}のみ`) : text('no block limit (both bounds 0)', 'ブロックの制限なし（上下限とも 0）') };
    }
    case 'limited-calls': {
      const n = count(Number(t.limit > 1_000_000_000n ? 1_000_000_000n : t.limit), 'call');
      return { words: text(`at most ${n.en}`, `最大 ${n.ja}`) };
    }
    case 'redeemer': {
      const names = t.redeemers.slice(0, 4).map((a) => nameAddress(a, labelOf(a, ctx.labels)));
      return { words: text(`only ${names.join(', ')} may use it`, `使えるのは ${names.join('、')} のみ`) };
    }
    case 'nonce':
      return { words: text(`revocable by raising your nonce in the enforcer (now ${t.nonce})`, `エンフォーサーのノンスを上げれば一括で無効化可能（現在 ${t.nonce}）`) };
    case 'id':
      return { words: text(`one-time id ${t.id}: only one delegation with this id can be used`, `1 回限りの ID ${t.id}：この ID の委任は 1 つしか使えない`) };
    case 'deployed':
      return { words: text(`deploys a contract at ${shortHex(t.address)} before the first use`, `初回使用前に ${shortHex(t.address)} にコントラクトをデプロイ`) };
    case 'args-equality':
      return { words: text(`the redeemer must pass the arguments ${t.terms.length > 24 ? `${t.terms.slice(0, 22)}…` : t.terms}`, `使用者は引数 ${t.terms.length > 24 ? `${t.terms.slice(0, 22)}…` : t.terms} を渡す必要がある`) };
    case 'native-payment': {
      const amount = nativeAmount(ctx, t.amount);
      const to = nameAddress(t.recipient, labelOf(t.recipient, ctx.labels));
      return { words: text(`each use costs the delegate ${amount.en}, paid to ${to}`, `使用のたびに委任先が ${to} へ ${amount.ja} を支払う`) };
    }
    case 'balance-change': {
      const amount = t.asset === 'native' || !t.token ? nativeAmount(ctx, t.amount) : t.asset === 'erc20' ? await tokenAmount(ctx, t.token, t.amount) : text(`${t.amount} × ${await contractName(ctx, t.token)}${t.tokenId !== undefined ? ` #${t.tokenId}` : ''}`, `${t.amount} × ${await contractName(ctx, t.token)}${t.tokenId !== undefined ? ` #${t.tokenId}` : ''}`);
      const who = nameAddress(t.recipient, labelOf(t.recipient, ctx.labels));
      return {
        words: t.decrease
          ? text(`the balance of ${who} may fall by at most ${amount.en} per use (other assets are not limited)`, `${who} の残高の減少は 1 回につき ${amount.ja} まで（他の資産は制限なし）`)
          : text(`the balance of ${who} must rise by at least ${amount.en} per use`, `${who} の残高が 1 回につき ${amount.ja} 以上増える必要がある`),
      };
    }
    case 'balance-gte': {
      const amount = t.asset === 'erc20' && t.token ? await tokenAmount(ctx, t.token, t.amount) : nativeAmount(ctx, t.amount);
      return { words: text(`a balance must rise by at least ${amount.en} per use`, `残高が 1 回につき ${amount.ja} 以上増える必要がある`) };
    }
  }
}

function restrictionOf(t: CaveatTerms): Restriction {
  if (WHAT.has(t.kind)) return 'what';
  if (AMOUNT.has(t.kind)) return 'amount';
  if (t.kind === 'timestamp' || t.kind === 'block-number') return 'when';
  if (t.kind === 'redeemer') return 'who';
  if (t.kind === 'limited-calls') return 'count';
  return 'other';
}

/** One caveat: its enforcer named from @metamask/delegation-deployments, its terms decoded and put in words. */
export async function readCaveat(ctx: WordsContext, raw: RawCaveat, depth = 0): Promise<CaveatReading> {
  const enforcer = raw.enforcer;
  if (!enforcer) return { restricts: 'unknown', words: text('a caveat without an enforcer address: it restricts nothing Preflight can vouch for', 'エンフォーサーのアドレスがない制約：Preflight が保証できる制限はありません') };
  const contract = DELEGATION_CONTRACTS[enforcer];
  const enforcerName = contract?.name.endsWith('Enforcer') ? contract.name : undefined;
  if (!enforcerName) {
    return {
      enforcer,
      restricts: 'unknown',
      words: text(
        `a caveat by ${shortHex(enforcer)}, an enforcer MetaMask's Delegation Framework deployments do not list: it restricts nothing Preflight can vouch for`,
        `${shortHex(enforcer)} による制約：MetaMask の Delegation Framework のデプロイ一覧にないエンフォーサーのため、Preflight が保証できる制限はありません`,
      ),
    };
  }
  if (depth > MAX_DEPTH) return { enforcer, enforcerName, restricts: 'unknown', words: text(`${enforcerName} nested too deep to read`, `${enforcerName} の入れ子が深すぎて読めません`) };
  let terms: CaveatTerms | undefined;
  try {
    terms = raw.terms === undefined ? undefined : decodeTerms(enforcerName, raw.terms);
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 120) : String(error);
    return { enforcer, enforcerName, restricts: 'unknown', words: text(`${enforcerName} with terms it cannot read (${why}): the enforcer would refuse every use, so Preflight vouches for nothing`, `${enforcerName} の条件が読めません（${why}）：Preflight は何も保証できません`) };
  }
  if (!terms) return { enforcer, enforcerName, restricts: 'unknown', words: text(`${enforcerName}${raw.terms === undefined ? ' without terms' : ' (terms not read by Preflight)'}`, `${enforcerName}${raw.terms === undefined ? '（条件なし）' : '（Preflight は条件を読んでいません）'}`) };
  const { words, restricts } = await wordsFor(ctx, terms, depth);
  return { enforcer, enforcerName, restricts: restricts ?? restrictionOf(terms), words, terms };
}

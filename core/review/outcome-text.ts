import { formatTokenAmount } from '../format/amount';
import { text, type Localized } from '../i18n/localized';
import { shortHex } from './format';
import type { Outcome, OutcomeAsset, OutcomeParty } from './outcome';
import type { OutcomeChange, OutcomeChangeKind } from './outcome-diff';

/** One line of the side-by-side view: what it is, as reviewed, as it is now, and how it moved. */
export interface ChangeRow {
  label: Localized;
  before: Localized;
  now: Localized;
  /** Set when the line moved beyond the tolerance. */
  kind?: OutcomeChangeKind;
  worse: boolean;
}

const assetKey = (a: Pick<OutcomeAsset, 'asset' | 'tokenId'>) => `${a.asset.toLowerCase()}:${a.tokenId ?? ''}`;

/** "+0.011 ETH", "−0.01 ETH", "+DPUNK #3", "—" for nothing. */
export function signedAmount(a: Omit<OutcomeAsset, 'delta'>, delta: bigint): Localized {
  if (delta === 0n) return text('—', '—');
  const sign = delta < 0n ? '−' : '+';
  if (a.standard === 'erc721') return text(`${sign}${a.symbol} #${a.tokenId ?? '?'}`, `${sign}${a.symbol} #${a.tokenId ?? '?'}`);
  const f = formatTokenAmount(delta < 0n ? -delta : delta, a.decimals);
  const id = a.tokenId !== undefined && a.standard === 'erc1155' ? ` #${a.tokenId}` : '';
  return text(`${sign}${f.text.en} ${a.symbol}${id}`, `${sign}${f.text.ja} ${a.symbol}${id}`);
}

const ROLE: Record<OutcomeParty['role'], Localized> = {
  called: text('contract called', '呼び出すコントラクト'),
  recipient: text('recipient', '受取人'),
  spender: text('spender', '使用者'),
};

const codeState = (hash: string | null): Localized =>
  hash === null ? text('no code (a plain account)', 'コードなし（個人アカウント）') : text(`code ${hash.slice(0, 10)}…`, `コード ${hash.slice(0, 10)}…`);

const result = (o: Outcome): Localized => (o.revert ? text(`fails: ${o.revert.reason}`, `失敗：${o.revert.reason}`) : text('succeeds', '成功'));

/**
 * Every line of both outcomes, side by side: the result when it changed, each asset either outcome moves (those that
 * moved against the user first), and each address whose code changed.
 */
export function sideBySide(before: Outcome, now: Outcome, changes: readonly OutcomeChange[]): ChangeRow[] {
  const rows: ChangeRow[] = [];
  const revert = changes.find((c) => c.kind === 'now-reverts' || c.kind === 'no-longer-reverts');
  if (revert) rows.push({ label: text('Result', '結果'), before: result(before), now: result(now), kind: revert.kind, worse: revert.worse });
  const byKey = new Map(changes.filter((c) => c.asset).map((c) => [assetKey(c.asset!), c]));
  const assets = new Map<string, OutcomeAsset>();
  for (const a of [...(now.assets ?? []), ...(before.revert ? [] : before.assets ?? [])]) if (!assets.has(assetKey(a))) assets.set(assetKey(a), a);
  const delta = (o: Outcome, k: string) => BigInt((o.revert ? undefined : o.assets?.find((x) => assetKey(x) === k)?.delta) ?? '0');
  const assetRows = [...assets].map(([k, a]): ChangeRow => {
    const c = byKey.get(k);
    const { delta: _d, ...meta } = a;
    return { label: text(a.symbol, a.symbol), before: signedAmount(meta, delta(before, k)), now: signedAmount(meta, delta(now, k)), ...(c ? { kind: c.kind } : {}), worse: c?.worse ?? false };
  });
  rows.push(...assetRows.sort((x, y) => Number(y.worse) - Number(x.worse) || Number(!!y.kind) - Number(!!x.kind)));
  for (const c of changes) {
    if (!c.party) continue;
    const name = shortHex(c.party.address);
    rows.push({ label: text(`${name} (${ROLE[c.party.role].en})`, `${name}（${ROLE[c.party.role].ja}）`), before: codeState(c.party.before), now: codeState(c.party.now), kind: c.kind, worse: c.worse });
  }
  return rows;
}

/** One sentence per change against the user, for a finding or a heading: "You would now send 0.01 ETH (before: receive 0.001 ETH)". */
export function describeChange(c: OutcomeChange): Localized {
  if (c.kind === 'now-reverts') return text(`It would now fail: ${c.reason ?? 'reverted'}`, `今は失敗します：${c.reason ?? '失敗'}`);
  if (c.kind === 'no-longer-reverts') return text('It would now succeed', '今は成功します');
  if (c.party) {
    const who = `${shortHex(c.party.address)} (${ROLE[c.party.role].en})`;
    const whoJa = `${shortHex(c.party.address)}（${ROLE[c.party.role].ja}）`;
    if (c.kind === 'code-added') return text(`${who} now has code: it was a plain account`, `${whoJa} にコードが入りました（以前は個人アカウント）`);
    if (c.kind === 'code-removed') return text(`${who} no longer has code`, `${whoJa} のコードがなくなりました`);
    return text(`${who} has different code now`, `${whoJa} のコードが変わりました`);
  }
  const a = c.asset!;
  const was = signedAmount(a, BigInt(c.before ?? '0'));
  const is = signedAmount(a, BigInt(c.now ?? '0'));
  return text(`${a.symbol}: ${was.en} → ${is.en}`, `${a.symbol}：${was.ja} → ${is.ja}`);
}

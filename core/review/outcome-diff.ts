import type { Address, Hex } from 'viem';
import type { Outcome, OutcomeAsset, OutcomeParty } from './outcome';

/**
 * How two outcomes of the same request differ (pure). Used when the user presses Continue, when a held request is
 * released and before a withdrawal step is sent (the review's outcome against a fresh simulation), and to compare a
 * simulation at the next block with ones an hour later (time dependence).
 */
export type OutcomeChangeKind =
  // against the user: a reason to stop and ask again
  | 'now-reverts'
  | 'new-outflow'
  | 'outflow-grew'
  | 'inflow-gone'
  | 'inflow-shrank'
  | 'code-added'
  | 'code-changed'
  | 'code-removed'
  // in the user's favour: shown, never a reason to stop
  | 'no-longer-reverts'
  | 'outflow-gone'
  | 'outflow-shrank'
  | 'new-inflow'
  | 'inflow-grew';

export const WORSE_KINDS: ReadonlySet<OutcomeChangeKind> = new Set(['now-reverts', 'new-outflow', 'outflow-grew', 'inflow-gone', 'inflow-shrank', 'code-added', 'code-changed', 'code-removed']);

export interface OutcomeChange {
  kind: OutcomeChangeKind;
  /** Against the user (see WORSE_KINDS). */
  worse: boolean;
  /** For asset changes: the asset and the user's net movement before and now (base units, decimal strings; "0" when absent). */
  asset?: Omit<OutcomeAsset, 'delta'>;
  before?: string;
  now?: string;
  /** For code changes: the address, its role, and its code hash before and now (null: no code). */
  party?: { address: Address; role: OutcomeParty['role']; before: Hex | null; now: Hex | null };
  /** For revert changes: the reason the call fails. */
  reason?: string;
}

/**
 * When an amount has moved. `bps`: the share of the earlier amount a fungible amount may move by in either direction
 * without counting (50 = 0.5 %, the slippage most swap interfaces set by default, which the user accepted already);
 * `dustDigits`: moves of at most 10^(decimals − dustDigits) base units never count (1e-6 of a token: rounding in
 * rebasing tokens such as stETH, interest accrued in a few seconds). NFT ids and ERC-1155 counts have no tolerance.
 */
export interface Tolerance {
  bps: number;
  dustDigits: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { bps: 50, dustDigits: 6 };

const key = (a: Pick<OutcomeAsset, 'asset' | 'tokenId'>) => `${a.asset.toLowerCase()}:${a.tokenId ?? ''}`;
const abs = (x: bigint) => (x < 0n ? -x : x);

/** The largest move of an amount of `before` base units that does not count. */
export function toleranceOf(a: Pick<OutcomeAsset, 'standard' | 'decimals'>, before: bigint, tol: Tolerance = DEFAULT_TOLERANCE): bigint {
  if (a.standard === 'erc721' || a.standard === 'erc1155') return 0n;
  const dust = 10n ** BigInt(Math.max(0, a.decimals - tol.dustDigits));
  const share = (abs(before) * BigInt(Math.round(tol.bps))) / 10_000n;
  return share > dust ? share : dust;
}

function assetKind(before: bigint, now: bigint): OutcomeChangeKind {
  if (now < before) {
    if (before < 0n) return 'outflow-grew';
    if (now < 0n) return 'new-outflow';
    return now === 0n ? 'inflow-gone' : 'inflow-shrank';
  }
  if (before > 0n) return 'inflow-grew';
  if (now > 0n) return 'new-inflow';
  return now === 0n ? 'outflow-gone' : 'outflow-shrank';
}

function assetChanges(before: readonly OutcomeAsset[], now: readonly OutcomeAsset[], tol: Tolerance): OutcomeChange[] {
  const b = new Map(before.map((a) => [key(a), a]));
  const n = new Map(now.map((a) => [key(a), a]));
  const out: OutcomeChange[] = [];
  for (const k of [...new Set([...b.keys(), ...n.keys()])].sort()) {
    const was = BigInt(b.get(k)?.delta ?? '0');
    const is = BigInt(n.get(k)?.delta ?? '0');
    const { delta: _d, ...asset } = (n.get(k) ?? b.get(k))!;
    if (abs(is - was) <= toleranceOf(asset, was, tol)) continue;
    const kind = assetKind(was, is);
    out.push({ kind, worse: WORSE_KINDS.has(kind), asset, before: was.toString(), now: is.toString() });
  }
  return out;
}

function partyChanges(before: readonly OutcomeParty[], now: readonly OutcomeParty[]): OutcomeChange[] {
  const b = new Map(before.map((p) => [p.address.toLowerCase(), p]));
  const out: OutcomeChange[] = [];
  for (const p of now) {
    const was = b.get(p.address.toLowerCase());
    // Unread on either side: nothing can be said about it.
    if (!was || was.codeHash === undefined || p.codeHash === undefined || was.codeHash === p.codeHash) continue;
    const kind: OutcomeChangeKind = was.codeHash === null ? 'code-added' : p.codeHash === null ? 'code-removed' : 'code-changed';
    out.push({ kind, worse: true, party: { address: p.address, role: was.role, before: was.codeHash, now: p.codeHash } });
  }
  return out;
}

/**
 * Every way `now` differs from `before` beyond the tolerance, against the user first. Assets are matched by contract
 * and token id, so the order of the lists does not matter. When `now` reverts, that is the change (a failing
 * transaction moves nothing but its fee); when `before` reverted and `now` does not, what `now` moves is compared
 * against nothing. Outcomes without an asset list (dry runs) are compared on reverts and code only.
 */
export function compareOutcomes(before: Outcome, now: Outcome, tol: Tolerance = DEFAULT_TOLERANCE): OutcomeChange[] {
  const out: OutcomeChange[] = [];
  if (!before.revert && now.revert) out.push({ kind: 'now-reverts', worse: true, reason: now.revert.reason });
  else if (before.revert && !now.revert) out.push({ kind: 'no-longer-reverts', worse: false, reason: before.revert.reason });
  if (!now.revert && before.assets && now.assets) out.push(...assetChanges(before.revert ? [] : before.assets, now.assets, tol));
  out.push(...partyChanges(before.parties, now.parties));
  return out.sort((x, y) => Number(y.worse) - Number(x.worse));
}

/** The outcome moved against the user: stop and ask again. */
export const movedAgainstUser = (changes: readonly OutcomeChange[]) => changes.some((c) => c.worse);

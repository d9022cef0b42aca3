/**
 * The whole-wallet view at the moment of signing: what a request grants or takes away (approve, increaseAllowance,
 * setApprovalForAll, Permit2 approve / lockdown, EIP-2612 / DAI / EIP-4494 permits, Permit2 signatures, in a batch
 * too), applied to the stored inventory: "after this, N spenders can take up to $X; this one adds $Y". Computed from
 * the inventory only (no scan): pure, fast enough for the review's latency budget.
 */
import type { Address } from 'viem';
import { decodeApproval } from '../review/analyzers/approval';
import type { ParsedRequest, TxFields } from '../review/request';
import { parsePermit } from '../review/typed-data/permit';
import { UNLIMITED_THRESHOLD } from '../format/amount';
import { text, type Localized } from '../i18n/localized';
import { candidateKey, ZERO_ADDRESS, type ApprovalKind, type ApprovalRow, type Inventory, type TokenFacts } from './types';
import { rowValueAtRisk, walletExposure, type WalletExposure } from './valuation';

/** One permission a request sets, raises or takes away. */
export interface Grant {
  kind: ApprovalKind;
  token: Address;
  spender: Address;
  /** 'set' replaces the allowance (approve, permits), 'add' raises it (increaseAllowance), 'revoke' takes it away. */
  op: 'set' | 'add' | 'revoke';
  /** Base units for erc20 / permit2; absent for NFTs. */
  amount?: bigint;
  tokenId?: string;
  /** Permit2: unix seconds. */
  expiration?: number;
  /** An ERC-721 approve(to, id) reads like approve(spender, amount) until the token is known to be an NFT. */
  ambiguous?: boolean;
}

const lower = (a: string) => a.toLowerCase() as Address;

function grantsOfCall(tx: TxFields): Grant[] {
  const d = decodeApproval(tx.to, tx.data);
  if (!d) return [];
  switch (d.kind) {
    case 'erc20':
      if (d.fn === 'increaseAllowance') return [{ kind: 'erc20', token: lower(d.token), spender: lower(d.spender), op: 'add', amount: d.amount }];
      return [{ kind: 'erc20', token: lower(d.token), spender: lower(d.spender), op: d.amount === 0n ? 'revoke' : 'set', amount: d.amount, ambiguous: true }];
    case 'all':
      return [{ kind: 'nft-all', token: lower(d.token), spender: lower(d.operator), op: d.approved ? 'set' : 'revoke' }];
    case 'permit2':
      return [{ kind: 'permit2', token: lower(d.token), spender: lower(d.spender), op: d.amount === 0n ? 'revoke' : 'set', amount: d.amount, expiration: d.expiration }];
    case 'lockdown':
      return d.pairs.map((p) => ({ kind: 'permit2', token: lower(p.token), spender: lower(p.spender), op: 'revoke' }));
  }
}

/** The permissions a request grants or takes away, and the account that signs it; none for other requests. */
export function grantsOf(parsed: ParsedRequest): { account?: Address; grants: Grant[] } {
  switch (parsed.kind) {
    case 'transaction':
      return { account: parsed.tx.from, grants: grantsOfCall(parsed.tx) };
    case 'calls':
      return { account: parsed.from, grants: parsed.calls.flatMap(grantsOfCall) };
    case 'typed-data': {
      const p = parsed.data ? parsePermit(parsed.data) : undefined;
      if (!p) return { grants: [] };
      const account = parsed.account ?? (p.owner ? lower(p.owner) : undefined);
      const grants: Grant[] = p.grants.flatMap((g): Grant[] => {
        if (!g.token) return [];
        const token = lower(g.token);
        const spender = lower(p.spender);
        if (p.family === 'permit' && g.tokenId !== undefined) return [{ kind: 'nft-one', token, spender, op: 'set', tokenId: g.tokenId.toString() }];
        const kind: ApprovalKind = p.family === 'permit2' ? 'permit2' : 'erc20';
        const expiration = g.expiration !== undefined && g.expiration < 2n ** 48n ? Number(g.expiration) : undefined;
        return [{ kind, token, spender, op: g.amount === 0n && !p.oneOff ? 'revoke' : 'set', amount: g.amount, ...(kind === 'permit2' && expiration !== undefined ? { expiration } : {}) }];
      });
      return { account, grants };
    }
    default:
      return { grants: [] };
  }
}

/** The inventory's rows after the grants: set / raised / taken away. An ERC-721 approve moves the token's one approval. */
export function applyGrants(rows: readonly ApprovalRow[], grants: readonly Grant[], tokens: Readonly<Record<string, TokenFacts>>, block: number): ApprovalRow[] {
  let out = [...rows];
  for (const g0 of grants) {
    const facts = tokens[g0.token];
    const isNft = facts?.standard === 'erc721' || facts?.standard === 'erc1155';
    // approve(to, tokenId) on a collection: the one approved address of that token id.
    const g: Grant = g0.ambiguous && isNft ? { kind: 'nft-one', token: g0.token, spender: g0.spender, op: g0.spender === ZERO_ADDRESS ? 'revoke' : 'set', tokenId: (g0.amount ?? 0n).toString() } : g0;
    if (g.kind === 'nft-one') {
      out = out.filter((r) => !(r.kind === 'nft-one' && r.token === g.token && r.tokenId === g.tokenId));
      if (g.op !== 'revoke' && g.spender !== ZERO_ADDRESS) out.push({ kind: 'nft-one', token: g.token, spender: g.spender, tokenId: g.tokenId, amount: '1', unlimited: false, foundBy: 'logs', readAtBlock: block });
      continue;
    }
    const key = candidateKey(g);
    const existing = out.find((r) => candidateKey(r) === key);
    out = out.filter((r) => candidateKey(r) !== key);
    if (g.op === 'revoke') continue;
    const amount = g.kind === 'nft-all' ? 1n : g.op === 'add' ? BigInt(existing?.amount ?? '0') + (g.amount ?? 0n) : (g.amount ?? 0n);
    if (amount <= 0n) continue;
    out.push({
      kind: g.kind, token: g.token, spender: g.spender, amount: amount.toString(), unlimited: g.kind !== 'nft-all' && amount >= UNLIMITED_THRESHOLD, foundBy: 'logs', readAtBlock: block,
      ...(g.kind === 'permit2' ? { expiration: g.expiration ?? existing?.expiration, viaPermit2Allowance: existing?.viaPermit2Allowance } : {}),
    });
  }
  return out;
}

export interface FlaggedApproval {
  kind: ApprovalKind;
  token: Address;
  symbol: string;
  spender: Address;
  reason: 'scam-listed' | 'eoa';
  unlimited: boolean;
  valueUsd?: number;
}

export interface ExposureFigures {
  before: WalletExposure;
  after: WalletExposure;
  /** USD this request adds (negative: takes away); undefined when a changed token has no price or balance. */
  addedUsd?: number;
  /** Standing approvals (after the request) to a scam-listed spender or a plain account, worst first. */
  flagged: FlaggedApproval[];
}

/**
 * The wallet before and after the grants. `extraTokens`: facts of tokens the inventory does not hold (the request's
 * token, read on the review's path), so its balance is known; without a price its value stays unknown.
 */
export function exposureAfter(inv: Pick<Inventory, 'rows' | 'tokens' | 'spenders' | 'completeTo'>, grants: readonly Grant[], nowSec: number, scamListed: (a: string) => boolean, extraTokens: Readonly<Record<string, TokenFacts>> = {}): ExposureFigures {
  const tokens = { ...extraTokens, ...inv.tokens };
  for (const [k, v] of Object.entries(extraTokens)) if (tokens[k] && v.balance !== undefined) tokens[k] = { ...tokens[k]!, balance: v.balance };
  const rowsAfter = applyGrants(inv.rows, grants, tokens, inv.completeTo ?? 0);
  const before = walletExposure(inv.rows, tokens, nowSec);
  const after = walletExposure(rowsAfter, tokens, nowSec);
  const changedTokens = new Set(grants.map((g) => g.token));
  const unknown = [...changedTokens].some((t) => {
    const f = tokens[t];
    if (f?.standard === 'erc721' || f?.standard === 'erc1155') return false;
    return !f?.price || f.balance === undefined || f.decimals === undefined;
  });
  const nftOnly = grants.every((g) => g.kind === 'nft-all' || g.kind === 'nft-one' || tokens[g.token]?.standard === 'erc721' || tokens[g.token]?.standard === 'erc1155');
  const addedUsd = unknown && !nftOnly ? undefined : after.usd - before.usd;
  const flagged: FlaggedApproval[] = [];
  for (const r of rowsAfter) {
    const reason = scamListed(r.spender) ? 'scam-listed' : inv.spenders[r.spender]?.isContract === false ? 'eoa' : undefined;
    if (!reason) continue;
    const value = rowValueAtRisk(r, tokens[r.token], nowSec);
    flagged.push({ kind: r.kind, token: r.token, symbol: tokens[r.token]?.symbol ?? r.token, spender: r.spender, reason, unlimited: r.unlimited, ...(value !== undefined ? { valueUsd: value } : {}) });
  }
  flagged.sort((a, b) => (a.reason === b.reason ? (b.valueUsd ?? -1) - (a.valueUsd ?? -1) : a.reason === 'scam-listed' ? -1 : 1));
  return { before, after, ...(addedUsd !== undefined ? { addedUsd } : {}), flagged };
}

/** The panel's whole-wallet line (Review.exposure). */
export type ExposureView =
  /** No inventory of this account on this chain yet: the panel says so and offers to build it. */
  | { state: 'none'; chainId: number; account: string }
  | {
    state: 'ready';
    chainId: number;
    account: string;
    /** Distinct spenders with standing approvals after this request. */
    spenders: number;
    /** USD they could take after this request (priced tokens). */
    usd: number;
    /** USD this request adds (negative: takes away); undefined when unknown (no price or balance for its token). */
    addedUsd?: number;
    /** Approvals after this request whose value is unknown (NFTs, tokens without a price). */
    unpriced: number;
    flagged: FlaggedApproval[];
    /** When the inventory was last read from the chain (unix ms), and up to which block. */
    asOf: number;
    completeTo?: number;
    line: Localized;
  };

const usd = (x: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: Math.abs(x) < 100 ? 2 : 0 }).format(x);

/** "After this, 12 spenders can take up to $54,321; this one adds $3,000." in English and Japanese. */
export function exposureLine(f: ExposureFigures): Localized {
  const n = f.after.spenders;
  const total = usd(f.after.usd);
  const added = f.addedUsd === undefined ? undefined : f.addedUsd >= 0 ? usd(f.addedUsd) : usd(-f.addedUsd);
  const adds = f.addedUsd === undefined
    ? text('this one adds an amount Preflight cannot price', 'この署名で増える額は価格が分からないため算出できません')
    : f.addedUsd >= 0 ? text(`this one adds ${added}`, `この署名で ${added} 増えます`) : text(`this one takes ${added} away`, `この署名で ${added} 減ります`);
  const unpriced = f.after.unpriced > 0 ? text(` (plus ${f.after.unpriced} approval${f.after.unpriced === 1 ? '' : 's'} with no price: NFTs or tokens without a feed)`, `（ほかに価格の分からない承認 ${f.after.unpriced} 件：NFT や価格フィードのないトークン）`) : text('', '');
  return text(
    `After this, ${n} spender${n === 1 ? '' : 's'} can take up to ${total} of your assets${unpriced.en}; ${adds.en}.`,
    `署名後、${n} 件の使用者があなたの資産を最大 ${total} 持ち出せます${unpriced.ja}。${adds.ja}。`,
  );
}

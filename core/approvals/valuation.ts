/**
 * What standing approvals put at risk, in USD: min(allowance, balance) × price per row; for the whole wallet, per
 * token min(balance, Σ of what every spender may take) × price, so two spenders of the same USDC count the USDC
 * once. A Permit2 allowance can move no more than the token's own allowance to Permit2, and nothing once expired.
 * NFTs have no on-chain price: they are counted (how many approvals, how many items held), never priced.
 */
import { candidateKey, type ApprovalRow, type SpenderFacts, type TokenFacts } from './types';

const min = (a: bigint, b: bigint) => (a < b ? a : b);
const big = (s: string | undefined): bigint | undefined => {
  if (s === undefined) return undefined;
  try {
    return BigInt(s);
  } catch {
    return undefined;
  }
};

/** What one row lets its spender take now, in base units; undefined for NFTs and when the balance is unread. */
export function takeableUnits(row: Pick<ApprovalRow, 'kind' | 'amount' | 'expiration' | 'viaPermit2Allowance'>, token: TokenFacts | undefined, nowSec: number): bigint | undefined {
  if (row.kind !== 'erc20' && row.kind !== 'permit2') return undefined;
  const balance = big(token?.balance);
  const amount = big(row.amount);
  if (balance === undefined || amount === undefined) return undefined;
  if (row.kind === 'erc20') return min(amount, balance);
  if (row.expiration !== undefined && row.expiration < nowSec) return 0n;
  const via = big(row.viaPermit2Allowance);
  return min(min(amount, via ?? amount), balance);
}

/** Base units × price in USD (decimals known), else undefined. */
export function unitsToUsd(units: bigint, token: TokenFacts | undefined): number | undefined {
  if (!token?.price || token.decimals === undefined) return undefined;
  return (Number(units) / 10 ** token.decimals) * token.price.usd;
}

/** Value at risk of one row in USD: undefined when there is no price (or no balance read, or an NFT). */
export function rowValueAtRisk(row: ApprovalRow, token: TokenFacts | undefined, nowSec: number): number | undefined {
  const units = takeableUnits(row, token, nowSec);
  return units === undefined ? undefined : unitsToUsd(units, token);
}

export interface WalletExposure {
  /** Distinct spenders with at least one standing approval. */
  spenders: number;
  /** USD the spenders together could take of priced tokens. */
  usd: number;
  /** Approvals whose value is unknown (an NFT, or a token without a price or balance). */
  unpriced: number;
  rows: number;
}

/** The whole wallet: per token, min(balance, Σ takeable of its rows) × price; spenders counted once. */
export function walletExposure(rows: readonly ApprovalRow[], tokens: Readonly<Record<string, TokenFacts>>, nowSec: number): WalletExposure {
  const spenders = new Set<string>();
  const perToken = new Map<string, bigint>();
  let unpriced = 0;
  for (const row of rows) {
    spenders.add(row.spender.toLowerCase());
    const token = tokens[row.token.toLowerCase()];
    const units = takeableUnits(row, token, nowSec);
    if (units === undefined || unitsToUsd(1n, token) === undefined) {
      unpriced++;
      continue;
    }
    perToken.set(row.token.toLowerCase(), (perToken.get(row.token.toLowerCase()) ?? 0n) + units);
  }
  let usd = 0;
  for (const [t, units] of perToken) {
    const token = tokens[t];
    const balance = big(token?.balance) ?? 0n;
    usd += unitsToUsd(min(units, balance), token) ?? 0;
  }
  return { spenders: spenders.size, usd, unpriced, rows: rows.length };
}

/** Sort key: scam-listed spenders, then plain accounts (EOAs), then new contracts, then value at risk (unpriced last). */
export function sortRows<R extends ApprovalRow>(
  rows: readonly R[],
  tokens: Readonly<Record<string, TokenFacts>>,
  spenders: Readonly<Record<string, SpenderFacts>>,
  scamListed: (address: string) => boolean,
  nowSec: number,
): R[] {
  const rank = (r: R) => {
    const s = spenders[r.spender.toLowerCase()];
    return scamListed(r.spender) ? 0 : s?.isContract === false ? 1 : s?.age === 'new' ? 2 : 3;
  };
  const value = (r: R) => rowValueAtRisk(r, tokens[r.token.toLowerCase()], nowSec);
  return [...rows].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra - rb;
    const va = value(a);
    const vb = value(b);
    if (va !== undefined && vb !== undefined && va !== vb) return vb - va;
    if (va !== undefined && vb === undefined) return -1;
    if (vb !== undefined && va === undefined) return 1;
    if (a.unlimited !== b.unlimited) return a.unlimited ? -1 : 1;
    return candidateKey(a) < candidateKey(b) ? -1 : 1;
  });
}

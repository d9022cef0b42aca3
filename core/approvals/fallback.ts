/**
 * Where a node serves no logs: a bounded guess instead of a scan. Known tokens × known spenders (ERC-20 allowance and
 * Permit2 allowance), known collections × known operators (operator approvals), and every (token, spender) pair the
 * user was asked to approve in a request Preflight reviewed, plus every spender and operator of those requests
 * against the known tokens. The tab says these rows came from the fallback: an approval outside these lists is not
 * found this way.
 */
import type { Address } from 'viem';
import { decodeApproval } from '../review/analyzers/approval';
import { parseRequest, type TxFields } from '../review/request';
import { parsePermit } from '../review/typed-data/permit';
import type { SigningRequest } from '../review/types';
import { candidateKey, ZERO_ADDRESS, type ApprovalKind, type Candidate } from './types';

/** At most this many candidates (each is one or two reads in a batch of 300). */
export const MAX_FALLBACK_CANDIDATES = 3_000;

export interface ReviewedPermission {
  kind: ApprovalKind;
  token?: Address;
  spender: Address;
}

const lower = (a: string) => a.toLowerCase() as Address;

function ofCall(tx: TxFields): ReviewedPermission[] {
  const d = decodeApproval(tx.to, tx.data);
  if (!d) return [];
  switch (d.kind) {
    case 'erc20':
      return d.spender.toLowerCase() === ZERO_ADDRESS ? [] : [{ kind: 'erc20', token: lower(d.token), spender: lower(d.spender) }];
    case 'all':
      return [{ kind: 'nft-all', token: lower(d.token), spender: lower(d.operator) }];
    case 'permit2':
      return [{ kind: 'permit2', token: lower(d.token), spender: lower(d.spender) }];
    case 'lockdown':
      return [];
  }
}

/** The permissions a reviewed request asked for on `chainId` (malformed requests give none). */
export function permissionsOfRequest(request: SigningRequest, chainId: number): ReviewedPermission[] {
  if (request.chainId !== chainId) return [];
  let parsed;
  try {
    parsed = parseRequest(request);
  } catch {
    return [];
  }
  switch (parsed.kind) {
    case 'transaction':
      return ofCall(parsed.tx);
    case 'calls':
      return parsed.calls.flatMap(ofCall);
    case 'typed-data': {
      const p = parsed.data ? parsePermit(parsed.data) : undefined;
      if (!p || p.oneOff) return [];
      return p.grants.map((g) => ({ kind: p.family === 'permit2' ? 'permit2' : 'erc20', ...(g.token ? { token: lower(g.token) } : {}), spender: lower(p.spender) }));
    }
    default:
      return [];
  }
}

export interface FallbackLists {
  /** The chain's known fungible tokens. */
  tokens: readonly Address[];
  /** Known NFT collections. */
  collections: readonly Address[];
  /** Known spenders and operators (well-known routers, marketplaces, the user's trusted and labelled addresses). */
  spenders: readonly Address[];
  /** What reviewed requests asked for. */
  reviewed: readonly ReviewedPermission[];
}

/** The bounded candidate list, deduplicated, the reviewed pairs first (they are the most likely to stand). */
export function fallbackCandidates(l: FallbackLists, max = MAX_FALLBACK_CANDIDATES): Candidate[] {
  const out = new Map<string, Candidate>();
  const add = (kind: ApprovalKind, token: Address, spender: Address) => {
    if (out.size >= max) return;
    const c: Candidate = { kind, token: lower(token), spender: lower(spender), foundBy: 'fallback' };
    out.set(candidateKey(c), c);
  };
  const tokens = [...new Set([...l.tokens, ...l.reviewed.filter((r) => r.kind !== 'nft-all' && r.token).map((r) => r.token!)].map(lower))];
  const collections = [...new Set([...l.collections, ...l.reviewed.filter((r) => r.kind === 'nft-all' && r.token).map((r) => r.token!)].map(lower))];
  const spenders = [...new Set([...l.reviewed.map((r) => r.spender), ...l.spenders].map(lower))];
  for (const r of l.reviewed) if (r.token) add(r.kind, r.token, r.spender);
  for (const s of spenders) {
    for (const t of tokens) {
      add('erc20', t, s);
      add('permit2', t, s);
    }
    for (const c of collections) add('nft-all', c, s);
  }
  return [...out.values()];
}

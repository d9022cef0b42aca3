/**
 * The approvals inventory: every standing permission an account gave, as read from its node. Plain data (stored in
 * IndexedDB's kv store as it is), lower-case addresses, amounts as decimal strings of base units.
 */
import type { Address } from 'viem';
import type { SpanState } from './node-limits';

export type ApprovalKind = 'erc20' | 'nft-all' | 'nft-one' | 'permit2';

/** How a permission was found: the account's Approval logs, or the bounded fallback reads (a node without logs). */
export type FoundBy = 'logs' | 'fallback';

/** A permission that may stand: found in a log or guessed by the fallback, not yet read. */
export interface Candidate {
  kind: ApprovalKind;
  /** The token or NFT collection (for Permit2: the token Permit2 may move). */
  token: Address;
  /** The spender, operator, approved address, or Permit2 spender. */
  spender: Address;
  /** nft-one: the token id (decimal). */
  tokenId?: string;
  foundBy: FoundBy;
}

/** A permission that stands now, as read from the chain. */
export interface ApprovalRow extends Candidate {
  /** Base units, decimal: the allowance (erc20, permit2); '1' for nft-one and nft-all. */
  amount: string;
  /** ≥ 2^128 base units (erc20, permit2). */
  unlimited: boolean;
  /** Permit2: unix seconds after which the allowance is void. */
  expiration?: number;
  /** Permit2: the token's own allowance to Permit2, which caps what Permit2 can move (decimal base units). */
  viaPermit2Allowance?: string;
  /** Block the state was read at. */
  readAtBlock: number;
}

export type TokenStandard = 'erc20' | 'erc721' | 'erc1155' | 'unknown';

/** What is known of a token or collection the account has given permissions on. */
export interface TokenFacts {
  symbol: string;
  /** erc20 only; undefined when decimals() did not answer. */
  decimals?: number;
  standard: TokenStandard;
  /** The account's balance in base units (erc20), or the number of NFTs held (erc721); undefined when unread. */
  balance?: string;
  /** USD per whole token, with where it was read. */
  price?: TokenPrice;
}

export interface TokenPrice {
  usd: number;
  /** 'chainlink': a Chainlink feed (mainnet); 'pool': the chain's own Uniswap V2 pool against its USD stablecoin (devnet only). */
  source: 'chainlink' | 'pool';
  /** Unix seconds of the reading. */
  at: number;
}

/** What is known of a spender (the scam list is matched when shown, so a list fetched later applies at once). */
export interface SpenderFacts {
  /** false: a plain account (EOA); undefined: not read. */
  isContract?: boolean;
  /** 'new': deployed within 7 days; 'unknown': the node serves no state that old. Only read for contracts. */
  age?: 'new' | 'old' | 'unknown';
}

/** Where a scan of the account's logs is: resumable after a worker restart, incremental afterwards. */
export interface ScanCursor {
  /** First block of this pass (0 for the first scan; the last scanned block minus a reorg margin afterwards). */
  fromBlock: number;
  /** The head when this pass started: the pass ends here. */
  toBlock: number;
  /** Every block up to here is scanned (fromBlock − 1 before any). */
  scannedTo: number;
  /** The span the node accepts, learnt so far. */
  span: SpanState;
}

export interface Inventory {
  chainId: number;
  account: Address;
  rows: ApprovalRow[];
  tokens: Record<string, TokenFacts>;
  spenders: Record<string, SpenderFacts>;
  /** How the last pass went. 'logs': the account's logs; 'fallback': the node serves none, bounded reads instead. */
  method: FoundBy;
  cursor?: ScanCursor;
  /** The head up to which the inventory is complete (undefined while the first pass runs). */
  completeTo?: number;
  /** Unix ms of the last change. */
  updatedAt: number;
}

export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';
/** Permit2 (Uniswap), the same address on every chain. */
export const PERMIT2: Address = '0x000000000022d473030f116ddee9f6b43ac78ba3';
/** Multicall3 (mds1/multicall), the same address on every chain that has it. */
export const MULTICALL3: Address = '0xca11bde05977b3631167028862be2a173976ca11';

/** One key per permission: kind, token, spender (and token id). */
export function candidateKey(c: Pick<Candidate, 'kind' | 'token' | 'spender' | 'tokenId'>): string {
  return `${c.kind}:${c.token.toLowerCase()}:${c.spender.toLowerCase()}${c.tokenId !== undefined ? `:${c.tokenId}` : ''}`;
}

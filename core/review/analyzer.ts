import type { Address, PublicClient } from 'viem';
import type { Localized } from '../i18n/localized';
import type { RpcSource } from '../chain/rpc-sources';
import type { TokenInfo } from '../chain/token';
import type { DomainCheck } from '../threat/domain-check';
import type { ParsedRequest } from './request';
import type { AnalyzerResult, SigningRequest } from './types';

/** What the review engine is given from outside core/: chain access, the clock, what the user told us. */
export interface ReviewDeps {
  /** A client for the request's chain; absent when no RPC is configured (on-chain checks are skipped and said so). */
  client?: PublicClient;
  /** Token metadata reader (cached by the caller); falls back to reading through `client`. */
  token?: (address: Address) => Promise<TokenInfo>;
  now: () => number;
  /** The user's time zone (IANA, the browser's) for times in findings; absent: UTC, said so in the text. */
  timeZone?: string;
  /** Origins and spenders the user marked as trusted (lowercase). */
  trustedOrigins?: readonly string[];
  trustedSpenders?: readonly string[];
  /** Labels for contracts the well-known list lacks (lowercase address → name), e.g. devnet deployments. */
  labels?: Readonly<Record<string, string>>;
  /** The public scam-address list kept on this computer (lowercase), when one has been fetched. */
  scamAddresses?: ReadonlySet<string>;
  /**
   * Whether a page's host is a known phishing site by the lists in use now (MetaMask's phishing configuration as last
   * fetched, ScamSniffer's domains); absent: the bundled copy of MetaMask's list decides.
   */
  checkDomain?: (hostname: string) => Promise<DomainCheck> | DomainCheck;
  /** Addresses the user has sent to before (lowercase), for address-poisoning checks. */
  knownRecipients?: readonly string[];
  /** Spenders and operators the user approved in continued requests (lowercase), for the first-time check. */
  knownSpenders?: readonly string[];
  /**
   * What is wrong with chain access, when the caller found out before the review (a dead RPC, an RPC for
   * another chain). The review then runs without `client` and says why on-chain checks are missing.
   */
  rpcProblem?: Error;
  /**
   * Set by a caller that has no way at all to read the request's chain (no RPC of the user's, no MetaMask serving
   * it, no public RPC): the review then says which on-chain checks were skipped (`no-chain-access`), with `reason`
   * when the caller knows better than "no RPC".
   */
  noChainAccess?: { reason?: Localized };
  /** The sources `client` reads the chain from, in order (user RPC, the wallet's, public): analyzers word limits by them. */
  chainSources?: readonly RpcSource[];
  /** The user declared this chain's RPC private (MEV protection). */
  privateRpc?: boolean;
  /** ETH price in USD, when known (fiat figures in findings). */
  ethUsd?: number;
  /** The stored approvals inventory of an account on a chain (core/approvals), for the whole-wallet view; no scan. */
  approvals?: (chainId: number, account: string) => Promise<import('../approvals/types').Inventory | undefined>;
  /** Extra services later analyzers use (gas engine, MEV engine, phishing list); each optional. */
  services?: Partial<ReviewServices>;
}

/** Typed slots for engines analyzers may use. Filled by the background; absent in minimal setups. */
export interface ReviewServices {
  /** Whatever an engine wants to expose; analyzers narrow it themselves. */
  [name: string]: unknown;
}

export interface ReviewContext extends ReviewDeps {
  request: SigningRequest;
  parsed: ParsedRequest;
  /** Aborted when the review's time budget runs out. */
  signal: AbortSignal;
}

/** One check. Adding a check = one file exporting an Analyzer + one line in analyzers/index.ts. */
export interface Analyzer {
  /** Stable id, shown in analysis-failed findings. */
  id: string;
  /** Which kinds of parsed request it looks at. */
  kinds: readonly ParsedRequest['kind'][];
  analyze(ctx: ReviewContext): Promise<AnalyzerResult | undefined> | AnalyzerResult | undefined;
}

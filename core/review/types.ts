import type { Localized } from '../i18n/localized';
import type { Outcome } from './outcome';

/** Methods Preflight reviews before the wallet sees them (DESIGN.md). Everything else passes through. */
export const REVIEWED_METHODS = [
  'eth_sendTransaction',
  'wallet_sendCalls',
  'eth_signTypedData',
  'eth_signTypedData_v1',
  'eth_signTypedData_v3',
  'eth_signTypedData_v4',
  'personal_sign',
  'eth_sign',
  'wallet_switchEthereumChain',
  'wallet_addEthereumChain',
  'wallet_watchAsset',
] as const;

export type ReviewedMethod = (typeof REVIEWED_METHODS)[number];

export function isReviewedMethod(method: unknown): method is ReviewedMethod {
  return typeof method === 'string' && (REVIEWED_METHODS as readonly string[]).includes(method);
}

/** Finding codes: stable, documented in the README, never renamed once shipped. */
export const FINDING_CODES = [
  'unlimited-approval',
  'approval-to-eoa',
  'nft-approval-for-all',
  'permit-signature',
  'permit2-signature',
  'marketplace-order-signature',
  'eth-sign',
  'siwe-domain-mismatch',
  'address-poisoning',
  'phishing-domain',
  'chain-switch',
  'unknown-chain',
  'recipient-is-token-contract',
  'drains-native-balance',
  'simulation-revert',
  'asset-changes',
  'sandwich-risk',
  'high-slippage',
  'gas-spike',
  'wait-for-cheaper-gas',
  'fee-above-recommended',
  'analysis-failed',
  'siwe-account-mismatch',
  'new-spender-contract',
  'non-canonical-encoding',
  'known-scam-address',
  'no-chain-access',
  'delegation-unrestricted',
  'delegation-restricted',
  'eip7702-delegated-account',
  'eip7702-batch-upgrade',
  // Issue 21, drains in disguise.
  'scam-function-call',
  'swap-pays-other',
  'swap-no-minimum',
  'blur-root-off-site',
  'permit2-batch-unlimited',
  'batch-transfer-out',
  'personal-sign-hash',
  'safe-delegatecall',
  'safe-owner-change',
  'safe-control-change',
  'safe-refund-drain',
  'safe-unreadable',
  'safe-message',
  'first-time-address',
  'first-time-fresh-address',
  'outcome-depends-on-time',
  // Issue 21, red team: cases from outside the fixtures.
  'permit2-batch-transfer-unlimited',
  'batch-approvals-unknown-spender',
  'ownership-transfer',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];
export type Severity = 'info' | 'warn' | 'danger';
export type Verdict = 'ok' | 'caution' | 'danger' | 'error';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  title: Localized;
  detail?: Localized;
}

/** What the request asks for, as the page sent it. */
export interface SigningRequest {
  method: ReviewedMethod;
  /** As the page sent them: usually a list; wallet_watchAsset sends an object. */
  params: unknown;
  /** Origin of the page that asked, e.g. https://app.uniswap.org */
  origin: string;
  /** Chain the wallet is on when the request arrived (decimal). */
  chainId: number;
}

/** A generic card the panel renders: a title and rows of label/value. Analyzers add their own. */
export interface ReviewCard {
  kind: string;
  title: Localized;
  /** `mono`: a long machine value (a hash, raw bytes) shown in a fixed-width font, wrapped anywhere. */
  rows: { label: Localized; value: Localized | string; mono?: boolean }[];
  note?: Localized;
}

export interface AssetChange {
  direction: 'out' | 'in';
  /** 'native' or the token contract */
  asset: 'native' | `0x${string}`;
  standard: 'native' | 'erc20' | 'erc721' | 'erc1155';
  symbol: string;
  /** Human amount, already scaled by decimals, as a decimal string; token id for NFTs in tokenId. */
  amount: string;
  tokenId?: string;
}

/** Fees the user may choose to forward instead of the dApp's (hex wei strings, as EIP-1193 wants). */
export interface SuggestedFees {
  maxFeePerGas: `0x${string}`;
  maxPriorityFeePerGas: `0x${string}`;
}

/** What one analyzer contributes. Everything is optional: most analyzers add a finding or nothing. */
export interface AnalyzerResult {
  findings?: Finding[];
  /** A plain sentence of what the request does. The first analyzer (by registry order) that gives one wins. */
  summary?: Localized;
  cards?: ReviewCard[];
  assetChanges?: AssetChange[];
  suggestedFees?: SuggestedFees;
  /** A base-fee target worth waiting for (the panel offers "hold until"). */
  hold?: HoldSuggestion;
  /** The whole-wallet view of standing approvals after this request (core/approvals/exposure.ts). */
  exposure?: import('../approvals/exposure').ExposureView;
  /** What the transaction would do, kept with the review so the release check can simulate it again and compare. */
  outcome?: Outcome;
}

export interface HoldSuggestion {
  /** Decimal wei. */
  targetBaseFeeWei: string;
  /** Unix seconds the forecast expects it. */
  expectedAt?: number;
  /** Unix seconds after which holding stops (the user's deadline): the panel returns to the choice, it never sends by itself then. */
  deadline?: number;
}

export interface Review {
  id: string;
  createdAt: number;
  request: SigningRequest;
  verdict: Verdict;
  summary: Localized;
  findings: Finding[];
  cards: ReviewCard[];
  assetChanges?: AssetChange[];
  suggestedFees?: SuggestedFees;
  hold?: HoldSuggestion;
  /** The whole-wallet view of standing approvals after this request, when it grants or revokes any. */
  exposure?: import('../approvals/exposure').ExposureView;
  /** The simulated outcome the panel showed (transactions and batches with chain access): the release check's baseline. */
  outcome?: Outcome;
  /** Why MetaMask will refuse this request (nothing would be signed), when it will. */
  refusal?: Localized;
  /** Milliseconds the analysis took. */
  analysisMs: number;
}

export type Decision = 'continue' | 'reject';

export interface DecidedReview extends Review {
  decision?: Decision;
  decidedAt?: number;
  appliedFees?: boolean;
}

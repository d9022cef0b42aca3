import type { Decision, Review, SigningRequest } from './review/types';
import type { ReviewRecord } from './store/db';
import type { ReviewFees } from './intercept/protocol';
import type { LiveReport } from './gas/live-report';
import type { Jsonify } from './json';
import type { PlanRecord, WalletKind } from './store/plans';
import type { PlanRequest } from './withdraw/plan-request';
import type { Localized } from './i18n/localized';
import type { InventoryView } from './approvals/view';
import type { ScanJob } from './store/approvals';
import type { PriceSourceKind } from './approvals/chains';
import type { ListState } from './store/list-state';

/** The public threat lists: ScamSniffer's addresses, MetaMask's phishing configuration, ScamSniffer's domains. */
export type ThreatListId = 'addresses' | 'phishing' | 'domains';
/** Answer to lists:status. */
export type ThreatListsState = Record<ThreatListId, ListState>;
import type { RecheckResult } from './review/recheck';

/** Runtime messages between the extension's own contexts (content script, review panel, popup, background). */
export type RuntimeMessage =
  | { t: 'review:start'; key: string; request: Omit<SigningRequest, 'origin' | 'chainId'> & { chainId: string | null } }
  | { t: 'review:get'; key: string }
  | { t: 'review:decide'; key: string; decision: Decision; applyFees: boolean }
  | { t: 'reviews:list'; limit?: number }
  | { t: 'phishing:check' }
  /** From a content script: the user pressed or typed on a page that uses a wallet; start the worker (and open what a review reads first). */
  | { t: 'worker:warm' }
  | { t: 'gas:report'; chainId: number; gasLimit?: string; withinHours?: number }
  | { t: 'fiat:rates' }
  | { t: 'gas:alert:set'; chainId: number; maxBaseFeeGwei: number | null }
  | { t: 'gas:alert:list' }
  | { t: 'gas:alert:check' }
  | { t: 'bypass:list' }
  /** A reviewed request MetaMask received straight from the page before Preflight could stop it (content script). */
  | { t: 'bypass:stream'; key: string; request: Omit<SigningRequest, 'origin' | 'chainId'> & { chainId: string | null } }
  | { t: 'bypass:clear' }
  /** Settings: every threat list in use (age, size) and its last fetch; `refresh` fetches one now (after a URL change). */
  | { t: 'lists:status' }
  | { t: 'lists:refresh'; list: ThreatListId }
  /**
   * From a content script in a frame whose panel cannot run there (Firefox gives an extension frame inside a
   * sandboxed, opaque-origin frame no extension APIs): show this request's panel on the tab's top page instead.
   */
  | { t: 'panel:top'; key: string }
  | WithdrawMessage
  | ApprovalsMessage;

/** Withdraw tab ↔ background (extension pages only): balances, plans, and step execution. */
export type WithdrawMessage =
  | { t: 'withdraw:wallet'; chainId: number }
  | { t: 'metamask:status' }
  | { t: 'metamask:connect' }
  /** A chain read through MetaMask's selected network, answered by the worker (read methods only; no connection needed). */
  | { t: 'metamask:read'; method: string; params?: unknown[] }
  | { t: 'withdraw:balances'; chainId: number; account: string }
  | { t: 'plan:create'; request: PlanRequest; wallet: WalletKind }
  | { t: 'plan:get'; id: string }
  | { t: 'plan:list' }
  | { t: 'plan:track'; id: string }
  | { t: 'plan:check'; id: string }
  | { t: 'plan:replan'; id: string }
  | { t: 'step:prepare'; planId: string; stepId: string }
  | { t: 'step:send'; planId: string; stepId: string }
  | { t: 'step:sent'; planId: string; stepId: string; txHash: string }
  | { t: 'step:skip'; planId: string; stepId: string }
  | { t: 'step:done'; planId: string; stepId: string };

/** Answer to withdraw:wallet: the node's own accounts when the chain's configured RPC signs (anvil, hardhat, a local node). */
export interface NodeWalletResponse {
  kind: 'node-accounts' | 'read-only';
  accounts: string[];
  rpc?: string;
  reason?: string;
}

/** Answer to metamask:status / metamask:connect: which MetaMask answered, and whether Preflight is connected to it. */
export type MetaMaskStatus =
  | {
    found: false;
    tried: string[];
    /** Ids where an extension is installed but did not answer in time (MetaMask still starting, or busy). */
    silent: string[];
  }
  | {
    found: true;
    extensionId: string;
    /** A known build's name; undefined for an id given in Settings. */
    name?: string;
    /** MetaMask's network for Preflight (0x-hex). */
    chainId: string;
    /** Empty until the user connected Preflight in MetaMask, and while MetaMask is locked. */
    accounts: string[];
    /** MetaMask is locked (after a browser restart): its accounts show once the user unlocks it. */
    locked: boolean;
    /** A connect request is open in MetaMask's window. */
    connecting: boolean;
    /** How the last connect request ended, when it did not connect (e.g. rejected in MetaMask). */
    connectError?: string;
  };

/** A MetaMask request for a plan's step that the worker is waiting on, or how the last one ended. */
export type WalletWait = { stepId: string; since: number } | { stepId: string; error: string; rejected: boolean };

export interface BalanceLine {
  symbol: string;
  /** undefined: the native coin. */
  address?: string;
  decimals: number;
  /** Base units, decimal string. */
  raw: string;
  amount: number;
  stable?: boolean;
}

/** Answer to plan:create / plan:get / step:*: the stored record, what the one-shot sale would give, and progress. */
export interface PlanView {
  record: PlanRecord;
  progress: { done: number; total: number; share: number };
  nextStepId?: string;
  /** When the next step is due (unix seconds). */
  nextDueAt?: number;
  /** MetaMask is showing one of this plan's steps (or refused it); kept by the worker while it runs. */
  wallet?: WalletWait;
  /** The release check stopped sending this step (answer to step:send): what changed since it was prepared. */
  recheck?: { stepId: string; result: Exclude<RecheckResult, { status: 'unchanged' }> };
}

/** Answer to gas:report: the live report (bigints as decimal strings) and fiat rates when Chainlink answered. */
export interface GasReportResponse {
  report: Jsonify<LiveReport>;
  fiat?: { ethUsd: number; ethJpy: number };
  fiatError?: string;
}

/** Answer to phishing:check, for the page banner. */
export interface PhishingCheckResponse {
  listed: boolean;
  /** The real site the page imitates, for a fuzzy match. */
  imitates?: string;
  /** Which list names the page. */
  list?: 'metamask' | 'scamsniffer';
  lang: 'en' | 'ja';
}

/** Sent by the background to the tab's content script. */
export type TabMessage =
  | { t: 'review:decided'; key: string; decision: Decision; fees?: ReviewFees }
  /** To the top frame: a frame of this tab sent a request to MetaMask around Preflight; show the banner. */
  | { t: 'bypass:banner'; method: string }
  /** To the top frame: show the panel of a request from one of this tab's frames (see `panel:top`). */
  | { t: 'panel:show'; key: string };

export interface ReviewGetResponse {
  request: SigningRequest;
  review?: Review;
  decision?: Decision;
  error?: string;
  /** The storage was full: this record is kept for the browser session only. */
  unsaved?: boolean;
  /** The last release check: one that stopped this (still undecided) request is shown again; one that let it through is kept with the decision. */
  recheck?: RecheckResult;
}

/**
 * Answer to review:decide. `held`: the release check stopped a Continue (the outcome moved, or the node did not
 * answer): nothing was forwarded or recorded; the panel shows `recheck` and asks again. `already`: decided before.
 */
export type DecideResponse = { ok: true; already?: true } | { ok: true; held: true; recheck: RecheckResult };

/** Newest first; `unsaved` marks records kept for the session only (the storage was full). */
export type ReviewsListResponse = Array<ReviewRecord & { unsaved?: boolean }>;

/** Approvals tab and the review panel ↔ background (extension pages only): the inventory, its scan, revocations. */
export type ApprovalsMessage =
  | { t: 'approvals:status'; chainId: number; account: string }
  /** Starts (or resumes) the scan in the background; answers at once with the status. */
  | { t: 'approvals:scan'; chainId: number; account: string }
  | { t: 'approvals:cancel'; chainId: number; account: string }
  /** Revokes the rows with these keys through MetaMask: one transaction, or several as one batch / one after another. */
  | { t: 'approvals:revoke'; chainId: number; account: string; keys: string[] };

/** A revocation sent through MetaMask and followed to its receipt (the worker's memory; the chain is the truth). */
export interface RevokeState {
  keys: string[];
  state: 'waiting' | 'sent' | 'mined' | 'failed' | 'rejected';
  hashes: string[];
  /** MetaMask would not batch here (its EIP-5792 answer): the calls went one after another. */
  batchRefused?: { code: number; message: string };
  /** MetaMask took them as one batch (its id). */
  batchId?: string;
  error?: string;
  at: number;
}

/** Answer to approvals:*: the job, the inventory as the tab shows it, which node is read and where prices come from. */
export interface ApprovalsStatus {
  chainId: number;
  account: string;
  job?: ScanJob;
  view?: InventoryView;
  /** The node the scan reads ("your RPC (host)", "MetaMask's RPC for …", "the public RPC …"). */
  source?: Localized;
  /** No node at all for this chain: why. */
  noSource?: Localized;
  priceSource: PriceSourceKind;
  revoke?: RevokeState;
}

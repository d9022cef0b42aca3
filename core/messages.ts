import type { Decision, Review, SigningRequest } from './review/types';
import type { ReviewRecord } from './store/db';
import type { ReviewFees } from './intercept/protocol';
import type { LiveReport } from './gas/live-report';
import type { Jsonify } from './json';

/** Runtime messages between the extension's own contexts (content script, review panel, popup, background). */
export type RuntimeMessage =
  | { t: 'review:start'; key: string; request: Omit<SigningRequest, 'origin' | 'chainId'> & { chainId: string | null } }
  | { t: 'review:get'; key: string }
  | { t: 'review:decide'; key: string; decision: Decision; applyFees: boolean }
  | { t: 'reviews:list'; limit?: number }
  | { t: 'phishing:check' }
  | { t: 'gas:report'; chainId: number; gasLimit?: string; withinHours?: number }
  | { t: 'gas:alert:set'; chainId: number; maxBaseFeeGwei: number | null }
  | { t: 'gas:alert:list' }
  | { t: 'gas:alert:check' }
  | { t: 'bypass:list' }
  | { t: 'bypass:clear' };

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
  lang: 'en' | 'ja';
}

/** Sent by the background to the tab's content script. */
export type TabMessage = { t: 'review:decided'; key: string; decision: Decision; fees?: ReviewFees };

export interface ReviewGetResponse {
  request: SigningRequest;
  review?: Review;
  decision?: Decision;
  error?: string;
  /** The storage was full: this record is kept for the browser session only. */
  unsaved?: boolean;
}

/** Newest first; `unsaved` marks records kept for the session only (the storage was full). */
export type ReviewsListResponse = Array<ReviewRecord & { unsaved?: boolean }>;

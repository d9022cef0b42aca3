/**
 * ScamSniffer's public scam-address list (github.com/scamsniffer/scam-database, `blacklist/address.json`, GPL-3.0):
 * a JSON array of addresses of drainers and phishing operators. Preflight fetches the public file (nothing about the
 * user goes with the request) and matches locally; it does not bundle it (README: "Public scam data").
 */

import { fetchListText, parseListJson, validateListUrl, type FetchedText, type FetchLike } from './list-fetch';

export type { FetchLike } from './list-fetch';

/** The public file, refreshed daily by its publisher. */
export const DEFAULT_SCAM_LIST_URL = 'https://raw.githubusercontent.com/scamsniffer/scam-database/main/blacklist/address.json';

/** A list as kept: its addresses (lower-case), where and when it was fetched. */
export interface ScamList {
  url: string;
  /** Unix ms. */
  fetchedAt: number;
  addresses: string[];
  /** Bytes downloaded (lists kept before this was recorded have none). */
  bytes?: number;
}

/** The fetched file is not a list of addresses (an error page, another file, a truncated download). */
export class ScamListFormatError extends Error {
  override name = 'ScamListFormatError';
}

/** The list could not be fetched (offline, blocked, the server answered an error). */
export class ScamListFetchError extends Error {
  override name = 'ScamListFetchError';
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * The addresses of a list file, lower-cased and deduplicated. Entries that are not addresses are skipped (the
 * publisher's file has none); a file that is not an array, or has no address at all, is refused rather than
 * replacing a good list with nothing.
 */
export function parseScamList(json: unknown): string[] {
  if (!Array.isArray(json)) throw new ScamListFormatError('The scam-address list is not a JSON array of addresses. Check the list URL in Settings.');
  const addresses = [...new Set(json.filter((x): x is string => typeof x === 'string' && ADDRESS.test(x.trim())).map((x) => x.trim().toLowerCase()))];
  if (addresses.length === 0) throw new ScamListFormatError('The scam-address list has no addresses in it. Check the list URL in Settings.');
  return addresses;
}

/** Only https lists, plain http only from this computer (tests, a local mirror). */
export function validateScamListUrl(raw: string): string {
  try {
    return validateListUrl(raw, 'scam-address list');
  } catch (e) {
    throw new ScamListFetchError(e instanceof Error ? e.message : String(e));
  }
}

/** The real file is ~120 KB (2,530 addresses, snapshot 2026-08-22); anything over this is not that list. */
export const SCAM_LIST_MAX_BYTES = 8 * 1_048_576;

/**
 * Fetches and parses the list. The request carries nothing about the user: no cookies or credentials, no referrer,
 * no query added; only the URL the user configured (core/threat/list-fetch.ts).
 */
export async function fetchScamList(fetchFn: FetchLike, rawUrl: string, now: number, timeoutMs = 20_000): Promise<ScamList> {
  const url = validateScamListUrl(rawUrl);
  let fetched: FetchedText;
  try {
    fetched = await fetchListText(fetchFn, url, { what: 'scam-address list', maxBytes: SCAM_LIST_MAX_BYTES, timeoutMs });
  } catch (e) {
    throw new ScamListFetchError(e instanceof Error ? e.message : String(e));
  }
  let json: unknown;
  try {
    json = parseListJson(fetched.text, url);
  } catch (e) {
    throw new ScamListFormatError(e instanceof Error ? e.message : String(e));
  }
  return { url, fetchedAt: now, addresses: parseScamList(json), bytes: fetched.bytes };
}

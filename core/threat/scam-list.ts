/**
 * ScamSniffer's public scam-address list (github.com/scamsniffer/scam-database, `blacklist/address.json`, GPL-3.0):
 * a JSON array of addresses of drainers and phishing operators. Preflight fetches the public file (nothing about the
 * user goes with the request) and matches locally; it does not bundle it (README: "Public scam data").
 */

/** The public file, refreshed daily by its publisher. */
export const DEFAULT_SCAM_LIST_URL = 'https://raw.githubusercontent.com/scamsniffer/scam-database/main/blacklist/address.json';

/** A list as kept: its addresses (lower-case), where and when it was fetched. */
export interface ScamList {
  url: string;
  /** Unix ms. */
  fetchedAt: number;
  addresses: string[];
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
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ScamListFetchError(`"${raw}" is not a URL.`);
  }
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol === 'https:' || (local && url.protocol === 'http:')) return url.toString();
  throw new ScamListFetchError('Use an https:// URL for the scam-address list (plain http:// only for this computer).');
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Pick<Response, 'ok' | 'status' | 'json'>>;

/**
 * Fetches and parses the list. The request carries nothing about the user: no cookies or credentials, no referrer,
 * no query added; only the URL the user configured.
 */
export async function fetchScamList(fetchFn: FetchLike, rawUrl: string, now: number, timeoutMs = 20_000): Promise<ScamList> {
  const url = validateScamListUrl(rawUrl);
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await fetchFn(url, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-cache', signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    throw new ScamListFetchError(`Could not reach ${url} (${e instanceof Error ? e.message : String(e)}). Offline, or the address is blocked.`);
  }
  if (!response.ok) throw new ScamListFetchError(`${url} answered HTTP ${response.status}. Check the list URL in Settings.`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ScamListFormatError(`${url} did not return JSON. Check the list URL in Settings.`);
  }
  return { url, fetchedAt: now, addresses: parseScamList(json) };
}

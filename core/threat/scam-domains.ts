import { ListFormatError } from './list-fetch';

/**
 * ScamSniffer's public phishing-domain list (github.com/scamsniffer/scam-database, `blacklist/domains.json`, GPL-3.0
 * like its address list): a JSON array of host names (and a few IP addresses) of phishing and drainer sites, about
 * 9 MB. Fetched by the user's browser, never bundled (README: "Public scam data, kept local").
 */
export const DEFAULT_SCAM_DOMAINS_URL = 'https://raw.githubusercontent.com/scamsniffer/scam-database/main/blacklist/domains.json';

/** A host name or IPv4 address as the file writes them: labels of letters, digits, hyphens and underscores. */
const HOST = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)+$/;
/** More than this share of entries that are not host names: not the domain list (or a broken one). */
const MAX_JUNK_SHARE = 0.05;

/**
 * The host names of the file, lower-cased and deduplicated. A few malformed entries are skipped; a file that is not
 * an array, has no host, or is mostly something else is refused rather than replacing a good list.
 */
export function parseScamDomains(json: unknown): string[] {
  if (!Array.isArray(json)) throw new ListFormatError('The scam-domain list is not a JSON array of host names. Check the list URL in Settings.');
  const hosts = new Set<string>();
  let junk = 0;
  for (const x of json) {
    const host = typeof x === 'string' ? x.trim().toLowerCase().replace(/\.$/, '') : '';
    if (HOST.test(host)) hosts.add(host);
    else junk++;
  }
  if (hosts.size === 0) throw new ListFormatError('The scam-domain list has no host names in it. Check the list URL in Settings.');
  if (junk > json.length * MAX_JUNK_SHARE) {
    throw new ListFormatError(`${junk.toLocaleString('en-US')} of the scam-domain list's ${json.length.toLocaleString('en-US')} entries are not host names: not the list it should be, refused.`);
  }
  return [...hosts];
}

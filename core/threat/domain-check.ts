import PhishingDetector, { type PhishingDetectorConfiguration } from 'eth-phishing-detect/src/detector.js';

/**
 * Whether a page's host is a known phishing site, decided by the `eth-phishing-detect` package's own detector class
 * (allowlist first, then blocklist, then look-alikes of the fuzzylist within the tolerance), with MetaMask's
 * configuration and ScamSniffer's domain list as two configurations of it, in that order. MetaMask's allowlist
 * therefore also lets a host through that ScamSniffer lists, as MetaMask's own extension does with its second list.
 *
 * The lists have hundreds of thousands of entries and live in IndexedDB, not in memory: the detector is given only
 * the entries that can match the host at all. Its allow and block lists match a host when an entry equals the host
 * or one of its parent domains (`matchPartsAgainstList`: the entry's labels are the host's last labels), so those
 * names, looked up exactly, are every entry that matters; the fuzzylist is small and passed whole. A test checks the
 * result equals the detector's given the whole lists (core/threat/domain-check.test.ts).
 */
export type DomainListName = 'metamask' | 'scamsniffer';

export interface DomainCheck {
  phishing: boolean;
  type: 'allowlist' | 'blocklist' | 'fuzzy' | 'none';
  /** The fuzzylist site the host imitates. */
  match?: string;
  /** Which list decided (blocked, or allowed). */
  list?: DomainListName;
}

/** MetaMask's configuration apart from its allow and block lists. */
export interface FuzzyParams {
  version: number | string;
  tolerance: number;
  fuzzylist: readonly string[];
}

/** The entries of each list among a host's candidate names. */
export interface DomainHits {
  allow: string[];
  block: string[];
  /** ScamSniffer's domain list; undefined when no copy is kept (no second configuration). */
  scam?: string[];
}

/** A hostname as the browser gives it, tolerant of case, a port and one trailing dot ("AzukiShop.live.:443"). */
export function normaliseHost(hostname: string): string {
  return hostname.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

/** The host and each parent domain down to the last label: "a.b.example.com" → a.b.example.com, b.example.com, example.com, com. */
export function candidateDomains(host: string): string[] {
  const labels = host.split('.');
  return labels.map((_, i) => labels.slice(i).join('.'));
}

/** The detector's verdict for `host` given the list entries that can match it. Pure and synchronous. */
export function decideHost(host: string, hits: DomainHits, metamask: FuzzyParams, scamVersion: number | string = 1): DomainCheck {
  if (!host) return { phishing: false, type: 'none' };
  const configs: PhishingDetectorConfiguration[] = [
    { name: 'metamask', version: metamask.version, allowlist: hits.allow, blocklist: hits.block, fuzzylist: [...metamask.fuzzylist], tolerance: metamask.tolerance },
  ];
  if (hits.scam) configs.push({ name: 'scamsniffer', version: scamVersion, allowlist: [], blocklist: hits.scam, fuzzylist: [], tolerance: 0 });
  const r = new PhishingDetector(configs).check(host);
  const list = r.name === 'metamask' || r.name === 'scamsniffer' ? r.name : undefined;
  switch (r.type) {
    case 'allowlist':
      return { phishing: false, type: 'allowlist', list };
    case 'blocklist':
      return { phishing: true, type: 'blocklist', list };
    case 'fuzzy':
      return { phishing: true, type: 'fuzzy', match: r.match, list };
    default:
      return { phishing: false, type: 'none' };
  }
}

import config from 'eth-phishing-detect/src/config.json';
import { candidateDomains, decideHost, normaliseHost, type DomainCheck, type DomainHits, type FuzzyParams } from '../threat/domain-check';

export type { DomainCheck } from '../threat/domain-check';

/**
 * MetaMask's phishing list as bundled at build time (npm eth-phishing-detect 1.2.0, its 2022 `config.json`): what
 * pages are checked against before the first fetch of the live configuration (core/store/threat-domains.ts), and in
 * tests and the command line. Decided by the package's own detector (core/threat/domain-check.ts).
 */
interface BundledConfig {
  version: number;
  tolerance: number;
  fuzzylist: string[];
  whitelist: string[];
  blacklist: string[];
}

const bundled = config as BundledConfig;
let sets: { allow: Set<string>; block: Set<string> } | undefined;

/** The bundled configuration's tolerance, fuzzylist and version. */
export const BUNDLED_FUZZY: FuzzyParams = { version: bundled.version, tolerance: bundled.tolerance, fuzzylist: bundled.fuzzylist };

/** The bundled entries among a host's candidate names (the host and its parent domains). */
export function bundledHits(host: string): DomainHits {
  sets ??= { allow: new Set(bundled.whitelist), block: new Set(bundled.blacklist) };
  const names = candidateDomains(host);
  return { allow: names.filter((n) => sets!.allow.has(n)), block: names.filter((n) => sets!.block.has(n)) };
}

const cache = new Map<string, DomainCheck>();

/** Checks a hostname against the bundled list ("app.uniswap.org"; a trailing dot, port or upper case is tolerated). Pure and synchronous. */
export function checkDomain(hostname: string): DomainCheck {
  const host = normaliseHost(hostname);
  const hit = cache.get(host);
  if (hit) return hit;
  const result = decideHost(host, bundledHits(host), BUNDLED_FUZZY);
  if (cache.size > 2_000) cache.clear();
  cache.set(host, result);
  return result;
}

/** The hostname of a page origin, or undefined for origins that are not web pages. */
export function hostnameOf(origin: string): string | undefined {
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the user has marked this origin (or its hostname) as trusted. */
export function isTrustedOrigin(origin: string, trusted: readonly string[] | undefined): boolean {
  if (!trusted || trusted.length === 0) return false;
  const o = origin.toLowerCase().replace(/\/$/, '');
  const host = hostnameOf(origin);
  return trusted.some((t) => {
    const v = t.toLowerCase().replace(/\/$/, '');
    return v === o || (host !== undefined && v === host);
  });
}

/** The bundled copy's sizes (what Settings shows before the first fetch). */
export const PHISHING_LIST_SIZE = { allow: bundled.whitelist.length, block: bundled.blacklist.length, fuzzy: bundled.fuzzylist.length };

import config from 'eth-phishing-detect/src/config.json';

/**
 * MetaMask's phishing list (npm eth-phishing-detect), bundled at build time, with the same
 * rules as its detector: allowlist (and subdomains) passes; blocklist (and subdomains) fails;
 * otherwise a name within Levenshtein `tolerance` of a fuzzylist target (TLD dropped, "www." removed) fails.
 * Domains are kept in Sets so a check costs a few lookups plus the fuzzy scan, not a list walk.
 */
export interface DomainCheck {
  phishing: boolean;
  type: 'allowlist' | 'blocklist' | 'fuzzy' | 'none';
  /** The fuzzylist target the name imitates. */
  match?: string;
}

interface ListConfig {
  tolerance: number;
  fuzzylist: string[];
  whitelist: string[];
  blacklist: string[];
}

const list = config as ListConfig;
const allow = new Set(list.whitelist.map((d) => d.toLowerCase()));
const block = new Set(list.blacklist.map((d) => d.toLowerCase()));
const fuzzy = list.fuzzylist.map((d) => ({ domain: d, form: fuzzyForm(d) }));
const tolerance = list.tolerance;

/** The detector's fuzzy form: drop the TLD and keep the rest ("app.uniswap.org" → "app.uniswap"). */
function fuzzyForm(domain: string): string {
  const parts = domain.split('.');
  return parts.slice(0, -1).join('.');
}

/** True when the domain or any parent of it (down to the TLD) is in the set. */
function inSet(set: Set<string>, domain: string): boolean {
  let d = domain;
  for (;;) {
    if (set.has(d)) return true;
    const dot = d.indexOf('.');
    if (dot < 0) return false;
    d = d.slice(dot + 1);
  }
}

/** Levenshtein distance, giving up (returning max + 1) as soon as it exceeds max. */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      row.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

const cache = new Map<string, DomainCheck>();

/** Checks a hostname ("app.uniswap.org"; a trailing dot, port or upper case is tolerated). Pure and synchronous. */
export function checkDomain(hostname: string): DomainCheck {
  const host = hostname.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  const hit = cache.get(host);
  if (hit) return hit;
  let result: DomainCheck;
  if (!host || inSet(allow, host)) result = { phishing: false, type: host ? 'allowlist' : 'none' };
  else if (inSet(block, host)) result = { phishing: true, type: 'blocklist' };
  else {
    const form = fuzzyForm(host).replace('www.', '');
    const target = tolerance > 0 ? fuzzy.find((t) => boundedLevenshtein(form, t.form, tolerance) <= tolerance) : undefined;
    result = target ? { phishing: true, type: 'fuzzy', match: target.domain } : { phishing: false, type: 'none' };
  }
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

export const PHISHING_LIST_SIZE = { allow: allow.size, block: block.size, fuzzy: fuzzy.length };

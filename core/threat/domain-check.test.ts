import config from 'eth-phishing-detect/src/config.json';
import PhishingDetector from 'eth-phishing-detect/src/detector.js';
import { describe, expect, it } from 'vitest';
import { candidateDomains, decideHost, type DomainHits } from './domain-check';

/**
 * The detector is given only the list entries equal to the host or one of its parent domains. Its answer must equal
 * the answer of the same detector given the whole lists: checked here on the real bundled configuration, a fetched-
 * style configuration that allowlists hosts the bundled one blocks, and a ScamSniffer list as second configuration.
 */
const scam = [...config.blacklist.filter((_, i) => i % 7 === 0).map((d) => `x${d}`), 'drainer.example', 'cdn.shared-host.example', config.whitelist[3]!];
const mm = { ...config, blacklist: [...config.blacklist, 'only-fetched.example', 'com.example'], whitelist: [...config.whitelist, config.blacklist[0]!, 'sub.only-fetched.example'] };

const full = new PhishingDetector([
  { name: 'metamask', version: mm.version, allowlist: mm.whitelist, blocklist: mm.blacklist, fuzzylist: mm.fuzzylist, tolerance: mm.tolerance },
  { name: 'scamsniffer', version: 1, allowlist: [], blocklist: scam, fuzzylist: [], tolerance: 0 },
]);
const allow = new Set(mm.whitelist);
const block = new Set(mm.blacklist);
const scamSet = new Set(scam);
const hitsOf = (host: string): DomainHits => {
  const names = candidateDomains(host);
  return { allow: names.filter((n) => allow.has(n)), block: names.filter((n) => block.has(n)), scam: names.filter((n) => scamSet.has(n)) };
};

/** Deterministic typo variants of a domain: drop, double and swap a letter, change the TLD, add www. */
function variants(domain: string): string[] {
  const [name = '', ...rest] = domain.split('.');
  const tld = rest.join('.');
  const out = [`${name}.xyz`, `www.${domain}`, `app-${domain}`, `${name}s.${tld}`];
  if (name.length > 3) out.push(`${name.slice(0, 1)}${name.slice(2)}.${tld}`, `${name.slice(0, 2)}${name[2]}${name.slice(2)}.${tld}`, `${name[1]}${name[0]}${name.slice(2)}.${tld}`);
  return out;
}

describe('decideHost: the package detector, given the entries that can match', () => {
  it('lists a host and each parent domain', () => {
    expect(candidateDomains('a.b.example.com')).toEqual(['a.b.example.com', 'b.example.com', 'example.com', 'com']);
    expect(candidateDomains('localhost')).toEqual(['localhost']);
  });

  it('answers what the detector answers with the whole lists (blocked, allowed, sub- and parent domains, fuzzy, ScamSniffer, unrelated)', () => {
    const hosts = [
      ...mm.blacklist.filter((_, i) => i % 9 === 0),
      ...mm.blacklist.filter((_, i) => i % 97 === 0).flatMap((d) => [`login.${d}`, `a.b.${d}`, d.split('.').slice(1).join('.')]),
      ...mm.whitelist.filter((_, i) => i % 5 === 0).flatMap((d) => [d, `www.${d}`]),
      ...mm.fuzzylist.flatMap(variants),
      ...scam.filter((_, i) => i % 13 === 0).flatMap((d) => [d, `app.${d}`]),
      'only-fetched.example', 'sub.only-fetched.example', 'deep.sub.only-fetched.example', 'com.example', 'x.com.example',
      'app.uniswap.org', 'opensea.io', 'blur.io', 'etherscan.io', 'github.com', 'localhost', 'example.com', '127.0.0.1', 'my-own-dapp.xyz',
    ];
    const disagreements: string[] = [];
    for (const host of hosts) {
      const want = full.check(host);
      const got = decideHost(host, hitsOf(host), { version: mm.version, tolerance: mm.tolerance, fuzzylist: mm.fuzzylist });
      const same = got.phishing === want.result && (want.type === 'all' ? got.type === 'none' : got.type === want.type && got.list === want.name && got.match === want.match);
      if (!same) disagreements.push(`${host}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
    }
    expect(disagreements.slice(0, 10)).toEqual([]);
    expect(hosts.length).toBeGreaterThan(2_500);
  });

  it('without a ScamSniffer copy only MetaMask’s configuration is asked', () => {
    const host = 'drainer.example';
    expect(decideHost(host, { allow: [], block: [] }, { version: 2, tolerance: 2, fuzzylist: [] })).toEqual({ phishing: false, type: 'none' });
    expect(decideHost(host, { allow: [], block: [], scam: [host] }, { version: 2, tolerance: 2, fuzzylist: [] })).toEqual({ phishing: true, type: 'blocklist', list: 'scamsniffer' });
  });
});

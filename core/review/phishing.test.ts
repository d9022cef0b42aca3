import { createRequire } from 'node:module';
import config from 'eth-phishing-detect/src/config.json';
import { describe, expect, it } from 'vitest';
import { checkDomain, isTrustedOrigin, PHISHING_LIST_SIZE } from './phishing';

const original = createRequire(import.meta.url)('eth-phishing-detect') as (domain: string) => boolean;

/** Deterministic typo variants of a domain: drop, double and swap a letter, change the TLD. */
function variants(domain: string): string[] {
  const [name = '', ...rest] = domain.split('.');
  const tld = rest.join('.');
  const out = [`${name}.xyz`, `www.${domain}`, `app-${domain}`, `${name}s.${tld}`];
  if (name.length > 3) out.push(`${name.slice(0, 1)}${name.slice(2)}.${tld}`, `${name.slice(0, 2)}${name[2]}${name.slice(2)}.${tld}`, `${name[1]}${name[0]}${name.slice(2)}.${tld}`);
  return out;
}

describe('checkDomain (MetaMask eth-phishing-detect, bundled)', () => {
  it('loads the whole list', () => {
    expect(PHISHING_LIST_SIZE.block).toBeGreaterThan(10_000);
    expect(PHISHING_LIST_SIZE.fuzzy).toBe(config.fuzzylist.length);
  });

  it('agrees with the package detector on listed, allowed, fuzzy and unrelated domains', () => {
    const domains = [
      ...config.blacklist.filter((_, i) => i % 10 === 0),
      ...config.whitelist.filter((_, i) => i % 10 === 0),
      ...config.fuzzylist.flatMap(variants),
      ...config.blacklist.filter((_, i) => i % 200 === 0).map((d) => `login.${d}`),
      'app.uniswap.org', 'opensea.io', 'blur.io', 'etherscan.io', 'github.com', 'google.com', 'localhost', 'example.com', 'my-own-dapp.xyz',
    ];
    let disagreements: string[] = [];
    for (const d of domains) if (checkDomain(d).phishing !== original(d)) disagreements.push(d);
    disagreements = disagreements.slice(0, 10);
    expect(disagreements).toEqual([]);
    expect(domains.length).toBeGreaterThan(1_000);
  });

  it('flags a typosquat of metamask.io with the imitated domain, and passes the real one', () => {
    expect(checkDomain('rnetamask.io')).toMatchObject({ phishing: true, type: 'fuzzy', match: 'metamask.io' });
    expect(checkDomain('opensae.io')).toMatchObject({ phishing: true, type: 'fuzzy', match: 'opensea.io' });
    expect(checkDomain('metamask.io').phishing).toBe(false);
    expect(checkDomain('portfolio.metamask.io').phishing).toBe(false);
  });

  it('tolerates case, trailing dots and ports', () => {
    expect(checkDomain('AzukiShop.live.').phishing).toBe(true);
    expect(checkDomain('azukishop.live:443').phishing).toBe(true);
  });

  it('is fast enough for every request (cached and uncached)', () => {
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) checkDomain(`random-site-${i}.example`);
    expect((performance.now() - t0) / 200).toBeLessThan(5);
  });

  it('user allowlist matches an origin or its hostname', () => {
    expect(isTrustedOrigin('https://azukishop.live', ['azukishop.live'])).toBe(true);
    expect(isTrustedOrigin('https://azukishop.live', ['https://azukishop.live/'])).toBe(true);
    expect(isTrustedOrigin('https://evil.azukishop.live', ['azukishop.live'])).toBe(false);
  });
});

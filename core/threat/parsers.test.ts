import config from 'eth-phishing-detect/src/config.json';
import { describe, expect, it } from 'vitest';
import { ListFormatError } from './list-fetch';
import { parsePhishingConfig } from './phishing-config';
import { parseScamDomains } from './scam-domains';

describe('MetaMask phishing configuration: what the detector can use, or refused with the reason', () => {
  it('takes the published file as it is (legacy keys), and the allowlist/blocklist names', () => {
    const c = parsePhishingConfig(config);
    expect([c.version, c.tolerance, c.fuzzylist.length, c.allowlist.length, c.blocklist.length]).toEqual([2, 2, 15, 1_138, 13_752]);
    expect(parsePhishingConfig({ allowlist: [], blocklist: ['a.example'], fuzzylist: [], tolerance: 0, version: 'x' }).blocklist).toEqual(['a.example']);
    expect(parsePhishingConfig({ whitelist: [], blacklist: ['a.example'] }).tolerance).toBe(3); // the detector's default
  });

  it.each([
    ['an array', [], /not a JSON object/],
    ['no block list', { whitelist: [] }, /no block list/],
    ['no allow list', { blacklist: ['a.example'] }, /no allow list/],
    ['an entry that is not a string (the detector would throw)', { whitelist: [], blacklist: ['a.example', 7] }, /"blacklist" is not a list of domain names/],
    ['a tolerance of 9', { whitelist: [], blacklist: ['a.example'], tolerance: 9 }, /tolerance \(9\)/],
    ['a fractional tolerance', { whitelist: [], blacklist: ['a.example'], tolerance: 1.5 }, /tolerance/],
    ['an empty block list', { whitelist: [], blacklist: [] }, /blocks no site/],
    ['a fuzzy list of thousands', { whitelist: [], blacklist: ['a.example'], fuzzylist: Array.from({ length: 1_001 }, (_, i) => `s${i}.example`) }, /not a short list/],
  ])('refuses %s', (_what, json, message) => {
    expect(() => parsePhishingConfig(json)).toThrow(ListFormatError);
    expect(() => parsePhishingConfig(json)).toThrow(message);
  });
});

describe('ScamSniffer domain list', () => {
  it('keeps host names and IP addresses, lower-cased and once each; skips a few malformed entries', () => {
    const junk = ['not a host', 42];
    const hosts = parseScamDomains([...Array.from({ length: 60 }, (_, i) => `site-${i}.example`), 'Drainer.Example.', '64.7.198.20', 'drainer.example', 'kymz_x.arweave.net', ...junk]);
    expect(hosts).toContain('drainer.example');
    expect(hosts).toContain('64.7.198.20');
    expect(hosts).toContain('kymz_x.arweave.net');
    expect(hosts.filter((h) => h === 'drainer.example')).toHaveLength(1);
    expect(hosts).toHaveLength(63);
  });

  it('refuses what is not the list: not an array, no host, mostly something else', () => {
    expect(() => parseScamDomains({ domains: [] })).toThrow(/not a JSON array/);
    expect(() => parseScamDomains(['', 'a b'])).toThrow(/no host names/);
    expect(() => parseScamDomains(['a.example', 'b.example', 'no', 'spaces here', '<html>'])).toThrow(/3 of the scam-domain list's 5 entries are not host names/);
  });
});

import { describe, expect, it } from 'vitest';
import { reviewRequest } from './engine';
import { parseSiwe, siweDomainMatches, siweTiming } from './siwe';

const MESSAGE = [
  'service.org wants you to sign in with your Ethereum account:',
  '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
  '',
  'I accept the ServiceOrg Terms of Service: https://service.org/tos',
  '',
  'URI: https://service.org/login',
  'Version: 1',
  'Chain ID: 1',
  'Nonce: 32891756',
  'Issued At: 2021-09-30T16:25:24Z',
  'Resources:',
  '- ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/',
  '- https://example.com/my-web2-claim.json',
].join('\n');

describe('Sign-In with Ethereum (EIP-4361)', () => {
  it('parses the example message of the EIP', () => {
    expect(parseSiwe(MESSAGE)).toEqual({
      domain: 'service.org',
      scheme: undefined,
      address: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
      statement: 'I accept the ServiceOrg Terms of Service: https://service.org/tos',
      uri: 'https://service.org/login',
      version: '1',
      chainId: 1,
      nonce: '32891756',
      issuedAt: '2021-09-30T16:25:24Z',
      resources: ['ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/', 'https://example.com/my-web2-claim.json'],
      problems: [],
    });
  });

  it('parses a message without statement, with scheme and CRLF', () => {
    const m = parseSiwe('https://service.org wants you to sign in with your Ethereum account:\r\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\r\n\r\nURI: https://service.org\r\nVersion: 1\r\nChain ID: 10\r\nNonce: abcdefgh\r\nIssued At: 2021-09-30T16:25:24Z');
    expect(m).toMatchObject({ domain: 'service.org', scheme: 'https', chainId: 10, uri: 'https://service.org' });
    expect(m?.statement).toBeUndefined();
  });

  it('is not fooled by ordinary text', () => {
    expect(parseSiwe('Welcome to OpenSea!')).toBeUndefined();
    expect(parseSiwe('Please sign in.\nservice.org wants you to sign in with your Ethereum account:')).toBeUndefined();
  });

  it('a SIWE-looking message that breaks EIP-4361 is read as far as it goes, with what is wrong', () => {
    const bad = parseSiwe('service.org wants you to sign in with your Ethereum account:\nnot-an-address\n\nURI: service.org\nVersion: 2\nChain ID: one\nNonce: 123\nExpiration Time: tomorrow')!;
    expect(bad.domain).toBe('service.org');
    expect(bad.problems.map((p) => p.en)).toEqual([
      'the second line is not an Ethereum address',
      'Chain ID "one" is not a number',
      '"Issued At" is missing',
      'Version is "2", not 1',
      'URI "service.org" is not a URI',
      'the nonce is not at least 8 letters and digits',
      'Expiration Time "tomorrow" is not an RFC 3339 time',
    ]);
    const shuffled = parseSiwe(MESSAGE.replace('Version: 1\nChain ID: 1', 'Chain ID: 1\nVersion: 1'))!;
    expect(shuffled.problems.map((p) => p.en)).toEqual(['"Version" is out of order']);
    for (const p of [...bad.problems, ...shuffled.problems]) expect(p.ja.length).toBeGreaterThan(0);
  });

  it('expiry and not-before against the clock', () => {
    const m = parseSiwe(`${MESSAGE.split('\nResources:')[0]}\nExpiration Time: 2021-10-01T00:00:00Z\nNot Before: 2021-09-30T17:00:00Z`)!;
    expect(m.problems).toEqual([]);
    expect(siweTiming(m, Date.parse('2021-09-30T16:30:00Z'))).toBe('not-yet');
    expect(siweTiming(m, Date.parse('2021-09-30T18:00:00Z'))).toBeUndefined();
    expect(siweTiming(m, Date.parse('2021-10-02T00:00:00Z'))).toBe('expired');
  });

  it('matches the domain to the page authority exactly', () => {
    const m = parseSiwe(MESSAGE)!;
    expect(siweDomainMatches(m, 'https://service.org')).toBe(true);
    expect(siweDomainMatches(m, 'https://SERVICE.org')).toBe(true);
    expect(siweDomainMatches(m, 'https://evil.service.org')).toBe(false);
    expect(siweDomainMatches(m, 'https://service.org.evil.example')).toBe(false);
    expect(siweDomainMatches(m, 'https://service.org:8443')).toBe(false);
    expect(siweDomainMatches({ ...m, domain: 'localhost:3000' }, 'http://localhost:3000')).toBe(true);
    expect(siweDomainMatches(m, 'not a url')).toBe(false);
  });
});

describe('the review of a sign-in', () => {
  const review = (message: string, origin = 'https://service.org', now = Date.parse('2021-09-30T16:30:00Z')) =>
    reviewRequest({ method: 'personal_sign', params: [message, '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2'], origin, chainId: 1 }, { now: () => now });

  it('a malformed SIWE-looking message is said to be malformed, not shown as plain text', async () => {
    const r = await review(MESSAGE.replace('Nonce: 32891756\n', ''));
    expect(r.summary.en).toBe('Sign in to service.org with a malformed sign-in message ("Nonce" is missing)');
    expect(r.cards[0]?.kind).toBe('siwe');
    expect(r.cards[0]?.note?.en).toContain('Not a well-formed EIP-4361 message');
  });

  it('expired, and for another chain, in the summary and the card', async () => {
    const expired = await review(`${MESSAGE.split('\nResources:')[0]}\nExpiration Time: 2021-09-30T16:00:00Z`);
    expect(expired.summary.en).toBe('Sign in to service.org (the message has already expired)');
    const other = await review(MESSAGE.replace('Chain ID: 1', 'Chain ID: 10'));
    expect(other.cards[0]?.rows.find((r) => r.label.en === 'Network')?.value).toEqual({ en: 'OP Mainnet (your wallet is on Ethereum)', ja: 'OP Mainnet（ウォレットは Ethereum 上）' });
  });
});

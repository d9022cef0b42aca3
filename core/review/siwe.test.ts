import { describe, expect, it } from 'vitest';
import { parseSiwe, siweDomainMatches } from './siwe';

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
    });
  });

  it('parses a message without statement, with scheme and CRLF', () => {
    const m = parseSiwe('https://service.org wants you to sign in with your Ethereum account:\r\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\r\n\r\nURI: https://service.org\r\nVersion: 1\r\nChain ID: 10\r\nNonce: abcdefgh\r\nIssued At: 2021-09-30T16:25:24Z');
    expect(m).toMatchObject({ domain: 'service.org', scheme: 'https', chainId: 10, uri: 'https://service.org' });
    expect(m?.statement).toBeUndefined();
  });

  it('is not fooled by ordinary text', () => {
    expect(parseSiwe('Welcome to OpenSea!')).toBeUndefined();
    expect(parseSiwe('service.org wants you to sign in with your Ethereum account:\nnot-an-address')).toBeUndefined();
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

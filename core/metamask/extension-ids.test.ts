import { describe, expect, it } from 'vitest';
import { candidateIds, InvalidExtensionIdError, knownMetaMasks, metaMaskName, parseExtensionId } from './extension-ids';

describe('MetaMask extension ids', () => {
  it('knows the Chromium builds named in shared/vendor/README.md and the package config, each a valid id', () => {
    const ids = knownMetaMasks('chromium').map((k) => k.id);
    for (const id of ['nkbihfbeogaeaoehlefnkodbefgpgknn', 'ljfoeinjpaedjfecbmggjgodbgkmjkjk', 'ejbalbakoplchlghecdalmeeeajnimhm', 'hebhblbkkdabgoldnojllkipeoacjioc']) expect(ids).toContain(id);
    for (const id of ids) expect(parseExtensionId(id, 'chromium')).toBe(id);
    expect(metaMaskName('ljfoeinjpaedjfecbmggjgodbgkmjkjk')).toBe('MetaMask Flask');
    expect(metaMaskName('abcdefghijklmnopabcdefghijklmnop')).toBeUndefined();
  });

  it('tries the Settings id, then the last one found, then the known builds, each once', () => {
    const known = knownMetaMasks('chromium').map((k) => k.id);
    expect(candidateIds('chromium')).toEqual(known);
    expect(candidateIds('chromium', { custom: 'abcdefghijklmnopabcdefghijklmnop', lastFound: known[3] })).toEqual(['abcdefghijklmnopabcdefghijklmnop', known[3], ...known.filter((_, i) => i !== 3)]);
    expect(candidateIds('chromium', { custom: known[0], lastFound: known[0] })).toEqual(known);
    expect(candidateIds('firefox')[0]).toBe('webextension@metamask.io');
  });

  it('checks a typed id and says what an id looks like', () => {
    expect(parseExtensionId('  NKBIHFBEOGAEAOEHLEFNKODBEFGPGKNN ', 'chromium')).toBe('nkbihfbeogaeaoehlefnkodbefgpgknn');
    for (const bad of ['', 'metamask', 'nkbihfbeogaeaoehlefnkodbefgpgkn', 'nkbihfbeogaeaoehlefnkodbefgpgknz', 'chrome-extension://nkbihfbeogaeaoehlefnkodbefgpgknn']) {
      expect(() => parseExtensionId(bad, 'chromium')).toThrow(InvalidExtensionIdError);
    }
    expect(() => parseExtensionId('x', 'chromium')).toThrow(/32 letters a–p/);
    expect(parseExtensionId('webextension@metamask.io', 'firefox')).toBe('webextension@metamask.io');
    expect(parseExtensionId('{12345678-1234-1234-1234-123456789abc}', 'firefox')).toBe('{12345678-1234-1234-1234-123456789abc}');
    expect(() => parseExtensionId('not an id', 'firefox')).toThrow(InvalidExtensionIdError);
  });
});

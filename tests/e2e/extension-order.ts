import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR } from './harness';

/**
 * Chromium runs the extensions' document_start content scripts in the order of their extension ids (docs/SECURITY.md,
 * "Requests that go around Preflight"), and an id is the SHA-256 of the manifest key, first 32 hex digits as a–p.
 * The build's key gives an id before MetaMask's; to test the other order, a copy of the build with this key
 * (a public key made for the test; id pfpmdlocollkjoebjccmebmdmejaheih, after every MetaMask id) is loaded instead.
 */
export const LATE_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtuXCm2H0MtgT7DFuIHiPkUQ2FB/r5MFNCXjLJQ97hKnoCRKST5FqNicOlYs9MC/8ekr1JkdIYhW/9gu1Hs5/lXr+mcgcJ/ih+6+YnKE6GwrpiyXIorn7FTn40iVRpWiEcdNCx2HJpr5pwPLOLmFR1Uav8KB2YLmRICbY0X9kYfqM0qcAzTxIY77cO4E0C35Y5QjZ+oiRFg/PqaFLWjI04yz2WsMNBxuGtago79m2DT3H8XE8r5dhUR1Zy/C1fSMyVV+Au8HjnHuXIxlmeAktZeqvLj4KkwDW1eSscTIOfL9IIkMexDz8tbcvT1ZIX91HAVNEawD5HqdKohC5HPoUowIDAQAB';

export function extensionIdOfKey(base64Key: string): string {
  const hex = createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

export const manifestKey = (dir = EXTENSION_DIR): string => (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { key: string }).key;

/** A copy of the built extension whose manifest carries `key` (nothing else changed). */
export function preflightWithKey(key: string): { dir: string; id: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-keyed-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, key }, null, 2));
  return { dir, id: extensionIdOfKey(key), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

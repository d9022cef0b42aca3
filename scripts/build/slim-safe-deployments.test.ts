import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as deployments from '@safe-global/safe-deployments';
import * as all from '@safe-global/safe-deployments/dist/deployments.js';
import { describe, expect, it } from 'vitest';
import { SAFE_DEPLOYMENTS } from '../../core/review/safe/deployment-source';
import { safeContractAt } from '../../core/review/safe/libraries';
import { slimSafeDeploymentsSource } from './slim-safe-deployments';

const require = createRequire(import.meta.url);
const assets = join(dirname(require.resolve('@safe-global/safe-deployments/package.json')), 'dist', 'assets');

/** The table the extension bundles: the plugin's module source, read back. */
function bundledTable(): Record<string, { contract: string; versions: string[] }> {
  const source = slimSafeDeploymentsSource(all as Record<string, unknown>);
  const m = /^export const SAFE_DEPLOYMENTS = (\{.*\});\n$/s.exec(source);
  if (!m) throw new Error('unexpected module source');
  return JSON.parse(m[1]!) as Record<string, { contract: string; versions: string[] }>;
}

/** Every address in the package's own JSON files (dist/assets/v*\/*.json), read directly, for comparison. */
function fromAssetFiles(): Map<string, { contract: string; versions: Set<string> }> {
  const out = new Map<string, { contract: string; versions: Set<string> }>();
  for (const dir of readdirSync(assets)) {
    for (const file of readdirSync(join(assets, dir))) {
      const d = JSON.parse(readFileSync(join(assets, dir, file), 'utf8')) as { contractName: string; version: string; released: boolean; deployments: Record<string, { address: string }> };
      if (!d.released) continue;
      for (const { address } of Object.values(d.deployments)) {
        const e = out.get(address.toLowerCase()) ?? { contract: d.contractName, versions: new Set<string>() };
        e.versions.add(d.version);
        out.set(address.toLowerCase(), e);
      }
    }
  }
  return out;
}

describe('the extension’s build-time table of Safe contracts (@safe-global/safe-deployments)', () => {
  it('lists exactly the addresses, contracts and versions of the package’s JSON files', () => {
    const table = bundledTable();
    const files = fromAssetFiles();
    expect(Object.keys(table).sort()).toEqual([...files.keys()].sort());
    for (const [address, e] of files) expect(table[address], address).toEqual({ contract: e.contract, versions: [...e.versions].sort() });
    expect(Object.keys(table).length).toBeGreaterThan(60);
  });

  it('is the table Node reads from the package itself', () => {
    expect(bundledTable()).toEqual(SAFE_DEPLOYMENTS);
  });

  it('knows every address the package’s own getters give for each library, on every chain, as a library', () => {
    const getters = {
      MultiSend: deployments.getMultiSendDeployments,
      MultiSendCallOnly: deployments.getMultiSendCallOnlyDeployments,
      SignMessageLib: deployments.getSignMessageLibDeployments,
      CreateCall: deployments.getCreateCallDeployments,
      SafeMigration: deployments.getSafeMigrationDeployments,
      SafeToL2Migration: deployments.getSafeToL2MigrationDeployments,
      SafeToL2Setup: deployments.getSafeToL2SetupDeployments,
    };
    let checked = 0;
    for (const version of readdirSync(assets).map((d) => d.replace(/^v/, ''))) {
      for (const [contract, get] of Object.entries(getters)) {
        const d = get({ version });
        if (!d) continue;
        for (const listed of Object.values(d.networkAddresses).flat()) {
          const found = safeContractAt(listed);
          expect(found, `${contract} ${version} at ${listed}`).toMatchObject({ contract, library: true });
          expect(found!.versions).toContain(version);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1_000);
  });

  it('is small: a few kB instead of the package’s JSON', () => {
    expect(slimSafeDeploymentsSource(all as Record<string, unknown>).length).toBeLessThan(10_000);
  });
});

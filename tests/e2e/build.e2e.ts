import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from './harness';

/** Checks on the built artifacts: bundle budgets, manifest least privilege, and the Firefox store package (npm run zip). */
describe('built extension', () => {
  it('stays within the bundle budgets (inpage ≤ 15 KB, content ≤ 50 KB, minified)', () => {
    expect(statSync(`${EXTENSION_DIR}/content-scripts/inpage.js`).size).toBeLessThanOrEqual(15 * 1024);
    expect(statSync(`${EXTENSION_DIR}/content-scripts/content.js`).size).toBeLessThanOrEqual(50 * 1024);
  });

  it('asks only for the permissions the README justifies, with a CSP free of unsafe-eval', () => {
    const manifest = JSON.parse(readFileSync(`${EXTENSION_DIR}/manifest.json`, 'utf8')) as {
      permissions?: string[];
      host_permissions?: string[];
      content_security_policy?: { extension_pages?: string };
    };
    expect([...(manifest.permissions ?? [])].sort()).toEqual(['alarms', 'notifications', 'storage']);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.content_security_policy?.extension_pages).not.toMatch(/unsafe-eval|unsafe-inline/);
  });

  it('npm run zip’s Firefox package and its sources: named by the package version, addons-linter 0 errors and 0 warnings', () => {
    // As scripts/zip.ts builds it (NODE_ENV production: vitest's NODE_ENV=test would bundle React's development build).
    const env = { ...process.env, NODE_ENV: 'production', PREFLIGHT_PACKAGE: '1' };
    execFileSync('npx', ['wxt', 'zip', '-b', 'firefox', '--mv3'], { stdio: 'ignore', env });
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const zip = `.output/packages/preflight-${version}-firefox.zip`;
    expect(statSync(`.output/packages/preflight-${version}-sources.zip`).size).toBeGreaterThan(100_000);
    let out: string;
    try {
      out = execFileSync('npx', ['addons-linter', '--output', 'json', zip], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      out = String((error as { stdout?: string }).stdout ?? '');
    }
    const report = JSON.parse(out) as { summary: { errors: number; warnings: number }; errors: { code: string; message: string }[]; warnings: { code: string; message: string }[] };
    expect([...report.errors, ...report.warnings].map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0 });
  }, 180_000);
});

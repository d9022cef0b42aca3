import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from './harness';

/** Checks on the built artifacts: bundle budgets, manifest least privilege, and Firefox's linter. */
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

  it('the Firefox MV3 build passes addons-linter with no errors', () => {
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { stdio: 'ignore' });
    let out: string;
    try {
      out = execFileSync('npx', ['addons-linter', '--output', 'json', '.output/firefox-mv3'], { encoding: 'utf8' });
    } catch (error) {
      out = String((error as { stdout?: string }).stdout ?? '');
    }
    const report = JSON.parse(out) as { summary: { errors: number }; errors: { code: string; message: string }[] };
    expect(report.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  }, 120_000);
});

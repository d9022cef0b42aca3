/**
 * `npm test`: every test (typecheck, lint, build, unit + integration against anvil, end-to-end in Chromium),
 * then one closing line `tests: N passed, N failed` summed over the vitest runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
}

const out = mkdtempSync(join(tmpdir(), 'preflight-test-'));
let passed = 0;
let failed = 0;
let skipped = 0;
let ok = true;

function run(label: string, cmd: string, args: string[]): boolean {
  process.stdout.write(`\n=== ${label}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.stdout.write(`=== ${label} failed (exit ${r.status})\n`);
  return r.status === 0;
}

function vitest(label: string, extra: string[]): void {
  const file = join(out, `${label}.json`);
  const good = run(label, 'npx', ['vitest', 'run', ...extra, '--reporter=default', '--reporter=json', `--outputFile=${file}`]);
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    skipped += j.numPendingTests;
  } catch {
    failed += 1; // the run died before reporting: count it as a failure
  }
  ok &&= good;
}

const only = process.argv[2];
if (!only || only === 'static') {
  ok = run('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']) && ok;
  ok = run('lint', 'npx', ['eslint', '.']) && ok;
}
if (!only || only === 'unit') vitest('unit', []);
if (!only || only === 'e2e') {
  const built = run('build', 'npx', ['wxt', 'build']);
  ok &&= built;
  if (built) vitest('e2e', ['--config', 'vitest.e2e.config.ts']);
  else failed += 1;
}
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(ok && failed === 0 ? 0 : 1);

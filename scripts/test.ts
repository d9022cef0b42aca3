/**
 * `npm test`: every test (typecheck, lint, build, unit + integration against anvil, end-to-end in Chromium and in
 * firefox-esr), then one closing line `tests: N passed, N failed` summed over the vitest runs.
 *
 * End-to-end: two lanes side by side (see LANE_B_CHROMIUM): most Chromium files in one; in the other the Firefox half of
 * the files written for both browsers (`describe.each(drivers)`, tests/e2e/driver/), then the other Chromium files.
 * `PREFLIGHT_E2E_BROWSERS` tells each vitest process which browser; each file still runs alone in its process.
 * `PREFLIGHT_E2E_SEQUENTIAL=1` runs the three one after another instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
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

/**
 * The same, without blocking this process: while the Chromium half runs, the Firefox half's output (a pipe this
 * process reads) must keep being read, or a full pipe would stall it; and its end is timed when it happens.
 */
function runAsync(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  process.stdout.write(`\n=== ${label}: ${cmd} ${args.join(' ')}\n`);
  const child = spawn(cmd, args, { stdio: 'inherit', env });
  return new Promise((resolve) =>
    child.on('close', (code) => {
      if (code !== 0) process.stdout.write(`=== ${label} failed (exit ${code})\n`);
      resolve(code === 0);
    }),
  );
}

function run(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  process.stdout.write(`\n=== ${label}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) process.stdout.write(`=== ${label} failed (exit ${r.status})\n`);
  return r.status === 0;
}

function vitestArgs(label: string, extra: string[]): { args: string[]; report: string } {
  const report = join(out, `${label}.json`);
  return { args: ['vitest', 'run', ...extra, '--reporter=default', '--reporter=json', `--outputFile=${report}`], report };
}

/** Adds a finished vitest run's counts (a run that died before reporting counts as one failure). */
function count(report: string, good: boolean): void {
  try {
    const j = JSON.parse(readFileSync(report, 'utf8')) as VitestJson;
    passed += j.numPassedTests;
    // A run that failed with no failed test (a hook timed out, a file did not load) still counts as one failure.
    failed += j.numFailedTests || (good ? 0 : 1);
    skipped += j.numPendingTests;
  } catch {
    failed += 1;
  }
  ok &&= good;
}

function vitest(label: string, extra: string[]): void {
  const { args, report } = vitestArgs(label, extra);
  count(report, run(label, 'npx', args));
}

/** A command whose output is printed line by line with a prefix (two lanes run at once); resolves with its success. */
function runPrefixed(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  process.stdout.write(`\n=== ${label}: ${cmd} ${args.join(' ')}\n`);
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (stream: NodeJS.ReadableStream, to: NodeJS.WriteStream) => {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) to.write(`[${label}] ${line}\n`);
    });
    stream.on('end', () => rest && to.write(`[${label}] ${rest}\n`));
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      if (code !== 0) process.stdout.write(`=== ${label} failed (exit ${code})\n`);
      resolve(code === 0);
    }),
  );
}

const E2E_DIR = 'tests/e2e';

/** Every end-to-end file. */
function e2eFiles(): string[] {
  return readdirSync(E2E_DIR).filter((f) => f.endsWith('.e2e.ts')).sort();
}

/** The end-to-end files written for both browsers. */
function sharedE2eFiles(): string[] {
  return e2eFiles().filter((f) => readFileSync(join(E2E_DIR, f), 'utf8').includes('describe.each(drivers)'));
}

/**
 * Two lanes side by side: lane A every Chromium file but those in LANE_B_CHROMIUM; lane B the Firefox half,
 * then those (LANE_B_CHROMIUM). The e2e stage is mostly CPU-bound on two cores: two Chromium lanes at once made each
 * MetaMask file take twice as long (metamask.e2e 121 s → 237 s) and ended later than one lane with Firefox alongside
 * (≈ 850 s against 807 s), so lane B only fills the time Firefox leaves free while lane A runs. A clean-clone CI run
 * with four files there: lane A 728 s, lane B 334 + 129 s; `withdraw` (54 s) and `a11y` (21 s) moved over since.
 */
const LANE_B_CHROMIUM = /^(build|gas-wait|chains|load|withdraw|a11y)\.e2e\.ts$/;

/** One lane: its vitest runs one after another. */
async function lane(runs: { label: string; files: string[]; browsers: string }[]): Promise<void> {
  for (const r of runs) {
    if (r.files.length === 0) continue;
    const started = Date.now();
    const { args, report } = vitestArgs(r.label, ['--config', 'vitest.e2e.config.ts', ...r.files.map((f) => join(E2E_DIR, f))]);
    const good = await runPrefixed(r.label, 'npx', args, { ...process.env, PREFLIGHT_E2E_BROWSERS: r.browsers });
    count(report, good);
    process.stdout.write(`=== ${r.label} took ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
}

async function e2e(): Promise<void> {
  const built = run('build', 'npx', ['wxt', 'build']);
  // NODE_ENV production as a user's build (a parent's NODE_ENV=test would bundle React's development build).
  const builtFirefox = run('build firefox', 'npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { ...process.env, NODE_ENV: 'production' });
  ok &&= built && builtFirefox;
  if (!built) failed += 1;
  if (!builtFirefox) failed += 1;
  const started = Date.now();
  const all = e2eFiles();
  const chromiumA = built ? all.filter((f) => !LANE_B_CHROMIUM.test(f)) : [];
  const chromiumB = built ? all.filter((f) => LANE_B_CHROMIUM.test(f)) : [];
  const firefox = builtFirefox ? sharedE2eFiles() : [];
  const a = { label: 'e2e-chromium-a', files: chromiumA, browsers: 'chromium' };
  const b = { label: 'e2e-chromium-b', files: chromiumB, browsers: 'chromium' };
  const f = { label: 'e2e-firefox', files: firefox, browsers: 'firefox' };
  if (process.env.PREFLIGHT_E2E_SEQUENTIAL) await lane([a, f, b]);
  else await Promise.all([lane([a]), lane([f, b])]);
  process.stdout.write(`=== end-to-end (both browsers) took ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}

const only = process.argv[2];
const runStarted = Date.now();
if (!only || only === 'static') {
  // Side by side: each is one process on one core, and CI has two.
  const [typed, linted] = await Promise.all([runAsync('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.'], process.env), runAsync('lint', 'npx', ['eslint', '.'], process.env)]);
  ok = typed && linted && ok;
}
if (!only || only === 'unit') vitest('unit', []);
if (!only || only === 'e2e') await e2e();
process.stdout.write(`\n=== npm test took ${((Date.now() - runStarted) / 1000).toFixed(0)} s\n`);
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(ok && failed === 0 ? 0 : 1);

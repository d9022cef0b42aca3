/**
 * `npm run zip`: the packages the stores take, in `.output/packages/`:
 *   preflight-<version>-chrome.zip   Chrome Web Store (no manifest `key`: the store assigns the id)
 *   preflight-<version>-firefox.zip  addons.mozilla.org (Firefox MV3)
 *   preflight-<version>-sources.zip  the sources Mozilla's reviewers rebuild the Firefox package from (BUILDING.md)
 * The version comes from package.json. The Firefox package must pass addons-linter with 0 errors and 0 warnings, or
 * the command fails. Prints a JSON summary (bytes and SHA-256 per file) on stdout.
 *
 *   --verify               build everything twice and fail unless both runs give the same bytes
 *   --from-sources         also unpack the sources zip into a temporary directory, `npm ci` and build there (what
 *                          a reviewer does), and fail unless the Firefox package is byte-identical
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const names = { chrome: `preflight-${version}-chrome.zip`, firefox: `preflight-${version}-firefox.zip`, sources: `preflight-${version}-sources.zip` };

interface Packaged {
  file: string;
  bytes: number;
  sha256: string;
}

function log(message: string): void {
  process.stderr.write(`[zip] ${message}\n`);
}

/** The build never inherits a test runner's NODE_ENV (vitest sets `test`, which makes Vite bundle React's development build). */
function env(): NodeJS.ProcessEnv {
  return { ...process.env, NODE_ENV: 'production', PREFLIGHT_PACKAGE: '1' };
}

function run(cwd: string, cmd: string, argv: string[]): void {
  const r = spawnSync(cmd, argv, { cwd, env: env(), stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed in ${cwd} (exit ${r.status})`);
}

function describe(dir: string, file: string): Packaged {
  const bytes = readFileSync(join(dir, file));
  return { file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Builds and zips both browsers in `cwd`; returns the three packages. */
function zipAll(cwd: string): Packaged[] {
  const out = join(cwd, '.output', 'packages');
  rmSync(out, { recursive: true, force: true });
  log(`building the Chrome package in ${cwd}`);
  run(cwd, 'npx', ['wxt', 'zip', '-b', 'chrome']);
  log('building the Firefox package and its sources');
  run(cwd, 'npx', ['wxt', 'zip', '-b', 'firefox', '--mv3']);
  const present = new Set(readdirSync(out));
  for (const name of Object.values(names)) if (!present.has(name)) throw new Error(`wxt zip made no ${name} (found: ${[...present].join(', ')})`);
  return Object.values(names).map((name) => describe(out, name));
}

interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: { code: string; message: string; file?: string }[];
  warnings: { code: string; message: string; file?: string }[];
}

function lintFirefox(zip: string): LintReport {
  let out: string;
  try {
    out = execFileSync('npx', ['addons-linter', '--output', 'json', zip], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    out = String((error as { stdout?: string }).stdout ?? '');
  }
  return JSON.parse(out) as LintReport;
}

function same(a: Packaged[], b: Packaged[]): string[] {
  return a.flatMap((x, i) => (x.sha256 === b[i]!.sha256 ? [] : [`${x.file}: ${x.sha256} vs ${b[i]!.sha256}`]));
}

const packages = zipAll(root);
const outDir = join(root, '.output', 'packages');
const lint = lintFirefox(join(outDir, names.firefox));
const problems = [...lint.errors, ...lint.warnings].map((p) => `${p.code} ${p.file ?? ''}: ${p.message}`);
const result: Record<string, unknown> = { version, dir: outDir, packages, addonsLinter: lint.summary };

if (args.has('--verify')) {
  const again = zipAll(root);
  const differ = same(packages, again);
  result.reproducible = differ.length === 0;
  if (differ.length) problems.push(...differ.map((d) => `not reproducible: ${d}`));
}

if (args.has('--from-sources')) {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-sources-'));
  try {
    execFileSync('unzip', ['-q', join(outDir, names.sources), '-d', dir]);
    log(`npm ci in ${dir} (as a reviewer would)`);
    run(dir, 'npm', ['ci', '--no-audit', '--no-fund']);
    const rebuilt = zipAll(dir);
    const firefox = packages.find((p) => p.file === names.firefox)!;
    const theirs = rebuilt.find((p) => p.file === names.firefox)!;
    result.fromSources = { firefox: theirs.sha256, identical: theirs.sha256 === firefox.sha256 };
    if (theirs.sha256 !== firefox.sha256) problems.push(`the Firefox package rebuilt from the sources zip differs: ${theirs.sha256} vs ${firefox.sha256}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
if (problems.length) {
  for (const p of problems) log(p);
  process.exit(1);
}

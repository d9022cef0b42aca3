/**
 * Whether Preflight's worker is still running when a user who opened a dApp page and read it (no input) signs
 * (issue 24 §3: Chrome stops an idle extension worker after ~30 s). Playwright cannot show this: a worker it is attached
 * to is never stopped for idleness. So here Chromium is driven with Puppeteer told not to attach to service workers
 * (`targetFilter`), and the worker's state is read from the page's `ServiceWorker` domain events, which observe
 * without attaching.
 *
 * Per build (a fresh browser each): the demo dApp (its wallet used at load) opened once, then left alone for `--read-s`
 * seconds; every second, whether the worker runs. Prints, per build, the seconds at which the worker was seen stopped
 * (first and total) and whether it ran at the end of the reading.
 *
 *   npx tsx scripts/bench/worker-idle.ts [--read-s 90] [--dirs <build>,<build>] [--no-build]
 * Without `--dirs`: the build in .output/chrome-mv3.
 * Prints JSON (progress on stderr).
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { parseArgs } from '../cli/args';
import { startDevnet } from '../devnet/index';
import { startDapp } from '../devnet/dapp-server';
import { CHROMIUM } from '../../tests/e2e/harness';

export interface IdleWatch {
  dir: string;
  read_s: number;
  /** Seconds after the page's load at which the worker was first seen stopped (undefined: never). */
  first_stopped_s?: number;
  /** Seconds (of the one-second samples) in which it was seen stopped. */
  stopped_samples: number;
  running_at_end: boolean;
}

export async function watchIdleWorker(dir: string, dappUrl: string, readS: number, log: (m: string) => void): Promise<IdleWatch> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'preflight-idle-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir,
    // Attaching to a service worker keeps it from being stopped for idleness: attach to pages only.
    targetFilter: (t) => t.type() !== 'service_worker' && t.type() !== 'background_page',
    args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    const cdp = await page.createCDPSession();
    const versions = new Map<string, { url: string; status: string }>();
    cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { versionId: string; scriptURL: string; runningStatus: string }[] }) => {
      for (const v of e.versions) versions.set(v.versionId, { url: v.scriptURL, status: v.runningStatus });
    });
    await cdp.send('ServiceWorker.enable');
    const preflight = () => [...versions.values()].filter((v) => v.url.startsWith('chrome-extension://') && v.url.endsWith('/background.js'));
    await page.goto(dappUrl, { waitUntil: 'load' });
    const t0 = Date.now();
    let first: number | undefined;
    let stopped = 0;
    for (let s = 1; s <= readS; s++) {
      await new Promise((r) => setTimeout(r, t0 + s * 1000 - Date.now()));
      const running = preflight().some((v) => v.status === 'running' || v.status === 'starting');
      if (!running) {
        stopped++;
        first ??= s;
      }
      if (s % 10 === 0) log(`${dir}: ${s} s, worker ${running ? 'running' : 'stopped'}`);
    }
    const end = preflight().some((v) => v.status === 'running' || v.status === 'starting');
    return { dir, read_s: readS, ...(first !== undefined ? { first_stopped_s: first } : {}), stopped_samples: stopped, running_at_end: end };
  } finally {
    await browser.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const readS = Number(args.flags['read-s'] ?? 90);
  if (args.flags['no-build'] === undefined && args.flags.dirs === undefined) execSync('npx wxt build', { stdio: 'ignore' });
  const dirs = typeof args.flags.dirs === 'string' ? args.flags.dirs.split(',') : [resolve('.output/chrome-mv3')];
  const devnet = await startDevnet({ port: 0, seed: 3, traffic: false, quiet: true });
  const dapp = await startDapp({ port: 0, devnet });
  const out: IdleWatch[] = [];
  try {
    for (const dir of dirs) out.push(await watchIdleWorker(resolve(dir), dapp.url, readS, (m) => process.stderr.write(`[worker-idle] ${m}\n`)));
  } finally {
    await dapp.stop();
    await devnet.stop();
  }
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

if (process.argv[1]?.endsWith('worker-idle.ts')) {
  void main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}

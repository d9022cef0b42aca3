/**
 * `npm run bench`: measures, in one run, on the built extension in Chromium against the devnet:
 * - review latency from the dApp's request() call to the verdict rendered in the panel, p50/p95,
 *   warm (worker alive) and cold (worker stopped before each request);
 * - the inpage script's size (raw and gzip);
 * - the demo dApp's page-load time with and without the extension (ratio of medians, same run).
 * - the service worker's JS heap over 10,000 reviews, measured in Chromium over CDP (scripts/bench/worker-memory.ts).
 * - the gas forecast from 30 days of history, timed inside the service worker vs the naive baseline (scripts/bench/worker-forecast.ts).
 * - with `--only metamask` (not in the default run: it onboards two real MetaMasks), the time Preflight adds before
 *   MetaMask's confirmation shows, MetaMask alone vs Preflight in front (scripts/bench/metamask.ts; --n 30 per kind, --warmup 2, --lock FILE, --dir BUILD).
 * Prints JSON (progress on stderr). Options: --no-build (use .output/chrome-mv3 under the working directory as it is), --n 50 (requests per series), --loads 30 (page loads per side), --reviews 10000, --tabs 3, --runs 200 (forecast timings).
 */
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { execSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { parseArgs } from '../cli/args';
import { startDevnet } from '../devnet/index';
import { startDapp } from '../devnet/dapp-server';
import { decide, inputStalls, launchWithExtension, reviewFrame, EXTENSION_DIR } from '../../tests/e2e/harness';
import { summarize } from './stats';
import { workerForecast } from './worker-forecast';
import { metamaskOverhead } from './metamask';
import { workerMemory } from './worker-memory';

const args = parseArgs(process.argv.slice(2));
const N = Number(args.flags.n ?? 50);
const LOADS = Number(args.flags.loads ?? 30);
/** --only latency|load|memory|forecast|metamask runs one part. */
const ONLY = typeof args.flags.only === 'string' ? args.flags.only : undefined;

async function latencyOnce(page: Page, method: 'personal_sign' | 'approve'): Promise<number> {
  // t0 is taken in the page right before request(); t1 in the panel when the verdict is in the DOM. Same wall clock.
  const t0 = await page.evaluate((m) => {
    const eth = (window as unknown as { ethereum: { request(a: unknown): Promise<unknown> } }).ethereum;
    const cfg = (window as unknown as { __devnet: { account: string; usdc: string; v2Router: string } }).__devnet;
    const t = Date.now();
    const req =
      m === 'personal_sign'
        ? { method: 'personal_sign', params: ['0x68656c6c6f', cfg.account] }
        : { method: 'eth_sendTransaction', params: [{ from: cfg.account, to: cfg.usdc, data: `0x095ea7b3${cfg.v2Router.slice(2).padStart(64, '0')}${'f'.repeat(64)}` }] };
    eth.request(req).catch(() => undefined);
    return t;
  }, method);
  const frame = await reviewFrame(page, 15_000);
  await frame.waitForSelector('[data-testid="review"][data-verdict]', { timeout: 15_000 });
  const t1 = await frame.evaluate(() => Date.now());
  await decide(frame, 'reject');
  await page.waitForFunction(() => !Array.from(document.querySelectorAll('preflight-panel')).length, undefined, { timeout: 10_000 });
  return t1 - t0;
}

async function pageLoads(withExtension: boolean, url: string): Promise<number[]> {
  const b = await launchWithExtension({ withExtension });
  const page = await b.context.newPage();
  const out: number[] = [];
  for (let i = 0; i < LOADS + 3; i++) {
    await page.goto(`${url}?bench=${i}`, { waitUntil: 'load' });
    const ms = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return nav.loadEventStart - nav.startTime;
    });
    if (i >= 3) out.push(ms); // the first loads warm caches on both sides
  }
  await b.close();
  return out;
}

async function main() {
  if (args.flags['no-build'] === undefined) execSync('npx wxt build', { stdio: 'ignore' });
  if (ONLY === 'forecast') {
    // Needs no devnet: the engine's code evaluated in the worker.
    process.stdout.write(JSON.stringify({ worker_forecast: await workerForecast(Number(args.flags.runs ?? 200)) }, null, 2) + '\n');
    return;
  }
  if (ONLY === 'metamask') {
    const n = Number(args.flags.n ?? 30);
    const warmup = Number(args.flags.warmup ?? 2);
    const lock = typeof args.flags.lock === 'string' ? args.flags.lock : undefined;
    const dir = typeof args.flags.dir === 'string' ? args.flags.dir : undefined;
    const out = await metamaskOverhead(n, (m) => process.stderr.write(`[bench metamask] ${m}\n`), { warmup, ...(lock ? { lock } : {}), ...(dir ? { preflightDir: dir } : {}) });
    process.stdout.write(JSON.stringify({ metamask_overhead: { requests_per_kind: n, warmup_per_kind: warmup, ...out, panel_input_stalls: inputStalls.count } }, null, 2) + '\n');
    return;
  }
  if (ONLY === 'memory') {
    // Needs no devnet: personal_sign reviews on a local page.
    process.stdout.write(JSON.stringify({ worker_heap: await workerMemory(Number(args.flags.reviews ?? 10_000), Number(args.flags.tabs ?? 3)) }, null, 2) + '\n');
    return;
  }
  const devnet = await startDevnet({ port: 0, seed: 3, traffic: false, quiet: true });
  const dapp = await startDapp({ port: 0, devnet });
  const result: Record<string, unknown> = {};
  try {
    if (ONLY === undefined) result.worker_forecast = await workerForecast(Number(args.flags.runs ?? 200));
    if (ONLY === undefined) result.worker_heap = await workerMemory(Number(args.flags.reviews ?? 10_000), Number(args.flags.tabs ?? 3));
    if (ONLY === undefined || ONLY === 'latency') {
      const b = await launchWithExtension();
      await b.setSettings({ rpcs: { '31337': devnet.rpcUrl }, privateRpc: { '31337': true } });
      const page = await b.context.newPage();
      await page.goto(dapp.url);
      await page.evaluate(
        (c) => ((window as unknown as { __devnet: unknown }).__devnet = c),
        { account: devnet.accounts[0], usdc: devnet.contracts.usdc, v2Router: devnet.contracts.v2Router },
      );
      for (const method of ['personal_sign', 'approve'] as const) {
        await latencyOnce(page, method); // first panel load warms the extension's caches
        const warm: number[] = [];
        for (let i = 0; i < N; i++) warm.push(await latencyOnce(page, method));
        const cold: number[] = [];
        for (let i = 0; i < N; i++) {
          await b.stopWorker(page);
          await page.waitForTimeout(50);
          cold.push(await latencyOnce(page, method));
        }
        result[`latency_${method}_ms`] = { warm: summarize(warm), coldWorker: summarize(cold) };
      }
      await b.close();
    }

    const inpage = readFileSync(`${EXTENSION_DIR}/content-scripts/inpage.js`);
    const content = statSync(`${EXTENSION_DIR}/content-scripts/content.js`).size;
    result.panel_input_stalls = inputStalls.count;
    result.size_bytes = { inpage: inpage.length, inpageGzip: gzipSync(inpage).length, content };

    if (ONLY === undefined || ONLY === 'load') {
      // Alternate the two sides in rounds so drift in machine load hits both equally.
      const withoutAll: number[] = [];
      const withAll: number[] = [];
      for (let round = 0; round < 3; round++) {
        withoutAll.push(...(await pageLoads(false, dapp.url)));
        withAll.push(...(await pageLoads(true, dapp.url)));
      }
      const without = summarize(withoutAll);
      const withExt = summarize(withAll);
      result.page_load_ms = { without, with: withExt, ratio_p50: Math.round((withExt.p50 / without.p50) * 1000) / 1000 };
    }
  } finally {
    await dapp.stop();
    await devnet.stop();
  }
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

void main().then(() => process.exit(0), (e: unknown) => {
  console.error(e);
  process.exit(1);
});

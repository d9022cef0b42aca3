/**
 * `npm run bench`: measures, in one run, on the built extension in Chromium against the devnet:
 * - review latency from the dApp's request() call to the verdict rendered in the panel, p50/p95,
 *   warm (worker alive) and cold (worker stopped before each request);
 * - the inpage script's size (raw and gzip);
 * - page-load time with and without the extension (ratios of p50 and p95, same run), on the demo dApp (light) and on
 *   a heavy dApp-like page (scripts/bench/heavy-page.ts), and how many panel frames a page that never asks a wallet
 *   for anything has (0), and has once it asks (1, preloaded after its load event);
 * - the service worker's JS heap over 10,000 reviews, measured in Chromium over CDP (scripts/bench/worker-memory.ts).
 * - the gas forecast from 30 days of history, timed inside the service worker vs the naive baseline (scripts/bench/worker-forecast.ts).
 * - with `--only metamask` (not in the default run: it onboards two real MetaMasks), the time Preflight adds before
 *   MetaMask's confirmation shows, MetaMask alone vs Preflight in front (scripts/bench/metamask.ts; --n 30 per kind, --warmup 2, --lock FILE, --dir BUILD).
 * - with `--only approvals` (not in the default run), the approvals scan over 500 approvals in 10,000 devnet blocks against
 *   anvil and refusing proxies (scripts/bench/approvals.ts; --approvals, --blocks, --results-cap, --runs).
 * - with `--only idle` (not in the default run), JSON-RPC calls per chain per hour of an idle browser, before and after the
 *   idle schedule, against anvil with a simulated clock (scripts/bench/idle.ts; --chromium-minutes N --before-dir DIR
 *   also leaves the real extension builds idle in Chromium for N real minutes).
 * Prints JSON (progress on stderr). Options: --compare-dir BUILD[,BUILD…] (page loads: a side per other build), --pages light,heavy (page loads: which pages), --browser-args=<flags> (page loads: extra Chromium flags, space-separated), --breakdown (page loads: median navigation-timing stages per side: responseStart, unload, domInteractive, load), --latency-ms 100 (page loads: an emulated network round trip on every request of the pages), --settle-ms 1000 (pause after each page load), --raw (every page-load sample), --no-build (use .output/chrome-mv3 under the working directory as it is), --n 50 (requests per series), --loads 30 (page loads per side), --reviews 10000, --tabs 3, --runs 200 (forecast timings).
 */
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { execSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { parseArgs } from '../cli/args';
import { startDevnet } from '../devnet/index';
import { startDapp } from '../devnet/dapp-server';
import { decide, inputStalls, launchWithExtension, reviewFrame, EXTENSION_DIR } from '../../tests/e2e/harness';
import { breakdownMedians, pairedRatio, summarize } from './stats';
import { workerForecast } from './worker-forecast';
import { metamaskOverhead } from './metamask';
import { workerMemory } from './worker-memory';
import { approvalsBench } from './approvals';
import { idleBench } from './idle';
import { serveHeavyPage } from './heavy-page';

const args = parseArgs(process.argv.slice(2));
const N = Number(args.flags.n ?? 50);
const LOADS = Number(args.flags.loads ?? 30);
/** Pause after each page load before the next side's (--settle-ms). */
const SETTLE_MS = Number(args.flags['settle-ms'] ?? 1000);
/** --only latency|load|memory|forecast|metamask|approvals|idle runs one part. */
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
  await page.waitForFunction(() => !Array.from(document.querySelectorAll('preflight-panel:not([data-standby])')).length, undefined, { timeout: 10_000 });
  return t1 - t0;
}

/**
 * Page loads of each url, side by side: one browser per side (without the extension, with it, and optionally with
 * another build), every load of every url done on each side in turn, so drift in the machine's load hits all
 * sides alike.
 */
/** `--browser-args=<flags>`: extra Chromium flags for every side of the page-load runs (e.g. to turn a feature off). */
const BROWSER_ARGS = typeof args.flags['browser-args'] === 'string' ? args.flags['browser-args'].split(' ').filter(Boolean) : [];

/** `--latency-ms <ms>`: page loads over an emulated network round trip of that many ms (0: localhost as it is). */
const LATENCY_MS = Number(args.flags['latency-ms'] ?? 0);

/** `--breakdown`: each load's navigation timing stages (ms from its start), to see where a cost lands. */
const breakdown: Record<string, unknown>[] = [];

async function pageLoads(sides: Record<string, { withExtension: boolean; extensionDir?: string }>, urls: Record<string, string>): Promise<Record<string, Record<string, number[]>>> {
  const out: Record<string, Record<string, number[]>> = {};
  // One tab per page and side: each load then stays on its own site. Alternating the light and the heavy page in one
  // tab made every load a cross-site navigation that sometimes waited for a new renderer process (the light page's
  // loads fell in two modes, ≈100 and ≈400 ms, on every side, the extension's absent included).
  const pages: Record<string, Record<string, Page>> = {};
  const browsers: { close(): Promise<void> }[] = [];
  try {
    for (const [side, o] of Object.entries(sides)) {
      const b = await launchWithExtension({ withExtension: o.withExtension, ...(o.extensionDir ? { extensionDir: o.extensionDir } : {}), ...(BROWSER_ARGS.length ? { extraArgs: BROWSER_ARGS } : {}) });
      browsers.push(b);
      pages[side] = {};
      for (const name of Object.keys(urls)) {
        const page = await b.context.newPage();
        pages[side][name] = page;
        // `--latency-ms`: a network's round trip added to every request of the page (DevTools' emulation), as a page
        // from the internet has, where the demo dApp on localhost answers in a few ms.
        if (LATENCY_MS > 0) {
          const cdp = await b.context.newCDPSession(page);
          await cdp.send('Network.enable');
          await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: LATENCY_MS, downloadThroughput: -1, uploadThroughput: -1 });
        }
      }
      out[side] = Object.fromEntries(Object.keys(urls).map((k) => [k, []]));
    }
    for (let i = 0; i < LOADS + 3; i++) {
      for (const [name, url] of Object.entries(urls)) {
        // The side that goes first changes load by load, and each load is followed by a pause: what a page does after
        // its load event (its own timers, the extension's after-load work) must not land in another side's load.
        const order = Object.keys(sides);
        for (let k = 0; k < order.length; k++) {
          const side = order[(i + k) % order.length]!;
          const page = pages[side]![name]!;
          await page.bringToFront();
          await page.goto(`${url}?bench=${i}`, { waitUntil: 'load' });
          const ms = await page.evaluate(() => {
            const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
            return nav.loadEventStart - nav.startTime;
          });
          if (i >= 3) out[side]![name]!.push(ms); // the first loads warm caches on every side
          if (args.flags.breakdown !== undefined && i >= 3) {
            const b = await page.evaluate(() => {
              const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
              return { resp: n.responseStart, unload: n.unloadEventEnd - n.unloadEventStart, unloadAt: n.unloadEventStart, di: n.domInteractive, dcl: n.domContentLoadedEventStart, load: n.loadEventStart };
            });
            breakdown.push({ side, page: name, ...b });
          }
          await page.waitForTimeout(SETTLE_MS);
        }
      }
    }
  } finally {
    for (const b of browsers) await b.close();
  }
  return out;
}

/** Panel frames a page that never asks a wallet for anything has after its load and 2 s of idle (should be 0). */
async function panelFramesOnPlainPage(url: string): Promise<{ plain: number; after_wallet_use: number }> {
  const b = await launchWithExtension();
  const page = await b.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(2_000);
  const count = () => page.frames().filter((f) => f.url().includes('/review.html')).length;
  const plain = count();
  // The same page once it asks for a wallet (EIP-6963): the panel frame is preloaded, hidden.
  await page.evaluate(() => window.dispatchEvent(new Event('eip6963:requestProvider')));
  await page.waitForTimeout(2_000);
  const after = count();
  await b.close();
  return { plain, after_wallet_use: after };
}

async function main() {
  if (ONLY === 'approvals') {
    // The approvals scan's engine in Node against anvil and limiting proxies (scripts/bench/approvals.ts): no build.
    const out = await approvalsBench({
      approvals: Number(args.flags.approvals ?? 500), blocks: Number(args.flags.blocks ?? 10_000), resultsCap: Number(args.flags['results-cap'] ?? 20), runs: Number(args.flags.runs ?? 3),
      log: (m) => process.stderr.write(`[bench approvals] ${m}\n`),
    });
    process.stdout.write(JSON.stringify({ approvals_scan: out }, null, 2) + '\n');
    return;
  }
  if (ONLY === 'idle') {
    // Simulated time against anvil, no build; the optional real-time Chromium part uses the built extension.
    const minutes = args.flags['chromium-minutes'] !== undefined ? Number(args.flags['chromium-minutes']) : undefined;
    if (minutes && args.flags['no-build'] === undefined) execSync('npx wxt build', { stdio: 'ignore' });
    const dir = (k: string) => (typeof args.flags[k] === 'string' ? (args.flags[k] as string) : undefined);
    const out = await idleBench({ ...(minutes ? { chromiumMinutes: minutes } : {}), ...(dir('before-dir') ? { beforeDir: dir('before-dir') } : {}), ...(dir('after-dir') ? { afterDir: dir('after-dir') } : {}), log: (m) => process.stderr.write(`[bench idle] ${m}\n`) });
    process.stdout.write(JSON.stringify({ idle_rpc: out }, null, 2) + '\n');
    return;
  }
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
      // Light: the demo dApp (its wallet on the devnet); heavy: scripts/bench/heavy-page.ts (40 scripts, ~17,000 elements, 4 iframes).
      const heavy = await serveHeavyPage();
      try {
        // --pages light,heavy: which pages (both by default).
        const pages = typeof args.flags.pages === 'string' ? args.flags.pages.split(',') : ['light', 'heavy'];
        const urls = Object.fromEntries(Object.entries({ light: dapp.url, heavy: heavy.url }).filter(([k]) => pages.includes(k)));
        // --compare-dir BUILD[,BUILD…]: more sides, other builds of the extension (e.g. main's, a variant), in the same rounds.
        const compareDirs = typeof args.flags['compare-dir'] === 'string' ? args.flags['compare-dir'].split(',').filter(Boolean) : [];
        const compareSide = (i: number) => (i === 0 ? 'compare' : `compare${i + 1}`);
        const all = await pageLoads(
          { without: { withExtension: false }, with: { withExtension: true }, ...Object.fromEntries(compareDirs.map((dir, i) => [compareSide(i), { withExtension: true, extensionDir: dir }])) },
          urls,
        );
        const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
        const loads: Record<string, unknown> = {};
        for (const k of Object.keys(urls)) {
          const without = summarize(all.without![k]!);
          const withExt = summarize(all.with![k]!);
          // Paired by round (both sides loaded the page one after the other): the ratio to read, with its 95 % interval.
          loads[k] = { without, with: withExt, ratio_p50: ratio(withExt.p50, without.p50), ratio_p95: ratio(withExt.p95, without.p95), paired_ratio: pairedRatio(all.with![k]!, all.without![k]!) };
          compareDirs.forEach((dir, i) => {
            const other = summarize(all[compareSide(i)]![k]!);
            loads[`${k}_${compareSide(i)}`] = { dir, with: other, ratio_p50: ratio(other.p50, without.p50), ratio_p95: ratio(other.p95, without.p95), paired_ratio: pairedRatio(all[compareSide(i)]![k]!, all.without![k]!) };
          });
        }
        result.page_load_ms = loads;
        if (args.flags.raw !== undefined) result.page_load_raw_ms = all;
        if (args.flags.breakdown !== undefined) result.page_load_breakdown_ms = breakdownMedians(breakdown);
        result.panel_frames_loaded = await panelFramesOnPlainPage(heavy.plainUrl);
      } finally {
        await heavy.close();
      }
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

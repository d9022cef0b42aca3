/**
 * `npx tsx scripts/bench/verdict-stages.ts [--n 20] [--kinds personal-sign-siwe,eth-transfer,permit] [--read-ms 1000] [--browsers chromium,firefox] [--metamask] [--no-build] [--dir BUILD]`:
 * where Preflight's warm verdict time goes, from the dApp's request() to the verdict on screen, with the demo dApp's
 * wallet on the devnet (or, with --metamask, the vendored MetaMask; every panel is rejected, so nothing reaches it).
 * Per browser (`--browsers`: Chromium through Playwright; firefox-esr with the Firefox MV3 build through
 * scripts/bench/firefox-launch.ts, `PREFLIGHT_FIREFOX_DIR` for another build) and kind, three series in one run,
 * alternating request by request (worker warm in all):
 * - `kept panel`: the page's panel frame is already loaded (kept hidden after the previous request,
 *   entrypoints/content/panel.ts), as for every request after the first on a page;
 * - `first on page, at once`: the page was reloaded and the request leaves as soon as its load event has fired
 *   (after fetching the case): the frame the page's wallet use (its EIP-6963 request at load) preloads, after the load
 *   event and an idle moment, may not be up yet (the request then waits for it) or not started (a fresh frame loads);
 * - `first on page, after reading`: the page was reloaded and the request leaves `--read-ms` (1000) after its load
 *   event, as when a user reads the page before signing: the preloaded frame (entrypoints/content/panel.ts) shows it.
 * Stages (ms after request(), the page's and the panel's clocks are the machine's wall clock): `frame_load_start`
 * (the panel frame's navigation start; first on page only), `shown` (the panel shows this request: performance mark
 * `preflight:shown`), `verdict` (the verdict rendered: mark `preflight:verdict`). Prints JSON.
 */
import { execSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { parseArgs } from '../cli/args';
import { startDevnet } from '../devnet/index';
import { startDapp } from '../devnet/dapp-server';
import { decide, launchWithExtension, reviewFrame, type ExtensionBrowser } from '../../tests/e2e/harness';
import { startMetaMaskWorld, type MetaMaskWorld } from '../../tests/e2e/metamask-harness';
import { summarize } from './stats';
import { firefoxUnavailable, launchFirefoxWithExtension, type FirefoxSession } from './firefox-launch';
import type { Page as FxPage } from 'puppeteer-core';

const args = parseArgs(process.argv.slice(2));
const N = Number(args.flags.n ?? 20);
const READ_MS = Number(args.flags['read-ms'] ?? 1000);
const KINDS = (typeof args.flags.kinds === 'string' ? args.flags.kinds : 'personal-sign-siwe,eth-transfer,permit').split(',');

type Stages = { frame_load_start?: number; shown: number; verdict: number };
type Marks = { origin: number; shown: number; verdict: number };

/** One browser's way to send a request, read the panel's marks and reject it (Chromium: Playwright; Firefox: BiDi). */
interface Side {
  browser: 'chromium' | 'firefox';
  request(name: string): Promise<number>;
  verdictMarks(): Promise<{ marks: Marks; reject(): Promise<void> }>;
  noPanel(): Promise<void>;
  reload(): Promise<void>;
  wait(ms: number): Promise<void>;
}

/** The request as the page sends it (the demo dApp's case), returning the page's clock just before request(). */
const REQUEST = (n: string) => `(async () => {
  const req = await (await fetch('/api/case/${n}')).json();
  const t = Date.now();
  window.ethereum.request(req).catch(() => undefined);
  return t;
})()`;
const MARKS = `({
  origin: performance.timeOrigin,
  shown: performance.timeOrigin + performance.getEntriesByName('preflight:shown')[0].startTime,
  verdict: performance.timeOrigin + performance.getEntriesByName('preflight:verdict')[0].startTime,
})`;
const NO_PANEL = "document.querySelectorAll('preflight-panel:not([data-standby])').length === 0";
const HAS_ETHEREUM = "typeof window.ethereum === 'object'";

function chromiumSide(page: Page): Side {
  return {
    browser: 'chromium',
    request: (name) => page.evaluate(REQUEST(name)) as Promise<number>,
    async verdictMarks() {
      const frame = await reviewFrame(page, 30_000);
      // Functions, not source text: the panel's CSP forbids evaluating strings. (No named function inside: tsx would
      // wrap it in a helper the panel does not have.)
      await frame.waitForFunction(() => performance.getEntriesByName('preflight:verdict').length > 0, undefined, { timeout: 30_000, polling: 10 });
      const marks = await frame.evaluate(() => ({
        origin: performance.timeOrigin,
        shown: performance.timeOrigin + performance.getEntriesByName('preflight:shown')[0]!.startTime,
        verdict: performance.timeOrigin + performance.getEntriesByName('preflight:verdict')[0]!.startTime,
      }));
      return { marks, reject: () => decide(frame, 'reject') };
    },
    noPanel: () => page.waitForFunction(NO_PANEL, undefined, { timeout: 30_000 }).then(() => undefined),
    async reload() {
      await page.reload({ waitUntil: 'load' });
      await page.waitForFunction(HAS_ETHEREUM);
    },
    wait: (ms) => page.waitForTimeout(ms),
  };
}

function firefoxSide(fx: FirefoxSession, page: FxPage): Side {
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  return {
    browser: 'firefox',
    request: (name) => page.evaluate(REQUEST(name)) as Promise<number>,
    async verdictMarks() {
      const frame = await fx.panelFrame(page, 30_000);
      const deadline = Date.now() + 30_000;
      while (!(await frame.evaluate<boolean>("performance.getEntriesByName('preflight:verdict').length > 0").catch(() => false))) {
        if (Date.now() > deadline) throw new Error('firefox: no verdict');
        await sleep(10);
      }
      const marks = await frame.evaluate<Marks>(MARKS);
      // The panel's own Reject (its click handler), as the Firefox e2e driver does where real input cannot reach.
      return { marks, reject: () => frame.evaluate<boolean>(`(document.querySelector('[data-testid="review-reject"]').click(), true)`).then(() => undefined) };
    },
    noPanel: () => page.waitForFunction(NO_PANEL, { timeout: 30_000, polling: 10 }).then(() => undefined),
    async reload() {
      await page.reload({ waitUntil: 'load' });
      await page.waitForFunction(HAS_ETHEREUM);
    },
    wait: sleep,
  };
}

async function once(side: Side, name: string): Promise<Stages> {
  const t0 = await side.request(name);
  const { marks: m, reject } = await side.verdictMarks();
  await reject();
  await side.noPanel();
  const r = (x: number) => Math.round((x - t0) * 10) / 10;
  return { ...(m.origin > t0 ? { frame_load_start: r(m.origin) } : {}), shown: r(m.shown), verdict: r(m.verdict) };
}

/** The three series for each kind, alternating request by request, on one browser. */
async function series(side: Side, log: (m: string) => void): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of KINDS) {
    const kept: Stages[] = [];
    const first: Stages[] = [];
    const read: Stages[] = [];
    // Warm-up (not counted): the worker's module caches, the RPC client, the first panel load.
    await once(side, name);
    await once(side, name);
    for (let i = 0; i < N; i++) {
      kept.push(await once(side, name));
      await side.reload();
      first.push(await once(side, name));
      await side.reload();
      await side.wait(READ_MS);
      read.push(await once(side, name));
    }
    const stats = (s: Stages[], k: keyof Stages) => summarize(s.map((x) => x[k]).filter((v): v is number => v !== undefined));
    const keptVerdict = stats(kept, 'verdict');
    const firstVerdict = stats(first, 'verdict');
    const readVerdict = stats(read, 'verdict');
    out[name] = {
      kept_panel: { shown: stats(kept, 'shown'), verdict: keptVerdict },
      first_on_page_at_once: { frame_load_start: stats(first, 'frame_load_start'), shown: stats(first, 'shown'), verdict: firstVerdict },
      [`first_on_page_after_${READ_MS}ms`]: { frame_load_start: stats(read, 'frame_load_start'), shown: stats(read, 'shown'), verdict: readVerdict },
      ratio_verdict_kept_vs_first: { p50: Math.round((keptVerdict.p50 / firstVerdict.p50) * 1000) / 1000, p95: Math.round((keptVerdict.p95 / firstVerdict.p95) * 1000) / 1000 },
    };
    log(`${side.browser} ${name}: kept ${keptVerdict.p50}/${keptVerdict.p95} ms, first on page at once ${firstVerdict.p50}/${firstVerdict.p95} ms, after ${READ_MS} ms ${readVerdict.p50}/${readVerdict.p95} ms (p50/p95)`);
  }
  return out;
}

async function main() {
  const browsers = (typeof args.flags.browsers === 'string' ? args.flags.browsers : 'chromium').split(',');
  if (args.flags['no-build'] === undefined) {
    execSync('npx wxt build', { stdio: 'ignore' });
    // NODE_ENV production, as a user's build (as the Firefox e2e files build it).
    if (browsers.includes('firefox')) execSync('npx wxt build -b firefox --mv3', { stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
  }
  const devnet = await startDevnet({ port: 0, seed: 3, traffic: false, quiet: true });
  const dapp = await startDapp({ port: 0, devnet });
  let mm: MetaMaskWorld | undefined;
  let b: ExtensionBrowser | undefined;
  let fx: FirefoxSession | undefined;
  const out: Record<string, unknown> = {};
  const log = (m: string) => process.stderr.write(`[verdict-stages] ${m}\n`);
  const settings = { rpcs: { '31337': devnet.rpcUrl }, privateRpc: { '31337': true } };
  try {
    for (const which of browsers) {
      if (which === 'firefox') {
        const why = firefoxUnavailable();
        if (why) {
          out.firefox = { skipped: why };
          continue;
        }
        fx = await launchFirefoxWithExtension();
        await fx.setSettings(settings, dapp.url);
        const page = await fx.newPage();
        await page.goto(dapp.url);
        out.firefox = await series(firefoxSide(fx, page), log);
        await fx.close();
        fx = undefined;
        continue;
      }
      let page: Page;
      if (args.flags.metamask !== undefined) {
        mm = await startMetaMaskWorld({ devnet, preflight: true });
        page = mm.page;
      } else {
        b = await launchWithExtension(typeof args.flags.dir === 'string' ? { extensionDir: args.flags.dir } : {});
        await b.setSettings(settings);
        page = await b.context.newPage();
        await page.goto(dapp.url);
      }
      out.chromium = await series(chromiumSide(page), log);
      await mm?.close();
      await b?.close();
      mm = undefined;
      b = undefined;
    }
  } finally {
    await mm?.close();
    await b?.close();
    await fx?.close();
    await dapp.stop();
    await devnet.stop();
  }
  process.stdout.write(JSON.stringify({ requests_per_series: N, ...out }, null, 2) + '\n');
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

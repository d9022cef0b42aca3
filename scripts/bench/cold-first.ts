/**
 * The first request on a page with the extension's worker stopped (issue 24 §3): the commonest real case. A user opens
 * a dApp page, reads it for a while (Chrome stops an idle extension worker after ~30 s), then signs: the request meets
 * a stopped worker and a page whose panel frame was never loaded.
 *
 * Per request: a fresh page load of the demo dApp (its own wallet on the devnet), a pause for what the page load wakes
 * (the phishing check) to finish, then Preflight's worker stopped the way Chrome stops it (CDP
 * `ServiceWorker.stopWorker` on that version only), then one request and the time to its verdict in the panel.
 * The kinds alternate request by request. Stages (ms after the page's request() call, all on the machine's wall
 * clock): `worker_start` (the new worker's `performance.timeOrigin`), `worker_main` (its main() ran: the bundle was
 * fetched, compiled and evaluated), `frame_start` (the panel frame's navigation start), `panel_main` (the panel's
 * script ran), `shown`, `verdict`, and the worker's and panel's own marks when present (see `MARKS`; `worker_an_<id>`: when
 * each analyzer of the review settled).
 *
 *   npx tsx scripts/bench/cold-first.ts [--n 20] [--kinds personal_sign,approve] [--no-build] [--warm] [--press 100] [--rpc-latency-ms 100]
 *     [--dir BUILD] [--compare-dir BUILD,…] [--metamask]
 * `--metamask`: the vendored MetaMask (onboarded, the page's wallet) beside Preflight, which then reads through it.
 * `--approach <ms>`: the pointer moves over the page that long before the request (after the worker was stopped): a
 * user's hand on its way to the button.
 * `--press <ms>`: the request is sent by a click on a button of the page, the mouse held down that long (a user's
 * press), instead of by a script call: what a press on a page that uses a wallet does before the request is counted
 * (the worker woken at pointerdown); the times are still from the request() call, made in the click handler.
 * `--dir` measures another build (e.g. main's, for a before/after in one session). `--warm` measures the same first-on-page requests without stopping the worker (for comparison in one run).
 * `--rpc-latency-ms <ms>`: the devnet is read through a proxy that answers each HTTP request that much later (a node
 * far away; scripts/devnet/limiting-proxy.ts): what the review's sequential round trips cost. `--rpc-max-batch <n>`:
 * the same proxy refuses (HTTP 500) a batch of more than n calls, as some public RPCs do (`rpc_refused`: batches
 * refused per review).
 * Each sample says whether Preflight's worker ran when the request was sent (`worker_running_at_request`: 1 or 0).
 * Chrome never stops a worker for idleness while Playwright is attached to it (as here), so whether a worker is still
 * running after a user has read a page for a while is measured by scripts/bench/worker-idle.ts instead.
 * Prints JSON (progress on stderr).
 */
import { execSync } from 'node:child_process';
import type { CDPSession, Page, Worker } from 'playwright-core';
import { parseArgs } from '../cli/args';
import { startDevnet, type Devnet } from '../devnet/index';
import { startDapp } from '../devnet/dapp-server';
import { startLimitingProxy } from '../devnet/limiting-proxy';
import { decide, launchWithExtension, reviewFrame, type ExtensionBrowser } from '../../tests/e2e/harness';
import { startMetaMaskWorld } from '../../tests/e2e/metamask-harness';
import { summarize } from './stats';

export type ColdKind = 'personal_sign' | 'approve';

/** Marks the worker and the panel set (performance.mark), read after each verdict. */
const MARKS = ['preflight:boot', 'preflight:main', 'preflight:review:start', 'preflight:in:settings', 'preflight:in:access', 'preflight:in:recipients', 'preflight:in:ethusd', 'preflight:in:scam', 'preflight:inputs', 'preflight:stored', 'preflight:analysed', 'preflight:reviewed', 'preflight:review:get', 'preflight:panel:main', 'preflight:panel:asked', 'preflight:panel:answered', 'preflight:shown', 'preflight:verdict'];

export type ColdSample = Record<string, number>;

function requestOf(kind: ColdKind, devnet: Devnet): { method: string; params: unknown } {
  const account = devnet.accounts[0]!;
  if (kind === 'personal_sign') return { method: 'personal_sign', params: ['0x68656c6c6f', account] };
  const spender = devnet.contracts.v2Router.slice(2).padStart(64, '0');
  return { method: 'eth_sendTransaction', params: [{ from: account, to: devnet.contracts.usdc, data: `0x095ea7b3${spender}${'f'.repeat(64)}` }] };
}

/** The running Preflight worker's version id (CDP), waiting up to 5 s for one. */
async function runningVersion(cdp: CDPSession, versions: Map<string, { url: string; status: string }>, extensionId: string): Promise<string | undefined> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const v = [...versions].find(([, x]) => x.url.startsWith(`chrome-extension://${extensionId}/`) && x.status === 'running');
    if (v || Date.now() > deadline) return v?.[0];
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Stops Preflight's worker (only it) and waits until Chrome reports it stopped. */
async function stopPreflightWorker(cdp: CDPSession, versions: Map<string, { url: string; status: string }>, extensionId: string): Promise<void> {
  const id = await runningVersion(cdp, versions, extensionId);
  if (!id) return; // already stopped
  await cdp.send('ServiceWorker.stopWorker', { versionId: id });
  const deadline = Date.now() + 5_000;
  while (versions.get(id)?.status !== 'stopped' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

async function marksOf(target: { evaluate: Page['evaluate'] } | Worker, names: string[]): Promise<{ origin: number; marks: Record<string, number> }> {
  // (No named function inside: tsx would wrap it in a helper the page does not have.)
  return (target as Worker).evaluate((ns: string[]) => {
    const marks: Record<string, number> = {};
    for (const n of ns) {
      const e = performance.getEntriesByName(n, 'mark');
      if (e.length) marks[n] = performance.timeOrigin + e[e.length - 1]!.startTime;
    }
    // Each analyzer's end (the worker's `preflight:an:<id>` marks, this review's only).
    for (const e of performance.getEntriesByType('mark')) if (e.name.startsWith('preflight:an:')) marks[e.name] = performance.timeOrigin + e.startTime;
    return { origin: performance.timeOrigin, marks };
  }, names);
}

export async function coldFirstRequests(o: {
  b: ExtensionBrowser;
  devnet: Devnet;
  dappUrl: string;
  n: number;
  kinds: ColdKind[];
  stop: boolean;
  /** Send the request from a button's click, the mouse held down this many ms (a user's press), instead of from script. */
  press?: number;
  /** Move the pointer over the page this many ms before the request (a user's hand on its way to the button). */
  approach?: number;
  /** The latency proxy the devnet is read through: its HTTP requests per review are counted (`rpc_http`). */
  proxy?: { readonly http: number; readonly refusedBatches: number };
  log?: (m: string) => void;
}): Promise<Record<ColdKind, ColdSample[]>> {
  const { b } = o;
  const page = await b.context.newPage();
  const cdp = await b.context.newCDPSession(page);
  const versions = new Map<string, { url: string; status: string }>();
  const registrations = new Map<string, string>();
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
    for (const r of e.registrations) registrations.set(r.registrationId, r.scopeURL);
  });
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions) versions.set(v.versionId, { url: v.scriptURL, status: v.runningStatus });
  });
  await cdp.send('ServiceWorker.enable');
  const out = Object.fromEntries(o.kinds.map((k) => [k, [] as ColdSample[]])) as Record<ColdKind, ColdSample[]>;
  const worker = async () => {
    const w = b.context.serviceWorkers().filter((x) => x.url().startsWith(`chrome-extension://${b.extensionId}/`));
    return w[w.length - 1] ?? (await b.worker());
  };
  for (let i = -1; i < o.n; i++) {
    for (const kind of o.kinds) {
      await page.goto(`${o.dappUrl}${o.dappUrl.includes('?') ? '&' : '?'}cold=${i}-${kind}`, { waitUntil: 'load' });
      await page.waitForFunction(() => typeof (window as unknown as { ethereum?: unknown }).ethereum === 'object');
      // The page load's own wake-up (the phishing check) settles; with --approach, also the content script's 10 s between
      // wakes (a user back at a page after a while: its last wake is older than that).
      await page.waitForTimeout(o.approach !== undefined ? 10_500 : 400);
      if (o.stop) {
        await stopPreflightWorker(cdp, versions, b.extensionId);
        await page.waitForTimeout(300);
      }
      if (o.approach !== undefined) {
        await page.mouse.move(300, 300);
        await page.mouse.move(320, 310, { steps: 3 });
        await page.waitForTimeout(o.approach);
      }
      const runningAtRequest = [...versions.values()].some((v) => v.url.startsWith(`chrome-extension://${b.extensionId}/`) && v.status === 'running');
      const req = requestOf(kind, o.devnet);
      const httpBefore = o.proxy?.http;
      const refusedBefore = o.proxy?.refusedBatches;
      let t0: number;
      if (o.press === undefined) {
        t0 = await page.evaluate((r) => {
          const eth = (window as unknown as { ethereum: { request(a: unknown): Promise<unknown> } }).ethereum;
          const t = Date.now();
          eth.request(r).catch(() => undefined);
          return t;
        }, req);
      } else {
        // The user's click: a button whose click handler sends the request; the mouse is held `press` ms.
        await page.evaluate((r) => {
          const w = window as unknown as { ethereum: { request(a: unknown): Promise<unknown> }; coldT0?: number };
          const b = document.createElement('button');
          b.textContent = 'Sign';
          b.style.cssText = 'position:fixed;left:20px;top:20px;width:120px;height:40px;z-index:1';
          b.onclick = () => {
            w.coldT0 = Date.now();
            w.ethereum.request(r).catch(() => undefined);
          };
          document.body.appendChild(b);
        }, req);
        await page.mouse.move(80, 40);
        await page.mouse.down();
        await page.waitForTimeout(o.press);
        await page.mouse.up();
        t0 = await page.evaluate(() => (window as unknown as { coldT0: number }).coldT0);
      }
      const frame = await reviewFrame(page, 30_000);
      await frame.waitForFunction(() => performance.getEntriesByName('preflight:verdict').length > 0, undefined, { timeout: 30_000, polling: 5 });
      const panel = await marksOf(frame, MARKS);
      const w = await marksOf(await worker(), MARKS).catch(() => undefined);
      await decide(frame, 'reject');
      await page.waitForFunction(() => document.querySelectorAll('preflight-panel:not([data-standby])').length === 0, undefined, { timeout: 30_000 });
      if (i < 0) continue; // warm-up: the profile's first loads
      const r = (x: number) => Math.round((x - t0) * 10) / 10;
      const s: ColdSample = { frame_start: r(panel.origin), worker_running_at_request: runningAtRequest ? 1 : 0 };
      if (o.proxy && httpBefore !== undefined) s.rpc_http = o.proxy.http - httpBefore;
      if (o.proxy && refusedBefore !== undefined) s.rpc_refused = o.proxy.refusedBatches - refusedBefore;
      for (const [k, v] of Object.entries(panel.marks)) s[k.replace('preflight:', '')] = r(v);
      if (w) {
        s.worker_start = r(w.origin);
        for (const [k, v] of Object.entries(w.marks)) s[`worker_${k.replace('preflight:', '').replace(/:/g, '_')}`] = r(v);
      }
      out[kind].push(s);
      o.log?.(`${kind} #${i}: verdict ${s.verdict} ms (worker ${runningAtRequest ? 'running' : 'stopped'} at the request, start ${s.worker_start ?? '?'}, frame ${s.frame_start})`);
    }
  }
  await cdp.detach();
  await page.close();
  return out;
}

export function summarizeStages(samples: ColdSample[]): Record<string, ReturnType<typeof summarize>> {
  const keys = [...new Set(samples.flatMap((s) => Object.keys(s)))];
  return Object.fromEntries(keys.map((k) => [k, summarize(samples.map((s) => s[k]).filter((v): v is number => v !== undefined))]));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const n = Number(args.flags.n ?? 20);
  const kinds = (typeof args.flags.kinds === 'string' ? args.flags.kinds : 'personal_sign,approve').split(',') as ColdKind[];
  if (args.flags['no-build'] === undefined) execSync('npx wxt build', { stdio: 'ignore' });
  const devnet = await startDevnet({ port: 0, seed: 3, traffic: false, quiet: true });
  const dapp = await startDapp({ port: 0, devnet });
  const dir = typeof args.flags.dir === 'string' ? args.flags.dir : undefined;
  // `--compare-dir a,b`: the same series for other builds, one after the other against the same devnet, with each
  // one's verdict p50 and p95 as a ratio to the first build's.
  const compare = typeof args.flags['compare-dir'] === 'string' ? args.flags['compare-dir'].split(',').filter(Boolean) : [];
  const latencyMs = args.flags['rpc-latency-ms'] !== undefined ? Number(args.flags['rpc-latency-ms']) : undefined;
  const maxBatch = args.flags['rpc-max-batch'] !== undefined ? Number(args.flags['rpc-max-batch']) : undefined;
  const proxy = latencyMs || maxBatch !== undefined ? await startLimitingProxy(devnet.rpcUrl, { ...(latencyMs ? { latencyMs } : {}), ...(maxBatch !== undefined ? { maxBatch } : {}) }) : undefined;
  const press = args.flags.press !== undefined ? Number(args.flags.press) : undefined;
  const approach = args.flags.approach !== undefined ? Number(args.flags.approach) : undefined;
  const result: Record<string, unknown> = { requests_per_kind: n, ...(dir ? { extension_dir: dir } : {}), ...(latencyMs ? { rpc_latency_ms: latencyMs } : {}), ...(maxBatch !== undefined ? { rpc_max_batch: maxBatch } : {}), ...(press !== undefined ? { press_ms: press } : {}), ...(approach !== undefined ? { approach_ms: approach } : {}) };
  const log = (m: string) => process.stderr.write(`[cold-first] ${m}\n`);
  const measure = async (extensionDir: string | undefined): Promise<Record<string, unknown>> => {
    const out: Record<string, unknown> = {};
    // `--metamask`: the vendored MetaMask beside Preflight, onboarded, its wallet the page's (every panel is rejected,
    // so no request reaches it): the review then reads through MetaMask's connection as a user's does.
    const mm = args.flags.metamask !== undefined ? await startMetaMaskWorld({ devnet, preflight: true, ...(extensionDir ? { preflightDir: extensionDir } : {}) }) : undefined;
    const b = mm?.browser ?? (await launchWithExtension(extensionDir ? { extensionDir } : {}));
    const dappUrl = mm?.dappUrl ?? dapp.url;
    try {
      await b.setSettings({ rpcs: { '31337': proxy?.url ?? devnet.rpcUrl }, privateRpc: { '31337': true } });
      const cold = await coldFirstRequests({ b, devnet, dappUrl, n, kinds, stop: true, press, approach, proxy, log });
      for (const k of kinds) out[`${k}_worker_stopped`] = summarizeStages(cold[k]);
      if (args.flags.warm !== undefined) {
        const warm = await coldFirstRequests({ b, devnet, dappUrl, n, kinds, stop: false, proxy, log });
        for (const k of kinds) out[`${k}_worker_running`] = summarizeStages(warm[k]);
      }
      if (args.flags.raw !== undefined) out.raw = cold;
    } finally {
      if (mm) await mm.close();
      else await b.close();
    }
    return out;
  };
  try {
    const first = await measure(dir);
    Object.assign(result, first);
    for (const other of compare) {
      log(`build ${other}`);
      const series = await measure(other);
      const verdictOf = (r: Record<string, unknown>, key: string) => (r[key] as Record<string, { p50: number; p95: number }> | undefined)?.verdict;
      const ratios: Record<string, { p50: number; p95: number }> = {};
      for (const key of Object.keys(series)) {
        const a = verdictOf(first, key);
        const b = verdictOf(series, key);
        if (a && b) ratios[key] = { p50: Math.round((b.p50 / a.p50) * 1000) / 1000, p95: Math.round((b.p95 / a.p95) * 1000) / 1000 };
      }
      result[`compare:${other}`] = { ...series, verdict_ratio_to_first: ratios };
    }
  } finally {
    await proxy?.close();
    await dapp.stop();
    await devnet.stop();
  }
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

if (process.argv[1]?.endsWith('cold-first.ts')) {
  void main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}

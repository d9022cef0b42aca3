/**
 * `npx tsx scripts/bench/verdict-stages.ts [--n 20] [--kinds personal-sign-siwe,eth-transfer,permit] [--metamask] [--no-build]`:
 * where Preflight's warm verdict time goes, from the dApp's request() to the verdict on screen, with the demo dApp's
 * wallet on the devnet (or, with --metamask, the vendored MetaMask; every panel is rejected, so nothing reaches it).
 * Per kind, two series in one run, alternating request by request (worker warm in both):
 * - `kept panel`: the page's panel frame is already loaded (kept hidden after the previous request,
 *   entrypoints/content/panel.ts), as for every request after the first on a page;
 * - `first on page`: the page was reloaded just before, so the panel frame loads for this request.
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

const args = parseArgs(process.argv.slice(2));
const N = Number(args.flags.n ?? 20);
const KINDS = (typeof args.flags.kinds === 'string' ? args.flags.kinds : 'personal-sign-siwe,eth-transfer,permit').split(',');

type Stages = { frame_load_start?: number; shown: number; verdict: number };

async function once(page: Page, name: string): Promise<Stages> {
  const t0 = await page.evaluate(async (n) => {
    const req = (await (await fetch(`/api/case/${n}`)).json()) as { method: string; params: unknown };
    const eth = (window as unknown as { ethereum: { request(a: unknown): Promise<unknown> } }).ethereum;
    const t = Date.now();
    eth.request(req).catch(() => undefined);
    return t;
  }, name);
  const frame = await reviewFrame(page, 30_000);
  await frame.waitForFunction(() => performance.getEntriesByName('preflight:verdict').length > 0, undefined, { timeout: 30_000, polling: 10 });
  // (No named function inside: tsx would wrap it in a helper the panel does not have.)
  const m = await frame.evaluate(() => ({
    origin: performance.timeOrigin,
    shown: performance.timeOrigin + performance.getEntriesByName('preflight:shown')[0]!.startTime,
    verdict: performance.timeOrigin + performance.getEntriesByName('preflight:verdict')[0]!.startTime,
  }));
  await decide(frame, 'reject');
  await page.waitForFunction(() => document.querySelectorAll('preflight-panel').length === 0, undefined, { timeout: 30_000 });
  const r = (x: number) => Math.round((x - t0) * 10) / 10;
  return { ...(m.origin > t0 ? { frame_load_start: r(m.origin) } : {}), shown: r(m.shown), verdict: r(m.verdict) };
}

async function main() {
  if (args.flags['no-build'] === undefined) execSync('npx wxt build', { stdio: 'ignore' });
  const devnet = await startDevnet({ port: 0, seed: 3, traffic: false, quiet: true });
  const dapp = await startDapp({ port: 0, devnet });
  let mm: MetaMaskWorld | undefined;
  let b: ExtensionBrowser | undefined;
  const out: Record<string, unknown> = {};
  try {
    let page: Page;
    if (args.flags.metamask !== undefined) {
      mm = await startMetaMaskWorld({ devnet, preflight: true });
      page = mm.page;
    } else {
      b = await launchWithExtension();
      await b.setSettings({ rpcs: { '31337': devnet.rpcUrl }, privateRpc: { '31337': true } });
      page = await b.context.newPage();
      await page.goto(dapp.url);
    }
    const reload = async () => {
      await page.reload({ waitUntil: 'load' });
      await page.waitForFunction(() => typeof (window as unknown as { ethereum?: unknown }).ethereum === 'object');
    };
    for (const name of KINDS) {
      const kept: Stages[] = [];
      const first: Stages[] = [];
      // Warm-up (not counted): the worker's module caches, the RPC client, the first panel load.
      await once(page, name);
      await once(page, name);
      for (let i = 0; i < N; i++) {
        kept.push(await once(page, name));
        await reload();
        first.push(await once(page, name));
      }
      const stats = (s: Stages[], k: keyof Stages) => summarize(s.map((x) => x[k]).filter((v): v is number => v !== undefined));
      const keptVerdict = stats(kept, 'verdict');
      const firstVerdict = stats(first, 'verdict');
      out[name] = {
        kept_panel: { shown: stats(kept, 'shown'), verdict: keptVerdict },
        first_on_page: { frame_load_start: stats(first, 'frame_load_start'), shown: stats(first, 'shown'), verdict: firstVerdict },
        ratio_verdict_kept_vs_first: { p50: Math.round((keptVerdict.p50 / firstVerdict.p50) * 1000) / 1000, p95: Math.round((keptVerdict.p95 / firstVerdict.p95) * 1000) / 1000 },
      };
      process.stderr.write(`[verdict-stages] ${name}: kept ${keptVerdict.p50}/${keptVerdict.p95} ms, first on page ${firstVerdict.p50}/${firstVerdict.p95} ms (p50/p95)\n`);
    }
  } finally {
    await mm?.close();
    await b?.close();
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

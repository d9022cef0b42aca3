/**
 * `npx tsx scripts/bench/release-check.ts [--n 30] [--kinds eth-transfer,swap-v2-0.5] [--no-build]`: what the release
 * check (issue 22: the request simulated again when the user presses Continue) adds to Continue, on the built
 * extension in headless Chromium against the devnet with the demo dApp's wallet, worker warm.
 * Per kind, two series in one run, alternating request by request: the check on (the default) and off (the stored
 * setting `releaseCheck: false`). Measured: from the Continue click in the panel (the panel's clock) to the dApp's
 * request() answered (the page's clock; both the machine's wall clock): the decision's way back, the check when on,
 * and the demo wallet sending the transaction to anvil. Also the check's own time in the worker (`recheck.ms` kept
 * with the decision). Prints JSON: p50/p95 per series, with − without at p50/p95, and the ratio with / without.
 */
import { execSync } from 'node:child_process';
import type { Frame, Page } from 'playwright-core';
import { parseArgs } from '../cli/args';
import { startDevnet } from '../devnet/index';
import { startDapp } from '../devnet/dapp-server';
import { launchWithExtension, reviewFrame, type ExtensionBrowser } from '../../tests/e2e/harness';
import { summarize } from './stats';

const args = parseArgs(process.argv.slice(2));
const N = Number(args.flags.n ?? 30);
const KINDS = (typeof args.flags.kinds === 'string' ? args.flags.kinds : 'eth-transfer,swap-v2-0.5').split(',');

interface Sample {
  continueMs: number;
  key: string;
}

async function once(page: Page, name: string): Promise<Sample> {
  await page.locator(`[data-testid="btn-${name}"]`).click();
  const frame: Frame = await reviewFrame(page, 30_000);
  await frame.locator('[data-testid="review"][data-verdict]').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(150); // the review's own writes settle; Continue is pressed on a quiet worker, as a reader would
  const key = new URL(frame.url()).hash.slice(1);
  // The page notes when the dApp's request() is answered (its result element gets data-status).
  const answered = page.evaluate((n) => {
    const el = document.querySelector(`[data-testid="result-${n}"]`)!;
    return new Promise<number>((resolve) => {
      const seen = new MutationObserver(() => {
        if (el.hasAttribute('data-status')) {
          seen.disconnect();
          resolve(Date.now());
        }
      });
      seen.observe(el, { attributes: true, attributeFilter: ['data-status'] });
    });
  }, name);
  const clicked = await frame.evaluate(() => {
    const t = Date.now();
    (document.querySelector('[data-testid="review-continue"]') as HTMLButtonElement).click();
    return t;
  });
  const done = await answered;
  if ((await page.locator(`[data-testid="result-${name}"]`).getAttribute('data-status')) !== 'ok') throw new Error(`${name}: the dApp got an error`);
  await page.waitForFunction(() => document.querySelectorAll('preflight-panel:not([data-standby])').length === 0, undefined, { timeout: 30_000 });
  return { continueMs: done - clicked, key };
}

/** The check's own time in the worker, kept with each decision (reviews:list from an extension page). */
async function checkTimes(b: ExtensionBrowser, keys: string[]): Promise<number[]> {
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
  const records = await popup.evaluate(async () => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ result: { key: string; recheck?: { status: string; ms: number } }[] }> } } }).chrome.runtime;
    return (await runtime.sendMessage({ t: 'reviews:list', limit: 1000 })).result;
  });
  await popup.close();
  const wanted = new Set(keys);
  return records.filter((r) => wanted.has(r.key) && r.recheck?.status === 'unchanged').map((r) => r.recheck!.ms);
}

async function main() {
  if (args.flags['no-build'] === undefined) execSync('npx wxt build', { stdio: 'ignore' });
  const devnet = await startDevnet({ port: 0, seed: 5, traffic: false, quiet: true });
  const dapp = await startDapp({ port: 0, devnet });
  const b = await launchWithExtension();
  const out: Record<string, unknown> = {};
  try {
    const base = { rpcs: { '31337': devnet.rpcUrl }, privateRpc: { '31337': true } };
    await b.setSettings({ ...base, releaseCheck: true });
    const page = await b.context.newPage();
    await page.goto(dapp.url);
    await page.locator('body[data-ready="1"]').waitFor();
    for (const name of KINDS) {
      const withCheck: Sample[] = [];
      const without: Sample[] = [];
      // Warm-up (not counted), both ways: module caches, the RPC client, the token reader, the panel frame.
      for (const on of [true, false, true, false]) {
        await b.setSettings({ releaseCheck: on });
        await once(page, name);
      }
      for (let i = 0; i < N; i++) {
        for (const on of i % 2 === 0 ? [true, false] : [false, true]) {
          await b.setSettings({ releaseCheck: on });
          (on ? withCheck : without).push(await once(page, name));
        }
      }
      await b.setSettings({ releaseCheck: true });
      const w = summarize(withCheck.map((s) => s.continueMs));
      const wo = summarize(without.map((s) => s.continueMs));
      const check = summarize(await checkTimes(b, withCheck.map((s) => s.key)));
      const r3 = (x: number) => Math.round(x * 1000) / 1000;
      out[name] = {
        continue_with_check: w,
        continue_without_check: wo,
        added_ms: { p50: Math.round((w.p50 - wo.p50) * 10) / 10, p95: Math.round((w.p95 - wo.p95) * 10) / 10 },
        ratio_with_vs_without: { p50: r3(w.p50 / wo.p50), p95: r3(w.p95 / wo.p95) },
        check_in_worker: check,
      };
      process.stderr.write(`[release-check] ${name}: Continue ${w.p50}/${w.p95} ms with the check, ${wo.p50}/${wo.p95} ms without (p50/p95); the check itself ${check.p50}/${check.p95} ms\n`);
    }
  } finally {
    await b.close();
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

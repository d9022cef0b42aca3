/**
 * `npx tsx scripts/bench/threat-lists.ts [--no-build] [--runs 3] [--n 30]`: the refresh of real-size threat lists in the
 * built extension in Chromium, and what they cost a review.
 *
 * No network here, so the lists are built at the real files' size from real entries: MetaMask's configuration with
 * the bundled copy's allowlist and fuzzylist and 231,430 blocked hosts (the size of the live list in March 2026), made
 * of the bundled 13,752 real hosts and numbered variants of them; ScamSniffer's domain list as a 9.0 MB JSON array
 * (9,027,257 characters, the file's size as stored by this project's search index) of host names made the same way.
 * Both are served from 127.0.0.1 and fetched through Settings' own message (`lists:refresh`); the worker reports
 * how long fetch, parse and store took. What the lists cost a review: `--n` personal_sign reviews (from the page's
 * request() to the verdict in the panel) on two pages alternately, one checked against the lists and one on an origin
 * marked trusted in Settings (its check is skipped), before and after the lists are in. Prints JSON.
 */
import { execSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import config from 'eth-phishing-detect/src/config.json';
import { parseArgs } from '../cli/args';
import { decide, launchWithExtension, reviewFrame } from '../../tests/e2e/harness';
import { serveStatic } from '../../tests/e2e/static-server';
import { summarize } from './stats';

const args = parseArgs(process.argv.slice(2));
const RUNS = Number(args.flags.runs ?? 3);
const N = Number(args.flags.n ?? 30);
const METAMASK_BLOCKED = 231_430;
const SCAMSNIFFER_CHARS = 9_027_257;

function variants(target: (out: string[]) => boolean): string[] {
  const out: string[] = [];
  for (let round = 0; ; round++) {
    for (const d of config.blacklist) {
      const dot = d.indexOf('.');
      out.push(round === 0 ? d : `${d.slice(0, dot)}-${round}${d.slice(dot)}`);
      if (target(out)) return out;
    }
  }
}

const metamask = JSON.stringify({ ...config, blacklist: variants((o) => o.length >= METAMASK_BLOCKED) }, null, 2);
let chars = 2;
const scamsniffer = JSON.stringify(
  variants((o) => (chars += o.at(-1)!.length + 8) >= SCAMSNIFFER_CHARS).map((d) => `s-${d}`), // "  \"s-host\",\n": 8 characters around each name
  null,
  2,
);

const WALLET = `<!doctype html><html><body><script>
window.ethereum = { isMetaMask: true, async request(a) { if (a.method === 'eth_chainId') return '0x7a69'; return 'ok'; } };
</script></body></html>`;

async function main() {
  if (args.flags['no-build'] === undefined) execSync('npx wxt build', { stdio: 'ignore' });
  const lists: Server = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    res.end(req.url === '/config.json' ? metamask : scamsniffer);
  });
  await new Promise<void>((r) => lists.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(lists.address() as { port: number }).port}`;
  const site = await serveStatic({ '/': WALLET });
  const trusted = await serveStatic({ '/': WALLET });
  const browser = await launchWithExtension();
  try {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await browser.setSettings({ phishingListUrl: `${base}/config.json`, scamDomainsUrl: `${base}/domains.json`, trustedOrigins: [trusted.url] });

    const checked = await browser.context.newPage();
    await checked.goto(site.url);
    const skipped = await browser.context.newPage();
    await skipped.goto(trusted.url);
    const once = async (page: Page) => {
      await page.bringToFront();
      const t0 = await page.evaluate(() => {
        const t = Date.now();
        (window as unknown as { ethereum: { request(a: unknown): Promise<unknown> } }).ethereum.request({ method: 'personal_sign', params: ['0x68656c6c6f', '0x0000000000000000000000000000000000000001'] }).catch(() => undefined);
        return t;
      });
      const frame = await reviewFrame(page, 15_000);
      await frame.waitForSelector('[data-testid="review"][data-verdict]', { timeout: 15_000 });
      const t1 = await frame.evaluate(() => Date.now());
      await decide(frame, 'reject');
      await page.waitForFunction(() => !document.querySelector('preflight-panel:not([data-standby])'), undefined, { timeout: 10_000 });
      return t1 - t0;
    };
    /** Alternating request by request: the lists' check (checked page) and none (trusted page), same worker, same moment. */
    const reviews = async () => {
      const ms = { checked: [] as number[], skipped: [] as number[] };
      for (let i = 0; i < N + 2; i++) {
        const a = await once(checked);
        const b = await once(skipped);
        if (i < 2) continue; // the first two warm the worker and the panel frames
        ms.checked.push(a);
        ms.skipped.push(b);
      }
      return { checked: summarize(ms.checked), trusted_no_check: summarize(ms.skipped) };
    };
    const before = await reviews();

    const refresh = async (list: 'phishing' | 'domains') => {
      await popup.bringToFront();
      return popup.evaluate(async (l) => {
        const t = performance.now();
        const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; result?: { list?: { count: number; bytes: number; took: unknown } ; status?: { error?: string } }; error?: string }> } } }).chrome.runtime;
        const answer = await runtime.sendMessage({ t: 'lists:refresh', list: l });
        return { wallMs: Math.round(performance.now() - t), count: answer.result?.list?.count, bytes: answer.result?.list?.bytes, took: answer.result?.list?.took, error: answer.result?.status?.error ?? answer.error };
      }, list);
    };
    const runs: Record<'phishing' | 'domains', Awaited<ReturnType<typeof refresh>>[]> = { phishing: [], domains: [] };
    for (let r = 0; r < RUNS; r++) for (const l of ['phishing', 'domains'] as const) runs[l].push(await refresh(l));

    const after = await reviews();
    process.stdout.write(
      JSON.stringify({ lists: { metamask: { blocked: METAMASK_BLOCKED, bytes: Buffer.byteLength(metamask) }, scamsniffer: { bytes: Buffer.byteLength(scamsniffer) } }, refresh: runs, review_ms_before_lists: before, review_ms_with_lists: after }, null, 2) + '\n',
    );
  } finally {
    await browser.close();
    await site.close();
    await trusted.close();
    await new Promise<void>((r) => lists.close(() => r()));
  }
}

await main();

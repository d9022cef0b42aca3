/**
 * How long Preflight's service worker takes to start, alone: the worker stopped the way Chrome stops it (CDP
 * `ServiceWorker.stopWorker`), then woken by one runtime message from an extension page (`probe.html` in the build
 * directory: any page of the extension; the message is one the worker does not know, answered with an error at once).
 * Per wake: `boot` (the worker's first line of script ran: its bundle was fetched, compiled and its imports
 * evaluated), `main` (main() ran) and `answer` (the page got the answer), ms after the message was sent, on the wall
 * clock. Several builds (e.g. this branch's and main's, or an empty worker for the floor) alternate in one run.
 *
 *   npx tsx scripts/bench/worker-start.ts <build dir> [<build dir>…] [--n 12] [--rounds 2]
 * Each build directory needs a `probe.html` (any HTML file). Prints JSON (p50 / p95 per build and round).
 */
import { writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../cli/args';
import { launchWithExtension } from '../../tests/e2e/harness';
import { summarize } from './stats';

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const n = Number(args.flags.n ?? 12);
  const rounds = Number(args.flags.rounds ?? 2);
  const out: Record<string, unknown> = { wakes_per_build_and_round: n };
  for (const dir of args.positional) if (!existsSync(join(dir, 'probe.html'))) writeFileSync(join(dir, 'probe.html'), '<!doctype html><title>probe</title>');
  for (let round = 0; round < rounds; round++) {
    for (const dir of args.positional) {
      const b = await launchWithExtension({ extensionDir: dir });
      try {
        const page = await b.context.newPage();
        await page.goto(`chrome-extension://${b.extensionId}/probe.html`);
        const s: Record<'boot' | 'main' | 'answer', number[]> = { boot: [], main: [], answer: [] };
        for (let i = -1; i < n; i++) {
          await b.stopWorker(page, { only: 'preflight' }).catch(() => undefined); // (not running: nothing to stop)
          await page.waitForTimeout(300);
          const [t0, t1] = await page.evaluate(
            () =>
              new Promise<[number, number]>((resolve) => {
                const rt = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown, cb: () => void): void } } }).chrome.runtime;
                const t = Date.now();
                rt.sendMessage({ t: 'probe' }, () => resolve([t, Date.now()]));
              }),
          );
          const w = b.context.serviceWorkers().filter((x) => x.url().endsWith('/background.js')).at(-1)!;
          const m = await w.evaluate(() => ({
            origin: performance.timeOrigin,
            boot: performance.getEntriesByName('preflight:boot')[0]?.startTime ?? Number.NaN,
            main: performance.getEntriesByName('preflight:main')[0]?.startTime ?? Number.NaN,
          }));
          if (i < 0) continue; // the profile's first start
          s.boot.push(m.origin + m.boot - t0);
          s.main.push(m.origin + m.main - t0);
          s.answer.push(t1 - t0);
        }
        out[`${dir} #${round + 1}`] = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, summarize(v)]));
        process.stderr.write(`[worker-start] ${dir} #${round + 1}: boot p50 ${summarize(s.boot).p50} ms\n`);
      } finally {
        await b.close();
      }
    }
  }
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

/**
 * `npm run bench -- --only memory [--reviews 10000] [--tabs 3]`: the service worker's JS heap over many
 * reviews, measured in Chromium over CDP after a forced GC (scripts/bench/sw-heap.ts). Each tab keeps a
 * few personal_sign requests waiting; the "user" decides every panel (alternating Continue and Reject, by
 * the button's own click() for throughput). Prints heap checkpoints and the growth after warm-up.
 */
import type { Frame, Page } from 'playwright-core';
import { launchWithExtension, reviewFrames } from '../../tests/e2e/harness';
import { serveStatic } from '../../tests/e2e/static-server';
import { LOAD_PAGE } from './load-run';
import { attachWorkerHeap } from './sw-heap';

async function decideNext(page: Page, seen: Set<string>, choice: 'continue' | 'reject'): Promise<boolean> {
  const frame: Frame | undefined = reviewFrames(page).find((f) => !seen.has(f.url()));
  if (!frame) return false;
  seen.add(frame.url());
  const ok = await frame.locator('[data-testid="review"][data-verdict]').waitFor({ timeout: 15_000 }).then(() => true, () => false);
  if (!ok) return false;
  await frame.evaluate((c) => (document.querySelector(`[data-testid="review-${c}"]`) as HTMLElement | null)?.click(), choice).catch(() => undefined);
  return true;
}

export async function workerMemory(reviews: number, tabs: number): Promise<Record<string, unknown>> {
  const server = await serveStatic({ '/': LOAD_PAGE });
  const b = await launchWithExtension();
  const started = performance.now();
  try {
    const pages = await Promise.all(Array.from({ length: tabs }, () => b.context.newPage()));
    for (const p of pages) await p.goto(server.url);
    const heap = await attachWorkerHeap(b.context, b.extensionId);
    const checkpoints: { reviews: number; usedKiB: number; elapsedS: number }[] = [{ reviews: 0, usedKiB: await heap.usedKiB(), elapsedS: 0 }];
    const every = Math.max(100, Math.floor(reviews / 20));
    let decided = 0;
    let nextCheckpoint = every;
    await Promise.all(
      pages.map(async (page) => {
        const seen = new Set<string>();
        let fired = 0;
        while (decided < reviews) {
          // Keep ~5 requests waiting on this page (well under the 20-pending cap).
          const waiting = fired - (await page.evaluate(() => { const s = (window as unknown as { __stats: { ok: number; rejected: number } }).__stats; return s.ok + s.rejected; }));
          for (let i = waiting; i < 5; i++, fired++) await page.evaluate(() => (window as unknown as { __load(r: number, d: number): void }).__load(60_000, 0));
          if (await decideNext(page, seen, decided % 2 === 0 ? 'continue' : 'reject')) decided++;
          else await page.waitForTimeout(10);
          if (decided >= nextCheckpoint) {
            nextCheckpoint += every;
            checkpoints.push({ reviews: decided, usedKiB: await heap.usedKiB(), elapsedS: Math.round((performance.now() - started) / 1000) });
            process.stderr.write(`worker heap: ${JSON.stringify(checkpoints.at(-1))}\n`);
          }
        }
      }),
    );
    checkpoints.push({ reviews: decided, usedKiB: await heap.usedKiB(), elapsedS: Math.round((performance.now() - started) / 1000) });
    await heap.close();
    const warm = checkpoints.find((c) => c.reviews >= Math.min(1_000, reviews / 10)) ?? checkpoints[0]!;
    const last = checkpoints.at(-1)!;
    return { reviews: decided, tabs, checkpoints, warmupAt: warm.reviews, growthAfterWarmupKiB: last.usedKiB - warm.usedKiB, maxKiB: Math.max(...checkpoints.map((c) => c.usedKiB)), seconds: Math.round((performance.now() - started) / 1000) };
  } finally {
    await b.close();
    await server.close();
  }
}

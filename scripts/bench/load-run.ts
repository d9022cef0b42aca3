/**
 * A page firing signing requests at a sustained rate while a "user" decides each panel as it appears
 * (alternating Continue and Reject). Shared by tests/e2e/load.e2e.ts (short) and `npm run bench -- --only
 * memory` (long). Measures what reached the wallet, how many panels were up at once, the page's timer lag
 * and requestAnimationFrame gaps, and the worker's heap (CDP, after GC) every `heapEvery` decisions.
 */
import type { Page } from 'playwright-core';
import { decide, reviewFrames, type ExtensionBrowser } from '../../tests/e2e/harness';
import { attachWorkerHeap } from './sw-heap';

/** The page's wallet records what reaches it; `__load` fires personal_sign requests at a fixed rate. */
export const LOAD_PAGE = `<!doctype html><html><body><h1>load</h1><script>
window.__forwarded = 0;
window.ethereum = { isMetaMask: true, async request(a) { if (a.method === 'eth_chainId') return '0x7a69'; window.__forwarded++; return 'ok'; } };
window.__stats = { sent: 0, ok: 0, rejected: 0, other: 0, lags: [], gaps: [] };
window.__load = (perMinute, durationMs) => {
  const s = window.__stats, every = 60000 / perMinute, t0 = performance.now();
  let last = t0;
  const frame = (t) => { s.gaps.push(t - last); last = t; if (t - t0 < durationMs) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  const tick = () => {
    const due = t0 + s.sent * every;
    s.lags.push(Math.max(0, performance.now() - due));
    s.sent++;
    window.ethereum.request({ method: 'personal_sign', params: ['0x' + s.sent.toString(16).padStart(8, '0'), '0x0000000000000000000000000000000000000001'] })
      .then(() => s.ok++, (e) => (e && e.code === 4001 ? s.rejected++ : s.other++));
    if (performance.now() - t0 < durationMs) setTimeout(tick, Math.max(0, t0 + s.sent * every - performance.now()));
  };
  tick();
};
</script></body></html>`;

export interface LoadResult {
  sent: number;
  continued: number;
  rejectedByUser: number;
  /** Rejected with 4001 without a panel (the 20-pending cap). */
  rejectedByCap: number;
  forwarded: number;
  otherOutcomes: number;
  maxOpenPanels: number;
  timerLagMs: { p50: number; p99: number; max: number };
  rafGapMs: { p50: number; p99: number; max: number; frames: number };
  heapKiB: { decisions: number; usedKiB: number }[];
  durationMs: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10 : 0;
};

/** Undecided panels on the page (a companion card after Continue does not count). */
async function openPanels(page: Page): Promise<number> {
  let n = 0;
  for (const f of reviewFrames(page)) if (await f.evaluate(() => !!document.querySelector('[data-testid="review"]')).catch(() => false)) n++;
  return n;
}

export async function runLoad(b: ExtensionBrowser, page: Page, o: { perMinute: number; durationMs: number; heapEvery?: number; maxDecisions?: number }): Promise<LoadResult> {
  const heap = o.heapEvery ? await attachWorkerHeap(b.context, b.extensionId) : undefined;
  const heapKiB: LoadResult['heapKiB'] = [];
  if (heap) heapKiB.push({ decisions: 0, usedKiB: await heap.usedKiB() });
  const started = Date.now();
  await page.evaluate(([rate, ms]) => (window as unknown as { __load(r: number, d: number): void }).__load(rate!, ms!), [o.perMinute, o.durationMs]);
  let continued = 0;
  let rejectedByUser = 0;
  let maxOpenPanels = 0;
  const done = async () => page.evaluate(() => {
    const s = (window as unknown as { __stats: { sent: number; ok: number; rejected: number; other: number } }).__stats;
    return s.ok + s.rejected + s.other === s.sent;
  });
  const decided = new Set<string>();
  for (;;) {
    const elapsed = Date.now() - started;
    if (elapsed > o.durationMs && (await done())) break;
    if (elapsed > o.durationMs + 120_000) throw new Error('requests still pending two minutes after the load stopped');
    maxOpenPanels = Math.max(maxOpenPanels, await openPanels(page));
    const frame = reviewFrames(page).find((f) => !decided.has(f.url()));
    if (!frame) {
      await page.waitForTimeout(20);
      continue;
    }
    const ready = await frame.locator('[data-testid="review"][data-verdict]').waitFor({ timeout: 10_000 }).then(() => true, () => false);
    decided.add(frame.url());
    if (!ready) continue; // a companion card, or a frame that went away
    const choice = (continued + rejectedByUser) % 2 === 0 ? 'continue' : 'reject';
    await decide(frame, choice);
    if (choice === 'continue') continued++;
    else rejectedByUser++;
    const n = continued + rejectedByUser;
    if (heap && n % o.heapEvery! === 0) heapKiB.push({ decisions: n, usedKiB: await heap.usedKiB() });
    if (o.maxDecisions && n >= o.maxDecisions) break;
  }
  await heap?.close();
  const stats = await page.evaluate(() => (window as unknown as { __stats: { sent: number; ok: number; rejected: number; other: number; lags: number[]; gaps: number[] } }).__stats);
  const forwarded = await page.evaluate(() => (window as unknown as { __forwarded: number }).__forwarded);
  const gaps = stats.gaps.slice(1);
  return {
    sent: stats.sent,
    continued,
    rejectedByUser,
    rejectedByCap: stats.rejected - rejectedByUser,
    forwarded,
    otherOutcomes: stats.other,
    maxOpenPanels,
    timerLagMs: { p50: pct(stats.lags, 50), p99: pct(stats.lags, 99), max: pct(stats.lags, 100) },
    rafGapMs: { p50: pct(gaps, 50), p99: pct(gaps, 99), max: pct(gaps, 100), frames: gaps.length },
    heapKiB,
    durationMs: Date.now() - started,
  };
}

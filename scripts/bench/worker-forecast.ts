/**
 * `npm run bench -- --only forecast [--runs 200]`: the gas forecast from 30 days of history (216,000 blocks)
 * timed inside the built extension's service worker in Chromium, against the naive baseline in the same run.
 * The bench code is bundled from core/ with esbuild and evaluated in the worker over CDP (DevTools
 * evaluation, not the page's or the extension's own code paths): it measures the worker's V8 on the engine's code.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { launchWithExtension } from '../../tests/e2e/harness';
import { summarize } from './stats';

export async function workerForecast(runs: number): Promise<Record<string, unknown>> {
  const entry = fileURLToPath(new URL('./forecast-in-worker.ts', import.meta.url));
  const bundle = await build({ entryPoints: [entry], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, minify: true });
  const code = bundle.outputFiles[0]!.text;
  const b = await launchWithExtension();
  try {
    const worker = await b.worker();
    await worker.evaluate(code);
    const t = await worker.evaluate((n) => (globalThis as unknown as { __preflightForecastBench(n: number): { preflight: number[]; naive: number[]; advice: number[] } }).__preflightForecastBench(n), runs);
    const preflight = summarize(t.preflight);
    const naive = summarize(t.naive);
    const p99 = (v: number[]) => Math.round([...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.ceil(0.99 * v.length) - 1)]! * 10) / 10;
    return {
      where: 'extension service worker, headless Chromium',
      history: '30 days, 216,000 blocks (core/gas/bench-data.ts)',
      runs,
      preflightMs: { ...preflight, p99: p99(t.preflight) },
      naiveMs: { ...naive, p99: p99(t.naive) },
      adviceMs: { ...summarize(t.advice), p99: p99(t.advice) },
      ratioP50: naive.p50 > 0 ? Math.round((preflight.p50 / naive.p50) * 10) / 10 : null,
      note: 'naive: the newest base fee for 28 horizons after one pass over the samples; advice: 24 hourly forecasts and the target-fee policy, 24 h deadline',
    };
  } finally {
    await b.close();
  }
}

/**
 * `gas backtest --blocks FILE [--horizons 1,12,300] [--prior shipped|none]`
 * `gas bench-forecast [--runs 200]`: the forecast from 30 days of history vs the naive baseline, alternating
 *   in one process; p50 / p99 of wall time and of process CPU time per call (CPU time is less hurt by a busy machine).
 * `gas advise --rpc URL [--gas N] [--within HOURS]`
 * `gas learn-prior --hourly FILE [--until YYYY-MM-DD] [--out core/gas/prior.json]`: learns only on the hours
 *   before --until (default: the first 40 % of the file), so the rest stays out of sample for the backtest.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CliUsageError, requireFlag, type CliArgs } from '../args';
import { thirtyDaysOfSamples, naiveOutlook } from '../../../core/gas/bench-data';
import { feeOutlook } from '../../../core/gas/outlook';
import { backtest, learnSeasonalPrior, liveGasReport, parseFeeDataFile, seriesFromHourly, SHIPPED_PRIOR, type RpcRequest, type SeasonalPrior } from '../../../core/gas/index';

function numberList(value: string | true | undefined): number[] | undefined {
  if (typeof value !== 'string') return undefined;
  const list = value.split(',').map((s) => Number(s.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 1)) throw new CliUsageError(`--horizons must be positive integers, got "${value}"`);
  return list;
}

function jsonRpc(url: string): RpcRequest {
  let id = 0;
  return async (method, params) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }) });
    if (!res.ok) throw new Error(`RPC HTTP ${res.status}`);
    const body = (await res.json()) as { result?: unknown; error?: { code: number; message: string } };
    if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.code });
    return body.result;
  };
}

function priorLabel(p: SeasonalPrior): string {
  const iso = (t: number | undefined): string => (t === undefined ? '?' : new Date(t * 1000).toISOString().slice(0, 16));
  return `${p.source}, hours ${iso(p.trainedFrom)} – ${iso(p.trainedUntil)} UTC (${p.hours} h)`;
}

function benchForecast(args: CliArgs): unknown {
  const runs = Number(typeof args.flags.runs === 'string' ? args.flags.runs : '200');
  if (!(Number.isInteger(runs) && runs >= 10 && runs <= 100_000)) throw new CliUsageError('--runs must be a whole number 10..100000');
  const samples = thirtyDaysOfSamples();
  const cases = { preflight: () => feeOutlook(samples, SHIPPED_PRIOR), naive: () => naiveOutlook(samples) };
  const times = { preflight: { wall: [] as number[], cpu: [] as number[] }, naive: { wall: [] as number[], cpu: [] as number[] } };
  for (let i = 0; i < 10; i++) for (const f of Object.values(cases)) f();
  for (let i = 0; i < runs; i++) {
    for (const name of ['preflight', 'naive'] as const) {
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      cases[name]();
      const wall = performance.now() - w0;
      const c = process.cpuUsage(c0);
      times[name].wall.push(wall);
      times[name].cpu.push((c.user + c.system) / 1000);
    }
  }
  const pct = (v: number[], q: number): number => {
    const s = [...v].sort((a, b) => a - b);
    return Math.round(s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]! * 100) / 100;
  };
  const summary = (t: { wall: number[]; cpu: number[] }) => ({ wallMs: { p50: pct(t.wall, 0.5), p99: pct(t.wall, 0.99) }, cpuMs: { p50: pct(t.cpu, 0.5), p99: pct(t.cpu, 0.99) } });
  const p = summary(times.preflight);
  const n = summary(times.naive);
  return { runs, history: '30 days, 216,000 blocks', preflight: p, naive: n, ratioP50Wall: Math.round((p.wallMs.p50 / n.wallMs.p50) * 10) / 10, note: 'CPU time is process-wide (includes GC threads), microsecond resolution' };
}

async function advise(args: CliArgs): Promise<unknown> {
  const request = jsonRpc(requireFlag(args, 'rpc'));
  const gas = BigInt(typeof args.flags.gas === 'string' ? args.flags.gas : '21000');
  const within = Number(typeof args.flags.within === 'string' ? args.flags.within : '24');
  if (!(within >= 0 && within <= 24 * 7)) throw new CliUsageError('--within must be 0..168 hours');
  const chainId = Number(BigInt(String(await request('eth_chainId', []))));
  const { history: _history, ...report } = await liveGasReport({ request, chainId, gasLimit: gas, withinHours: within, now: Math.floor(Date.now() / 1000) });
  return report;
}

export async function run(args: CliArgs): Promise<unknown> {
  const sub = args.positional[0];
  if (sub === 'backtest') {
    const path = requireFlag(args, 'blocks');
    const file = parseFeeDataFile(readFileSync(path, 'utf8'), path);
    const started = performance.now();
    const prior = args.flags.prior === 'none' ? undefined : SHIPPED_PRIOR;
    const report = backtest(file, { horizons: numberList(args.flags.horizons), prior });
    return { file: path, prior: prior ? priorLabel(prior) : 'none', elapsedMs: Math.round(performance.now() - started), ...report };
  }
  if (sub === 'advise') return advise(args);
  if (sub === 'bench-forecast') return benchForecast(args);
  if (sub === 'learn-prior') {
    const path = requireFlag(args, 'hourly');
    const file = parseFeeDataFile(readFileSync(path, 'utf8'), path);
    if (file.kind !== 'hourly') throw new CliUsageError('--hourly must be an hourly average CSV');
    const series = seriesFromHourly(file.hours);
    const untilFlag = typeof args.flags.until === 'string' ? Date.parse(`${args.flags.until}T00:00:00Z`) / 1000 : Number.NaN;
    if (typeof args.flags.until === 'string' && !Number.isFinite(untilFlag)) throw new CliUsageError(`--until must be a date YYYY-MM-DD, got "${args.flags.until}"`);
    const until = Number.isFinite(untilFlag) ? untilFlag : series.startTime + Math.floor(series.logFee.length * 0.4) * 3600;
    const prior = learnSeasonalPrior(series, path.split('/').pop() ?? path, until);
    const out = typeof args.flags.out === 'string' ? args.flags.out : 'core/gas/prior.json';
    writeFileSync(out, JSON.stringify(prior) + '\n');
    return { out, hours: prior.hours, trainedFrom: new Date(prior.trainedFrom! * 1000).toISOString(), trainedUntil: new Date(prior.trainedUntil! * 1000).toISOString(), method: prior.method };
  }
  throw new CliUsageError('usage: gas backtest --blocks FILE [--horizons 1,12,300] | gas advise --rpc URL [--gas N] [--within HOURS] | gas learn-prior --hourly FILE [--until YYYY-MM-DD] | gas bench-forecast [--runs N]');
}

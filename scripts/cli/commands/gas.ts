/**
 * `gas backtest --blocks FILE [--horizons 1,12,300] [--prior shipped|none]`
 * `gas advise --rpc URL [--gas N] [--within HOURS]`
 * `gas learn-prior --hourly FILE [--until YYYY-MM-DD] [--out core/gas/prior.json]`: learns only on the hours
 *   before --until (default: the first 40 % of the file), so the rest stays out of sample for the backtest.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CliUsageError, requireFlag, type CliArgs } from '../args';
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
  throw new CliUsageError('usage: gas backtest --blocks FILE [--horizons 1,12,300] | gas advise --rpc URL [--gas N] [--within HOURS] | gas learn-prior --hourly FILE');
}

/** The fee outlook the UI shows: now, next blocks and the next 24 h, from stored samples. */
import { InsufficientHistoryError } from './errors';
import { forecastLog, forecastQuantile, type LogForecast } from './forecast';
import type { FeeSamples } from './history';
import type { SeasonalPrior } from './seasonality';
import { hourlySeriesFromSamples } from './series';
import type { FeeSeries } from './types';

export interface OutlookPoint {
  label: string;
  seconds: number;
  /** Unix seconds the point refers to. */
  at: number;
  median: bigint;
  p10: bigint;
  p90: bigint;
  method: 'model' | 'naive';
  note?: string;
}

export interface FeeOutlook {
  baseFeeNow: bigint;
  newestBlock: number;
  newestTimestamp: number;
  blocks: OutlookPoint[];
  hours: OutlookPoint[];
  /** Series the forecasts came from (for advice and charts). */
  blockSeries: FeeSeries;
  hourlySeries: FeeSeries | undefined;
}

export const BLOCK_HORIZONS = [1, 12, 60, 300];
export const HOUR_HORIZONS = Array.from({ length: 24 }, (_, i) => i + 1);

const wei = (log: number): bigint => BigInt(Math.round(Math.exp(log)));

function point(f: LogForecast, series: FeeSeries, label: string): OutlookPoint {
  const seconds = f.horizonSteps * series.stepSeconds;
  const last = series.startTime + (series.logFee.length - 1) * series.stepSeconds;
  const p: OutlookPoint = {
    label,
    seconds,
    at: last + seconds,
    // The predictive median (center shifted by the median error), so it always lies inside its 10–90 % band.
    median: wei(f.center + forecastQuantile(f, 0.5)),
    p10: wei(f.center + forecastQuantile(f, 0.1)),
    p90: wei(f.center + forecastQuantile(f, 0.9)),
    method: f.method,
  };
  if (f.note) p.note = f.note;
  return p;
}

/** Block series over the last `tail` contiguous samples (gaps up to 64 blocks interpolated). */
export function recentBlockSeries(samples: FeeSamples, tail = 3000, blockTimeSeconds = 12): FeeSeries {
  const n = samples.blocks.length;
  if (n < 3) throw new InsufficientHistoryError('fewer than 3 blocks of fee history');
  let start = Math.max(0, n - tail);
  for (let i = n - 1; i > start; i--) if (samples.blocks[i]! - samples.blocks[i - 1]! > 64) start = i;
  const first = samples.blocks[start]!;
  const last = samples.blocks[n - 1]!;
  const logFee = new Float64Array(last - first + 1);
  for (let i = start; i < n; i++) {
    const idx = samples.blocks[i]! - first;
    logFee[idx] = Math.log(Math.max(1, samples.baseFee[i]!));
    const next = samples.blocks[i + 1];
    if (next !== undefined && next - samples.blocks[i]! > 1) {
      const a = logFee[idx]!;
      const b = Math.log(Math.max(1, samples.baseFee[i + 1]!));
      const span = next - samples.blocks[i]!;
      for (let k = 1; k < span; k++) logFee[idx + k] = a + ((b - a) * k) / span;
    }
  }
  return { stepSeconds: blockTimeSeconds, startTime: samples.timestamps[n - 1]! - (last - first) * blockTimeSeconds, logFee };
}

export function feeOutlook(samples: FeeSamples, prior?: SeasonalPrior, blockTimeSeconds = 12): FeeOutlook {
  const n = samples.blocks.length;
  const blockSeries = recentBlockSeries(samples, 3000, blockTimeSeconds);
  const blockHs = BLOCK_HORIZONS.filter((h) => h * blockTimeSeconds < 3600 * 2);
  const blocks = forecastLog(blockSeries, blockHs, { prior }).map((f) => point(f, blockSeries, `${f.horizonSteps} block${f.horizonSteps > 1 ? 's' : ''}`));
  let hourlySeries: FeeSeries | undefined;
  let hours: OutlookPoint[] = [];
  if (samples.timestamps[n - 1]! - samples.timestamps[0]! >= 48 * 3600) {
    const from = Math.max(0, n - Math.round((30 * 86400) / blockTimeSeconds));
    hourlySeries = hourlySeriesFromSamples(samples.timestamps, samples.baseFee, 12, from);
    hours = forecastLog(hourlySeries, HOUR_HORIZONS, { prior, window: 720 }).map((f) => point(f, hourlySeries!, `${f.horizonSteps} h`));
  }
  return { baseFeeNow: BigInt(samples.baseFee[n - 1]!), newestBlock: samples.blocks[n - 1]!, newestTimestamp: samples.timestamps[n - 1]!, blocks, hours, blockSeries, hourlySeries };
}

/** Regular log-fee series from block or hourly data: gap filling and hourly aggregation. */
import { InsufficientHistoryError } from './errors';
import type { BlockFee, FeeSeries, HourlyFee } from './types';

function log(wei: bigint): number {
  return Math.log(Number(wei));
}

/** Build a regular series from (index, log value) points, filling gaps up to `maxFill` steps
 * by log-linear interpolation. A longer gap starts the series over (older data is dropped). */
function regular(points: Array<{ index: number; value: number }>, maxFill: number): { firstIndex: number; values: Float64Array; filled: number } {
  if (points.length === 0) throw new InsufficientHistoryError('no fee data to build a series from');
  let start = 0;
  for (let i = 1; i < points.length; i++) {
    if (points[i]!.index - points[i - 1]!.index - 1 > maxFill) start = i;
  }
  const first = points[start]!.index;
  const last = points[points.length - 1]!.index;
  const values = new Float64Array(last - first + 1);
  let filled = 0;
  for (let i = start; i < points.length; i++) {
    const p = points[i]!;
    values[p.index - first] = p.value;
    const next = points[i + 1];
    if (next && next.index > p.index + 1) {
      const span = next.index - p.index;
      for (let k = 1; k < span; k++) values[p.index - first + k] = p.value + ((next.value - p.value) * k) / span;
      filled += span - 1;
    }
  }
  return { firstIndex: first, values, filled };
}

export interface BlockSeries extends FeeSeries {
  firstBlock: number;
  /** Blocks that were missing and interpolated. */
  filled: number;
}

/** One point per block number (nominal `blockTimeSeconds` apart). */
export function seriesFromBlocks(blocks: readonly BlockFee[], blockTimeSeconds = 12, maxFillBlocks = 64): BlockSeries {
  const r = regular(blocks.map((b) => ({ index: b.number, value: log(b.baseFeePerGas) })), maxFillBlocks);
  const firstTs = blocks.find((b) => b.number === r.firstIndex)?.timestamp ?? 0;
  return { stepSeconds: blockTimeSeconds, startTime: firstTs, logFee: r.values, firstBlock: r.firstIndex, filled: r.filled };
}

/** One point per hour. */
export function seriesFromHourly(hours: readonly HourlyFee[], maxFillHours = 12): FeeSeries & { filled: number } {
  const r = regular(hours.map((h) => ({ index: Math.floor(h.timestamp / 3600), value: log(h.gasPrice) })), maxFillHours);
  return { stepSeconds: 3600, startTime: r.firstIndex * 3600, logFee: r.values, filled: r.filled };
}

/** Hourly series from per-block samples: each hour is the log of the mean base fee of its blocks
 * (like the hourly average file the prior is learned from; one log per hour keeps it fast). */
export function hourlySeriesFromSamples(timestamps: ArrayLike<number>, baseFeeWei: ArrayLike<number>, maxFillHours = 12, from = 0): FeeSeries & { filled: number } {
  const n = Math.min(timestamps.length, baseFeeWei.length);
  const points: Array<{ index: number; value: number }> = [];
  let hour = Number.NaN;
  let sum = 0;
  let count = 0;
  for (let i = Math.max(0, from); i < n; i++) {
    const fee = baseFeeWei[i]!;
    if (!(fee > 0)) continue;
    const h = Math.floor(timestamps[i]! / 3600);
    if (h !== hour) {
      if (count > 0) points.push({ index: hour, value: Math.log(sum / count) });
      if (h < hour) throw new InsufficientHistoryError('samples are not in time order');
      hour = h;
      sum = 0;
      count = 0;
    }
    sum += fee;
    count++;
  }
  if (count > 0) points.push({ index: hour, value: Math.log(sum / count) });
  const r = regular(points, maxFillHours);
  return { stepSeconds: 3600, startTime: r.firstIndex * 3600, logFee: r.values, filled: r.filled };
}

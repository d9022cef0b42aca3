/**
 * Loader for the real fee data files (../shared/data/gas): per-block CSV (hex or decimal block
 * numbers, any column order), the per-block JSON, and the hourly average CSV. Pure: takes text.
 */
import { BlocksFileError } from './errors';
import { ABSURD_FEE_WEI, type BlockFee, type HourlyFee } from './types';

export type FeeDataFile =
  | { kind: 'blocks'; blocks: BlockFee[]; gaps: Array<{ after: number; missing: number }> }
  | { kind: 'hourly'; hours: HourlyFee[]; gaps: Array<{ after: number; missingHours: number }> };

/** Parse a file's text; `name` is only used in error messages. */
export function parseFeeDataFile(text: string, name = 'input'): FeeDataFile {
  const trimmed = text.trimStart();
  if (trimmed === '') throw new BlocksFileError(`${name}: file is empty`);
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return checkBlocks(parseJsonBlocks(trimmed, name), name);
  const lines = trimmed.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  if (header.includes('average_gas_fee')) return parseHourly(lines, header, name);
  if (header.includes('basefee_wei') || header.includes('base_fee_per_gas')) return checkBlocks(parseBlockCsv(lines, header, name), name);
  throw new BlocksFileError(`${name}: unknown format; expected a basefee_wei/block_number CSV, an hourly average_gas_fee CSV or a JSON array of blocks`);
}

function fail(name: string, line: number, message: string): never {
  throw new BlocksFileError(`${name}:${line}: ${message}`);
}

/** Integer from decimal, hex (0x..) or a float string without fraction ("123.0"). */
function parseInteger(raw: string, name: string, line: number, what: string): bigint {
  const s = raw.trim();
  try {
    if (/^0x[0-9a-f]+$/i.test(s) || /^\d+$/.test(s)) return BigInt(s);
    if (/^\d+\.0*$/.test(s)) return BigInt(s.split('.')[0] ?? '');
  } catch {
    // fall through
  }
  return fail(name, line, `${what} "${raw}" is not a non-negative integer`);
}

/** "2022-07-01 08:30:07", "2022/4/26 13:00" (UTC), ISO, or unix seconds. */
export function parseTimestamp(raw: string | number, name = 'input', line = 0): number {
  if (typeof raw === 'number') {
    if (Number.isFinite(raw) && raw > 0) return Math.floor(raw);
    return fail(name, line, `timestamp ${raw} is not valid`);
  }
  const s = raw.trim();
  if (/^\d+$/.test(s)) return parseTimestamp(Number(s), name, line);
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?Z?$/.exec(s);
  if (!m) return fail(name, line, `timestamp "${raw}" is not a date`);
  const [, y, mo, d, h, mi, se] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se ?? 0));
  if (!Number.isFinite(ms)) return fail(name, line, `timestamp "${raw}" is not a date`);
  return ms / 1000;
}

function checkFee(fee: bigint, name: string, line: number): bigint {
  if (fee <= 0n || fee > ABSURD_FEE_WEI) fail(name, line, `fee ${fee} wei is absurd (must be between 1 wei and 10^7 gwei)`);
  return fee;
}

function parseBlockCsv(lines: string[], header: string[], name: string): BlockFee[] {
  const col = (key: string): number => header.indexOf(key);
  const iNum = col('block_number');
  const iTs = col('timestamp');
  const iFee = col('basefee_wei') >= 0 ? col('basefee_wei') : col('base_fee_per_gas');
  if (iNum < 0 || iTs < 0) throw new BlocksFileError(`${name}: CSV needs block_number and timestamp columns`);
  const iUsed = col('gas_used');
  const iLimit = col('gas_limit');
  const out: BlockFee[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = (lines[i] ?? '').split(',');
    if (cells.length !== header.length) fail(name, i + 1, `expected ${header.length} columns, got ${cells.length}`);
    const cell = (k: number): string => cells[k] ?? '';
    const block: BlockFee = {
      number: Number(parseInteger(cell(iNum), name, i + 1, 'block number')),
      timestamp: parseTimestamp(cell(iTs), name, i + 1),
      baseFeePerGas: checkFee(parseInteger(cell(iFee), name, i + 1, 'base fee'), name, i + 1),
    };
    if (iUsed >= 0) block.gasUsed = parseInteger(cell(iUsed), name, i + 1, 'gas used');
    if (iLimit >= 0) block.gasLimit = parseInteger(cell(iLimit), name, i + 1, 'gas limit');
    out.push(block);
  }
  return out;
}

function jsonInt(value: unknown, name: string, index: number, what: string): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string') return parseInteger(value, name, index, what);
  return fail(name, index, `${what} ${JSON.stringify(value)} is not a non-negative integer (entry ${index})`);
}

function parseJsonBlocks(text: string, name: string): BlockFee[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BlocksFileError(`${name}: invalid JSON (${(e as Error).message})`);
  }
  const rows = Array.isArray(data) ? data : (data as { blocks?: unknown }).blocks;
  if (!Array.isArray(rows)) throw new BlocksFileError(`${name}: JSON must be an array of blocks`);
  return rows.map((row: unknown, i): BlockFee => {
    if (typeof row !== 'object' || row === null) return fail(name, i, 'entry is not an object');
    const r = row as Record<string, unknown>;
    const opt = (key: string): bigint | undefined => (r[key] === undefined || r[key] === null ? undefined : jsonInt(r[key], name, i, key));
    const block: BlockFee = {
      number: Number(jsonInt(r.number, name, i, 'number')),
      timestamp: parseTimestamp(typeof r.timestamp === 'string' || typeof r.timestamp === 'number' ? r.timestamp : '', name, i),
      baseFeePerGas: checkFee(jsonInt(r.base_fee_per_gas ?? r.baseFeePerGas, name, i, 'base_fee_per_gas'), name, i),
    };
    const fields: Array<[keyof BlockFee, string]> = [
      ['gasUsed', 'gas_used'],
      ['gasLimit', 'gas_limit'],
      ['minPriorityFee', 'min_priority_fee'],
      ['avgPriorityFee', 'avg_priority_fee'],
      ['maxPriorityFee', 'max_priority_fee'],
    ];
    for (const [key, src] of fields) {
      const v = opt(src);
      if (v !== undefined) (block as unknown as Record<string, bigint>)[key] = v;
    }
    if (block.gasUsed !== undefined && block.gasLimit !== undefined && block.gasUsed > block.gasLimit) {
      fail(name, i, `gas_used ${block.gasUsed} exceeds gas_limit ${block.gasLimit}`);
    }
    return block;
  });
}

function checkBlocks(blocks: BlockFee[], name: string): FeeDataFile {
  if (blocks.length === 0) throw new BlocksFileError(`${name}: no blocks`);
  const gaps: Array<{ after: number; missing: number }> = [];
  for (let i = 1; i < blocks.length; i++) {
    const prev = blocks[i - 1]!;
    const cur = blocks[i]!;
    if (cur.number <= prev.number) throw new BlocksFileError(`${name}: block ${cur.number} follows ${prev.number}; blocks must be strictly increasing`);
    if (cur.timestamp < prev.timestamp) throw new BlocksFileError(`${name}: block ${cur.number} is older than block ${prev.number} (clock went backwards)`);
    if (cur.number !== prev.number + 1) gaps.push({ after: prev.number, missing: cur.number - prev.number - 1 });
  }
  return { kind: 'blocks', blocks, gaps };
}

function parseHourly(lines: string[], header: string[], name: string): FeeDataFile {
  const iDate = header.indexOf('date');
  const iFee = header.indexOf('average_gas_fee');
  if (iDate < 0) throw new BlocksFileError(`${name}: hourly CSV needs a date column`);
  const hours: HourlyFee[] = [];
  const gaps: Array<{ after: number; missingHours: number }> = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = (lines[i] ?? '').split(',');
    if (cells.length !== header.length) fail(name, i + 1, `expected ${header.length} columns, got ${cells.length}`);
    const timestamp = parseTimestamp(cells[iDate] ?? '', name, i + 1);
    const gwei = Number(cells[iFee]);
    if (!Number.isFinite(gwei) || gwei <= 0 || gwei > 1e7) fail(name, i + 1, `average_gas_fee "${cells[iFee]}" gwei is absurd`);
    const prev = hours[hours.length - 1];
    if (prev) {
      const diff = timestamp - prev.timestamp;
      if (diff <= 0) fail(name, i + 1, 'hours must be strictly increasing');
      if (diff % 3600 !== 0) fail(name, i + 1, 'timestamps must be on whole hours');
      if (diff > 3600) gaps.push({ after: prev.timestamp, missingHours: diff / 3600 - 1 });
    }
    hours.push({ timestamp, gasPrice: BigInt(Math.round(gwei * 1e9)) });
  }
  if (hours.length === 0) throw new BlocksFileError(`${name}: no hours`);
  return { kind: 'hourly', hours, gaps };
}

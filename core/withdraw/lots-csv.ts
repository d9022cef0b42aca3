/**
 * Buy lots from CSV (header: date, asset, quantity, cost, fiat, in any order; extra columns
 * ignored) and CSV export of realised gains. `cost` is the lot's total acquisition cost in `fiat`
 * (fees included). Every bad line is reported at once, with its line number.
 */
import { LotsCsvError, type CsvLineProblem } from './errors';

export interface Lot {
  /** YYYY-MM-DD (the calendar day as written; the tax year is its year). */
  date: string;
  asset: string;
  quantity: number;
  cost: number;
  fiat: string;
  /** 1-based line in the source file (0 when built in code). */
  line: number;
}

const REQUIRED = ['date', 'asset', 'quantity', 'cost', 'fiat'] as const;

/** RFC 4180 fields of one line ("" escapes a quote inside a quoted field). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === ',') {
      out.push(field.trim());
      field = '';
    } else field += ch;
  }
  out.push(field.trim());
  return out;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function parseDate(s: string): string | undefined {
  const m = DATE.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Plain decimal numbers only: "1,000" or "1e3" are refused rather than guessed. */
function parseNumber(s: string): number | undefined {
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}

export function parseLotsCsv(text: string): Lot[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const problems: CsvLineProblem[] = [];
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) throw new LotsCsvError([{ line: 1, message: 'the file is empty; expected a header "date,asset,quantity,cost,fiat"' }]);
  const header = splitCsvLine(lines[headerAt]!).map((h) => h.toLowerCase());
  const col = Object.fromEntries(REQUIRED.map((k) => [k, header.indexOf(k)])) as Record<(typeof REQUIRED)[number], number>;
  const missing = REQUIRED.filter((k) => col[k] < 0);
  if (missing.length > 0) throw new LotsCsvError([{ line: headerAt + 1, message: `the header lacks ${missing.join(', ')} (expected date,asset,quantity,cost,fiat)` }]);
  const lots: Lot[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    const f = splitCsvLine(raw);
    const line = i + 1;
    const errs: string[] = [];
    const date = parseDate(f[col.date] ?? '');
    if (!date) errs.push(`date "${f[col.date] ?? ''}" is not a valid YYYY-MM-DD`);
    const asset = (f[col.asset] ?? '').toUpperCase();
    if (!asset) errs.push('asset is empty');
    const quantity = parseNumber(f[col.quantity] ?? '');
    if (quantity === undefined || !(quantity > 0)) errs.push(`quantity "${f[col.quantity] ?? ''}" must be a positive plain number`);
    const cost = parseNumber(f[col.cost] ?? '');
    if (cost === undefined || cost < 0) errs.push(`cost "${f[col.cost] ?? ''}" must be a plain number ≥ 0 (the lot's total cost)`);
    const fiat = (f[col.fiat] ?? '').toUpperCase();
    if (!/^[A-Z]{3}$/.test(fiat)) errs.push(`fiat "${f[col.fiat] ?? ''}" must be a 3-letter currency code such as JPY or USD`);
    if (errs.length > 0) problems.push({ line, message: errs.join('; ') });
    else lots.push({ date: date!, asset, quantity: quantity!, cost: cost!, fiat, line });
  }
  if (problems.length > 0) throw new LotsCsvError(problems);
  return lots;
}

/** A number for CSV: up to 8 decimals, no exponent, trailing zeros trimmed. */
export function csvNumber(x: number): string {
  const s = x.toFixed(8).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

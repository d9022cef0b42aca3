import { isAddress } from 'viem';
import { labelOf } from '../labels';
import { nameAddress } from '../format';

export interface TreeRow {
  /** "details.token", "offer[0].startAmount" */
  path: string;
  value: string;
}

const MAX_ROWS = 80;
const MAX_DEPTH = 8;
const MAX_VALUE = 160;

/** Flattens a typed-data message into readable rows: nested structs as dotted paths, addresses labelled. */
export function flattenTree(value: unknown, labels?: Readonly<Record<string, string>>): { rows: TreeRow[]; truncated: boolean } {
  const rows: TreeRow[] = [];
  let truncated = false;
  const leaf = (v: unknown): string => {
    if (typeof v === 'string') {
      if (isAddress(v, { strict: false })) return nameAddress(v, labelOf(v, labels));
      return v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE)}…` : v;
    }
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
    if (v === null || v === undefined) return '—';
    return '…';
  };
  const walk = (v: unknown, path: string, depth: number) => {
    if (rows.length >= MAX_ROWS) {
      truncated = true;
      return;
    }
    if (depth < MAX_DEPTH && Array.isArray(v)) {
      if (v.length === 0) rows.push({ path, value: '[]' });
      v.forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1));
      return;
    }
    if (depth < MAX_DEPTH && typeof v === 'object' && v !== null) {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length === 0) rows.push({ path, value: '{}' });
      for (const [k, item] of entries) walk(item, path ? `${path}.${k}` : k, depth + 1);
      return;
    }
    rows.push({ path: path || '(value)', value: leaf(v) });
  };
  walk(value, '', 0);
  return { rows, truncated };
}

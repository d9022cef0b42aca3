import { isAddress, type Address } from 'viem';
import { inDuration } from '../../format/count';

/** Typed-data messages come from the page as JSON: numbers may be numbers, decimal or hex strings. */
export function asBigInt(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : Number.isFinite(value) ? BigInt(Math.trunc(value)) : undefined;
  if (typeof value === 'string' && /^(0x[0-9a-fA-F]{1,64}|-?[0-9]{1,80})$/.test(value.trim())) {
    try {
      return BigInt(value.trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function asAddress(value: unknown): Address | undefined {
  return typeof value === 'string' && isAddress(value, { strict: false }) ? (value.toLowerCase() as Address) : undefined;
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 1 || value === '1') return true;
  if (value === 'false' || value === 0 || value === '0') return false;
  return undefined;
}

/** Field names of a struct type, for matching known shapes regardless of field order. */
export function fieldNames(types: Record<string, { name: string; type: string }[]>, type: string): Set<string> {
  return new Set((types[type] ?? []).map((f) => f.name));
}

export function hasFields(types: Record<string, { name: string; type: string }[]>, type: string, names: readonly string[]): boolean {
  const have = fieldNames(types, type);
  return names.every((n) => have.has(n));
}

const DAY = 86_400;
/**
 * 3000-01-01T00:00:00Z in seconds. Contracts compare deadlines with block.timestamp (seconds): a deadline past the
 * year 3000 is one no block will reach, typically a JavaScript millisecond time (Date.now()) written where seconds
 * belong, which reads "in 54,000 years" — it never expires.
 */
export const YEAR_3000_SEC = 32_503_680_000n;

/** "in 30 minutes", "in 29 days", "never (no expiry)", "expired" — English and Japanese. */
export function describeDeadline(deadline: bigint | undefined, nowSec: number): { en: string; ja: string; long: boolean } {
  if (deadline === undefined) return { en: 'no deadline given', ja: '期限の指定なし', long: true };
  if (deadline === 0n) return { en: 'no expiry', ja: '無期限', long: true };
  if (deadline >= 2n ** 47n) return { en: 'never (no real expiry)', ja: '実質無期限', long: true };
  if (deadline >= YEAR_3000_SEC) return { en: 'never (a time past the year 3000, likely milliseconds written as seconds)', ja: '実質無期限（3000 年以降の時刻。秒の欄にミリ秒が書かれている可能性があります）', long: true };
  const left = Number(deadline) - nowSec;
  if (left <= 0) return { en: 'already expired', ja: 'すでに期限切れ', long: false };
  const long = left > 90 * DAY;
  // Under an hour, whole minutes rounded up: "in 1 minute" rather than "in 0 minutes" for 20 s left.
  return { ...inDuration(left < 3600 ? Math.ceil(left / 60) * 60 : left), long };
}

import { text, type Localized } from './localized';

export type Unit = 'second' | 'minute' | 'hour' | 'day' | 'year' | 'call' | 'order' | 'address';

const JA: Record<Unit, string> = { second: '秒', minute: '分', hour: '時間', day: '日', year: '年', call: '件の呼び出し', order: '件の注文', address: '件のアドレス' };
const EN_PLURAL: Partial<Record<Unit, string>> = { address: 'addresses' };

/** "1 minute", "2 minutes", "1,530 addresses"; ja: "1 分", "2 分" (no plural in Japanese). */
export function countOf(n: number, unit: Unit): Localized {
  const shown = n.toLocaleString('en-US');
  return text(`${shown} ${n === 1 ? unit : (EN_PLURAL[unit] ?? `${unit}s`)}`, `${shown} ${JA[unit]}`);
}

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;

/**
 * A length of time in its natural unit, rounded, with the unit chosen after rounding (never "60 minutes"
 * or "48 hours"): minutes under an hour, hours under two days, days under two years, then years.
 */
export function duration(seconds: number): Localized {
  const s = Math.max(0, seconds);
  const minutes = Math.max(1, Math.round(s / MINUTE));
  if (minutes < 60) return countOf(minutes, 'minute');
  const hours = Math.round(s / HOUR);
  if (hours < 48) return countOf(hours, 'hour');
  const days = Math.round(s / DAY);
  if (days < 730) return countOf(days, 'day');
  return countOf(Math.round(s / (365 * DAY)), 'year');
}

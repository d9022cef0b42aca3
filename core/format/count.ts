import type { Localized } from '../i18n/localized';

/** Things Preflight counts in sentences, with their English forms (one / other) and the Japanese counter. */
const UNITS = {
  second: ['second', 'seconds', '秒'],
  minute: ['minute', 'minutes', '分'],
  hour: ['hour', 'hours', '時間'],
  day: ['day', 'days', '日'],
  year: ['year', 'years', '年'],
  block: ['block', 'blocks', 'ブロック'],
  call: ['call', 'calls', '件'],
  case: ['case', 'cases', '件'],
  review: ['review', 'reviews', '件'],
  transaction: ['transaction', 'transactions', '件'],
  step: ['step', 'steps', 'ステップ'],
  order: ['order', 'orders', '件の注文'],
  listing: ['listing', 'listings', '件の出品'],
  address: ['address', 'addresses', '件のアドレス'],
} as const satisfies Record<string, readonly [string, string, string]>;

export type CountUnit = keyof typeof UNITS;

const english = new Intl.PluralRules('en-US');

/** "1 minute" / "2 minutes" / "1.5 hours" and "1 分" / "2 分": English plural rules from Intl, Japanese counters (no plural). */
export function count(n: number, unit: CountUnit): Localized {
  const [one, other, ja] = UNITS[unit];
  const shown = n.toLocaleString('en-US', { maximumFractionDigits: 1 });
  // Decide on what is printed: 0.96 hours prints as "1" and reads "1 hour".
  return { en: `${shown} ${english.select(Number(shown.replace(/,/g, ''))) === 'one' ? one : other}`, ja: `${shown} ${ja}` };
}

/** A span in the largest unit that keeps it readable: "45 seconds", "1 minute", "3 hours", "2 days", "2 years". */
export function duration(seconds: number): Localized {
  const s = Math.max(0, seconds);
  if (s < 60) return count(Math.round(s), 'second');
  if (s < 3_600) return count(Math.max(1, Math.round(s / 60)), 'minute');
  if (s < 2 * 86_400) return count(Math.round(s / 3_600), 'hour');
  if (s < 730 * 86_400) return count(Math.round(s / 86_400), 'day');
  return count(Math.round(s / (365 * 86_400)), 'year');
}

/** "in 3 hours" / "3 時間後". */
export function inDuration(seconds: number): Localized {
  const d = duration(seconds);
  return { en: `in ${d.en}`, ja: `${d.ja}後` };
}

/** "3 hours ago" / "3 時間前". */
export function durationAgo(seconds: number): Localized {
  const d = duration(seconds);
  return { en: `${d.en} ago`, ja: `${d.ja}前` };
}

/**
 * Dates and times as the user reads them: in a given IANA time zone (the browser's, passed in by the caller, so core/
 * stays pure), in English or Japanese, through Intl. Without a time zone the time is UTC and says so ("14:05 UTC").
 */
import type { Lang } from '../i18n/localized';

/** The Intl locale for each UI language: 24-hour clocks in both (en-GB, not en-US's AM/PM). */
const LOCALE: Record<Lang, string> = { en: 'en-GB', ja: 'ja-JP' };

export interface TimeOptions {
  /** IANA zone ("Asia/Tokyo"); absent: UTC, labelled as such. */
  timeZone?: string;
}

/** An IANA zone Intl accepts, or undefined (an unknown zone would make every Intl call throw a RangeError). */
export function validTimeZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

const zoneOf = (o: TimeOptions) => validTimeZone(o.timeZone) ?? 'UTC';
const utcMark = (o: TimeOptions, lang: Lang) => (validTimeZone(o.timeZone) ? '' : lang === 'ja' ? ' (UTC)' : ' UTC');

/** Calendar day (yyyy-mm-dd) of a moment in a zone, to tell today from tomorrow. */
function dayKey(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/** Whole calendar days from `nowMs` to `ms` in the zone (0 today, 1 tomorrow, -1 yesterday). */
function daysApart(ms: number, nowMs: number, timeZone: string): number {
  const noon = (key: string) => Date.parse(`${key}T12:00:00Z`);
  return Math.round((noon(dayKey(ms, timeZone)) - noon(dayKey(nowMs, timeZone))) / 86_400_000);
}

/** "14:05" (ja: "14:05") in the zone. */
export function formatClock(ms: number, lang: Lang, o: TimeOptions = {}): string {
  const hm = new Intl.DateTimeFormat(LOCALE[lang], { timeZone: zoneOf(o), hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
  return `${hm}${utcMark(o, lang)}`;
}

/**
 * A time later (or earlier) than now, as an advice reads it: "14:05" today, "tomorrow 02:10" / "明日 02:10", beyond that
 * with the date ("Fri 4 Dec, 02:10" / "12月4日(金) 02:10").
 */
export function formatWhen(ms: number, nowMs: number, lang: Lang, o: TimeOptions = {}): string {
  const timeZone = zoneOf(o);
  const days = daysApart(ms, nowMs, timeZone);
  const clock = formatClock(ms, lang, o);
  if (days === 0) return clock;
  if (Math.abs(days) === 1) {
    const word = new Intl.RelativeTimeFormat(LOCALE[lang], { numeric: 'auto' }).format(days, 'day');
    return `${word} ${clock}`;
  }
  const date = new Intl.DateTimeFormat(LOCALE[lang], { timeZone, weekday: 'short', month: 'short', day: 'numeric' }).format(ms);
  return lang === 'ja' ? `${date} ${clock}` : `${date}, ${clock}`;
}

/** A date and time for a record ("2 Dec 2026, 22:30" / "2026/12/02 22:30"). */
export function formatDateTime(ms: number, lang: Lang, o: TimeOptions = {}): string {
  const date = lang === 'ja' ? { year: 'numeric', month: '2-digit', day: '2-digit' } as const : { year: 'numeric', month: 'short', day: 'numeric' } as const;
  const s = new Intl.DateTimeFormat(LOCALE[lang], { timeZone: zoneOf(o), ...date, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
  return `${s}${utcMark(o, lang)}`;
}

/** A short date and time for chart axes and lists of steps ("4 Dec 02:10" / "12/4 02:10"). */
export function formatShortDateTime(ms: number, lang: Lang, o: TimeOptions = {}): string {
  const parts = new Intl.DateTimeFormat(LOCALE[lang], { timeZone: zoneOf(o), month: lang === 'ja' ? 'numeric' : 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
  return `${parts.replace(',', '')}${utcMark(o, lang)}`;
}

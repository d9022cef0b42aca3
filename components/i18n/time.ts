/**
 * Dates and times in the user's own time zone: the browser's (Intl's resolved zone, the same in the popup, the panel and
 * the background), formatted by core/format/time.ts in the chosen language.
 */
import { formatClock, formatDateTime, formatShortDateTime, formatWhen, validTimeZone } from '@/core/format/time';
import type { Lang } from '@/core/i18n/localized';

/** The browser's IANA time zone ("Asia/Tokyo"), or undefined when it reports none Intl can use (times then say UTC). */
export function userTimeZone(): string | undefined {
  return validTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/** Unix milliseconds as "14:05" in the user's zone. */
export const clock = (ms: number, lang: Lang): string => formatClock(ms, lang, { timeZone: userTimeZone() });

/** A time relative to now: "14:05" today, "tomorrow 02:10", else with the date. */
export const when = (ms: number, lang: Lang, nowMs = Date.now()): string => formatWhen(ms, nowMs, lang, { timeZone: userTimeZone() });

/** A record's date and time: "2 Dec 2026, 22:30" / "2026/12/02 22:30". */
export const dateTime = (ms: number, lang: Lang): string => formatDateTime(ms, lang, { timeZone: userTimeZone() });

/** A short date and time for axes and step lists: "4 Dec 02:10" / "12/4 02:10". */
export const shortDateTime = (ms: number, lang: Lang): string => formatShortDateTime(ms, lang, { timeZone: userTimeZone() });

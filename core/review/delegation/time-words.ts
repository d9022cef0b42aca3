import { formatClock, validTimeZone } from '../../format/time';
import { text, type Lang, type Localized } from '../../i18n/localized';
import type { ReviewContext } from '../analyzer';

/** Beyond year 9999 a time is no real bound (and Intl cannot print it). */
const FAR = 253_402_300_799n;
const LOCALE: Record<Lang, string> = { en: 'en-GB', ja: 'ja-JP' };

type TimeContext = Pick<ReviewContext, 'timeZone'>;

function date(ctx: TimeContext, sec: bigint, lang: Lang): string {
  const timeZone = validTimeZone(ctx.timeZone) ?? 'UTC';
  return new Intl.DateTimeFormat(LOCALE[lang], { timeZone, year: 'numeric', month: lang === 'ja' ? '2-digit' : 'short', day: lang === 'ja' ? '2-digit' : 'numeric' }).format(Number(sec) * 1000);
}
const clock = (ctx: TimeContext, sec: bigint, lang: Lang) => formatClock(Number(sec) * 1000, lang, { timeZone: ctx.timeZone });
const moment = (ctx: TimeContext, sec: bigint): Localized => text(`${date(ctx, sec, 'en')}, ${clock(ctx, sec, 'en')}`, `${date(ctx, sec, 'ja')} ${clock(ctx, sec, 'ja')}`);

/**
 * A TimestampEnforcer window in words, in the user's time zone: "only between 09:00 and 17:00 on 7 Dec 2026", "only
 * after …", "only until …", with "(already over)" / "(not yet open)" against the clock. 0 means no bound.
 */
export function timeWindow(ctx: TimeContext, after: bigint, before: bigint, nowSec: number): Localized {
  const from = after > 0n && after < FAR ? after : undefined;
  const until = before > 0n && before < FAR ? before : undefined;
  const state = until !== undefined && until <= BigInt(nowSec) ? text(' (already over: it can no longer be used)', '（期限切れ：もう使えません）') : from !== undefined && from > BigInt(nowSec) ? text(' (not yet open)', '（まだ開始前）') : text('', '');
  if (from !== undefined && until !== undefined) {
    const sameDay = date(ctx, from, 'en') === date(ctx, until, 'en');
    const w = sameDay
      ? text(`only between ${clock(ctx, from, 'en')} and ${clock(ctx, until, 'en')} on ${date(ctx, from, 'en')}`, `${date(ctx, from, 'ja')} の ${clock(ctx, from, 'ja')} から ${clock(ctx, until, 'ja')} までのみ`)
      : text(`only between ${moment(ctx, from).en} and ${moment(ctx, until).en}`, `${moment(ctx, from).ja} から ${moment(ctx, until).ja} までのみ`);
    return text(`${w.en}${state.en}`, `${w.ja}${state.ja}`);
  }
  if (from !== undefined) return text(`only after ${moment(ctx, from).en}${state.en}`, `${moment(ctx, from).ja} 以降のみ${state.ja}`);
  if (until !== undefined) return text(`only until ${moment(ctx, until).en}${state.en}`, `${moment(ctx, until).ja} までのみ${state.ja}`);
  return text('no time limit (both bounds 0)', '時間の制限なし（上下限とも 0）');
}

/** The first moment a periodic or streaming allowance opens: "from now" when it already has, else the time. */
export function startingAt(ctx: TimeContext, start: bigint, nowSec: number): Localized {
  if (start <= BigInt(nowSec)) return text('starting now', '開始済み');
  if (start >= FAR) return text('starting never (the start is beyond year 9999)', '開始されない（開始が 9999 年より後）');
  const m = moment(ctx, start);
  return text(`from ${m.en}`, `${m.ja} から`);
}

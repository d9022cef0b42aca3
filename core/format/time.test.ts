import { describe, expect, it } from 'vitest';
import { formatClock, formatDateTime, formatShortDateTime, formatWhen, validTimeZone } from './time';

// 2026-12-02 22:30 UTC: 07:30 on 3 Dec in Tokyo (UTC+9), 17:30 on 2 Dec in New York (UTC-5), 04:00 on 3 Dec in Kolkata (UTC+5:30).
const T = Date.UTC(2026, 11, 2, 22, 30);
const H = 3_600_000;

describe('formatClock: the time in the user’s zone', () => {
  it('converts to the zone, 24-hour, in both languages', () => {
    expect(formatClock(T, 'en', { timeZone: 'Asia/Tokyo' })).toBe('07:30');
    expect(formatClock(T, 'ja', { timeZone: 'Asia/Tokyo' })).toBe('07:30');
    expect(formatClock(T, 'en', { timeZone: 'America/New_York' })).toBe('17:30');
    expect(formatClock(T, 'en', { timeZone: 'Asia/Kolkata' })).toBe('04:00');
    expect(formatClock(Date.UTC(2026, 11, 2, 0, 5), 'en', { timeZone: 'UTC' })).toBe('00:05'); // not "24:05"
  });
  it('follows daylight saving time (New York: UTC-4 in July, UTC-5 in December)', () => {
    expect(formatClock(Date.UTC(2026, 6, 1, 12, 0), 'en', { timeZone: 'America/New_York' })).toBe('08:00');
    expect(formatClock(Date.UTC(2026, 11, 1, 12, 0), 'en', { timeZone: 'America/New_York' })).toBe('07:00');
  });
  it('without a zone, or with one Intl does not know, prints UTC and says so', () => {
    expect(formatClock(T, 'en')).toBe('22:30 UTC');
    expect(formatClock(T, 'ja')).toBe('22:30 (UTC)');
    expect(formatClock(T, 'en', { timeZone: 'Mars/Olympus' })).toBe('22:30 UTC');
    expect(validTimeZone('Mars/Olympus')).toBeUndefined();
    expect(validTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
  });
});

describe('formatWhen: a time relative to now, with the day when it is not today in the zone', () => {
  it('today: the clock only', () => {
    expect(formatWhen(T, T - 2 * H, 'en', { timeZone: 'America/New_York' })).toBe('17:30');
  });
  it('the same moments are "tomorrow" in Tokyo but today in New York (the day is the zone’s, not UTC’s)', () => {
    const now = T - 3 * H; // 19:30 UTC = 04:30 on 3 Dec in Tokyo … T is 07:30 on 3 Dec: today there
    expect(formatWhen(T, now, 'en', { timeZone: 'Asia/Tokyo' })).toBe('07:30');
    const evening = T - 10 * H; // 12:30 UTC = 21:30 on 2 Dec in Tokyo: T is tomorrow there, today in New York
    expect(formatWhen(T, evening, 'en', { timeZone: 'Asia/Tokyo' })).toBe('tomorrow 07:30');
    expect(formatWhen(T, evening, 'ja', { timeZone: 'Asia/Tokyo' })).toBe('明日 07:30');
    expect(formatWhen(T, evening, 'en', { timeZone: 'America/New_York' })).toBe('17:30');
  });
  it('yesterday, and further away with the date', () => {
    expect(formatWhen(T, T + 24 * H, 'en', { timeZone: 'UTC' })).toBe('yesterday 22:30');
    expect(formatWhen(T + 72 * H, T, 'en', { timeZone: 'Asia/Tokyo' })).toBe('Sun 6 Dec, 07:30');
    expect(formatWhen(T + 72 * H, T, 'ja', { timeZone: 'Asia/Tokyo' })).toBe('12月6日(日) 07:30');
  });
});

describe('formatDateTime / formatShortDateTime: records and chart axes', () => {
  it('date and time in the zone, in both languages', () => {
    expect(formatDateTime(T, 'en', { timeZone: 'Asia/Tokyo' })).toBe('3 Dec 2026, 07:30');
    expect(formatDateTime(T, 'ja', { timeZone: 'Asia/Tokyo' })).toBe('2026/12/03 07:30');
    expect(formatDateTime(T, 'en', { timeZone: 'America/New_York' })).toBe('2 Dec 2026, 17:30');
    expect(formatDateTime(T, 'en')).toBe('2 Dec 2026, 22:30 UTC');
    expect(formatShortDateTime(T, 'en', { timeZone: 'Asia/Tokyo' })).toBe('3 Dec 07:30');
    expect(formatShortDateTime(T, 'ja', { timeZone: 'Asia/Tokyo' })).toBe('12/3 07:30');
  });
});

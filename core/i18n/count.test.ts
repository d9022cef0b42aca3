import { describe, expect, it } from 'vitest';
import { countOf, duration } from './count';

describe('counts and durations, en and ja', () => {
  it('singular and plural in English, none in Japanese', () => {
    expect(countOf(1, 'minute')).toEqual({ en: '1 minute', ja: '1 分' });
    expect(countOf(2, 'minute')).toEqual({ en: '2 minutes', ja: '2 分' });
    expect(countOf(1, 'call')).toEqual({ en: '1 call', ja: '1 件の呼び出し' });
    expect(countOf(2_530, 'address')).toEqual({ en: '2,530 addresses', ja: '2,530 件のアドレス' });
  });

  it('the unit is chosen after rounding', () => {
    expect(duration(30).en).toBe('1 minute');
    expect(duration(3_599).en).toBe('1 hour');
    expect(duration(90 * 60).en).toBe('2 hours');
    expect(duration(47.6 * 3_600).en).toBe('2 days');
    expect(duration(86_400 * 2).ja).toBe('2 日');
    expect(duration(86_400 * 800).en).toBe('2 years');
  });
});

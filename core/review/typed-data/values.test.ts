import { describe, expect, it } from 'vitest';
import { describeDeadline, YEAR_3000_SEC } from './values';

const now = 1_729_327_000;

describe('describeDeadline', () => {
  it('a deadline written in milliseconds (Date.now() where seconds belong) reads as never expiring, not "in 54,000 years"', () => {
    const ms = BigInt(now + 3_600) * 1000n;
    const d = describeDeadline(ms, now);
    expect(d.en).toMatch(/^never/);
    expect(d.en).not.toMatch(/years/);
    expect(d.long).toBe(true);
  });

  it('the year 3000 is the line: a second before it is still a date in years, from it on never', () => {
    expect(describeDeadline(YEAR_3000_SEC - 1n, now).en).toMatch(/^in \d[\d,]* years$/);
    expect(describeDeadline(YEAR_3000_SEC, now).en).toMatch(/^never/);
    expect(new Date(Number(YEAR_3000_SEC) * 1000).toISOString()).toBe('3000-01-01T00:00:00.000Z');
  });

  it('ordinary deadlines are unchanged', () => {
    expect(describeDeadline(BigInt(now + 1_800), now)).toMatchObject({ en: 'in 30 minutes', long: false });
    expect(describeDeadline(BigInt(now + 365 * 86_400), now)).toMatchObject({ en: 'in 365 days', long: true });
    expect(describeDeadline(0n, now).en).toBe('no expiry');
    expect(describeDeadline(2n ** 48n - 1n, now).en).toBe('never (no real expiry)');
  });
});

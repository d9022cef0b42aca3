import { describe, expect, it } from 'vitest';
import { count, duration, inDuration } from './count';
import { formatFiat, unitPrice } from './fiat';

describe('count and duration', () => {
  it('English plurals, Japanese counters', () => {
    expect(count(1, 'minute')).toEqual({ en: '1 minute', ja: '1 分' });
    expect(count(2, 'minute')).toEqual({ en: '2 minutes', ja: '2 分' });
    expect(count(0, 'transaction')).toEqual({ en: '0 transactions', ja: '0 件' });
    expect(count(1.5, 'hour').en).toBe('1.5 hours');
    expect(count(1_000, 'block').en).toBe('1,000 blocks');
  });
  it('durations pick a readable unit', () => {
    expect(duration(30).en).toBe('30 seconds');
    expect(duration(60).en).toBe('1 minute');
    expect(duration(89).en).toBe('1 minute');
    expect(duration(3_600).en).toBe('1 hour');
    expect(duration(7_200)).toEqual({ en: '2 hours', ja: '2 時間' });
    expect(duration(3 * 86_400).en).toBe('3 days');
    expect(duration(3 * 365 * 86_400).en).toBe('3 years');
    expect(inDuration(1_800)).toEqual({ en: 'in 30 minutes', ja: '30 分後' });
  });
});

describe('fiat', () => {
  const rates = { ethUsd: 3000, ethJpy: 450_000 };
  it('prices ETH, WETH and mainnet dollar stablecoins only', () => {
    expect(unitPrice(1, 'native', rates, 'USD')).toBe(3000);
    expect(unitPrice(1, '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2', rates, 'JPY')).toBe(450_000);
    expect(unitPrice(1, '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', rates, 'JPY')).toBe(150);
    expect(unitPrice(31337, 'native', rates, 'USD')).toBeUndefined(); // devnet ETH is worth nothing
    expect(unitPrice(137, 'native', rates, 'USD')).toBeUndefined();
    expect(unitPrice(1, '0x1f9840a85d5af5bf1d1762f925bdaddc4201f984', rates, 'USD')).toBeUndefined();
  });
  it('formats', () => {
    expect(formatFiat(1234.567, 'USD', 'en')).toBe('$1,234.57');
    expect(formatFiat(0.004, 'USD', 'en')).toBe('< $0.01');
    expect(formatFiat(0, 'USD', 'en')).toBe('$0.00');
    expect(formatFiat(1234.5, 'JPY', 'en')).toBe('¥1,235');
    expect(formatFiat(2.5e9, 'USD', 'en')).toBe('$2.5B');
  });
});

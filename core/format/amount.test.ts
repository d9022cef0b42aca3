import { describe, expect, it } from 'vitest';
import { exactDecimal, formatDecimalAmount, formatNumber, formatTokenAmount, parseDecimal, tokenAmountText } from './amount';

const MAX = 2n ** 256n - 1n;
const en = (raw: bigint, decimals: number | undefined, o = {}) => formatTokenAmount(raw, decimals, o).text.en;

describe('formatTokenAmount', () => {
  it('zero', () => {
    expect(formatTokenAmount(0n, 18)).toMatchObject({ text: { en: '0', ja: '0' }, exact: '0', kind: 'zero' });
    expect(en(0n, 6)).toBe('0');
  });

  it('18 decimals: six significant digits, grouped, trailing zeros dropped; exact keeps every digit', () => {
    const vol = 9_066_108_938_801_491_315_813n; // the "9,066.108938801491315813 VOL"
    expect(formatTokenAmount(vol, 18)).toMatchObject({ text: { en: '9,066.11' }, exact: '9066.108938801491315813', raw: vol.toString() });
    expect(en(1_500_000_000_000_000_000n, 18)).toBe('1.5');
    expect(en(10n ** 18n, 18)).toBe('1');
    expect(en(123_456_789n * 10n ** 18n, 18)).toBe('123,456,789'); // integer digits are never dropped
    expect(en(1_234_567_891n * 10n ** 15n, 18)).toBe('1,234,568');
    expect(en(123_456_789n * 10n ** 9n, 18)).toBe('0.123457');
    expect(en(999_999_950_000_000_000n, 18)).toBe('1'); // rounds up across the decimal point
  });

  it('6 decimals (USDC)', () => {
    expect(formatTokenAmount(250_000_000n, 6)).toMatchObject({ text: { en: '250' }, exact: '250' });
    expect(en(1n, 6)).toBe('0.000001'); // the smallest USDC unit is not dust
    expect(en(1_234_567_891n, 6)).toBe('1,234.57');
    expect(exactDecimal(1_234_567_891n, 6)).toBe('1234.567891');
  });

  it('dust reads "< 0.000001" and keeps the exact value', () => {
    expect(formatTokenAmount(1n, 18)).toMatchObject({ text: { en: '< 0.000001', ja: '< 0.000001' }, exact: '0.000000000000000001', kind: 'dust' });
    expect(en(999_999_999_999n, 18)).toBe('< 0.000001');
    expect(en(10n ** 12n, 18)).toBe('0.000001'); // exactly 10^-6 is shown
    expect(en(-1n, 18)).toBe('> -0.000001');
    // The permit that read "may spend 0.000000000000 0xcccc…cccc"
    expect(en(123n, 18)).not.toMatch(/^0\.0+$/);
  });

  it('2^256-1: "unlimited" as an allowance, a readable power of ten as a transfer, every digit in exact', () => {
    expect(formatTokenAmount(MAX, 18, { allowance: true })).toMatchObject({ text: { en: 'unlimited', ja: '無制限' }, kind: 'unlimited' });
    const big = formatTokenAmount(MAX, 18);
    expect(big.text.en).toBe('1.158 × 10⁵⁹');
    expect(big.exact.replace('.', '')).toBe(MAX.toString());
    expect(en(2n ** 128n, 18, { allowance: true })).toBe('unlimited');
    expect(en(2n ** 128n - 1n, 18, { allowance: true })).toBe('3.403 × 10²⁰');
    expect(en(MAX, undefined, { allowance: true })).toBe('unlimited');
  });

  it('unknown decimals: base units, said so', () => {
    expect(formatTokenAmount(1_000_000n, undefined)).toMatchObject({ text: { en: '1,000,000 base units', ja: '1,000,000（最小単位）' }, exact: '1000000', kind: 'base-units' });
    expect(tokenAmountText(123n, undefined, '0xcccc…cccc')).toMatchObject({ en: '123 base units of 0xcccc…cccc' });
    expect(en(MAX, undefined)).toBe('1.158 × 10⁷⁷ base units');
    expect(en(2n ** 64n - 1n, undefined)).toBe('18,446,744,073,709,551,615 base units'); // written out: people compare base units digit by digit
  });

  it('0 decimals and 8 decimals', () => {
    expect(en(42n, 0)).toBe('42');
    expect(en(12_345_678n, 8)).toBe('0.123457');
  });

  it('decimal strings round-trip', () => {
    expect(parseDecimal('9066.108938801491315813')).toEqual({ raw: 9_066_108_938_801_491_315_813n, decimals: 18 });
    expect(formatDecimalAmount('0.000000000000000001').text.en).toBe('< 0.000001');
    expect(formatDecimalAmount('1.5').exact).toBe('1.5');
    expect(formatDecimalAmount('not a number').text.en).toBe('not a number');
  });

  it('tokenAmountText in both languages', () => {
    expect(tokenAmountText(2n ** 200n, 6, 'USDC', { allowance: true })).toMatchObject({ en: 'unlimited USDC', ja: '無制限の USDC' });
    expect(tokenAmountText(1_500_000n, 6, 'USDC')).toMatchObject({ en: '1.5 USDC', ja: '1.5 USDC', exact: '1.5' });
  });
});

describe('formatNumber', () => {
  it('same rules for floats', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(9066.1089388)).toBe('9,066.11');
    expect(formatNumber(1234567.891)).toBe('1,234,568');
    expect(formatNumber(0.000123456789)).toBe('0.000123457');
    expect(formatNumber(1e-9)).toBe('< 0.000001');
    expect(formatNumber(3.4028e20)).toBe('3.403 × 10²⁰');
    expect(formatNumber(-2.5)).toBe('-2.5');
    expect(formatNumber(Number.NaN)).toBe('–');
  });
});

import { describe, expect, it } from 'vitest';
import { exactGwei, formatGwei, gasChartUnit, gasTick } from './gas';

describe('formatGwei', () => {
  it('precision follows the size', () => {
    expect(formatGwei(0n)).toBe('0 gwei');
    expect(formatGwei(123_456_789_012n)).toBe('123 gwei');
    expect(formatGwei(12_345_678_901n)).toBe('12.35 gwei');
    expect(formatGwei(523_456_789n)).toBe('0.523 gwei');
    expect(formatGwei(1_000_000n)).toBe('0.0010 gwei');
    expect(formatGwei(520_000n)).toBe('0.00052 gwei');
    expect(formatGwei(252n)).toBe('252 wei');
    expect(formatGwei('15000000000')).toBe('15.00 gwei');
    expect(formatGwei(2_000_000_000_000n)).toBe('2,000 gwei');
  });
  it('exact', () => {
    expect(exactGwei(12_345_678_901n)).toBe('12.345678901 gwei');
    expect(exactGwei(1_000_000_000n)).toBe('1 gwei');
  });
});

describe('chart axis', () => {
  it('never prints exponent notation', () => {
    for (const v of [1e-8, 2.5e-7, 0.001, 0.0125, 0.5, 1, 1.25, 12, 150, 2500]) expect(gasTick(v)).not.toMatch(/e/i);
    expect(gasTick(1e-8)).toBe('0.00000001');
    expect(gasTick(0.00025)).toBe('0.00025');
    expect(gasTick(0.0125)).toBe('0.013');
    expect(gasTick(1.25)).toBe('1.3');
    expect(gasTick(2500)).toBe('2,500');
    expect(gasTick(null)).toBe('');
  });
  it('picks wei when every fee is below 0.001 gwei', () => {
    expect(gasChartUnit(5e8)).toBe('gwei');
    expect(gasChartUnit(1e6)).toBe('gwei');
    expect(gasChartUnit(252)).toBe('wei');
  });
});

import { describe, expect, it } from 'vitest';
import { WithdrawInputError } from './errors';
import { decimalUnits, liveMarkets, type LiveMarketInput } from './live-market';

const input = (over: Partial<LiveMarketInput> = {}): LiveMarketInput => ({
  asset: { symbol: 'WETH', decimals: 18, sigmaPerHour: 0.01, amount: 100 },
  quote: { decimals: 6 },
  pools: [{ chain: 'ethereum', protocol: 'v2', reserveIn: '2000', reserveOut: '6000000', feeBps: 30 }],
  gasUnitPrice: () => 30e-9 * 3000,
  now: 1_750_000_000,
  ...over,
});

describe('liveMarkets (in-memory pools)', () => {
  it('builds an exact V2 market: mid price, constant-product quote, swap gas; no venue for an in-memory pool', async () => {
    const [m, ...rest] = await liveMarkets(undefined, input());
    expect(rest).toHaveLength(0);
    expect(m!.venue).toBeUndefined();
    expect(m!.market.midPrice).toBeCloseTo(3000, 1);
    // 10 WETH into 2000/6,000,000 at 0.3 %: 997·10·6e6 / (2000·1000 + 997·10)
    expect(m!.market.quote(10)).toBeCloseTo((9970 * 6e6) / (2_000_000 + 9970), 4);
    expect(m!.market.swapGas).toBe(130_000);
    expect(m!.market.safeSlippageBps!(10)).toBeGreaterThan(0);
  });

  it('without an amount the mid-price probe is sized from the reserve', async () => {
    const [m] = await liveMarkets(undefined, input({ asset: { symbol: 'WETH', decimals: 18, sigmaPerHour: 0.01 } }));
    expect(m!.market.midPrice).toBeCloseTo(3000, 1);
  });

  it('refuses a pool by address without a client, with a typed error', async () => {
    await expect(liveMarkets(undefined, input({ pools: [{ chain: 'ethereum', protocol: 'v3', pool: '0x0000000000000000000000000000000000000001' }] }))).rejects.toThrowError(WithdrawInputError);
  });

  it('decimalUnits is exact and rejects junk', () => {
    expect(decimalUnits('6000000.123456', 6)).toBe(6_000_000_123_456n);
    expect(decimalUnits('1.5', 18)).toBe(1_500_000_000_000_000_000n);
    expect(() => decimalUnits('-1', 6)).toThrowError(WithdrawInputError);
    expect(() => decimalUnits('1e6', 6)).toThrowError(WithdrawInputError);
  });
});

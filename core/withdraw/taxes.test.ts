import { describe, expect, it } from 'vitest';
import { parseLotsCsv, splitCsvLine } from './lots-csv';
import { allMethods, gainsToCsv, realisedGains, type Sale } from './taxes';
import { LotsCsvError } from './errors';

const CSV = `date,asset,quantity,cost,fiat
2023-01-10,ETH,2,200000,JPY
2023-06-01,ETH,1,150000,JPY
2024-02-01,ETH,1,300000,JPY
2024-05-01,eth,1,200000,jpy
`;
const sales: Sale[] = [
  { date: '2024-03-01', asset: 'ETH', quantity: 2, proceeds: 800_000, fiat: 'JPY' },
  { date: '2024-09-01', asset: 'ETH', quantity: 1, proceeds: 350_000, fiat: 'JPY' },
];

describe('lots CSV', () => {
  it('parses, normalises case, tolerates quotes, BOM, blank and comment lines', () => {
    const lots = parseLotsCsv('\uFEFFfiat,asset,date,cost,quantity,note\n# comment\n"JPY",ETH,2024-01-02T09:00:00+09:00,"1000.5",0.5,"a, b"\n\n');
    expect(lots).toEqual([{ date: '2024-01-02', asset: 'ETH', quantity: 0.5, cost: 1000.5, fiat: 'JPY', line: 3 }]);
    expect(splitCsvLine('a,"b ""c""",d')).toEqual(['a', 'b "c"', 'd']);
  });
  it('reports every bad line with its number and reason', () => {
    const text = 'date,asset,quantity,cost,fiat\n2024-02-30,ETH,1,1,JPY\n2024-01-01,,1,1,JPY\n2024-01-01,ETH,-1,1,JPY\n2024-01-01,ETH,1,1e3,JPY\n2024-01-01,ETH,1,1,円\n2024-01-01,ETH,1,1,JPY\n';
    try {
      parseLotsCsv(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LotsCsvError);
      const err = e as LotsCsvError;
      expect(err.name).toBe('LotsCsvError');
      expect(err.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6]);
      expect(err.problems[0]!.message).toMatch(/date/);
      expect(err.problems[3]!.message).toMatch(/cost/);
      expect(err.problems[4]!.message).toMatch(/fiat/);
    }
    expect(() => parseLotsCsv('date,asset,qty\n')).toThrowError(/lacks quantity, cost, fiat/);
  });
});

describe('realised gains (hand-computed)', () => {
  const lots = parseLotsCsv(CSV);
  it('FIFO: 2 @ 100k, then 1 @ 150k → gain 600k + 200k', () => {
    const r = realisedGains('fifo', lots, sales);
    expect(r.sales.map((s) => s.gain)).toEqual([600_000, 200_000]);
    expect(r.remaining).toEqual([{ asset: 'ETH', quantity: 2, cost: 500_000 }]);
  });
  it('HIFO: 300k + 150k, then the 200k lot bought in May → gain 350k + 150k', () => {
    const r = realisedGains('hifo', lots, sales);
    expect(r.sales.map((s) => s.cost)).toEqual([450_000, 200_000]);
    expect(r.totals.gain).toBe(500_000);
  });
  it('moving average (移動平均法): avg 162,500 then 175,000 → gain 475k + 175k', () => {
    const r = realisedGains('moving-average', lots, sales);
    expect(r.sales[0]!.cost).toBeCloseTo(325_000, 6);
    expect(r.sales[1]!.cost).toBeCloseTo(175_000, 6);
    expect(r.totals.gain).toBeCloseTo(650_000, 6);
  });
  it('total average (総平均法): 2024 average = (350k opening + 500k bought) / 5 = 170k → gain 460k + 180k', () => {
    const r = realisedGains('total-average', lots, sales);
    expect(r.sales.map((s) => s.cost)).toEqual([340_000, 170_000]);
    expect(r.totals.gain).toBe(640_000);
    expect(r.remaining[0]).toEqual({ asset: 'ETH', quantity: 2, cost: 340_000 });
  });
  it('refuses sales beyond the lots, and mixed currencies', () => {
    const big: Sale[] = [{ date: '2023-02-01', asset: 'ETH', quantity: 3, proceeds: 1, fiat: 'JPY' }];
    for (const m of ['fifo', 'hifo', 'moving-average', 'total-average'] as const) {
      expect(() => realisedGains(m, lots, big)).toThrowError(expect.objectContaining({ name: 'InsufficientLotsError' }));
    }
    expect(() => realisedGains('fifo', lots, [{ ...sales[0]!, fiat: 'USD' }])).toThrowError(expect.objectContaining({ name: 'WithdrawInputError' }));
  });
  it('exports CSV, one row per method and sale', () => {
    const csv = gainsToCsv(allMethods(lots, sales));
    const rows = csv.trim().split('\n');
    expect(rows[0]).toBe('method,date,asset,quantity,proceeds,cost,gain,fiat');
    expect(rows).toHaveLength(1 + 4 * 2);
    expect(rows).toContain('total-average,2024-03-01,ETH,2,800000,340000,460000,JPY');
    expect(rows).toContain('moving-average,2024-09-01,ETH,1,350000,175000,175000,JPY');
  });
});

/**
 * Realised gain of the plan's sales against imported buy lots, under four cost methods:
 * - fifo: the oldest lots are sold first;
 * - hifo: the lots with the highest unit cost are sold first (among lots bought by the sale date);
 * - moving-average (移動平均法): the average cost is recomputed after every purchase;
 * - total-average (総平均法): one average per calendar year = (opening balance cost + that year's
 *   purchases) / (opening quantity + purchases), applied to every sale of the year; the year closes
 *   at that average and opens the next. Japan's default method for crypto-assets held by individuals.
 * Same-day purchases count before same-day sales. Amounts are in the lots' fiat currency.
 */
import { InsufficientLotsError, WithdrawInputError } from './errors';
import { csvField, csvNumber, type Lot } from './lots-csv';

export type CostMethod = 'fifo' | 'hifo' | 'moving-average' | 'total-average';
export const COST_METHODS: readonly CostMethod[] = ['fifo', 'hifo', 'moving-average', 'total-average'];

export interface Sale {
  date: string;
  asset: string;
  quantity: number;
  /** Fiat received (after the sale's own costs). */
  proceeds: number;
  fiat: string;
}

export interface SaleGain extends Sale {
  cost: number;
  gain: number;
}

export interface TaxResult {
  method: CostMethod;
  fiat: string;
  sales: SaleGain[];
  totals: { proceeds: number; cost: number; gain: number };
  /** What is left per asset after the sales, at the method's cost basis. */
  remaining: { asset: string; quantity: number; cost: number }[];
}

const EPS = 1e-9;

interface Open {
  lot: Lot;
  left: number;
}

function consumeLots(open: Open[], sale: Sale, pick: (a: Open, b: Open) => number): number {
  let need = sale.quantity;
  let cost = 0;
  const avail = open.filter((o) => o.left > EPS && o.lot.date <= sale.date).sort(pick);
  for (const o of avail) {
    if (need <= EPS) break;
    const take = Math.min(o.left, need);
    cost += (o.lot.cost / o.lot.quantity) * take;
    o.left -= take;
    need -= take;
  }
  if (need > EPS * Math.max(1, sale.quantity)) throw new InsufficientLotsError(`${sale.asset}: the sale of ${sale.quantity} on ${sale.date} exceeds the lots bought by then by ${need}`);
  return cost;
}

function byAsset<T extends { asset: string }>(xs: readonly T[], asset: string): T[] {
  return xs.filter((x) => x.asset === asset);
}

function gainsFor(method: CostMethod, lots: readonly Lot[], sales: readonly Sale[]): { costs: number[]; remaining: { quantity: number; cost: number } } {
  const order = (a: { date: string }, b: { date: string }) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  const saleIdx = sales.map((s, i) => ({ s, i })).sort((a, b) => order(a.s, b.s));
  const costs = new Array<number>(sales.length).fill(0);
  if (method === 'fifo' || method === 'hifo') {
    const open = [...lots].sort(order).map((lot) => ({ lot, left: lot.quantity }));
    const pick = method === 'fifo'
      ? (a: Open, b: Open) => order(a.lot, b.lot)
      : (a: Open, b: Open) => b.lot.cost / b.lot.quantity - a.lot.cost / a.lot.quantity || order(a.lot, b.lot);
    for (const { s, i } of saleIdx) costs[i] = consumeLots(open, s, pick);
    return { costs, remaining: { quantity: open.reduce((q, o) => q + o.left, 0), cost: open.reduce((c, o) => c + (o.lot.cost / o.lot.quantity) * o.left, 0) } };
  }
  // event stream: purchases before sales on the same day
  type Ev = { date: string; buy?: Lot; sale?: { s: Sale; i: number } };
  const evs: Ev[] = [...lots.map((l): Ev => ({ date: l.date, buy: l })), ...saleIdx.map((x): Ev => ({ date: x.s.date, sale: x }))].sort((a, b) => order(a, b) || (a.buy ? -1 : 0) - (b.buy ? -1 : 0));
  let qty = 0;
  let cost = 0;
  const needs = (s: Sale) => {
    if (s.quantity > qty + EPS * Math.max(1, s.quantity)) throw new InsufficientLotsError(`${s.asset}: the sale of ${s.quantity} on ${s.date} exceeds the ${qty} held by then`);
  };
  if (method === 'moving-average') {
    for (const e of evs) {
      if (e.buy) {
        qty += e.buy.quantity;
        cost += e.buy.cost;
      } else if (e.sale) {
        needs(e.sale.s);
        const c = qty > 0 ? (cost / qty) * e.sale.s.quantity : 0;
        costs[e.sale.i] = c;
        cost -= c;
        qty -= e.sale.s.quantity;
      }
    }
    return { costs, remaining: { quantity: qty, cost } };
  }
  // total average, year by year
  const years = [...new Set(evs.map((e) => e.date.slice(0, 4)))].sort();
  for (const y of years) {
    const inYear = evs.filter((e) => e.date.startsWith(y));
    const buysQty = inYear.reduce((q, e) => q + (e.buy?.quantity ?? 0), 0);
    const buysCost = inYear.reduce((c, e) => c + (e.buy?.cost ?? 0), 0);
    const avg = qty + buysQty > 0 ? (cost + buysCost) / (qty + buysQty) : 0;
    let held = qty;
    for (const e of inYear) {
      if (e.buy) held += e.buy.quantity;
      else if (e.sale) {
        if (e.sale.s.quantity > held + EPS * Math.max(1, e.sale.s.quantity)) throw new InsufficientLotsError(`${e.sale.s.asset}: the sale of ${e.sale.s.quantity} on ${e.sale.s.date} exceeds the ${held} held by then`);
        costs[e.sale.i] = avg * e.sale.s.quantity;
        held -= e.sale.s.quantity;
      }
    }
    qty = held;
    cost = avg * held;
  }
  return { costs, remaining: { quantity: qty, cost } };
}

export function realisedGains(method: CostMethod, lots: readonly Lot[], sales: readonly Sale[]): TaxResult {
  const fiats = new Set([...lots.map((l) => l.fiat), ...sales.map((s) => s.fiat)]);
  if (fiats.size > 1) throw new WithdrawInputError(`lots and sales mix currencies (${[...fiats].join(', ')}); convert them to one fiat first`);
  const fiat = [...fiats][0] ?? 'USD';
  const out: SaleGain[] = sales.map((s) => ({ ...s, cost: 0, gain: 0 }));
  const remaining: TaxResult['remaining'] = [];
  for (const asset of [...new Set([...lots.map((l) => l.asset), ...sales.map((s) => s.asset)])].sort()) {
    const assetSales = sales.map((s, i) => ({ s, i })).filter((x) => x.s.asset === asset);
    const r = gainsFor(method, byAsset(lots, asset), assetSales.map((x) => x.s));
    assetSales.forEach((x, k) => {
      const o = out[x.i]!;
      o.cost = r.costs[k]!;
      o.gain = o.proceeds - o.cost;
    });
    remaining.push({ asset, quantity: r.remaining.quantity, cost: r.remaining.cost });
  }
  const totals = out.reduce((t, s) => ({ proceeds: t.proceeds + s.proceeds, cost: t.cost + s.cost, gain: t.gain + s.gain }), { proceeds: 0, cost: 0, gain: 0 });
  return { method, fiat, sales: out, totals, remaining };
}

export function allMethods(lots: readonly Lot[], sales: readonly Sale[]): TaxResult[] {
  return COST_METHODS.map((m) => realisedGains(m, lots, sales));
}

/** One row per sale and method: method,date,asset,quantity,proceeds,cost,gain,fiat. */
export function gainsToCsv(results: readonly TaxResult[]): string {
  const rows = ['method,date,asset,quantity,proceeds,cost,gain,fiat'];
  for (const r of results) {
    for (const s of r.sales) rows.push([r.method, s.date, csvField(s.asset), csvNumber(s.quantity), csvNumber(s.proceeds), csvNumber(s.cost), csvNumber(s.gain), r.fiat].join(','));
  }
  return rows.join('\n') + '\n';
}

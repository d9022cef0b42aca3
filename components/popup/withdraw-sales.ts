import type { Sale } from '@/core/withdraw/taxes';
import type { PlanRecord } from '@/core/store/plan-steps';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The plan's swaps as taxable sales: confirmed swaps at their realised output and confirmation day,
 * pending ones at their planned output and due day; skipped and failed swaps are not sales.
 * `fiatPerQuote` converts the quote token (a stablecoin) into the lots' fiat.
 */
export function planSales(record: PlanRecord, fiat: string, fiatPerQuote: number): Sale[] {
  const out: Sale[] = [];
  for (const p of record.plan.steps) {
    if (p.kind !== 'swap') continue;
    const s = record.steps.find((x) => x.id === p.id);
    if (s?.status === 'skipped' || s?.status === 'failed') continue;
    const done = s?.status === 'confirmed' && s.realisedOut !== undefined;
    const quote = done ? s.realisedOut! : p.expectedOut ?? 0;
    out.push({
      date: done && s.confirmedAt ? day(s.confirmedAt) : day(p.dueAt * 1000),
      asset: p.asset,
      quantity: p.amountIn,
      proceeds: quote * fiatPerQuote,
      fiat,
    });
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import { planSales } from '../../components/popup/withdraw-sales';
import type { PlanRecord } from '../../core/store/plan-steps';
import type { PlanStep } from '../../core/withdraw/plan-types';

const step = (id: string, kind: PlanStep['kind'], dueAt: number, amountIn: number, expectedOut?: number): PlanStep => ({
  id, asset: 'WETH', kind, chain: 'ethereum', dueAt, amountIn, amountInBase: '0', status: 'pending', ...(expectedOut !== undefined ? { expectedOut } : {}),
});

describe('planSales (the plan\'s swaps as taxable sales)', () => {
  const record = {
    plan: { steps: [step('a', 'approve', 0, 3), step('s1', 'swap', 1_767_225_600, 1, 3000), step('s2', 'swap', 1_767_312_000, 1, 2900), step('s3', 'swap', 1_767_398_400, 1, 2800), step('t', 'transfer', 0, 8000)] },
    steps: [
      { id: 'a', status: 'confirmed' },
      { id: 's1', status: 'confirmed', realisedOut: 3010, confirmedAt: Date.UTC(2025, 11, 30, 12) },
      { id: 's2', status: 'skipped' },
      { id: 's3', status: 'pending' },
      { id: 't', status: 'pending' },
    ],
  } as unknown as PlanRecord;

  it('confirmed swaps at their realised output and day, pending at the plan, skipped left out; fiat rate applied', () => {
    expect(planSales(record, 'JPY', 150)).toEqual([
      { date: '2025-12-30', asset: 'WETH', quantity: 1, proceeds: 3010 * 150, fiat: 'JPY' },
      { date: '2026-01-03', asset: 'WETH', quantity: 1, proceeds: 2800 * 150, fiat: 'JPY' },
    ]);
  });
});

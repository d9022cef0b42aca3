import { describe, expect, it } from 'vitest';
import { exposuresOf, monteCarloRisk, parametricRisk, stressScenarios } from './risk';
import type { Slice } from './schedule';

const slice = (atHour: number, amountIn: number, remainingAfter: number, expectedOut: number): Slice => ({
  index: 0, atHour, amountIn, expectedOut, minOut: expectedOut, slippageBps: 0, impactCost: 0, gasCost: 0, remainingAfter,
});

describe('VaR and expected shortfall', () => {
  const schedule = { slices: [slice(2, 40, 60, 120_000), slice(6, 30, 30, 90_000), slice(10, 30, 0, 90_000)], endHour: 10 };
  const exposures = exposuresOf(100, schedule);

  it('exposures: the whole position until the first slice, then the rest', () => {
    expect(exposures).toEqual([
      { from: 0, to: 2, units: 100 },
      { from: 2, to: 6, units: 60 },
      { from: 6, to: 10, units: 30 },
    ]);
  });

  it('parametric by hand: sd = P·σ·√Σh²Δt', () => {
    const r = parametricRisk(exposures, 3000, 0.01);
    const sd = 3000 * 0.01 * Math.sqrt(100 ** 2 * 2 + 60 ** 2 * 4 + 30 ** 2 * 4);
    expect(r.sd).toBeCloseTo(sd, 9);
    expect(r.levels[0]!.valueAtRisk).toBeCloseTo(1.6448536 * sd, 3);
    expect(r.levels[1]!.expectedShortfall).toBeCloseTo((sd * Math.exp(-(2.3263479 ** 2) / 2)) / Math.sqrt(2 * Math.PI) / 0.01, 2);
  });

  it('Monte Carlo on Gaussian paths agrees with the parametric VaR and ES within 5 %', () => {
    const p = parametricRisk(exposures, 3000, 0.01);
    const m = monteCarloRisk(exposures, 3000, 0.01, { paths: 50_000, seed: 2024 });
    for (let i = 0; i < 2; i++) {
      expect(Math.abs(m.levels[i]!.valueAtRisk / p.levels[i]!.valueAtRisk - 1)).toBeLessThan(0.05);
      expect(Math.abs(m.levels[i]!.expectedShortfall / p.levels[i]!.expectedShortfall - 1)).toBeLessThan(0.05);
    }
    expect(monteCarloRisk(exposures, 3000, 0.01, { paths: 1000, seed: 5 })).toEqual(monteCarloRisk(exposures, 3000, 0.01, { paths: 1000, seed: 5 }));
  });

  it('lognormal paths: close to Gaussian for small σ, a fatter loss tail for large σ is not assumed', () => {
    const g = parametricRisk(exposures, 3000, 0.005);
    const l = monteCarloRisk(exposures, 3000, 0.005, { paths: 50_000, seed: 9, model: 'lognormal', stepsPerHour: 2 });
    expect(Math.abs(l.levels[0]!.valueAtRisk / g.levels[0]!.valueAtRisk - 1)).toBeLessThan(0.05);
  });

  it('stress: −30 % hits hardest before the first slice; depeg hits the proceeds at the end', () => {
    const s = stressScenarios(100, 3000, schedule, true);
    const crash = s.find((x) => x.id === 'crash-30-in-1h')!;
    expect(crash.worstLoss).toBeCloseTo(0.3 * 3000 * 100, 6);
    expect(crash.worstAtHour).toBe(0);
    expect(crash.profile.find(([h]) => h === 3)![1]).toBeCloseTo(0.3 * 3000 * 60, 6);
    const d = s.find((x) => x.id === 'depeg-0.5')!;
    expect(d.worstLoss).toBeCloseTo(0.5 * 300_000, 6);
    expect(stressScenarios(100, 3000, schedule, false).map((x) => x.id)).toEqual(['crash-30-in-1h']);
  });
});

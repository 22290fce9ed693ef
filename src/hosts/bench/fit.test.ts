import { describe, expect, it } from 'vitest';
import { fitLine } from './fit';
import { measureScaling } from './scaling';

describe('the least-squares line', () => {
  it('recovers an exact line with R² = 1', () => {
    const fit = fitLine([[1, 5], [3, 9], [10, 23]]);
    expect(fit.slope).toBeCloseTo(2, 12);
    expect(fit.intercept).toBeCloseTo(3, 12);
    expect(fit.r2).toBeCloseTo(1, 12);
  });

  it('gives a hand-computed fit and R² below 1 for a curve', () => {
    // y = x² on 0, 1, 2: slope 2, intercept −1/3, SS_res 2/3 of SS_tot 26/3 → R² = 12/13.
    const fit = fitLine([[0, 0], [1, 1], [2, 4]]);
    expect(fit.slope).toBeCloseTo(2, 12);
    expect(fit.intercept).toBeCloseTo(-1 / 3, 12);
    expect(fit.r2).toBeCloseTo(12 / 13, 12);
  });

  it('refuses fewer than two points or one x', () => {
    expect(() => fitLine([[1, 1]])).toThrow(/at least 2/);
    expect(() => fitLine([[1, 1], [1, 2]])).toThrow(/every x/);
  });
});

describe('the scaling measurement', () => {
  it('multiplies per-batch time by the batch count per size, and fits both variables', async () => {
    // A fake engine whose batch costs 2 ms + 1 ms per PGD step: epochs linear in size, steps linear in K.
    const rows = await measureScaling(async (o) => 2 + (o.trainPgdSteps ?? 10), 64, () => {});
    expect(rows[0].points.map((p) => p.ms)).toEqual([12 * 4, 12 * 8, 12 * 16]);
    expect(rows[0].fit.r2).toBeCloseTo(1, 12);
    expect(rows[1].fit.slope).toBeCloseTo(1, 12);
    expect(rows[1].fit.intercept).toBeCloseTo(2, 12);
  });
});

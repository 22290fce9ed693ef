import { describe, expect, it } from 'vitest';
import { learningRateAt, piecewiseMilestones } from './schedule';

const at = (lrSchedule: 'constant' | 'piecewise' | 'cosine', epochs: number) =>
  Array.from({ length: epochs }, (_, i) => learningRateAt({ learningRate: 0.1, lrSchedule }, i + 1, epochs));

describe('learning-rate schedules', () => {
  it('constant keeps the base rate', () => {
    expect(at('constant', 4)).toEqual([0.1, 0.1, 0.1, 0.1]);
  });

  it('piecewise is the paper’s ×0.1 after epochs 80 and 100 of 120', () => {
    expect(piecewiseMilestones(120)).toEqual([80, 100]);
    const lr = at('piecewise', 120);
    expect(lr[79]).toBe(0.1); // epoch 80
    expect(lr[80]).toBeCloseTo(0.01, 12); // epoch 81
    expect(lr[99]).toBeCloseTo(0.01, 12); // epoch 100
    expect(lr[100]).toBeCloseTo(0.001, 12); // epoch 101
  });

  it('piecewise scales the milestones to the run length', () => {
    expect(piecewiseMilestones(12)).toEqual([8, 10]);
    expect(piecewiseMilestones(8)).toEqual([5, 7]);
    const lr = at('piecewise', 8).map((v) => +v.toPrecision(6));
    expect(lr).toEqual([0.1, 0.1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.001]);
  });

  it('cosine starts at the base rate, halves at mid-run and falls towards 0', () => {
    const lr = at('cosine', 10);
    expect(lr[0]).toBe(0.1);
    expect(lr[5]).toBeCloseTo(0.05, 12); // epoch 6: cos(π/2) = 0
    expect(lr[9]).toBeCloseTo(0.05 * (1 + Math.cos((Math.PI * 9) / 10)), 12);
    for (let i = 1; i < lr.length; i++) expect(lr[i]).toBeLessThan(lr[i - 1]);
  });
});

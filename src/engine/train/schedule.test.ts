import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { piecewiseText } from '../../shared/lr-schedule';
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

  // Rounding ⅔·E and ⅚·E put both drops after epoch 3 of 4: the last epoch at 1 %, none at 10 %.
  it.each([
    [2, [1], [0.1, 0.01]],
    [3, [1, 2], [0.1, 0.01, 0.001]],
    [4, [2, 3], [0.1, 0.1, 0.01, 0.001]],
    [6, [4, 5], [0.1, 0.1, 0.1, 0.1, 0.01, 0.001]],
    [8, [5, 7], [0.1, 0.1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.001]],
  ])('piecewise at %i epochs drops after epochs %j, each stage of the schedule getting an epoch', (epochs, milestones, rates) => {
    expect(piecewiseMilestones(epochs)).toEqual(milestones);
    expect(at('piecewise', epochs).map((v) => +v.toPrecision(6))).toEqual(rates);
  });

  it('piecewise at 100 epochs keeps the plain rounding: drops after 67 and 83', () => {
    expect(piecewiseMilestones(100)).toEqual([67, 83]);
    const lr = at('piecewise', 100);
    expect(lr[66]).toBe(0.1);
    expect(lr[67]).toBeCloseTo(0.01, 12);
    expect(lr[83]).toBeCloseTo(0.001, 12);
  });

  it('a one-epoch run has no drop', () => {
    expect(piecewiseMilestones(1)).toEqual([]);
    expect(at('piecewise', 1)).toEqual([0.1]);
  });

  it('piecewise drops fall at distinct epochs inside the run, within one epoch of ⅔ and ⅚ of it from 5 epochs on', () => {
    fc.assert(fc.property(fc.integer({ min: 3, max: 400 }), (epochs) => {
      const [first, second] = piecewiseMilestones(epochs);
      expect(first).toBeGreaterThanOrEqual(1);
      expect(first).toBeLessThan(second);
      expect(second).toBeLessThan(epochs);
      if (epochs >= 5) {
        expect(Math.abs(first - (2 / 3) * epochs)).toBeLessThanOrEqual(0.5);
        expect(Math.abs(second - (5 / 6) * epochs)).toBeLessThanOrEqual(0.5);
      }
    }));
  });

  it('says where the drops fall and when rounding moved them', () => {
    expect(piecewiseText(4)).toBe('×0.1 after epochs 2 and 3 of 4 (⅔ and ⅚ of the run rounded to distinct epochs inside it)');
    expect(piecewiseText(120)).toBe('×0.1 after epochs 80 and 100 of 120 (⅔ and ⅚ of the run, as the paper’s 80 and 100 of 120)');
    expect(piecewiseText(2)).toMatch(/^×0\.1 after epoch 1 of 2 /);
    expect(piecewiseText(1)).toBe('no drop in a 1-epoch run');
  });

  it('cosine starts at the base rate, halves at mid-run and falls towards 0', () => {
    const lr = at('cosine', 10);
    expect(lr[0]).toBe(0.1);
    expect(lr[5]).toBeCloseTo(0.05, 12); // epoch 6: cos(π/2) = 0
    expect(lr[9]).toBeCloseTo(0.05 * (1 + Math.cos((Math.PI * 9) / 10)), 12);
    for (let i = 1; i < lr.length; i++) expect(lr[i]).toBeLessThan(lr[i - 1]);
  });
});

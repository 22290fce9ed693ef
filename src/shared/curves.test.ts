import { describe, expect, it } from 'vitest';
import { type ConvergenceRecord, convergenceCurves, median, robustAccuracyAt, robustnessPoints, squareCurve } from './curves';

describe('the reviewer’s curves, as plain numbers', () => {
  it('Square: success against queries steps up at each broken point’s query count; mean and median over the broken points only', () => {
    // Six points: five clean-correct (the last was wrong clean, 0 queries), four broken at 5, 1, 3, 7 queries, one stood (1000 spent).
    const curve = squareCurve([5, 1, 3, 1000, 7, 0], [1, 1, 1, 0, 1, 0], 5, 1000, 0.1);
    expect(curve.points).toEqual([[0, 0], [1, 20], [3, 40], [5, 60], [7, 80], [1000, 80]]);
    expect(curve.meanQueries).toBe(4);
    expect(curve.medianQueries).toBe(4);
    expect(curve.broken).toBe(4);
    // Equal counts make one step; nothing broken: no mean, no median.
    expect(squareCurve([2, 2, 9], [1, 1, 1], 3, 10, 0.1).points).toEqual([[0, 0], [2, (100 * 2) / 3], [9, 100], [10, 100]]);
    expect(squareCurve([10, 10], [0, 0], 2, 10, 0.1)).toMatchObject({ meanQueries: null, medianQueries: null, points: [[0, 0], [10, 0]] });
  });

  it('median: the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([7, 1, 3, 5])).toBe(4);
    expect(median([])).toBeNull();
  });

  it('a chain’s lines add the points its earlier lines broke; side-by-side lines each start from 0', () => {
    const line = (name: string, chain: boolean, broken: number[], lossSum: number[], points: number): ConvergenceRecord => ({ name, group: 'g', chain, points, broken, lossSum });
    const chained = convergenceCurves([line('CE', true, [0, 2, 3], [3, 6, 9], 10), line('T1', true, [0, 1], [7, 14], 7)], 10);
    expect(chained.map((c) => c.success)).toEqual([[0, 20, 30], [30, 40]]);
    expect(chained.map((c) => c.bestLoss)).toEqual([[0.3, 0.6, 0.9], [1, 2]]);
    const sideBySide = convergenceCurves([line('r1', false, [0, 2], [0, 0], 10), line('r2', false, [1, 1], [0, 0], 10)], 10);
    expect(sideBySide.map((c) => c.success)).toEqual([[0, 20], [10, 10]]);
  });

  it('robust accuracy at ε counts the points whose smallest breaking ε is above it (null: never broken); wrong clean ones have 0', () => {
    const minEpsilon = [0, 0.05, 0.1, 0.1, null];
    expect(robustAccuracyAt(minEpsilon, 0)).toBe(80);
    expect(robustAccuracyAt(minEpsilon, 0.05)).toBe(60);
    expect(robustAccuracyAt(minEpsilon, 0.2)).toBe(20);
    expect(robustnessPoints(minEpsilon, 0.3)).toEqual([[0, 80], [0.05, 60], [0.1, 20], [0.3, 20]]);
    const points = robustnessPoints([0.02, 0.2, 0.07, null, 0], 0.3);
    expect(points.every(([, acc], k) => k === 0 || acc <= points[k - 1][1])).toBe(true);
  });
});

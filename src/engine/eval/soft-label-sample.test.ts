import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../attacks/test-leaks';
import { makeBlobs } from '../data/blobs';
import { makeMoons } from '../data/moons';
import type { Classifier } from '../models';
import { Rng } from '../../shared/rng';
import { logitMargins, pickInspectionPoints, softLabelSample } from './soft-label-sample';

describe('logitMargins', () => {
  it('is the top logit minus the runner-up, per row (hand values, ties give 0)', () => {
    expect(Array.from(logitMargins([3, 1, 0, 0, 0, 5, 2, 2, 1], 3))).toEqual([2, 5, 0]);
  });
});

describe('pickInspectionPoints', () => {
  it('takes the smallest margins as near the boundary and the largest as far, ties to the lower row', () => {
    const margins = [5, 0.1, 3, 0.1, 9, 2];
    expect(pickInspectionPoints(margins, 4)).toEqual([
      { index: 1, nearBoundary: true }, { index: 3, nearBoundary: true },
      { index: 4, nearBoundary: false }, { index: 0, nearBoundary: false },
    ]);
    expect(pickInspectionPoints(margins, 3).map((p) => p.index)).toEqual([1, 3, 4]);
  });

  it('returns min(count, n) distinct rows, every near margin ≤ every far margin (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { maxLength: 40 }), fc.integer({ min: 0, max: 12 }), (margins, count) => {
        const picked = pickInspectionPoints(margins, count);
        expect(picked).toHaveLength(Math.min(count, margins.length));
        expect(new Set(picked.map((p) => p.index)).size).toBe(picked.length);
        const near = picked.filter((p) => p.nearBoundary).map((p) => margins[p.index]);
        const far = picked.filter((p) => !p.nearBoundary).map((p) => margins[p.index]);
        if (near.length && far.length) expect(Math.max(...near)).toBeLessThanOrEqual(Math.min(...far));
      }),
    );
  });
});

describe('softLabelSample', () => {
  expectNoTensorLeaks();
  const blobs = makeBlobs(new Rng(3), { classes: 3, std: 0.1, trainSize: 16, testSize: 700 });
  // A linear "teacher" with logits by hand: q = [x0, x1, −x0 − x1] · 4.
  const w = [[4, 0, -4], [0, 4, -4]];
  const hand = (x0: number, x1: number) => [4 * x0, 4 * x1, -4 * x0 - 4 * x1];

  it('sends the teacher’s logits, the label, the input and the oracle of each chosen point (over two chunks)', async () => {
    const weights = tf.tensor2d(w);
    const teacher: Classifier = (x) => tf.matMul(x as tf.Tensor2D, weights);
    const sample = await softLabelSample(teacher, blobs, 6);
    weights.dispose();
    expect(sample.points).toHaveLength(6);
    expect(sample.points.map((p) => p.nearBoundary)).toEqual([true, true, true, false, false, false]);
    for (const p of sample.points) {
      const [x0, x1] = [blobs.test.x[2 * p.index], blobs.test.x[2 * p.index + 1]];
      expect(p.input?.[0]).toBeCloseTo(x0, 6);
      expect(p.input?.[1]).toBeCloseTo(x1, 6);
      hand(x0, x1).forEach((v, c) => expect(p.teacherLogits[c]).toBeCloseTo(v, 4));
      expect(p.label).toBe(blobs.test.y[p.index]);
      Array.from(blobs.oracle!(new Float32Array([x0, x1]), 1)).forEach((v, c) => expect(p.oracle?.[c]).toBeCloseTo(v, 6));
    }
    // Over the whole split (700 rows, more than one chunk), the near points have the smallest margins.
    const all = Array.from({ length: blobs.test.n }, (_, i) => {
      const q = hand(blobs.test.x[2 * i], blobs.test.x[2 * i + 1]).sort((a, b) => b - a);
      return q[0] - q[1];
    }).sort((a, b) => a - b);
    expect(sample.points[0].margin).toBeCloseTo(all[0], 4);
    expect(sample.points[3].margin).toBeCloseTo(all.at(-1)!, 4);
  });

  it('leaves the oracle out for a data set that has none', async () => {
    const moons = makeMoons(new Rng(1), { noise: 0.05, trainSize: 8, testSize: 20 });
    const teacher: Classifier = (x) => tf.tidy(() => tf.concat([x, tf.neg(x)], 1).slice([0, 0], [-1, 2]) as tf.Tensor2D);
    const sample = await softLabelSample(teacher, moons, 4);
    expect(sample.points).toHaveLength(4);
    expect(sample.points.every((p) => p.oracle === undefined && p.teacherLogits.length === 2)).toBe(true);
  });
});

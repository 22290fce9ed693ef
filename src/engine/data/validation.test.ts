import { describe, expect, it } from 'vitest';
import { Rng } from '../../shared/rng';
import { holdOutValidation } from './validation';

/** 20 two-dimensional points whose coordinates name them: point i is (i, −i), label i mod 3. */
const dataset = {
  inputShape: [2],
  train: { x: Float32Array.from({ length: 40 }, (_, k) => (k % 2 === 0 ? k / 2 : -(k - 1) / 2)), y: Int32Array.from({ length: 20 }, (_, i) => i % 3), n: 20 },
};
const ids = (split: { x: Float32Array; n: number }) => Array.from({ length: split.n }, (_, i) => split.x[2 * i]);

describe('holdOutValidation', () => {
  it('holds out 10 % of the training points, disjoint from the rest, each point kept whole with its label', () => {
    const { train, validation } = holdOutValidation(dataset, new Rng(7));
    expect([train.n, validation.n]).toEqual([18, 2]);
    const all = [...ids(train), ...ids(validation)].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 20 }, (_, i) => i));
    for (const split of [train, validation]) {
      ids(split).forEach((id, i) => {
        expect(split.x[2 * i + 1]).toBe(-id);
        expect(split.y[i]).toBe(id % 3);
      });
    }
    // Original order within each part.
    expect(ids(train)).toEqual([...ids(train)].sort((a, b) => a - b));
  });

  it('is seeded: the same seed holds out the same points, another seed others', () => {
    const a = ids(holdOutValidation(dataset, new Rng(7), 0.25).validation);
    expect(ids(holdOutValidation(dataset, new Rng(7), 0.25).validation)).toEqual(a);
    expect(ids(holdOutValidation(dataset, new Rng(8), 0.25).validation)).not.toEqual(a);
  });

  it('keeps at least one point on each side', () => {
    const tiny = { inputShape: [2], train: { x: new Float32Array(4), y: new Int32Array(2), n: 2 } };
    expect([holdOutValidation(tiny, new Rng(1), 0.01).validation.n, holdOutValidation(tiny, new Rng(1), 0.99).train.n]).toEqual([1, 1]);
    expect(() => holdOutValidation({ inputShape: [2], train: { x: new Float32Array(2), y: new Int32Array(1), n: 1 } }, new Rng(1))).toThrow(/at least 2/);
  });
});

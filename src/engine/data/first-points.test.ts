import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { firstTestPoints, firstTestTensors } from './first-points';

const dataset = {
  inputShape: [2],
  train: { x: Float32Array.from([0, 0.1, 0.2, 0.3]), y: Int32Array.from([1, 0]), n: 2 },
  test: { x: Float32Array.from([0.5, 0.6, 0.7, 0.8, 0.9, 1]), y: Int32Array.from([2, 1, 0]), n: 3 },
};

describe('the first N test points', () => {
  it('takes the first rows of the test split as views, and all of them when N is larger', () => {
    const two = firstTestPoints(dataset, 2);
    expect([Array.from(two.x), Array.from(two.y), two.n]).toEqual([[0.5, 0.6, 0.7, 0.8].map((v) => Math.fround(v)), [2, 1], 2]);
    expect(two.x.buffer).toBe(dataset.test.x.buffer);
    expect(firstTestPoints(dataset, 10).n).toBe(3);
    expect(firstTestPoints(dataset, 1, 'train').y).toEqual(Int32Array.from([1]));
  });

  it('gives the same points as tensors shaped like the inputs', async () => {
    const { x, y, n } = firstTestTensors(dataset, 2);
    expect([x.shape, y.shape, n]).toEqual([[2, 2], [2], 2]);
    expect(Array.from(await y.data())).toEqual([2, 1]);
    tf.dispose([x, y]);
  });
});

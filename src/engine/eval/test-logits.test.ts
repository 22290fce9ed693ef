import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../attacks/test-leaks';
import { makeBlobs } from '../data/blobs';
import { makeMoons } from '../data/moons';
import type { Classifier } from '../models';
import { Rng } from '../../shared/rng';
import { teacherCalibration } from '../../shared/theory/calibration';
import { teacherOutputs, testLogits } from './test-logits';

describe('testLogits and teacherOutputs', () => {
  expectNoTensorLeaks();
  // 700 test rows: two chunks of 512 and 188.
  const blobs = makeBlobs(new Rng(3), { classes: 3, std: 0.1, trainSize: 16, testSize: 700 });
  // A linear "teacher" with logits by hand: q = [4·x0, 4·x1, −4·x0 − 4·x1].
  const linear = (weights: tf.Tensor2D): Classifier => (x) => tf.matMul(x as tf.Tensor2D, weights);

  it('returns the model’s logits on every test row, in order, across chunks', async () => {
    const w = tf.tensor2d([[4, 0, -4], [0, 4, -4]]);
    const logits = await testLogits(linear(w), blobs);
    w.dispose();
    expect(logits).toHaveLength(700 * 3);
    for (const i of [0, 511, 512, 699]) {
      const [x0, x1] = [blobs.test.x[2 * i], blobs.test.x[2 * i + 1]];
      [4 * x0, 4 * x1, -4 * x0 - 4 * x1].forEach((v, c) => expect(logits[i * 3 + c]).toBeCloseTo(v, 4));
    }
  });

  it('bundles the labels and the blobs oracle for the same rows, ready for teacherCalibration', async () => {
    const w = tf.tensor2d([[4, 0, -4], [0, 4, -4]]);
    const outputs = await teacherOutputs(linear(w), blobs);
    w.dispose();
    expect(outputs.classes).toBe(3);
    expect(outputs.labels).toBe(blobs.test.y);
    const row = blobs.test.x.subarray(2 * 600, 2 * 601);
    Array.from(blobs.oracle!(row, 1)).forEach((v, c) => expect(outputs.oracle?.[600 * 3 + c]).toBeCloseTo(v, 6));
    const calibration = teacherCalibration(outputs, [1, 5]);
    expect(calibration.reliability.n).toBe(700);
    expect(Number.isFinite(calibration.softLabels[1].discrepancy)).toBe(true);
  });

  it('leaves the oracle out for a data set without one, and frees the chunk when the model throws', async () => {
    const moons = makeMoons(new Rng(1), { noise: 0.05, trainSize: 8, testSize: 20 });
    const outputs = await teacherOutputs((x) => tf.tidy(() => tf.mul(x, 2)), moons);
    expect(outputs.oracle).toBeUndefined();
    expect(outputs.logits).toHaveLength(40);
    const broken: Classifier = () => { throw new Error('device lost'); };
    await expect(testLogits(broken, moons)).rejects.toThrow('device lost');
  });
});

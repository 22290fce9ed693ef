import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { apgd } from './apgd';
import { inChunks } from './chunked';
import { pgd } from './pgd';
import { expectNoTensorLeaks } from './test-leaks';
import { randomMlp } from './test-models';
import { LossTrace } from './trace';

describe('the loss trace of an attack', () => {
  expectNoTensorLeaks();

  it('averages each iteration’s best loss over the points left standing: a hand-made three-step history', async () => {
    const trace = new LossTrace();
    const history = [tf.tensor1d([1, 2, 3]), tf.tensor1d([1, 4, 5]), tf.tensor1d([9, 4, 6])];
    const stood = tf.tensor1d([0, 1, 1], 'bool');
    await trace.add(history, stood);
    // Points 1 and 2 stood: means (2+3)/2, (4+5)/2, (4+6)/2.
    expect(trace.mean()).toEqual([2.5, 4.5, 5]);
    expect(trace.points).toBe(2);
    tf.dispose([...history, stood]);
  });

  it('PGD records the start, every step and the last iterate of each restart, never falling, and chunks add up', async () => {
    const mlp = randomMlp(2, 2, 12, 3, 4);
    const x = tf.randomUniform([40, 2], 0, 1, 'float32', 3);
    const y = tf.tidy(() => tf.argMax(mlp.model(x), -1) as tf.Tensor1D);
    const trace = new LossTrace();
    const result = await inChunks(pgd, mlp.model, x, y, { epsilon: 0.05, steps: 6, restarts: 2, seed: 1, trace }, 16);
    const standing = Array.from(result.advCorrect).filter(Boolean).length;
    expect(trace.points).toBe(standing);
    const mean = trace.mean();
    expect(mean).toHaveLength(1 + 2 * 7);
    mean.slice(1).forEach((m, k) => expect(m).toBeGreaterThanOrEqual(mean[k] - 1e-6));
    result.xAdv.dispose();
    [x, y].forEach((t) => t.dispose());
    mlp.dispose();
  });

  it('APGD records its first restart: the start and each iteration', async () => {
    const mlp = randomMlp(4, 2, 12, 3, 4);
    const x = tf.randomUniform([24, 2], 0, 1, 'float32', 5);
    const y = tf.tidy(() => tf.argMax(mlp.model(x), -1) as tf.Tensor1D);
    const trace = new LossTrace();
    const result = await apgd(mlp.model, x, y, { epsilon: 0.05, steps: 8, restarts: 2, seed: 1, trace });
    expect(trace.mean()).toHaveLength(9);
    expect(trace.points).toBeGreaterThanOrEqual(Array.from(result.advCorrect).filter(Boolean).length);
    result.xAdv.dispose();
    [x, y].forEach((t) => t.dispose());
    mlp.dispose();
  });
});

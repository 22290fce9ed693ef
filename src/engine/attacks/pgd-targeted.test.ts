import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../shared/rng';
import { softmax } from '../../shared/softmax';
import { leastLikely, targetMargin, targetedPgd } from './pgd-targeted';
import { expectNoTensorLeaks } from './test-leaks';
import { linearModel, randomMlp } from './test-models';

describe('leastLikely', () => {
  it('picks the arg-min of each row of clean logits (hand values)', () => {
    expect([...leastLikely([3, -1, 2, 0, 5, 4, 7, 8, -2], 3)]).toEqual([1, 0, 2]);
  });
});

describe('targetedPgd', () => {
  expectNoTensorLeaks();

  it('the target margin is z_t − max of the other logits (hand values)', async () => {
    const margin = tf.tidy(() => targetMargin(tf.tensor2d([[1, 4, 2], [5, 0, 3]]), tf.tensor1d([2, 0], 'int32')));
    expect([...(await margin.data())]).toEqual([2 - 4, 5 - 3]);
    margin.dispose();
  });

  // z0 = 4·x0 − 2, z1 = −4·x0 + 2: class 1 iff x0 < 0.5; the target margin of class 1 is 4 − 8·x0.
  const line = () => linearModel([[4, -4], [0, 0]], [-2, 2]);

  it('reaches the target when it lies within ε, and otherwise moves as far towards it as the ball allows', async () => {
    const { model, dispose } = line();
    const x = tf.tensor2d([[0.55, 0.5], [0.9, 0.5]]);
    const target = tf.tensor1d([1, 1], 'int32');
    const result = await targetedPgd(model, x, target, { epsilon: 0.1, steps: 10, seed: 3 });
    expect([...result.reached]).toEqual([1, 0]);
    expect(result.cleanMargin[1]).toBeCloseTo(4 - 8 * 0.9, 5);
    // The best x0 in the ball is 0.8: margin 4 − 6.4 (signed steps of 0.025 reach the ball's edge).
    expect(result.margin[1]).toBeCloseTo(4 - 8 * 0.8, 4);
    tf.dispose([x, target, result.xAdv]);
    dispose();
  });

  it('on a random 10-class MLP: stays in the ε-ball ∩ [0, 1], never lowers the target margin, and raises the target’s probability', async () => {
    const { model, dispose } = randomMlp(7, 12, 16, 10, 3);
    const rng = new Rng(11);
    const n = 24;
    const clean = Float32Array.from({ length: n * 12 }, () => rng.next());
    const x = tf.tensor2d(clean, [n, 12]);
    const cleanLogits = tf.tidy(() => model(x));
    const logits = (await cleanLogits.data()) as Float32Array;
    cleanLogits.dispose();
    const targets = leastLikely(logits, 10);
    const target = tf.tensor1d(targets, 'int32');
    const epsilon = 0.1;
    const result = await targetedPgd(model, x, target, { epsilon, steps: 10, seed: 5 });
    const adv = (await result.xAdv.data()) as Float32Array;
    for (let i = 0; i < adv.length; i++) {
      expect(Math.abs(adv[i] - clean[i])).toBeLessThanOrEqual(epsilon + 1e-6);
      expect(adv[i]).toBeGreaterThanOrEqual(0);
      expect(adv[i]).toBeLessThanOrEqual(1);
    }
    const advLogitsT = tf.tidy(() => model(result.xAdv));
    const advLogits = (await advLogitsT.data()) as Float32Array;
    advLogitsT.dispose();
    let raised = 0;
    for (let i = 0; i < n; i++) {
      expect(result.margin[i]).toBeGreaterThanOrEqual(result.cleanMargin[i] - 1e-5);
      const before = softmax([...logits.slice(i * 10, (i + 1) * 10)])[targets[i]];
      const after = softmax([...advLogits.slice(i * 10, (i + 1) * 10)])[targets[i]];
      if (after > before) raised++;
      // Reached means predicted = target on the returned input.
      const predicted = advLogits.slice(i * 10, (i + 1) * 10).reduce((best, v, c, row) => (v > row[best] ? c : best), 0);
      expect(result.reached[i]).toBe(predicted === targets[i] ? 1 : 0);
    }
    expect(raised).toBe(n); // every least-likely class gains probability
    tf.dispose([x, target, result.xAdv]);
    dispose();
  });

  it('refuses a bad ε, steps or target count, naming the parameter', async () => {
    const { model, dispose } = line();
    const x = tf.tensor2d([[0.5, 0.5]]);
    const target = tf.tensor1d([1, 0], 'int32');
    await expect(targetedPgd(model, x, target, { epsilon: 0.1, steps: 2, seed: 1 })).rejects.toThrow(/target has 2 classes for 1 inputs/);
    await expect(targetedPgd(model, x, target, { epsilon: -1, steps: 2, seed: 1 })).rejects.toThrow(/epsilon/);
    await expect(targetedPgd(model, x, target, { epsilon: 0.1, steps: 0, seed: 1 })).rejects.toThrow(/steps/);
    tf.dispose([x, target]);
    dispose();
  });
});

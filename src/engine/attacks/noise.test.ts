import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { noise } from './noise';
import { expectNoTensorLeaks } from './test-leaks';
import { linearModel } from './test-models';

describe('noise', () => {
  expectNoTensorLeaks();

  it('lands on corners of the ε-box, and breaks exactly the points one of its corners breaks', async () => {
    // z₀ − z₁ = x₀ + x₁ − 1: only the corner (−ε, −ε) lowers it by 2ε; the others by 0 or raise it.
    const linear = linearModel([[1, 0], [1, 0]], [-1, 0]);
    const epsilon = 0.1;
    const x = tf.tensor2d([[0.55, 0.55], [0.7, 0.7], [0.3, 0.3]]);
    const y = tf.tensor1d([0, 0, 0], 'int32');
    // 40 draws: the chance of missing the one breaking corner is (3/4)^40 ≈ 1e-5.
    const result = await noise(linear.model, x, y, { epsilon, draws: 40, seed: 9 });
    expect(Array.from(result.cleanCorrect)).toEqual([1, 1, 0]);
    expect(Array.from(result.advCorrect)).toEqual([0, 1, 0]);
    const deltaTensor = tf.sub(result.xAdv, x);
    const delta = (await deltaTensor.array()) as number[][];
    deltaTensor.dispose();
    expect(delta[0].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([-0.1, -0.1]);
    delta[1].forEach((v) => expect(Math.abs(v)).toBeCloseTo(epsilon));
    expect(delta[2]).toEqual([0, 0]); // a clean-wrong point is left alone
    // The broken point stopped at its first breaking draw; the robust one used all 40; the wrong one none.
    expect(result.queries![0]).toBeGreaterThanOrEqual(1);
    expect(result.queries![0]).toBeLessThan(40);
    expect(Array.from(result.queries!.slice(1))).toEqual([40, 0]);
    [x, y, result.xAdv].forEach((t) => t.dispose());
    linear.dispose();
  });

  for (const failOn of [1, 3]) {
    it(`frees every tensor it made when the model fails on call ${failOn} (1: the clean check, 3: a draw)`, async () => {
      const linear = linearModel([[1, 0], [1, 0]], [-1, 0]);
      let calls = 0;
      const failing = (input: tf.Tensor) => {
        if (++calls === failOn) throw new Error('device lost');
        return linear.model(input);
      };
      const x = tf.tensor2d([[0.55, 0.55], [0.7, 0.7]]);
      const y = tf.tensor1d([0, 0], 'int32');
      await expect(noise(failing, x, y, { epsilon: 0.1, draws: 5, seed: 9 })).rejects.toThrow('device lost');
      expect(calls).toBe(failOn);
      [x, y].forEach((t) => t.dispose());
      linear.dispose();
    });
  }
});

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { fgsm } from './fgsm';
import { expectNoTensorLeaks } from './test-leaks';
import { linearModel } from './test-models';

describe('fgsm', () => {
  expectNoTensorLeaks();

  it('steps by ε against the sign of w_y − w_other on a linear two-class model', async () => {
    // For CE on two classes ∇ₓL ∝ −(w_y − w_other), so FGSM moves by −ε·sign(w₀ − w₁) for y = 0.
    const linear = linearModel([[1, 0], [-2, 0], [0.5, 0]], [0, 0]);
    const x = tf.tensor2d([[0.5, 0.5, 0.5], [0.05, 0.99, 0.5]]);
    const y = tf.zeros([2], 'int32') as tf.Tensor1D;
    const result = await fgsm(linear.model, x, y, { epsilon: 0.1 });
    const adv = (await result.xAdv.array()) as number[][];
    expect(adv[0][0]).toBeCloseTo(0.4);
    expect(adv[0][1]).toBeCloseTo(0.6);
    expect(adv[0][2]).toBeCloseTo(0.4);
    // Clipped to [0, 1] at the edges of the box.
    expect(adv[1][0]).toBeCloseTo(0);
    expect(adv[1][1]).toBeCloseTo(1);
    [x, y, result.xAdv].forEach((t) => t.dispose());
    linear.dispose();
  });
});

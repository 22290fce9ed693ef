import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { withWeightDecay } from './gradients';
import { weightDecayPenalty } from './optimizer';

describe('withWeightDecay', () => {
  it('gives the gradient of loss + (wd/2)·Σ‖w‖², with the loss itself returned without the penalty', async () => {
    const w = tf.variable(tf.tensor2d([[0.5, -1.5], [2, 0.25]]), true, 'gw');
    const b = tf.variable(tf.tensor1d([0.3, -0.7]), true, 'gb');
    const x = tf.tensor2d([[1, 2], [-1, 0.5], [0.2, -0.3]]);
    const loss = () => tf.mean(tf.square(tf.add(tf.matMul(x, w), b))) as tf.Scalar;
    const wd = 0.1;
    const { dataLoss, grads } = withWeightDecay(wd)([w, b], loss);
    const reference = tf.variableGrads(() => tf.add(loss(), weightDecayPenalty([w, b], wd)) as tf.Scalar, [w, b]);
    expect(await dataLoss.data()).toEqual(await loss().data());
    for (const v of [w, b]) {
      const ours = Array.from(await grads[v.name].data());
      const theirs = Array.from(await reference.grads[v.name].data());
      ours.forEach((g, i) => expect(g).toBeCloseTo(theirs[i], 5));
    }
    tf.dispose([dataLoss, grads, reference.value, reference.grads, w, b, x]);
  });

  it('leaves no tensor behind but the ones it returns', () => {
    const w = tf.variable(tf.tensor1d([1, 2]), true, 'lw');
    const before = tf.memory().numTensors;
    const { dataLoss, grads } = withWeightDecay(5e-4)([w], () => tf.sum(tf.square(w)) as tf.Scalar);
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([dataLoss, grads, w]);
  });
});

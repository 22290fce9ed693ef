import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { makeOptimizer, setLearningRate, weightDecayPenalty } from './optimizer';

/** Minimise L(w) = w (gradient 1) for one step. */
function step(optimizer: tf.Optimizer, w: tf.Variable) {
  optimizer.minimize(() => tf.sum(w) as tf.Scalar, false, [w]);
}

describe('optimisers', () => {
  it('SGD is Nesterov momentum 0.9, and a new learning rate keeps the momentum buffer', () => {
    const w = tf.variable(tf.scalar(0));
    const optimizer = makeOptimizer({ optimizer: 'sgd', learningRate: 0.1 });
    step(optimizer, w); // v = 1; w = −0.1·(1 + 0.9·1)
    expect(w.dataSync()[0]).toBeCloseTo(-0.19, 6);
    setLearningRate(optimizer, 0.01);
    expect((optimizer as unknown as { learningRate: number }).learningRate).toBe(0.01); // tfjs's protected field
    step(optimizer, w); // v = 0.9 + 1 = 1.9; w −= 0.01·(1 + 0.9·1.9); a reset buffer would give 0.019
    expect(w.dataSync()[0]).toBeCloseTo(-0.19 - 0.0271, 6);
  });

  it('Adam takes the new learning rate from the next step on (tfjs keeps it in a protected field)', () => {
    const w = tf.variable(tf.scalar(0));
    const optimizer = makeOptimizer({ optimizer: 'adam', learningRate: 0.1 });
    step(optimizer, w); // Adam's first step with a constant gradient moves by ≈ lr
    expect(w.dataSync()[0]).toBeCloseTo(-0.1, 4);
    setLearningRate(optimizer, 0.01);
    step(optimizer, w);
    expect(w.dataSync()[0]).toBeCloseTo(-0.11, 4);
  });

  it('frees every tensor it made when disposed (tfjs leaks Momentum’s −lr scalar otherwise)', () => {
    const w = tf.variable(tf.scalar(0));
    const before = tf.memory().numTensors;
    for (const kind of ['sgd', 'adam'] as const) {
      const optimizer = makeOptimizer({ optimizer: kind, learningRate: 0.1 });
      step(optimizer, w);
      setLearningRate(optimizer, 0.05);
      step(optimizer, w);
      optimizer.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('weight decay penalty is (wd/2)·Σ‖w‖², whose gradient is wd·w', () => {
    const w = tf.variable(tf.tensor1d([1, -2, 3]));
    expect(weightDecayPenalty([w], 0.1).dataSync()[0]).toBeCloseTo(0.05 * 14, 6);
    const { grads } = tf.variableGrads(() => weightDecayPenalty([w], 0.1), [w]);
    expect(Array.from(grads[w.name].dataSync()).map((v) => +v.toFixed(6))).toEqual([0.1, -0.2, 0.3]);
  });
});

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { oneHot, softCrossEntropy } from '../losses';
import { buildMlp } from '../models/mlp';
import { Rng } from '../../shared/rng';
import { awpGradients, awpPerturbation, gradientRule, isPerturbed } from './awp';
import { type GradientRule, plainGradients } from './gradients';
import { makeOptimizer } from './optimizer';

function setup() {
  const model = buildMlp({ inputShape: [2], numClasses: 3, hidden: [6, 6], rng: new Rng(11) });
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const x = tf.tensor2d([[0.1, 0.9], [0.4, 0.3], [0.8, 0.2], [0.5, 0.6]]);
  const y = oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3);
  const loss = () => softCrossEntropy(model.apply(x, { training: true }) as tf.Tensor2D, y);
  const snapshot = () => variables.map((v) => Array.from(v.dataSync()));
  const restore = (values: number[][]) => variables.forEach((v, i) => v.assign(tf.tensor(values[i], v.shape)));
  return { model, variables, loss, snapshot, restore };
}

/** One optimiser step with a rule; returns the weights after it. */
function stepWith(rule: GradientRule, s: ReturnType<typeof setup>, optimizer = makeOptimizer({ optimizer: 'sgd', learningRate: 0.1 })) {
  const { dataLoss, grads } = rule(s.variables, s.loss);
  optimizer.applyGradients(grads);
  tf.dispose([dataLoss, ...Object.values(grads)]);
  return s.snapshot();
}

describe('AWP (adversarial weight perturbation)', () => {
  it('with γ = 0 gives exactly the weights of a plain step (SGD and Adam)', () => {
    for (const kind of ['sgd', 'adam'] as const) {
      const s = setup();
      const w0 = s.snapshot();
      const plain = [stepWith(plainGradients, s, makeOptimizer({ optimizer: kind, learningRate: 0.1 }))];
      s.restore(w0);
      const awp = [stepWith(awpGradients(0), s, makeOptimizer({ optimizer: kind, learningRate: 0.1 }))];
      expect(awp).toEqual(plain);
      expect(plain[0]).not.toEqual(w0);
    }
  });

  it('restores the weights bit for bit after taking the perturbed gradient', () => {
    const s = setup();
    const w0 = s.snapshot();
    const { dataLoss, grads } = awpGradients(0.05)(s.variables, s.loss);
    tf.dispose([dataLoss, ...Object.values(grads)]);
    expect(s.snapshot()).toEqual(w0);
  });

  it('takes the gradient at w + v, where v_l = γ·‖w_l‖·g_l/‖g_l‖ on weight matrices only', () => {
    const s = setup();
    const gamma = 0.02;
    const w0 = s.snapshot();
    const perturbed = s.variables.filter(isPerturbed);
    expect(perturbed.length).toBe(3); // three kernels; the three biases stay put
    const v = awpPerturbation(perturbed, s.loss, gamma);
    const { grads: g } = tf.variableGrads(s.loss, perturbed);
    perturbed.forEach((w, i) => {
      const norm = (t: tf.Tensor) => tf.norm(t).dataSync()[0];
      expect(norm(v[i]) / norm(w)).toBeCloseTo(gamma, 5);
      const cosine = tf.sum(tf.mul(v[i], g[w.name])).dataSync()[0] / (norm(v[i]) * norm(g[w.name]));
      expect(cosine).toBeCloseTo(1, 5);
    });
    // The rule's gradients equal plain gradients evaluated by hand at w + v.
    const viaRule = awpGradients(gamma)(s.variables, s.loss);
    perturbed.forEach((w, i) => w.assign(tf.add(w, v[i])));
    const byHand = plainGradients(s.variables, s.loss);
    for (const name of Object.keys(byHand.grads)) {
      const a = Array.from(viaRule.grads[name].dataSync());
      const b = Array.from(byHand.grads[name].dataSync());
      a.forEach((value, k) => expect(value).toBeCloseTo(b[k], 6));
    }
    expect(viaRule.dataLoss.dataSync()[0]).toBeCloseTo(byHand.dataLoss.dataSync()[0], 6);
    // …and differ from the gradients at w (so the test above can fail).
    s.restore(w0);
    const atW = plainGradients(s.variables, s.loss);
    const kernel = perturbed[0].name;
    expect(Array.from(atW.grads[kernel].dataSync())).not.toEqual(Array.from(viaRule.grads[kernel].dataSync()));
  });

  it('leaks no tensors', () => {
    const s = setup();
    const optimizer = makeOptimizer({ optimizer: 'sgd', learningRate: 0.1 });
    stepWith(awpGradients(5e-3), s, optimizer);
    const before = tf.memory().numTensors;
    stepWith(awpGradients(5e-3), s, optimizer);
    stepWith(awpGradients(5e-3), s, optimizer);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is the student rule only when switched on, and only after its warm-up epochs', () => {
    expect(gradientRule({ awp: 'off', awpGamma: 5e-3, awpWarmup: 0, method: 'ltd' })).toBe(plainGradients);
    expect(gradientRule({ awp: 'on', awpGamma: 5e-3, awpWarmup: 0, method: 'ltd' })).not.toBe(plainGradients);
    const warm = { awp: 'on', awpGamma: 5e-3, awpWarmup: 2, method: 'trades' } as const;
    expect([1, 2, 3].map((epoch) => gradientRule(warm, epoch) === plainGradients)).toEqual([true, true, false]);
  });
});

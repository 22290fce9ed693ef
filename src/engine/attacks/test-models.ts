/**
 * Small hand-built classifiers for attack and detector tests: random MLPs with a chosen
 * logit scale, exact linear models, and a wrapper whose gradient throws (to prove an attack
 * is black-box). Plain tensors, no Layers model, so a test can build hundreds cheaply.
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../models';
import { Rng } from '../../shared/rng';

export interface TestModel {
  model: Classifier;
  dispose: () => void;
}

/** A linear classifier z = x·W + b, with W given as [inputSize][numClasses]; inputs are flattened. */
export function linearModel(weights: number[][], bias: number[]): TestModel {
  const W = tf.tensor2d(weights);
  const b = tf.tensor1d(bias);
  return {
    model: (x) => tf.tidy(() => tf.add(tf.matMul(tf.reshape(x, [x.shape[0], -1]), W), b) as tf.Tensor2D),
    dispose: () => {
      W.dispose();
      b.dispose();
    },
  };
}

/**
 * A random linear classifier z = scale·(x·W + b) with W ~ N(0, 1), its bias centring the
 * classes on the middle of the input box. At scale 1000 float32 softmax saturates: the CE input
 * gradient is exactly zero on most points, while the margin and DLR keep their direction.
 */
export function randomLinear(seed: number, inputSize: number, numClasses: number, scale = 1): TestModel {
  const rng = new Rng(seed);
  const W = Array.from({ length: inputSize }, () => Array.from({ length: numClasses }, () => scale * rng.normal()));
  const b = Array.from({ length: numClasses }, (_, c) => -0.5 * W.reduce((sum, row) => sum + row[c], 0));
  return linearModel(W, b);
}

/** A random one-hidden-layer ReLU network; `scale` multiplies its logits. */
export function randomMlp(seed: number, inputSize: number, hidden: number, numClasses: number, scale = 1): TestModel {
  const rng = new Rng(seed);
  const draw = (rows: number, cols: number, std: number) =>
    tf.tensor2d(Float32Array.from({ length: rows * cols }, () => std * rng.normal()), [rows, cols]);
  const W1 = draw(inputSize, hidden, 2 / Math.sqrt(inputSize));
  const b1 = tf.tensor1d(Float32Array.from({ length: hidden }, () => rng.normal() - 0.5));
  const W2 = draw(hidden, numClasses, 1 / Math.sqrt(hidden));
  return {
    model: (x) =>
      tf.tidy(() => {
        const flat = tf.reshape(x, [x.shape[0], -1]);
        return tf.mul(tf.matMul(tf.relu(tf.add(tf.matMul(flat, W1), b1)), W2), scale) as tf.Tensor2D;
      }),
    dispose: () => [W1, b1, W2].forEach((t) => t.dispose()),
  };
}

/** Thrown when something asks for a gradient through a model that forbids it. */
/** Labels for an invariant test: the model's own prediction for most points, a wrong class for every third (so some start misclassified). */
export function labelsWithWrongThird(model: Classifier, x: tf.Tensor, classes: number): tf.Tensor1D {
  return tf.tidy(() => {
    const n = x.shape[0];
    const pred = tf.argMax(model(x), -1);
    const shift = tf.tensor1d(Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0)), 'int32');
    return tf.cast(tf.mod(tf.add(pred, shift), classes), 'int32') as tf.Tensor1D;
  });
}

export class GradientForbiddenError extends Error {
  constructor() {
    super('this model forbids gradients: the attack must be black-box');
    this.name = 'GradientForbiddenError';
  }
}

/** The same forward pass, but any gradient taken through it throws. */
export function forbidGradients(model: Classifier): Classifier {
  const guarded = tf.customGrad((...inputs) => ({
    value: model(inputs[0] as tf.Tensor),
    gradFunc: () => {
      throw new GradientForbiddenError();
    },
  }));
  return (x) => guarded(x) as tf.Tensor2D;
}

/** Optimisers as the paper sets them: SGD, momentum 0.9, Nesterov, weight decay 5e-4. */
import * as tf from '@tensorflow/tfjs';
import type { Config } from '../config';

export const MOMENTUM = 0.9;
export const WEIGHT_DECAY = 5e-4;

export function makeOptimizer(config: Pick<Config, 'optimizer' | 'learningRate'>): tf.Optimizer {
  switch (config.optimizer) {
    case 'sgd':
      return tf.train.momentum(config.learningRate, MOMENTUM, true);
    case 'adam':
      return tf.train.adam(config.learningRate);
  }
}

/**
 * (wd / 2)·Σ‖w‖², whose gradient wd·w is PyTorch's SGD `weight_decay` (applied, as there,
 * to every parameter).
 */
export function weightDecayPenalty(weights: tf.Variable[], weightDecay = WEIGHT_DECAY): tf.Scalar {
  return tf.tidy(() => tf.mul(weightDecay / 2, tf.addN(weights.map((w) => tf.sum(tf.square(w))))));
}

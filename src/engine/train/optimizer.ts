/** Optimisers as the paper sets them: SGD, momentum 0.9, Nesterov, weight decay 5e-4; or Adam. */
import * as tf from '@tensorflow/tfjs';
import type { Config, MethodId } from '../../shared/config';

export const MOMENTUM = 0.9;
export const WEIGHT_DECAY = 5e-4;

/**
 * The weight decay a method trains with: the paper's 5e-4, except defensive distillation, which
 * trains with none. Why: its loss CE(Z/T_d, p) has logit gradients (softmax(Z/T_d) − p)/T_d, 1/T_d
 * the size of a T = 1 loss's, while the decay's pull wd·w does not shrink with T_d. At T_d = 50
 * the decay wins: weights shrink towards 0 and teacher and student stay at chance (measured on
 * blobs: 66 % teacher, 33.4 % student with decay; see README). Hinton et al.'s remedy, the
 * T²-scaled loss, would also fix the balance, but it multiplies the gradient by T_d (×50) and
 * breaks SGD at the usual rate; dropping the decay keeps the loss exactly Papernot et al.'s.
 * Defensive distillation is a counter-example of masking, not a robust method: regularising it
 * is not the point.
 */
export function weightDecayFor(method: MethodId): number {
  return method === 'defensive-distillation' ? 0 : WEIGHT_DECAY;
}

/**
 * tfjs 4.22's MomentumOptimizer.dispose() frees its momentum scalar and buffers but not the
 * −lr scalar `c` it inherits from SGDOptimizer: one tensor leaked per optimiser. This subclass
 * frees it too; everything else (including the class name 'Momentum') is unchanged.
 */
class NesterovMomentum extends tf.MomentumOptimizer {
  constructor(learningRate: number) {
    super(learningRate, MOMENTUM, true);
  }

  override dispose(): void {
    super.dispose();
    this.c.dispose();
  }
}

export function makeOptimizer(config: Pick<Config, 'optimizer' | 'learningRate'>): tf.Optimizer {
  switch (config.optimizer) {
    case 'sgd':
      return new NesterovMomentum(config.learningRate);
    case 'adam':
      return tf.train.adam(config.learningRate);
  }
}

/**
 * Change an optimiser's learning rate in place, keeping its state (momentum buffers, Adam's
 * moments and step count) — a schedule must not restart the optimiser.
 *
 * tfjs quirk: the rate is a `protected learningRate` field. SGD and Momentum expose
 * `setLearningRate` (which also rebuilds their cached −lr scalar); Adam has no setter but reads
 * the field afresh on every step, so writing the field is enough there. tfjs's momentum buffer
 * does not include the rate (v ← m·v + g; w ← w − lr·(g + m·v) with Nesterov), as in PyTorch,
 * so a new rate applies cleanly from the next step.
 */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  // Not `instanceof`: tfjs's Optimizer overrides Symbol.hasInstance with a duck-type test, so
  // an Adam optimiser is `instanceof SGDOptimizer`. The class name is reliable.
  switch (optimizer.getClassName()) {
    case 'SGD':
    case 'Momentum':
      (optimizer as tf.SGDOptimizer).setLearningRate(learningRate);
      return;
    case 'Adam':
      (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
      return;
    default:
      throw new Error(`setLearningRate: unsupported optimizer ${optimizer.getClassName()}`);
  }
}

/**
 * (wd / 2)·Σ‖w‖², whose gradient wd·w is PyTorch's SGD `weight_decay` (applied, as there,
 * to every parameter).
 */
export function weightDecayPenalty(weights: tf.Variable[], weightDecay = WEIGHT_DECAY): tf.Scalar {
  return tf.tidy(() => tf.mul(weightDecay / 2, tf.addN(weights.map((w) => tf.sum(tf.square(w))))));
}

/**
 * Gradient rules: how one training step turns the batch loss into weight gradients. The loop
 * calls a rule; it does not branch on AWP or anything else.
 */
import * as tf from '@tensorflow/tfjs';
import type { MethodId } from '../../shared/config';
import { WEIGHT_DECAY, weightDecayFor } from './optimizer';

export interface StepGradients {
  /** The batch loss without weight decay, kept for the loss readback; the caller disposes it. */
  dataLoss: tf.Scalar;
  /** ∂(loss + weight decay)/∂w by variable name; the caller disposes them. */
  grads: tf.NamedTensorMap;
}

/**
 * @param variables the trainable weights w.
 * @param loss the batch loss as a function of the current weights (called inside a gradient
 *   tape; may be called more than once).
 */
export type GradientRule = (variables: tf.Variable[], loss: () => tf.Scalar) => StepGradients;

/**
 * Gradients at the current weights of the loss plus the weight-decay penalty (wd / 2)·Σ‖w‖²,
 * written as its gradient: ∇L + wd·w per variable (what PyTorch's SGD `weight_decay` adds). The
 * same math as differentiating the penalty, in a dozen kernels instead of some thirty: on a GPU
 * each kernel is a dispatch, and the bench's floor step pays the same. `weightDecay` 0 leaves it out.
 */
export function withWeightDecay(weightDecay: number): GradientRule {
  return (variables, loss) => {
    const { value: dataLoss, grads } = tf.variableGrads(loss, variables);
    if (weightDecay === 0) return { dataLoss, grads };
    for (const w of variables) {
      const g = grads[w.name];
      grads[w.name] = tf.tidy(() => tf.add(g, tf.mul(weightDecay, w)));
      g.dispose();
    }
    return { dataLoss, grads };
  };
}

/** Plain gradients with the paper's weight decay, 5e-4. */
export const plainGradients: GradientRule = withWeightDecay(WEIGHT_DECAY);

const withoutDecay: GradientRule = withWeightDecay(0);

/** Plain gradients with a method's own weight decay (none for defensive distillation: see `weightDecayFor`). */
export function plainGradientsFor(method: MethodId): GradientRule {
  const decay = weightDecayFor(method);
  return decay === WEIGHT_DECAY ? plainGradients : decay === 0 ? withoutDecay : withWeightDecay(decay);
}

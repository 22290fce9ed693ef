/**
 * Gradient rules: how one training step turns the batch loss into weight gradients. The loop
 * calls a rule; it does not branch on AWP or anything else.
 */
import * as tf from '@tensorflow/tfjs';
import type { MethodId } from '../../shared/config';
import { WEIGHT_DECAY, weightDecayFor, weightDecayPenalty } from './optimizer';

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
 * Gradients at the current weights, of the loss plus the weight-decay penalty (wd / 2)·Σ‖w‖²:
 * one `variableGrads`. `weightDecay` 0 leaves the penalty out.
 */
export function withWeightDecay(weightDecay: number): GradientRule {
  return (variables, loss) => {
    let dataLoss!: tf.Scalar;
    const { value, grads } = tf.variableGrads(() => {
      dataLoss = tf.keep(loss());
      return weightDecay === 0 ? tf.clone(dataLoss) : tf.add(dataLoss, weightDecayPenalty(variables, weightDecay));
    }, variables);
    value.dispose();
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

/**
 * Gradient rules: how one training step turns the batch loss into weight gradients. The loop
 * calls a rule; it does not branch on AWP or anything else.
 */
import * as tf from '@tensorflow/tfjs';
import { weightDecayPenalty } from './optimizer';

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

/** Gradients at the current weights, of the loss plus the weight-decay penalty: one `variableGrads`. */
export const plainGradients: GradientRule = (variables, loss) => {
  let dataLoss!: tf.Scalar;
  const { value, grads } = tf.variableGrads(() => {
    dataLoss = tf.keep(loss());
    return tf.add(dataLoss, weightDecayPenalty(variables));
  }, variables);
  value.dispose();
  return { dataLoss, grads };
};

/** The margin loss the Square attacks (L∞ and L2) lower. */
import * as tf from '@tensorflow/tfjs';

/**
 * max_{j≠y} z_j per example, `targets` one-hot in y. The true class is masked with the row's
 * smallest logit minus 1 — finite (WebGPU mishandles ±Infinity fills) and below every other
 * logit at any logit scale, where a fixed constant such as −1e9 is not below logits of ×1e10.
 */
export function maxOverOthers(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const below = tf.broadcastTo(tf.sub(tf.min(logits, -1, true), 1), logits.shape);
    return tf.max(tf.where(tf.cast(targets, 'bool'), below, logits), -1) as tf.Tensor1D;
  });
}

/** The margin z_y − max_{j≠y} z_j per example: the loss Square lowers (< 0 means misclassified). */
export function margin(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sub(tf.sum(tf.mul(logits, targets), -1), maxOverOthers(logits, targets)) as tf.Tensor1D);
}

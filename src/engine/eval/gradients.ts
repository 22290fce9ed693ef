/**
 * Vanishing input gradients: the signature of a saturated softmax (defensive distillation,
 * logits scaled up). When z_y − z_j is in the hundreds, softmax(z) − onehot(y) underflows to
 * exactly 0, so ∇ₓCE is 0 and PGD's sign(∇) step is 0: the attack cannot move, though the
 * model is no more robust. The logit scale (mean max |z|) shows the cause.
 */
import * as tf from '@tensorflow/tfjs';
import { oneHot, softCrossEntropyPerExample } from '../losses';
import type { Classifier } from '../models';

export interface GradientStats {
  /** Points looked at: the clean-correct ones (those PGD must move). */
  n: number;
  /**
   * Of those, points whose input gradient is exactly 0 in every component. PGD steps along
   * sign(∇ₓCE), so any non-zero component, however tiny, still gives it a direction; only an
   * all-zero gradient (sign = 0) leaves it stuck.
   */
  vanishing: number;
  /** Of those, points with a NaN or ±Inf component: a broken gradient, which no attack can follow either. */
  nonFinite: number;
  /** Median ‖∇ₓCE‖₂ over the n points whose gradient is finite. */
  medianNorm: number;
  /** Mean over all points of max_c |z_c|: the logit scale. */
  logitScale: number;
}

export async function gradientStats(model: Classifier, x: tf.Tensor, y: tf.Tensor1D): Promise<GradientStats> {
  const [norms, largest, broken, correct, scale] = tf.tidy(() => {
    let logits!: tf.Tensor2D;
    // Per-example losses are independent, so the gradient of their sum holds each one's ∇ₓ.
    const gradient = tf.grad((input: tf.Tensor) => {
      logits = tf.keep(model(input));
      return tf.sum(softCrossEntropyPerExample(logits, oneHot(y, logits.shape[1]))) as tf.Scalar;
    })(x);
    const axes = gradient.shape.slice(1).map((_, i) => i + 1);
    const result = [
      tf.sqrt(tf.sum(tf.square(gradient), axes)),
      // max |∂L/∂xᵢ|, not the norm: squares of components below ~1e-23 underflow in float32,
      // so a norm of 0 does not prove every component is 0.
      tf.max(tf.abs(gradient), axes),
      tf.any(tf.logicalOr(tf.isNaN(gradient), tf.isInf(gradient)), axes),
      tf.equal(tf.argMax(logits, -1), y),
      tf.mean(tf.max(tf.abs(logits), -1)),
    ];
    logits.dispose();
    return result;
  });
  const [normData, largestData, brokenData, correctData, [logitScale]] = await Promise.all([
    norms.data(), largest.data(), broken.data(), correct.data(), scale.data(),
  ]);
  [norms, largest, broken, correct, scale].forEach((t) => t.dispose());
  const n = Array.from(correctData).filter(Boolean).length;
  const sorted = Array.from(normData).filter((_, i) => correctData[i] && !brokenData[i]).sort((a, b) => a - b);
  return {
    n,
    vanishing: Array.from(largestData).filter((m, i) => correctData[i] && m === 0).length,
    nonFinite: Array.from(brokenData).filter((b, i) => correctData[i] && b).length,
    medianNorm: sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)],
    logitScale,
  };
}

/**
 * Vanishing input gradients: the signature of a saturated softmax (defensive distillation,
 * logits scaled up). When z_y − z_j is in the hundreds, softmax(z) − onehot(y) underflows to
 * exactly 0, so ∇ₓCE is 0 and PGD's sign(∇) step is 0: the attack cannot move, though the
 * model is no more robust. The logit scale (mean max |z|) shows the cause.
 */
import * as tf from '@tensorflow/tfjs';
import { oneHot, softCrossEntropyPerExample } from '../losses';
import type { Classifier } from '../models';

/** ‖∇ₓL‖₂ below this counts as numerically zero (sign(∇) is then 0 or noise). */
export const VANISHING_GRADIENT = 1e-10;

export interface GradientStats {
  /** Points looked at: the clean-correct ones (those PGD must move). */
  n: number;
  /** Of those, points with ‖∇ₓCE‖₂ < threshold. */
  vanishing: number;
  threshold: number;
  /** Median ‖∇ₓCE‖₂ over the n points. */
  medianNorm: number;
  /** Mean over all points of max_c |z_c|: the logit scale. */
  logitScale: number;
}

export async function gradientStats(
  model: Classifier,
  x: tf.Tensor,
  y: tf.Tensor1D,
  threshold = VANISHING_GRADIENT,
): Promise<GradientStats> {
  const [norms, correct, scale] = tf.tidy(() => {
    let logits!: tf.Tensor2D;
    // Per-example losses are independent, so the gradient of their sum holds each one's ∇ₓ.
    const gradient = tf.grad((input: tf.Tensor) => {
      logits = tf.keep(model(input));
      return tf.sum(softCrossEntropyPerExample(logits, oneHot(y, logits.shape[1]))) as tf.Scalar;
    })(x);
    const axes = gradient.shape.slice(1).map((_, i) => i + 1);
    const result = [
      tf.sqrt(tf.sum(tf.square(gradient), axes)),
      tf.equal(tf.argMax(logits, -1), y),
      tf.mean(tf.max(tf.abs(logits), -1)),
    ];
    logits.dispose();
    return result;
  });
  const [normData, correctData, [logitScale]] = await Promise.all([norms.data(), correct.data(), scale.data()]);
  [norms, correct, scale].forEach((t) => t.dispose());
  const considered = Array.from(normData).filter((_, i) => correctData[i]);
  const sorted = [...considered].sort((a, b) => a - b);
  return {
    n: considered.length,
    vanishing: considered.filter((v) => v < threshold).length,
    threshold,
    medianNorm: sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)],
    logitScale,
  };
}

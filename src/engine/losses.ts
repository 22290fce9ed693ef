/**
 * The losses of DESIGN.md §1, as the paper writes them. All reduce to the batch mean.
 * Inputs are logits (pre-softmax); targets are probability vectors.
 */
import * as tf from '@tensorflow/tfjs';

/** softmax_τ(q) = softmax(q / τ): the teacher's soft labels at temperature τ (paper Eq. 4). */
export function softLabels(teacherLogits: tf.Tensor2D, tau: number): tf.Tensor2D {
  return tf.tidy(() => tf.softmax(tf.div(teacherLogits, tau)));
}

/** One-hot targets from class indices. */
export function oneHot(labels: tf.Tensor1D, numClasses: number): tf.Tensor2D {
  return tf.tidy(() => tf.oneHot(tf.cast(labels, 'int32'), numClasses).toFloat() as tf.Tensor2D);
}

/** Per-example soft-target cross-entropy, −Σ_c p_c · log softmax(Z)_c. */
export function softCrossEntropyPerExample(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), -1)) as tf.Tensor1D);
}

/** CE(Z, p) = −Σ p · log softmax(Z), batch mean. */
export function softCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mean(softCrossEntropyPerExample(logits, targets)));
}

/** Per-example KL(softmax(logits) ‖ softmax(otherLogits)). */
export function klDivergencePerExample(logits: tf.Tensor2D, otherLogits: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const logP = tf.logSoftmax(logits);
    const logQ = tf.logSoftmax(otherLogits);
    return tf.sum(tf.mul(tf.exp(logP), tf.sub(logP, logQ)), -1) as tf.Tensor1D;
  });
}

/** KL(softmax(Z(x)) ‖ softmax(Z(x'))), batch mean — TRADES' robustness term. */
export function klDivergence(logits: tf.Tensor2D, advLogits: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mean(klDivergencePerExample(logits, advLogits)));
}

/**
 * TRADES objective: CE(Z(x), targets) + λ · KL(softmax(Z(x)) ‖ softmax(Z(x'))).
 * With one-hot targets this is TRADES; with the teacher's soft labels at τ it is LTD (Eq. 5).
 */
export function tradesLoss(logits: tf.Tensor2D, advLogits: tf.Tensor2D, targets: tf.Tensor2D, lambda: number): tf.Scalar {
  return tf.tidy(() => tf.add(softCrossEntropy(logits, targets), tf.mul(lambda, klDivergence(logits, advLogits))));
}

/**
 * LTD objective (paper Eq. 5): CE(Z(x), softmax_τ(q(x))) + λ · KL(softmax(Z(x)) ‖ softmax(Z(x'))).
 * The student's own temperature is 1; only the teacher's labels are softened.
 */
export function ltdLoss(
  logits: tf.Tensor2D,
  advLogits: tf.Tensor2D,
  teacherLogits: tf.Tensor2D,
  tau: number,
  lambda: number,
): tf.Scalar {
  return tf.tidy(() => tradesLoss(logits, advLogits, softLabels(teacherLogits, tau), lambda));
}

/**
 * The losses of DESIGN.md §1, as the paper writes them. All reduce to the batch mean.
 * Inputs are logits (pre-softmax); targets are probability vectors.
 */
import * as tf from '@tensorflow/tfjs';

/** softmax_τ(q) = softmax(q / τ): the teacher's soft labels at temperature τ (paper Eq. 5). */
export function softLabels(teacherLogits: tf.Tensor2D, tau: number): tf.Tensor2D {
  return tf.tidy(() => tf.softmax(tf.div(teacherLogits, tau)));
}

/** One-hot targets from class indices. */
export function oneHot(labels: tf.Tensor1D, numClasses: number): tf.Tensor2D {
  return tf.tidy(() => tf.oneHot(tf.cast(labels, 'int32'), numClasses).toFloat() as tf.Tensor2D);
}

/** Label smoothing: (1 − s)·y + s/C, with C the number of classes (the columns of `targets`). */
export function smoothLabels(targets: tf.Tensor2D, smoothing: number): tf.Tensor2D {
  return tf.tidy(() => tf.add(tf.mul(targets, 1 - smoothing), smoothing / targets.shape[1]));
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
 * With one-hot targets this is TRADES; with the teacher's soft labels at τ it is LTD (Eq. 9).
 */
export function tradesLoss(logits: tf.Tensor2D, advLogits: tf.Tensor2D, targets: tf.Tensor2D, lambda: number): tf.Scalar {
  return tf.tidy(() => tf.add(softCrossEntropy(logits, targets), tf.mul(lambda, klDivergence(logits, advLogits))));
}

/**
 * LTD objective (paper Eq. 9): CE(Z(x), softmax_τ(q(x))) + λ · KL(softmax(Z(x)) ‖ softmax(Z(x'))).
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

/**
 * LTD on a PGD-AT base: Madry's CE(Z(x'), y) with y replaced by the teacher's soft labels of
 * the clean input, CE(Z(x'), softmax_τ(q(x))). There is no separate clean term, so no λ.
 */
export function ltdPgdAtLoss(advLogits: tf.Tensor2D, teacherLogits: tf.Tensor2D, tau: number): tf.Scalar {
  return tf.tidy(() => softCrossEntropy(advLogits, softLabels(teacherLogits, tau)));
}

/**
 * Cross-entropy at temperature T, CE(Z/T, p). With p = softmax_T(q) it is defensive
 * distillation's student loss (Papernot et al. 2016); with one-hot p, its teacher's loss.
 * The model is deployed at T = 1, so it learns logits about T times larger than it would at 1.
 */
export function temperedCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor2D, temperature: number): tf.Scalar {
  return tf.tidy(() => softCrossEntropy(tf.div(logits, temperature), targets));
}

/** Defensive distillation's student loss, CE(Z(x)/T_d, softmax_{T_d}(q(x))). */
export function distillationLoss(logits: tf.Tensor2D, teacherLogits: tf.Tensor2D, temperature: number): tf.Scalar {
  return tf.tidy(() => temperedCrossEntropy(logits, softLabels(teacherLogits, temperature), temperature));
}

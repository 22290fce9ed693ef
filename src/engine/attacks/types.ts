/** The shape every attack shares (as AutoAttack's attacks do): model, inputs, labels, options in. */
import * as tf from '@tensorflow/tfjs';

export interface AttackResult {
  /** Adversarial inputs, same shape as the clean ones; the caller disposes it. */
  xAdv: tf.Tensor;
  /** 1 where the model classifies the clean input correctly. */
  cleanCorrect: Uint8Array;
  /** 1 where the model still classifies the adversarial input correctly. */
  advCorrect: Uint8Array;
  /**
   * Queries per example for the black-box attacks (Square, noise): forward passes on perturbed
   * inputs, counted until the example is broken (as AutoAttack stops per example). The clean
   * check is not counted; clean-misclassified examples are not attacked and count 0.
   */
  queries?: Int32Array;
}

export interface AttackSummary {
  n: number;
  /** Natural accuracy on the subset, percent. */
  cleanAccuracy: number;
  /** Fraction of all points still correct under attack, percent. */
  robustAccuracy: number;
  /** Fraction of clean-correct points the attack breaks, percent (paper Eq. 1). */
  successRate: number;
}

export function attackSummary(result: Pick<AttackResult, 'cleanCorrect' | 'advCorrect'>): AttackSummary {
  const n = result.cleanCorrect.length;
  let clean = 0;
  let robust = 0;
  let broken = 0;
  for (let i = 0; i < n; i++) {
    clean += result.cleanCorrect[i];
    robust += result.advCorrect[i];
    if (result.cleanCorrect[i] && !result.advCorrect[i]) broken++;
  }
  return {
    n,
    cleanAccuracy: (100 * clean) / n,
    robustAccuracy: (100 * robust) / n,
    successRate: clean === 0 ? 0 : (100 * broken) / clean,
  };
}

/** Project onto the L∞ ball of radius ε around x0, intersected with the input box [0, 1]. */
export function projectLinf(x: tf.Tensor, x0: tf.Tensor, epsilon: number): tf.Tensor {
  return tf.tidy(() => tf.clipByValue(tf.minimum(tf.maximum(x, tf.sub(x0, epsilon)), tf.add(x0, epsilon)), 0, 1));
}

/** Broadcast a per-example mask [n] to the shape of a batch of inputs [n, ...]. */
export function expandMask(mask: tf.Tensor1D, like: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const shape = [like.shape[0], ...like.shape.slice(1).map(() => 1)];
    return tf.broadcastTo(tf.reshape(mask, shape), like.shape);
  });
}

/**
 * Read per-example correctness at the end of an attack. An example counts as robust only if
 * it is correct both clean and under attack (success is over clean-correct points, Eq. 1).
 */
export async function readCorrectness(
  cleanLogits: tf.Tensor2D,
  advLogits: tf.Tensor2D,
  y: tf.Tensor1D,
): Promise<Pick<AttackResult, 'cleanCorrect' | 'advCorrect'>> {
  const [clean, adv] = tf.tidy(() => [tf.equal(tf.argMax(cleanLogits, -1), y), tf.equal(tf.argMax(advLogits, -1), y)]);
  const [cleanData, advData] = await Promise.all([clean.data(), adv.data()]);
  clean.dispose();
  adv.dispose();
  return {
    cleanCorrect: Uint8Array.from(cleanData, Number),
    advCorrect: Uint8Array.from(advData, (a, i) => (a && cleanData[i] ? 1 : 0)),
  };
}

/** Independent signs, −1 or +1 with equal probability (never 0, unlike sign of a uniform). */
export function randomSigns(shape: number[], seed: number): tf.Tensor {
  return tf.tidy(() => tf.sub(tf.mul(tf.cast(tf.less(tf.randomUniform(shape, 0, 1, 'float32', seed), 0.5), 'float32'), 2), 1));
}

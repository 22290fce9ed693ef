/**
 * The losses a white-box attack ascends, per example (Croce & Hein 2020, AutoAttack's
 * `autopgd_base.py`). `z` are logits, `y` int32 labels, π the classes sorted by logit, descending.
 *
 * - CE: −log softmax(z)_y. In float32 its gradient is exactly zero once softmax saturates
 *   (logits ×1000), which is how defensive distillation hides from CE-PGD.
 * - DLR: −(z_y − max_{i≠y} z_i) / (z_π1 − z_π3 + 1e−12), for C ≥ 3. Dividing by a logit
 *   difference makes it invariant to the logits' scale and shift, so huge or flat logits do
 *   not hide the gradient's direction.
 * - targeted DLR: −(z_y − z_t) / (z_π1 − (z_π3 + z_π4)/2 + 1e−12), for C ≥ 4 (APGD-T).
 * - margin (Carlini & Wagner): max_{i≠y} z_i − z_y; ≥ 0 means broken (up to ties).
 *
 * Where DLR is undefined — 2 classes for DLR, 2 or 3 for targeted DLR (there is no z_π3 or
 * z_π4) — `resolveLoss` falls back to the margin, as the issue asks; the figure's settings carry
 * the loss that really ran. On 2 classes DLR's numerator *is* the margin and a target is
 * the only other class, so nothing is lost there; on 3 classes targeted DLR becomes untargeted.
 */
import * as tf from '@tensorflow/tfjs';
import type { AttackLoss } from '../../shared/events';
import { oneHot, softCrossEntropyPerExample } from '../losses';
import { LOSS_LABELS, MIN_CLASSES } from '../../shared/attack-plan';

export type { AttackLoss } from '../../shared/events';
export { LOSS_LABELS, resolveLoss } from '../../shared/attack-plan';

/**
 * Fills masked logits before an argMax: the lowest finite float32, not −∞ (WebGPU shaders do
 * not promise to keep infinities), and far below any logit a model produces.
 */
const LOWEST = -3.4e38;

/** A loss asked of logits with too few classes, or a targeted loss without targets. */
export class AttackLossError extends Error {
  constructor(message: string) {
    super(`attacks/attack-losses.ts: ${message}`);
    this.name = 'AttackLossError';
  }
}

/** z[i, index[i]] per example, with the gradient flowing to that one logit only. */
function pick(logits: tf.Tensor2D, index: tf.Tensor1D): tf.Tensor1D {
  return tf.sum(tf.mul(logits, tf.oneHot(tf.cast(index, 'int32'), logits.shape[1])), -1) as tf.Tensor1D;
}

/**
 * The `count` largest logits per example, z_π1 ≥ z_π2 ≥ …, one tensor each. Found by repeated
 * argMax (tfjs has no gradient for topk): each value's gradient goes to exactly one logit, even
 * when logits tie, where a max would hand it to every tied one.
 */
export function topLogits(logits: tf.Tensor2D, count: number): tf.Tensor1D[] {
  return tf.tidy(() => {
    const values: tf.Tensor1D[] = [];
    let masked: tf.Tensor2D = logits;
    for (let r = 0; r < count; r++) {
      const index = tf.argMax(masked, -1) as tf.Tensor1D;
      values.push(pick(logits, index));
      const taken = tf.cast(tf.oneHot(index, logits.shape[1]), 'bool');
      masked = tf.where(taken, tf.fill(logits.shape, LOWEST), masked) as tf.Tensor2D;
    }
    return values;
  });
}

/** max_{i≠y} z_i per example. */
function bestOther(logits: tf.Tensor2D, y: tf.Tensor1D): tf.Tensor1D {
  const isLabel = tf.cast(tf.oneHot(tf.cast(y, 'int32'), logits.shape[1]), 'bool');
  return pick(logits, tf.argMax(tf.where(isLabel, tf.fill(logits.shape, LOWEST), logits), -1) as tf.Tensor1D);
}

function requireClasses(loss: AttackLoss, logits: tf.Tensor2D): void {
  const c = logits.shape[1];
  if (c < MIN_CLASSES[loss]) {
    throw new AttackLossError(`the ${LOSS_LABELS[loss]} loss needs at least ${MIN_CLASSES[loss]} classes, got ${c} (resolveLoss picks the margin)`);
  }
}

/** Cross-entropy of the true class, −log softmax(z)_y. */
export function crossEntropyLoss(logits: tf.Tensor2D, y: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => softCrossEntropyPerExample(logits, oneHot(y, logits.shape[1])));
}

/** The CW margin max_{i≠y} z_i − z_y. */
export function marginLoss(logits: tf.Tensor2D, y: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => tf.sub(bestOther(logits, y), pick(logits, y)) as tf.Tensor1D);
}

/** DLR, −(z_y − max_{i≠y} z_i) / (z_π1 − z_π3 + 1e−12); C ≥ 3. */
export function dlrLoss(logits: tf.Tensor2D, y: tf.Tensor1D): tf.Tensor1D {
  requireClasses('dlr', logits);
  return tf.tidy(() => {
    const [first, , third] = topLogits(logits, 3);
    const gap = tf.sub(pick(logits, y), bestOther(logits, y));
    return tf.neg(tf.div(gap, tf.add(tf.sub(first, third), 1e-12))) as tf.Tensor1D;
  });
}

/** Targeted DLR, −(z_y − z_t) / (z_π1 − (z_π3 + z_π4)/2 + 1e−12), with `target` the class t per example; C ≥ 4. */
export function targetedDlrLoss(logits: tf.Tensor2D, y: tf.Tensor1D, target: tf.Tensor1D): tf.Tensor1D {
  requireClasses('dlr-targeted', logits);
  return tf.tidy(() => {
    const [first, , third, fourth] = topLogits(logits, 4);
    const gap = tf.sub(pick(logits, y), pick(logits, target));
    const scale = tf.add(tf.sub(first, tf.mul(tf.add(third, fourth), 0.5)), 1e-12);
    return tf.neg(tf.div(gap, scale)) as tf.Tensor1D;
  });
}

/**
 * The per-example loss `loss` of `logits` (call `resolveLoss` first: this one refuses a loss
 * the class count does not define). `target` is required for targeted DLR and ignored otherwise.
 */
export function attackLoss(loss: AttackLoss, logits: tf.Tensor2D, y: tf.Tensor1D, target?: tf.Tensor1D | null): tf.Tensor1D {
  switch (loss) {
    case 'ce':
      return crossEntropyLoss(logits, y);
    case 'margin':
      return marginLoss(logits, y);
    case 'dlr':
      return dlrLoss(logits, y);
    case 'dlr-targeted':
      if (!target) throw new AttackLossError('the targeted DLR loss needs a target class per example (option `target`)');
      return targetedDlrLoss(logits, y, target);
  }
}

/**
 * Targeted PGD under L∞ (as adversarial.js's and torchattacks' targeted PGD): steps that lower the
 * cross-entropy to a chosen target class t, x ← Π(x − α·sign ∇ₓ CE(f(x), t)), projected onto the
 * ε-ball and [0, 1]. Per example it keeps the iterate with the largest target margin
 * z_t − max_{j≠t} z_j (the clean input included), which is positive exactly when the model
 * predicts t: so the target is reached when any iterate reached it, and the kept margin never
 * falls below the clean input's. Success is predicted = target, not merely a wrong answer.
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../models';
import { defaultStepSize } from './pgd';
import { ascentStep, type Norm, uniformStart } from './threat';
import { expandMask } from './types';

export interface TargetedPgdOptions {
  epsilon: number;
  steps: number;
  /** Step size α; default 2.5·ε/K, as untargeted PGD. */
  stepSize?: number;
  /** Seed of the uniform random start in the ε-ball. */
  seed: number;
  /** The threat model ε is a radius in (default L∞): sign steps and the box, or normalised steps and the exact L2 projection. */
  norm?: Norm;
}

export interface TargetedResult {
  /** The kept iterate per example, within ε of x and in [0, 1]; the caller disposes it. */
  xAdv: tf.Tensor;
  /** 1 where the model predicts the target on xAdv. */
  reached: Uint8Array;
  /** z_t − max_{j≠t} z_j on the clean input and on xAdv, per example. */
  cleanMargin: Float32Array;
  margin: Float32Array;
}

/** The least likely class of each row of the clean logits: the arg-min (the usual "least likely" target). */
export function leastLikely(logits: ArrayLike<number>, k: number): Int32Array {
  const n = Math.floor(logits.length / k);
  return Int32Array.from({ length: n }, (_, i) => {
    let min = 0;
    for (let c = 1; c < k; c++) if (logits[i * k + c] < logits[i * k + min]) min = c;
    return min;
  });
}

/** z_t − max_{j≠t} z_j per row. */
export function targetMargin(logits: tf.Tensor2D, target: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const k = logits.shape[1];
    const onTarget = tf.oneHot(target, k).asType('float32');
    const zt = tf.sum(tf.mul(logits, onTarget), -1);
    // Push the target's own logit far down before the max over the others.
    const others = tf.max(tf.sub(logits, tf.mul(onTarget, 1e9)), -1);
    return tf.sub(zt, others) as tf.Tensor1D;
  });
}

function targetCe(logits: tf.Tensor2D, target: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.losses.softmaxCrossEntropy(tf.oneHot(target, logits.shape[1]), logits, undefined, undefined, tf.Reduction.SUM) as tf.Scalar);
}

/** Targeted PGD-K (one random start) towards `target` (int32 class per example). */
export async function targetedPgd(model: Classifier, x: tf.Tensor, target: tf.Tensor1D, options: TargetedPgdOptions): Promise<TargetedResult> {
  const { epsilon, steps, seed } = options;
  if (!(epsilon >= 0)) throw new RangeError(`targetedPgd: epsilon must be ≥ 0 (got ${epsilon})`);
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`targetedPgd: steps must be a whole number ≥ 1 (got ${steps})`);
  if (target.shape[0] !== x.shape[0]) throw new RangeError(`targetedPgd: target has ${target.shape[0]} classes for ${x.shape[0]} inputs`);
  const alpha = options.stepSize ?? defaultStepSize(epsilon, steps);
  const gradient = tf.grad((input: tf.Tensor) => targetCe(model(input), target));
  const cleanMargin = tf.tidy(() => targetMargin(model(x), target));
  let best = { adv: x.clone(), margin: cleanMargin.clone() };
  const norm = options.norm ?? 'linf';
  let xr: tf.Tensor = uniformStart(norm, x, epsilon, seed);
  try {
    for (let k = 0; k <= steps; k++) {
      // Consider the iterate (the random start first, the last step's result last), then step.
      const next = tf.tidy(() => {
        const margin = targetMargin(model(xr), target);
        const take = tf.greater(margin, best.margin) as tf.Tensor1D;
        const kept: { adv: tf.Tensor; margin: tf.Tensor1D; stepped?: tf.Tensor } = {
          adv: tf.where(expandMask(take, xr), xr, best.adv),
          margin: tf.where(take, margin, best.margin) as tf.Tensor1D,
        };
        // A descent step on the target's cross-entropy: the ascent step along −∇.
        if (k < steps) kept.stepped = ascentStep(norm, xr, tf.neg(gradient(xr)), alpha, x, epsilon);
        return kept;
      });
      tf.dispose([best.adv, best.margin]);
      best = { adv: next.adv, margin: next.margin };
      if (next.stepped) {
        xr.dispose();
        xr = next.stepped;
      }
    }
  } catch (error) {
    tf.dispose([best.adv, best.margin, cleanMargin, xr]);
    throw error;
  }
  xr.dispose();
  const [clean, margin] = await Promise.all([cleanMargin.data() as Promise<Float32Array>, best.margin.data() as Promise<Float32Array>]);
  tf.dispose([cleanMargin, best.margin]);
  return { xAdv: best.adv, reached: Uint8Array.from(margin, (m) => (m > 0 ? 1 : 0)), cleanMargin: clean, margin };
}

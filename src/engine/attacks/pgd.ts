/**
 * Projected gradient descent under L∞ or L2 (Madry et al. 2018): signed-gradient steps and the
 * L∞ projection, or normalised-gradient steps ∇/‖∇‖₂ and the exact projection onto the L2 ball
 * ∩ [0, 1] (threat.ts).
 *
 * `pgdPerturb` is the training form: it returns the last iterate, synchronously, with no
 * readback, so it can sit inside a training step. `pgd` is the evaluation form: restarts, a
 * choice of loss (CE, DLR, targeted DLR, margin: attack-losses.ts), and per example it keeps the
 * first iterate that is misclassified (else the one with the highest loss, the clean input
 * included), so more steps or restarts never lower success.
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../models';
import { type AttackLoss, AttackLossError, attackLoss, resolveLoss } from './attack-losses';
import type { LossTrace } from './trace';
import { type Norm, ascentStep, project, uniformStart } from './threat';
import { type AttackResult, expandMask } from './types';

export type RandomStart = 'uniform' | 'normal-small' | 'none';

export interface PgdStepOptions {
  epsilon: number;
  steps: number;
  /** Step size α; default 2.5·ε/K (Madry et al.). */
  stepSize?: number;
  /** uniform in the ε-ball (Madry), x + 0.001·N(0, 1) (TRADES), or none. */
  start?: RandomStart;
  /** Seed of the random start. */
  seed: number;
  /** The threat model: ε is the radius in this norm (default L∞). */
  norm?: Norm;
}

export interface PgdOptions extends PgdStepOptions {
  /** Independent random starts; an example is broken if any restart breaks it. */
  restarts?: number;
  /** The loss ascended (default CE); DLR with too few classes runs the margin (attack-losses.ts). */
  loss?: AttackLoss;
  /** The target class of each example (int32, [n]), for the targeted DLR loss. */
  target?: tf.Tensor1D;
  /** Records the best loss after every iteration of every restart, on the points left standing. */
  trace?: LossTrace;
}

export function defaultStepSize(epsilon: number, steps: number): number {
  return (2.5 * epsilon) / steps;
}

function randomStart(x: tf.Tensor, epsilon: number, start: RandomStart, seed: number, norm: Norm): tf.Tensor {
  return tf.tidy(() => {
    if (start === 'none') return x.clone();
    if (start === 'uniform') return uniformStart(norm, x, epsilon, seed);
    return project(norm, tf.add(x, tf.mul(tf.randomNormal(x.shape, 0, 1, 'float32', seed), 0.001)), x, epsilon);
  });
}

/**
 * Ascend `loss` (a scalar function of the inputs) by K signed-gradient steps of size α,
 * projecting onto the ε-ball and [0, 1] after each. Returns the last iterate.
 */
export function pgdPerturb(loss: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor, options: PgdStepOptions): tf.Tensor {
  const { epsilon, steps, start = 'uniform', seed, norm = 'linf' } = options;
  const alpha = options.stepSize ?? defaultStepSize(epsilon, steps);
  const gradient = tf.grad(loss);
  let xAdv = randomStart(x, epsilon, start, seed, norm);
  for (let k = 0; k < steps; k++) {
    const next = tf.tidy(() => ascentStep(norm, xAdv, gradient(xAdv), alpha, x, epsilon));
    xAdv.dispose();
    xAdv = next;
  }
  return xAdv;
}

/** Running per-example record of the strongest iterate seen so far. */
interface Best extends tf.TensorContainerObject {
  adv: tf.Tensor;
  loss: tf.Tensor1D;
  fooled: tf.Tensor1D;
}

function consider(best: Best, candidate: tf.Tensor, loss: tf.Tensor1D, logits: tf.Tensor2D, y: tf.Tensor1D): Best {
  return tf.tidy(() => {
    const wrong = tf.notEqual(tf.argMax(logits, -1), y) as tf.Tensor1D;
    const stillCorrect = tf.logicalNot(best.fooled) as tf.Tensor1D;
    const take = tf.logicalAnd(stillCorrect, tf.logicalOr(wrong, tf.greater(loss, best.loss))) as tf.Tensor1D;
    return {
      adv: tf.where(expandMask(take, candidate), candidate, best.adv),
      loss: tf.where(take, loss, best.loss) as tf.Tensor1D,
      fooled: tf.logicalOr(best.fooled, wrong) as tf.Tensor1D,
    };
  });
}

function replace(old: Best, next: Best): Best {
  old.adv.dispose();
  old.loss.dispose();
  old.fooled.dispose();
  return next;
}

/**
 * PGD-K with R restarts on the true labels `y` (int32 class indices), ascending `loss` (default
 * the cross-entropy; the one that really runs is `resolveLoss(loss, C)`).
 */
export async function pgd(model: Classifier, x: tf.Tensor, y: tf.Tensor1D, options: PgdOptions): Promise<AttackResult> {
  const { epsilon, steps, start = 'uniform', restarts = 1, seed, norm = 'linf' } = options;
  const alpha = options.stepSize ?? defaultStepSize(epsilon, steps);
  if (options.loss === 'dlr-targeted' && !options.target) {
    throw new AttackLossError('PGD with the targeted DLR loss needs `target`, a class per example');
  }
  const numClasses = tf.tidy(() => model(x.slice(0, 1)).shape[1]);
  const loss = resolveLoss(options.loss ?? 'ce', numClasses);
  const lossOf = (input: tf.Tensor) => {
    const logits = model(input);
    return { logits, loss: attackLoss(loss, logits, y, options.target) };
  };

  const clean = tf.tidy(() => {
    const { logits, loss } = lossOf(x);
    return { loss, correct: tf.equal(tf.argMax(logits, -1), y) as tf.Tensor1D };
  });
  let best: Best = { adv: x.clone(), loss: clean.loss, fooled: tf.logicalNot(clean.correct) as tf.Tensor1D };

  /** The iterate alive now, for cleanup if the model throws. */
  let current: tf.Tensor | null = null;
  // The best loss after each iteration, for the trace (a copy: `best` is replaced every step).
  const history: tf.Tensor1D[] = options.trace ? [best.loss.clone()] : [];
  try {
    for (let r = 0; r < restarts; r++) {
      let xr = randomStart(x, epsilon, start, seed + 7919 * r, norm);
      current = xr;
      for (let k = 0; k < steps; k++) {
        const next = tf.tidy(() => {
          let logits!: tf.Tensor2D;
          let loss!: tf.Tensor1D;
          // One forward pass gives the iterate's loss, logits and gradient together.
          const { grads } = tf.valueAndGrads((input: tf.Tensor) => {
            const out = lossOf(input);
            logits = tf.keep(out.logits);
            loss = tf.keep(out.loss);
            return tf.sum(out.loss) as tf.Scalar;
          })([xr]);
          const updated = consider(best, xr, loss, logits, y);
          logits.dispose();
          loss.dispose();
          return { updated, stepped: ascentStep(norm, xr, grads[0], alpha, x, epsilon) };
        });
        best = replace(best, next.updated);
        if (options.trace) history.push(best.loss.clone());
        xr.dispose();
        current = xr = next.stepped;
      }
      const final = tf.tidy(() => {
        const { logits, loss } = lossOf(xr);
        return consider(best, xr, loss, logits, y);
      });
      best = replace(best, final);
      if (options.trace) history.push(best.loss.clone());
      xr.dispose();
      current = null;
    }
  } catch (error) {
    // A model that fails mid-attack must not leave the attack's tensors behind.
    tf.dispose([best.adv, best.loss, best.fooled, clean.correct, ...(current ? [current] : []), ...history]);
    throw error;
  }
  if (options.trace) {
    const stood = tf.tidy(() => tf.logicalNot(best.fooled) as tf.Tensor1D);
    await options.trace.add(history, stood);
    tf.dispose([stood, ...history]);
  }

  const [cleanCorrect, fooled] = await Promise.all([clean.correct.data(), best.fooled.data()]);
  clean.correct.dispose();
  best.loss.dispose();
  best.fooled.dispose();
  return {
    xAdv: best.adv,
    cleanCorrect: Uint8Array.from(cleanCorrect, Number),
    advCorrect: Uint8Array.from(fooled, (f) => (f ? 0 : 1)),
  };
}

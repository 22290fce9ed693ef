/**
 * Adversarial examples to look at: attack the first N test points with PGD or Square at ε and
 * pack, per example, the clean input, the adversarial input, their difference, the true label
 * and the model's prediction and confidence on each. Plain typed arrays and numbers only, so
 * the result crosses the worker boundary as it is.
 */
import * as tf from '@tensorflow/tfjs';
import { pgd } from '../attacks/pgd';
import { leastLikely, targetedPgd } from '../attacks/pgd-targeted';
import { defaultSquareQueries, square } from '../attacks/square';
import type { AttackResult } from '../attacks/types';
import type { Dataset } from '../data/types';
import { inputSize } from '../data/types';
import type { Classifier } from '../models';
import { softmax } from '../../shared/softmax';
import { firstTestPoints } from '../data/first-points';

export type GalleryAttack = 'pgd' | 'square';

/**
 * Untargeted (any wrong class), one class for every example, or each example's least likely
 * class (the arg-min of its clean logits). Targeted runs PGD on the target's cross-entropy
 * (pgd-targeted.ts); Square stays untargeted.
 */
export type GalleryTarget = 'untargeted' | 'least-likely' | number;

export interface GalleryOptions {
  attack: GalleryAttack;
  /** L∞ radius of the attack, in input units ([0, 1]). */
  epsilon: number;
  /** How many test points to attack: the first `count` of the test split. */
  count: number;
  /** PGD's steps K (one restart, step 2.5·ε/K). */
  steps: number;
  /** Square's query budget per example (default: the attack's own, 1000 flat / 5000 images). */
  queries?: number;
  seed: number;
  /** The threat model ε is a radius in (default L∞). */
  norm?: 'linf' | 'l2';
  /** Default untargeted. */
  target?: GalleryTarget;
}

/** The model's verdict on one input: the arg-max class and its softmax probability. */
export interface Prediction {
  label: number;
  /** softmax(logits)[label], in [0, 1]. */
  confidence: number;
}

export interface AdversarialExample {
  /** Row of the test split. */
  index: number;
  /** The true class. */
  label: number;
  /** The clean input, `prod(inputShape)` values in [0, 1]. */
  clean: Float32Array;
  /** The attack's input, within ε of `clean` and in [0, 1]. */
  adversarial: Float32Array;
  /** adversarial − clean, each value in [−ε, ε]. */
  perturbation: Float32Array;
  cleanPrediction: Prediction;
  adversarialPrediction: Prediction;
  /**
   * broken: correct when clean, wrong under attack; held: correct under attack;
   * misclassified: already wrong when clean (not attacked, per paper Eq. 1).
   */
  outcome: 'broken' | 'held' | 'misclassified';
  /** Square only: queries the example used (0 when not attacked). */
  queries?: number;
  /** Targeted only: the class the attack aimed at, and whether the model predicts it under attack. */
  target?: number;
  reachedTarget?: boolean;
}

export interface AdversarialGallery {
  attack: GalleryAttack;
  epsilon: number;
  /** 'l2' when ε is an L2 radius; absent: L∞. */
  norm?: 'l2';
  /** PGD's steps, or Square's query budget per example. */
  steps?: number;
  queryBudget?: number;
  /** 'untargeted', 'least-likely' or the class every example was pushed towards. */
  target: GalleryTarget;
  inputShape: number[];
  classNames: string[];
  examples: AdversarialExample[];
}

/** Arg-max and its softmax probability for each row of `n × k` logits. */
export function predictions(logits: ArrayLike<number>, k: number): Prediction[] {
  const n = Math.floor(logits.length / k);
  return Array.from({ length: n }, (_, i) => {
    const p = softmax(Array.prototype.slice.call(logits, i * k, (i + 1) * k) as number[]);
    let label = 0;
    for (let c = 1; c < k; c++) if (p[c] > p[label]) label = c;
    return { label, confidence: p[label] };
  });
}

async function readLogits(model: Classifier, x: tf.Tensor): Promise<Float32Array> {
  const logits = tf.tidy(() => model(x));
  const values = (await logits.data()) as Float32Array;
  logits.dispose();
  return values;
}

function runAttack(model: Classifier, x: tf.Tensor, y: tf.Tensor1D, options: GalleryOptions): Promise<AttackResult> {
  const { epsilon, seed, norm } = options;
  if (options.attack === 'pgd') return pgd(model, x, y, { epsilon, steps: options.steps, restarts: 1, seed, norm });
  return square(model, x, y, { epsilon, queries: options.queries, seed, norm });
}

/**
 * Attack the first `options.count` test points of `dataset` and pack what a person needs to see
 * each example. Confidences are computed from the logits the model gives on the very inputs
 * returned, so the labels shown always agree with the pictures.
 */
export async function adversarialGallery(
  model: Classifier,
  dataset: Pick<Dataset, 'inputShape' | 'classNames' | 'numClasses' | 'test'>,
  options: GalleryOptions,
): Promise<AdversarialGallery> {
  const targetChoice = options.target ?? 'untargeted';
  if (targetChoice !== 'untargeted') {
    if (options.attack !== 'pgd') throw new RangeError(`adversarialGallery: target: targeted attacks run with PGD (got attack ${options.attack})`);
    if (typeof targetChoice === 'number' && !(Number.isInteger(targetChoice) && targetChoice >= 0 && targetChoice < dataset.numClasses)) {
      throw new RangeError(`adversarialGallery: target must be a class index 0–${dataset.numClasses - 1}, 'least-likely' or 'untargeted' (got ${targetChoice})`);
    }
  }
  const n = Math.min(options.count, dataset.test.n);
  if (n < 1) throw new RangeError(`adversarialGallery: no test points to attack (count ${options.count}, test split ${dataset.test.n})`);
  const size = inputSize(dataset);
  const first = firstTestPoints(dataset, n);
  // Copies: the gallery's result keeps them after the data set is gone.
  const clean = first.x.slice();
  const labels = first.y.slice();
  const x = tf.tensor(clean, [n, ...dataset.inputShape], 'float32');
  const y = tf.tensor1d(labels, 'int32');
  const k = dataset.numClasses;
  let result: Pick<AttackResult, 'xAdv' | 'queries'> | null = null;
  let targetTensor: tf.Tensor1D | null = null;
  try {
    let targets: Int32Array | null = null;
    if (targetChoice === 'untargeted') result = await runAttack(model, x, y, options);
    else {
      targets = targetChoice === 'least-likely' ? leastLikely(await readLogits(model, x), k) : new Int32Array(n).fill(targetChoice);
      targetTensor = tf.tensor1d(targets, 'int32');
      result = await targetedPgd(model, x, targetTensor, { epsilon: options.epsilon, steps: options.steps, seed: options.seed, norm: options.norm });
    }
    const [adversarial, cleanLogits, advLogits] = await Promise.all([
      result.xAdv.data() as Promise<Float32Array>, readLogits(model, x), readLogits(model, result.xAdv),
    ]);
    const before = predictions(cleanLogits, k);
    const after = predictions(advLogits, k);
    const queries = result.queries;
    const examples = Array.from({ length: n }, (_, i): AdversarialExample => {
      const rows = (a: Float32Array) => a.slice(i * size, (i + 1) * size);
      const advRow = rows(adversarial);
      const cleanRow = rows(clean);
      const label = labels[i];
      const held = after[i].label === label;
      return {
        index: i,
        label,
        clean: cleanRow,
        adversarial: advRow,
        perturbation: advRow.map((v, j) => v - cleanRow[j]),
        cleanPrediction: before[i],
        adversarialPrediction: after[i],
        outcome: before[i].label !== label ? 'misclassified' : held ? 'held' : 'broken',
        ...(queries ? { queries: queries[i] } : {}),
        ...(targets ? { target: targets[i], reachedTarget: after[i].label === targets[i] } : {}),
      };
    });
    return {
      attack: options.attack,
      epsilon: options.epsilon,
      ...(options.norm === 'l2' ? { norm: 'l2' as const } : {}),
      ...(options.attack === 'pgd'
        ? { steps: options.steps }
        : { queryBudget: options.queries ?? defaultSquareQueries(dataset.inputShape) }),
      target: targetChoice,
      inputShape: dataset.inputShape,
      classNames: dataset.classNames,
      examples,
    };
  } finally {
    x.dispose();
    y.dispose();
    targetTensor?.dispose();
    result?.xAdv.dispose();
  }
}

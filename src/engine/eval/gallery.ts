/**
 * Adversarial examples to look at: attack the first N test points with PGD or Square at ε and
 * pack, per example, the clean input, the adversarial input, their difference, the true label
 * and the model's prediction and confidence on each. Plain typed arrays and numbers only, so
 * the result crosses the worker boundary as it is.
 */
import * as tf from '@tensorflow/tfjs';
import { pgd } from '../attacks/pgd';
import { defaultSquareQueries, square } from '../attacks/square';
import type { AttackResult } from '../attacks/types';
import type { Dataset } from '../data/types';
import { inputSize } from '../data/types';
import type { Classifier } from '../models';
import { softmax } from '../../shared/softmax';
import { firstTestPoints } from '../data/first-points';

export type GalleryAttack = 'pgd' | 'square';

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
}

export interface AdversarialGallery {
  attack: GalleryAttack;
  epsilon: number;
  /** 'l2' when ε is an L2 radius; absent: L∞. */
  norm?: 'l2';
  /** PGD's steps, or Square's query budget per example. */
  steps?: number;
  queryBudget?: number;
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
  const n = Math.min(options.count, dataset.test.n);
  if (n < 1) throw new RangeError(`adversarialGallery: no test points to attack (count ${options.count}, test split ${dataset.test.n})`);
  const size = inputSize(dataset);
  const first = firstTestPoints(dataset, n);
  // Copies: the gallery's result keeps them after the data set is gone.
  const clean = first.x.slice();
  const labels = first.y.slice();
  const x = tf.tensor(clean, [n, ...dataset.inputShape], 'float32');
  const y = tf.tensor1d(labels, 'int32');
  let result: AttackResult | null = null;
  try {
    result = await runAttack(model, x, y, options);
    const [adversarial, cleanLogits, advLogits] = await Promise.all([
      result.xAdv.data() as Promise<Float32Array>, readLogits(model, x), readLogits(model, result.xAdv),
    ]);
    const k = dataset.numClasses;
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
      };
    });
    return {
      attack: options.attack,
      epsilon: options.epsilon,
      ...(options.norm === 'l2' ? { norm: 'l2' as const } : {}),
      ...(options.attack === 'pgd'
        ? { steps: options.steps }
        : { queryBudget: options.queries ?? defaultSquareQueries(dataset.inputShape) }),
      inputShape: dataset.inputShape,
      classNames: dataset.classNames,
      examples,
    };
  } finally {
    x.dispose();
    y.dispose();
    result?.xAdv.dispose();
  }
}

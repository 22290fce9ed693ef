/**
 * The discrepancy of paper Eq. 7, G(Z) = E_x[ KL(y_oracle(x) ‖ softmax(Z(x))) ]: how far a
 * model's (or a label's) class distribution is from the true posterior p(c | x), in nats.
 * The paper can only simulate y_oracle; on synthetic data (blobs) it is known in closed form,
 * so here G is exact up to the finite test split it is averaged over.
 */
import * as tf from '@tensorflow/tfjs';
import type { DiscrepancyFigures } from '../../shared/events';
import type { Classifier } from '../models';

const CHUNK = 512;
/** Floor for log p where p is 0: the term p · log p is then 0 · (finite) = 0, as KL defines it. */
const TINY = 1e-30;

/** Per-example Σ_c p_c log p_c (negative entropy of the oracle), with 0 · log 0 = 0. */
function negEntropy(oracle: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.mul(oracle, tf.log(tf.maximum(oracle, TINY))), -1) as tf.Tensor1D);
}

/**
 * Per-example KL(p ‖ softmax(Z)) = Σ_c p_c (log p_c − log softmax(Z)_c) (the summand of Eq. 7).
 *
 * @param oracle  the true posterior p(c | x), one row per example
 * @param logits  the model's logits Z(x) at temperature 1 (or q/τ for the teacher's soft labels)
 */
export function oracleKlPerExample(oracle: tf.Tensor2D, logits: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sub(negEntropy(oracle), tf.sum(tf.mul(oracle, tf.logSoftmax(logits)), -1)) as tf.Tensor1D);
}

/** Mean over the rows of `x` of `perExample(rows)`, in chunks, read back once. */
async function meanInChunks(n: number, perExample: (start: number, size: number) => tf.Tensor1D): Promise<number> {
  let total = tf.scalar(0);
  for (let start = 0; start < n; start += CHUNK) {
    const size = Math.min(CHUNK, n - start);
    const next = tf.tidy(() => tf.add(total, tf.sum(perExample(start, size))) as tf.Scalar);
    total.dispose();
    total = next;
  }
  const [sum] = await total.data();
  total.dispose();
  return sum / n;
}

/**
 * G(Z) of paper Eq. 7 for a model: the mean over `x` of KL(oracle ‖ softmax(Z(x) / temperature)).
 *
 * @param model        inputs → logits
 * @param x            the inputs (the test split), one row per example
 * @param oracle       the exact posterior p(c | x) for the same rows
 * @param temperature  divides the logits first: 1 for a deployed model; τ gives the teacher's
 *                     soft labels softmax(q/τ), the targets LTD trains on
 */
export async function discrepancy(model: Classifier, x: tf.Tensor, oracle: tf.Tensor2D, temperature = 1): Promise<number> {
  return meanInChunks(x.shape[0], (start, size) =>
    tf.tidy(() => oracleKlPerExample(oracle.slice(start, size), tf.div(model(x.slice(start, size)), temperature) as tf.Tensor2D)),
  );
}

/** G of the teacher's soft labels softmax(q/τ) (Eq. 5 into Eq. 7): how close LTD's targets are to the oracle. */
export function softLabelDiscrepancy(teacher: Classifier, x: tf.Tensor, oracle: tf.Tensor2D, tau: number): Promise<number> {
  return discrepancy(teacher, x, oracle, tau);
}

/**
 * G of labels given as probabilities r (one-hot, smoothed): the mean over rows of KL(p ‖ r).
 * It is +∞ wherever r_c = 0 < p_c: a one-hot label is infinitely far from any posterior that
 * gives another class a chance — the paper's case against one-hot labels, taken to its limit.
 * The infinite terms are counted rather than computed as log 0: WebGPU's log(0) comes out as a
 * finite −87 on some devices, and WGSL lets a shader assume no infinities at all.
 */
export async function labelDiscrepancy(labels: tf.Tensor2D, oracle: tf.Tensor2D): Promise<number> {
  const [finite, missed] = tf.tidy(() => {
    const possible = tf.greater(oracle, 0);
    const covered = tf.logicalAnd(possible, tf.greater(labels, 0));
    const safe = (t: tf.Tensor) => tf.log(tf.maximum(t, TINY));
    const terms = tf.mul(oracle, tf.sub(safe(oracle), safe(labels)));
    return [
      tf.sum(tf.where(covered, terms, tf.zerosLike(terms))),
      tf.sum(tf.cast(tf.logicalAnd(possible, tf.logicalNot(covered)), 'float32')),
    ];
  });
  const [sum] = await finite.data();
  const [infinite] = await missed.data();
  tf.dispose([finite, missed]);
  return infinite > 0 ? Infinity : sum / oracle.shape[0];
}

/** G of the one-hot labels `y` (class indices): +∞ unless the oracle is itself one-hot on every row. */
export function oneHotDiscrepancy(y: tf.Tensor1D, oracle: tf.Tensor2D): Promise<number> {
  const labels = tf.tidy(() => tf.oneHot(tf.cast(y, 'int32'), oracle.shape[1]).toFloat() as tf.Tensor2D);
  return labelDiscrepancy(labels, oracle).finally(() => labels.dispose());
}

/** G of uniform labels, log C − H(oracle): where the soft labels head as τ → ∞. */
export function uniformDiscrepancy(oracle: tf.Tensor2D): Promise<number> {
  const k = oracle.shape[1];
  return meanInChunks(oracle.shape[0], (start, size) => tf.tidy(() => tf.add(negEntropy(oracle.slice(start, size)), Math.log(k)) as tf.Tensor1D));
}

/** What an epoch reports about Eq. 7, for a model and (when there is one) the teacher's labels. */
export interface DiscrepancyInputs {
  /** The model just trained (teacher or student), judged at temperature 1 as deployed. */
  model: Classifier;
  /** The teacher whose soft labels the student learns from, and their temperature; null when none. */
  teacher: { model: Classifier; temperature: number } | null;
  x: tf.Tensor;
  y: tf.Tensor1D;
  oracle: tf.Tensor2D;
}

export async function discrepancyFigures({ model, teacher, x, y, oracle }: DiscrepancyInputs): Promise<DiscrepancyFigures> {
  const figures: DiscrepancyFigures = {
    model: await discrepancy(model, x, oracle),
    oneHot: await oneHotDiscrepancy(y, oracle),
    uniform: await uniformDiscrepancy(oracle),
  };
  if (teacher) {
    figures.softLabels = { temperature: teacher.temperature, value: await softLabelDiscrepancy(teacher.model, x, oracle, teacher.temperature) };
  }
  return figures;
}

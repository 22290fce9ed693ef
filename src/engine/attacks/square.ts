/**
 * Square attack under L∞ (Andriushchenko et al. 2020), as in AutoAttack's `square.py`:
 * score-based and black-box — it only ever calls the model's forward pass, never a gradient.
 *
 * Per clean-correct example: start at x + ε·(vertical stripes of random sign), then for every
 * query move one random square window (side from the `p_init` schedule) to a random corner of
 * the ε-box, and keep the move if it lowers the margin loss z_y − max_{j≠y} z_j. An example
 * stops as soon as it is broken — argmax z ≠ y, the definition every attack here uses (a tie
 * z_y = max_{j≠y} z_j, margin 0, is broken only if argmax picks another class, as PGD's
 * argmax does) — so `queries` counts what each example needed.
 *
 * Batched: all active examples move together; every few iterations (never inside the inner
 * loop) the margins are read back, finished examples are set aside and the batch shrinks.
 * Differences from AutoAttack, both for batching and tiny inputs: each example draws its own
 * window and signs (as the original paper's code does; AutoAttack shares one window across the
 * batch), and the window's corner is uniform over *all* positions 0..h−s (AutoAttack's
 * `random_int(0, h − s)` never picks the last one, which on a 1 × 2 input would freeze a coordinate).
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../models';
import { Rng } from '../../shared/rng';
import { pSelection, squareGeometry, squareSide } from './square-schedule';
import { squareL2 } from './square-l2';
import type { Norm } from './threat';
import { type AttackResult, expandMask, projectLinf, randomSigns } from './types';

export interface SquareOptions {
  epsilon: number;
  /** Queries per example, the stripe start included (default 1000 for flat inputs, 5000 for images). */
  queries?: number;
  /** Fraction of the image the first squares cover (AutoAttack: 0.8). */
  pInit?: number;
  seed: number;
  /** Called at each readback with the iterations done and the iterations budgeted. */
  onProgress?: (done: number, total: number) => void;
  /** The threat model (default L∞); L2 runs AutoAttack's L2 version (square-l2.ts). */
  norm?: Norm;
}

/** Iterations between two readbacks of the margins (to drop finished examples or stop). */
const CHECK_EVERY = 20;

export function defaultSquareQueries(inputShape: number[]): number {
  return inputShape.length === 1 ? 1000 : 5000;
}

/**
 * max_{j≠y} z_j per example, `targets` one-hot in y. The true class is masked with the row's
 * smallest logit minus 1 — finite (WebGPU mishandles ±Infinity fills) and below every other
 * logit at any logit scale, where a fixed constant such as −1e9 is not below logits of ×1e10.
 */
export function maxOverOthers(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const below = tf.broadcastTo(tf.sub(tf.min(logits, -1, true), 1), logits.shape);
    return tf.max(tf.where(tf.cast(targets, 'bool'), below, logits), -1) as tf.Tensor1D;
  });
}

/** The margin z_y − max_{j≠y} z_j per example: the loss Square lowers (< 0 means misclassified). */
export function margin(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sub(tf.sum(tf.mul(logits, targets), -1), maxOverOthers(logits, targets)) as tf.Tensor1D);
}

/** The margin, and whether the example is still classified correctly (argmax z = y; ties go to argmax). */
function scored(logits: tf.Tensor2D, targets: tf.Tensor2D): { margin: tf.Tensor1D; correct: tf.Tensor1D } {
  return tf.tidy(() => ({ margin: margin(logits, targets), correct: tf.equal(tf.argMax(logits, -1), tf.argMax(targets, -1)) as tf.Tensor1D }));
}

/** Examples still being attacked: their original indices and their state on the device. */
interface Active {
  idx: Int32Array;
  x: tf.Tensor4D;
  targets: tf.Tensor2D;
  best: tf.Tensor4D;
  margin: tf.Tensor1D;
  /** argmax z = y at `best` (bool): still to be broken. */
  correct: tf.Tensor1D;
  queries: tf.Tensor1D;
}

/** Examples whose attack has ended, waiting to be put back in their original order. */
interface Finished {
  idx: Int32Array;
  x: tf.Tensor;
  queries: ArrayLike<number>;
  robust: ArrayLike<number>;
}

function disposeActive(a: Active): void {
  [a.x, a.targets, a.best, a.margin, a.correct, a.queries].forEach((t) => t.dispose());
}

function select(a: Active, positions: Int32Array): Active {
  return tf.tidy(() => {
    const at = tf.tensor1d(positions, 'int32');
    return {
      idx: positions.map((p) => a.idx[p]),
      x: tf.gather(a.x, at) as tf.Tensor4D,
      targets: tf.gather(a.targets, at) as tf.Tensor2D,
      best: tf.gather(a.best, at) as tf.Tensor4D,
      margin: tf.gather(a.margin, at) as tf.Tensor1D,
      correct: tf.gather(a.correct, at) as tf.Tensor1D,
      queries: tf.gather(a.queries, at) as tf.Tensor1D,
    };
  });
}

export async function square(model: Classifier, x: tf.Tensor, y: tf.Tensor1D, options: SquareOptions): Promise<AttackResult> {
  if (options.norm === 'l2') return squareL2(model, x, y, options);
  const { epsilon, pInit = 0.8 } = options;
  const inputShape = x.shape.slice(1);
  const budget = options.queries ?? defaultSquareQueries(inputShape);
  const geometry = squareGeometry(inputShape);
  const { h, w, c } = geometry;
  const n = x.shape[0];
  const rng = new Rng(options.seed);
  const query = (images: tf.Tensor4D, targets: tf.Tensor2D) =>
    scored(model(tf.reshape(images, [images.shape[0], ...inputShape])), targets);

  const x4 = tf.reshape(x, [n, h, w, c]) as tf.Tensor4D;
  // What the attack holds, named here so a model that fails mid-attack (a thrown error, a lost
  // device) leaves none of it behind.
  const finished: Finished[] = [];
  let active: Active | null = null;
  const held: tf.Tensor[] = [x4];
  try {
    const cleanLogits = tf.tidy(() => model(x));
    const numClasses = cleanLogits.shape[1];
    const cleanPred = tf.tidy(() => tf.equal(tf.argMax(cleanLogits, -1), y));
    cleanLogits.dispose();
    held.push(cleanPred);
    const cleanCorrect = Uint8Array.from(await cleanPred.data(), Number);
    const wrongIdx = Int32Array.from(cleanCorrect.keys()).filter((i) => !cleanCorrect[i]);
    finished.push({ idx: wrongIdx, x: tf.gather(x4, wrongIdx), queries: new Int32Array(wrongIdx.length), robust: new Uint8Array(wrongIdx.length) });

    const startIdx = Int32Array.from(cleanCorrect.keys()).filter((i) => cleanCorrect[i]);
    if (startIdx.length > 0) {
      active = tf.tidy(() => {
        const at = tf.tensor1d(startIdx, 'int32');
        const xs = tf.gather(x4, at) as tf.Tensor4D;
        const targets = tf.oneHot(tf.cast(tf.gather(y, at), 'int32'), numClasses).toFloat() as tf.Tensor2D;
        // Vertical stripes: one sign per (example, column, channel), the same down each column.
        const stripes = randomSigns([startIdx.length, 1, w, c], rng.seed());
        const best = projectLinf(tf.add(xs, tf.mul(stripes, epsilon)), xs, epsilon) as tf.Tensor4D;
        return { idx: startIdx, x: xs, targets, best, ...query(best, targets), queries: tf.ones([startIdx.length]) as tf.Tensor1D };
      });
    }

    const rows = tf.tidy(() => tf.reshape(tf.range(0, h), [1, h, 1, 1]));
    const cols = tf.tidy(() => tf.reshape(tf.range(0, w), [1, 1, w, 1]));
    held.push(rows, cols);
    const iterations = budget - 1;
    for (let it = 0; it < iterations && active; it++) {
      const a: Active = active;
      const b = a.idx.length;
      const s = squareSide(pSelection(it, budget, pInit), geometry);
      const next = tf.tidy(() => {
        const corner = (size: number) => tf.floor(tf.randomUniform([b, 1, 1, 1], 0, size - s + 1 - 1e-6, 'float32', rng.seed()));
        const top = corner(h);
        const left = corner(w);
        const inWindow = tf.logicalAnd(
          tf.logicalAnd(tf.greaterEqual(rows, top), tf.less(rows, tf.add(top, s))),
          tf.logicalAnd(tf.greaterEqual(cols, left), tf.less(cols, tf.add(left, s))),
        );
        // x_best + 2ε·sign on the window, then projection: the window moves to a corner of the ε-box.
        const step = tf.mul(tf.cast(inWindow, 'float32'), tf.mul(randomSigns([b, 1, 1, c], rng.seed()), 2 * epsilon));
        const candidate = projectLinf(tf.add(a.best, step), a.x, epsilon) as tf.Tensor4D;
        const scores = query(candidate, a.targets);
        const stillOn = a.correct;
        const take = tf.logicalAnd(stillOn, tf.less(scores.margin, a.margin)) as tf.Tensor1D;
        return {
          best: tf.where(expandMask(take, candidate), candidate, a.best) as tf.Tensor4D,
          margin: tf.where(take, scores.margin, a.margin) as tf.Tensor1D,
          correct: tf.where(take, scores.correct, a.correct) as tf.Tensor1D,
          queries: tf.add(a.queries, tf.cast(stillOn, 'float32')) as tf.Tensor1D,
        };
      });
      [a.best, a.margin, a.correct, a.queries].forEach((t) => t.dispose());
      Object.assign(a, next);

      const done = it + 1;
      if (done % CHECK_EVERY !== 0 && done !== iterations) continue;
      options.onProgress?.(done, iterations);
      const correct = await a.correct.data();
      const live = Int32Array.from(correct.keys()).filter((p) => correct[p]);
      if (live.length === b) continue;
      if (live.length > 0 && live.length > b / 2 && done !== iterations) continue;
      // Set finished examples aside and shrink the batch to the ones still standing.
      const ended = Int32Array.from(correct.keys()).filter((p) => !correct[p]);
      const queries = await a.queries.data();
      finished.push({
        idx: ended.map((p) => a.idx[p]),
        x: tf.gather(a.best, ended),
        queries: Array.from(ended, (p) => queries[p]),
        robust: new Uint8Array(ended.length),
      });
      active = live.length > 0 ? select(a, live) : null;
      disposeActive(a);
    }
    if (active) {
      const [queries, correct] = await Promise.all([active.queries.data(), active.correct.data()]);
      finished.push({ idx: active.idx, x: active.best.clone(), queries, robust: Array.from(correct, (c) => (c ? 1 : 0)) });
      disposeActive(active);
      active = null;
    }
    return assemble(finished, n, inputShape);
  } catch (error) {
    if (active) disposeActive(active);
    tf.dispose(finished.map((p) => p.x));
    throw error;
  } finally {
    tf.dispose(held);
  }
}

/** Put the examples back in their original order. */
function assemble(parts: Finished[], n: number, inputShape: number[]): AttackResult {
  const queries = new Int32Array(n);
  const advCorrect = new Uint8Array(n);
  const order = new Int32Array(n);
  let k = 0;
  for (const part of parts) {
    part.idx.forEach((i, j) => {
      queries[i] = part.queries[j];
      advCorrect[i] = part.robust[j];
      order[i] = k + j;
    });
    k += part.idx.length;
  }
  const xAdv = tf.tidy(() => tf.reshape(tf.gather(tf.concat(parts.map((p) => p.x)), order), [n, ...inputShape]));
  parts.forEach((p) => p.x.dispose());
  const cleanCorrect = new Uint8Array(n).fill(1);
  parts[0].idx.forEach((i) => (cleanCorrect[i] = 0));
  return { xAdv, cleanCorrect, advCorrect, queries };
}

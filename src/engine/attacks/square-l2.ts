/**
 * Square attack under L2 (Andriushchenko et al. 2020), as AutoAttack's `square.py` with
 * norm='L2': score-based and black-box — only forward passes, never a gradient.
 *
 * Start: a grid of s × s tiles (s = ⌊h/5⌋), each the "meta pseudo-Gaussian" window η(s) with a
 * random sign per (example, channel), normalised to ‖δ‖₂ = ε, clipped to [0, 1]. Each query:
 * a side s from the `p_init` schedule (odd, at least 3, at most the image), two random windows
 * W1 and W2; per channel the new window is η(s)·(±1) plus W1's old perturbation normalised,
 * rescaled to √(max(ε² − ‖δ‖², 0)/c + ‖δ on W1 ∪ W2‖²) so the mass W2 gives up moves to W1;
 * W2 is zeroed, W1 takes the new window, and x + ε·δ/‖δ‖₂ is clipped to [0, 1]. A move is kept
 * if it lowers the margin z_y − max_{j≠y} z_j; an example stops once misclassified.
 *
 * As in AutoAttack, the window positions and η's orientation are shared by the batch, the signs
 * drawn per example. Differences: a window's corner is uniform over all positions 0..h − s
 * (AutoAttack never picks the last), and inputs too small for the tiled start (h < 5, e.g. the
 * 2-D toys seen as 1 × d images) start at a random vertex ±1 per coordinate normalised to ε.
 * Finished examples are not set aside as in square.ts; they stop counting queries and moving.
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../models';
import { Rng } from '../../shared/rng';
import { defaultSquareQueries, pSelection, squareGeometry } from './square-schedule';
import { margin } from './square-margin';
import { normalizeL2 } from './threat';
import { type AttackResult, expandMask, randomSigns } from './types';

const CHECK_EVERY = 20;

/** AutoAttack's `eta_rectangles(x, y)`: nested rectangles weighted 1/(k + 1)², unit L2 norm; row-major [x·y]. */
function etaRectangles(x: number, y: number): Float64Array {
  const delta = new Float64Array(x * y);
  if (x === 0 || y === 0) return delta;
  let c0 = Math.floor(x / 2);
  let c1 = Math.floor(y / 2);
  const layers = Math.max(Math.floor(x / 2) + 1, Math.floor(y / 2) + 1);
  for (let k = 0; k < layers; k++) {
    for (let i = Math.max(c0, 0); i < Math.min(c0 + 2 * k + 1, x); i++) {
      for (let j = Math.max(c1, 0); j < Math.min(c1 + 2 * k + 1, y); j++) delta[i * y + j] += 1 / (k + 1) ** 2;
    }
    c0 -= 1;
    c1 -= 1;
  }
  const norm = Math.sqrt(delta.reduce((a, v) => a + v * v, 0));
  return delta.map((v) => v / norm);
}

/** AutoAttack's `eta(s)`: the upper half η-rectangles, the lower half their negation, unit L2 norm; transposed if asked. */
export function squareEta(s: number, transpose = false): Float32Array {
  const top = etaRectangles(Math.floor(s / 2), s);
  const bottom = etaRectangles(s - Math.floor(s / 2), s);
  const delta = new Float64Array(s * s);
  delta.set(top, 0);
  bottom.forEach((v, i) => (delta[top.length + i] = -v));
  const norm = Math.sqrt(delta.reduce((a, v) => a + v * v, 0));
  const out = new Float32Array(s * s);
  for (let i = 0; i < s; i++) for (let j = 0; j < s; j++) out[transpose ? j * s + i : i * s + j] = delta[i * s + j] / norm;
  return out;
}

/** The L2 Square side at p: round(√(p·h·w)), at least 3, odd, at most the image's shorter side. */
export function squareSideL2(p: number, h: number, w: number): number {
  let s = Math.max(Math.round(Math.sqrt(p * h * w)), 3);
  if (s % 2 === 0) s += 1;
  return Math.min(s, Math.min(h, w));
}

/** Per (example, channel) L2 norm over the spatial dims of [b, h, w, c]: [b, 1, 1, c]. */
const channelNorms = (t: tf.Tensor) => tf.sqrt(tf.sum(tf.square(t), [1, 2], true));

/** A [s, s] window placed at (top, left) of an [h, w] image, zero elsewhere, broadcast to [b, h, w, c]. */
function place(tile: tf.Tensor4D, top: number, left: number, h: number, w: number): tf.Tensor4D {
  const s = tile.shape[1];
  return tf.pad(tile, [[0, 0], [top, h - top - s], [left, w - left - s], [0, 0]]);
}

interface State extends tf.TensorContainerObject {
  best: tf.Tensor4D;
  margin: tf.Tensor1D;
  correct: tf.Tensor1D;
  queries: tf.Tensor1D;
}

export interface SquareL2Options {
  epsilon: number;
  queries?: number;
  pInit?: number;
  seed: number;
  onProgress?: (done: number, total: number) => void;
}

export async function squareL2(model: Classifier, x: tf.Tensor, y: tf.Tensor1D, options: SquareL2Options): Promise<AttackResult> {
  const { epsilon, pInit = 0.8 } = options;
  const inputShape = x.shape.slice(1);
  const budget = options.queries ?? defaultSquareQueries(inputShape);
  const { h, w, c } = squareGeometry(inputShape);
  const n = x.shape[0];
  const rng = new Rng(options.seed);
  const query = (images: tf.Tensor) => {
    const logits = model(tf.reshape(images, [images.shape[0], ...inputShape])) as tf.Tensor2D;
    return { margin: margin(logits, targets), correct: tf.equal(tf.argMax(logits, -1), y) as tf.Tensor1D };
  };
  const x4 = tf.reshape(x, [n, h, w, c]) as tf.Tensor4D;
  const numClasses = tf.tidy(() => model(x.slice(0, 1)).shape[1]);
  const targets = tf.tidy(() => tf.oneHot(tf.cast(y, 'int32'), numClasses).toFloat() as tf.Tensor2D);
  const held: tf.Tensor[] = [x4, targets];
  let state: State | null = null;
  try {
    const clean = tf.tidy(() => query(x4).correct);
    held.push(clean);
    const cleanCorrect = Uint8Array.from(await clean.data(), Number);

    let live: State = tf.tidy((): State => {
      let delta: tf.Tensor;
      const tile = Math.floor(h / 5);
      if (tile === 0) {
        delta = randomSigns([n, h, w, c], rng.seed());
      } else {
        const start = Math.floor((h - 5 * tile) / 2);
        const eta = tf.reshape(tf.tensor1d(squareEta(tile)), [1, tile, tile, 1]);
        const parts: tf.Tensor[] = [];
        for (let vh = start; vh + tile <= h; vh += tile) {
          for (let vw = start; vw + tile <= w; vw += tile) {
            parts.push(place(tf.mul(eta, randomSigns([n, 1, 1, c], rng.seed())) as tf.Tensor4D, vh, vw, h, w));
          }
        }
        delta = tf.addN(parts);
      }
      const best = tf.clipByValue(tf.add(x4, tf.mul(normalizeL2(delta), epsilon)), 0, 1);
      // Clean-misclassified points are not attacked: they keep x and count no query.
      const on = expandMask(clean, best);
      const start = tf.where(on, best, x4) as tf.Tensor4D;
      const scores = query(start);
      return { best: start, margin: scores.margin, correct: tf.logicalAnd(scores.correct, clean) as tf.Tensor1D, queries: tf.cast(clean, 'float32') as tf.Tensor1D };
    });

    state = live;
    const iterations = budget - 1;
    for (let it = 0; it < iterations; it++) {
      const s = squareSideL2(pSelection(it, budget, pInit), h, w);
      const [vh, vw, vh2, vw2] = [rng.int(h - s + 1), rng.int(w - s + 1), rng.int(h - s + 1), rng.int(w - s + 1)];
      const transpose = rng.next() > 0.5;
      const current: State = live;
      const next = tf.tidy((): State => {
        const delta = tf.sub(current.best, x4);
        const ones = tf.ones([1, s, s, c]) as tf.Tensor4D;
        const mask1 = place(ones, vh, vw, h, w);
        const mask2 = place(ones, vh2, vw2, h, w);
        const window1 = tf.slice(delta, [0, vh, vw, 0], [n, s, s, c]);
        const normImage = tf.reshape(tf.sqrt(tf.sum(tf.square(tf.reshape(delta, [n, -1])), -1)), [n, 1, 1, 1]);
        const normWindows = channelNorms(tf.mul(delta, tf.maximum(mask1, mask2)));
        const eta = tf.reshape(tf.tensor1d(squareEta(s, transpose)), [1, s, s, 1]);
        let fresh = tf.add(tf.mul(eta, randomSigns([n, 1, 1, c], rng.seed())), tf.div(window1, tf.add(channelNorms(window1), 1e-12)));
        const room = tf.sqrt(tf.add(tf.div(tf.relu(tf.sub(epsilon * epsilon, tf.square(normImage))), c), tf.square(normWindows)));
        fresh = tf.mul(tf.div(fresh, tf.add(channelNorms(fresh), 1e-12)), room);
        const kept = tf.mul(delta, tf.mul(tf.sub(1, mask1), tf.sub(1, mask2)));
        const moved = tf.add(kept, place(fresh as tf.Tensor4D, vh, vw, h, w));
        const candidate = tf.clipByValue(tf.add(x4, tf.mul(normalizeL2(moved), epsilon)), 0, 1) as tf.Tensor4D;
        const scores = query(candidate);
        const stillOn = current.correct;
        const take = tf.logicalAnd(stillOn, tf.less(scores.margin, current.margin)) as tf.Tensor1D;
        return {
          best: tf.where(expandMask(take, candidate), candidate, current.best) as tf.Tensor4D,
          margin: tf.where(take, scores.margin, current.margin) as tf.Tensor1D,
          correct: tf.where(take, scores.correct, current.correct) as tf.Tensor1D,
          queries: tf.add(current.queries, tf.cast(stillOn, 'float32')) as tf.Tensor1D,
        };
      });
      tf.dispose(Object.values(current));
      state = live = next;
      const done = it + 1;
      if (done % CHECK_EVERY !== 0 && done !== iterations) continue;
      options.onProgress?.(done, iterations);
      if (!(await live.correct.data()).some(Boolean)) break;
    }
    const [queries, correct] = await Promise.all([live.queries.data(), live.correct.data()]);
    const xAdv = tf.reshape(live.best, [n, ...inputShape]);
    tf.dispose(Object.values(live));
    state = null;
    return { xAdv, cleanCorrect, advCorrect: Uint8Array.from(correct, Number), queries: Int32Array.from(queries) };
  } catch (error) {
    if (state) tf.dispose(Object.values(state));
    throw error;
  } finally {
    tf.dispose(held);
  }
}

/**
 * Random sign noise: N independent draws of x + ε·s with s uniform in {−1, +1}ⁿ (a random
 * corner of the ε-box), clipped to [0, 1]. An example counts as broken if any draw breaks it.
 * A gradient attack should find everything this finds; when noise wins, the gradients lie.
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../models';
import { Rng } from '../../shared/rng';
import { type Norm, normalizeL2, projectL2 } from './threat';
import { type AttackResult, expandMask, projectLinf, randomSigns } from './types';

export interface NoiseOptions {
  epsilon: number;
  /** Number of independent noise draws per example. */
  draws: number;
  seed: number;
  /** The threat model (default L∞: random corners of the ε-box; L2: random signs scaled onto the ε-sphere). */
  norm?: Norm;
}

export async function noise(model: Classifier, x: tf.Tensor, y: tf.Tensor1D, options: NoiseOptions): Promise<AttackResult> {
  const { epsilon, draws } = options;
  const rng = new Rng(options.seed);
  const clean = tf.tidy(() => tf.equal(tf.argMax(model(x), -1), y) as tf.Tensor1D);
  // Per example: the first draw that breaks it, else the last draw.
  let xAdv = x.clone();
  let broken = tf.logicalNot(clean) as tf.Tensor1D;
  // Queries an attacker would have spent: draws up to and including the first that breaks.
  let queries: tf.Tensor1D = tf.zeros([x.shape[0]]);
  try {
    for (let d = 0; d < draws; d++) {
      const next = tf.tidy(() => {
        const signs = randomSigns(x.shape, rng.seed());
        const candidate = options.norm === 'l2'
          ? projectL2(tf.add(x, tf.mul(normalizeL2(signs), epsilon)), x, epsilon)
          : projectLinf(tf.add(x, tf.mul(signs, epsilon)), x, epsilon);
        const wrong = tf.notEqual(tf.argMax(model(candidate), -1), y);
        const take = tf.logicalNot(broken) as tf.Tensor1D;
        return {
          xAdv: tf.where(expandMask(take, candidate), candidate, xAdv),
          broken: tf.logicalOr(broken, wrong) as tf.Tensor1D,
          queries: tf.add(queries, tf.cast(take, 'float32')) as tf.Tensor1D,
        };
      });
      [xAdv, broken, queries].forEach((t) => t.dispose());
      ({ xAdv, broken, queries } = next);
    }
  } catch (error) {
    // A model that fails mid-attack must not leave the attack's tensors behind.
    tf.dispose([clean, xAdv, broken, queries]);
    throw error;
  }
  const [cleanData, brokenData, queryData] = await Promise.all([clean.data(), broken.data(), queries.data()]);
  [clean, broken, queries].forEach((t) => t.dispose());
  const cleanCorrect = Uint8Array.from(cleanData, Number);
  return {
    xAdv,
    cleanCorrect,
    advCorrect: Uint8Array.from(brokenData, (b) => (b ? 0 : 1)),
    queries: Int32Array.from(queryData),
  };
}

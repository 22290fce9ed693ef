/** Shuffled mini-batches of a split, as tensors, one at a time. */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../shared/rng';
import { type AugmentOptions, augmentBatch } from './augment';
import type { Split } from './types';

export interface Batch {
  x: tf.Tensor;
  /** Class indices, int32. */
  y: tf.Tensor1D;
  size: number;
}

/**
 * Upload a whole split once (it is small next to GPU memory) and gather each batch on the
 * device, so the loop moves no pixels from JS per batch.
 */
export class SplitTensors {
  readonly x: tf.Tensor;
  readonly y: tf.Tensor1D;

  /**
   * @param augment  applied to every training batch (`batches`), never to `head` (evaluation)
   */
  constructor(readonly split: Split, readonly inputShape: number[], readonly augment: AugmentOptions | null = null) {
    this.x = tf.tensor(split.x, [split.n, ...inputShape], 'float32');
    this.y = tf.tensor1d(split.y, 'int32');
  }

  get n(): number {
    return this.split.n;
  }

  /** The first `count` examples (for evaluation subsets). */
  head(count: number): Batch {
    const size = Math.min(count, this.n);
    return tf.tidy(() => ({
      x: this.x.slice(0, size),
      y: this.y.slice(0, size),
      size,
    }));
  }

  /** Number of batches in one epoch of size `batchSize` (the last one may be short). */
  batchCount(batchSize: number): number {
    return Math.ceil(this.n / batchSize);
  }

  /** Batches in a fresh seeded order; the caller disposes each batch. */
  *batches(batchSize: number, rng: Rng): Generator<Batch> {
    const augmentRng = rng.fork('augment');
    const order = rng.permutation(this.n);
    for (let start = 0; start < this.n; start += batchSize) {
      const idx = order.subarray(start, Math.min(start + batchSize, this.n));
      const indices = tf.tensor1d(idx, 'int32');
      const augment = this.augment;
      const batch = tf.tidy(() => {
        const x = tf.gather(this.x, indices);
        return {
          x: augment ? augmentBatch(x as tf.Tensor4D, augment, augmentRng) : x,
          y: tf.gather(this.y, indices) as tf.Tensor1D,
        };
      });
      indices.dispose();
      yield { ...batch, size: idx.length };
    }
  }

  dispose(): void {
    this.x.dispose();
    this.y.dispose();
  }
}

/** Natural accuracy, and predictions on a grid for 2-D decision boundaries. */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../models';

/** Examples per forward pass when measuring accuracy. */
export const ACCURACY_CHUNK = 512;

/** Percent of `x` classified as `y`, in chunks so large test sets fit the GPU. */
export async function accuracy(model: Classifier, x: tf.Tensor, y: tf.Tensor1D): Promise<number> {
  const n = x.shape[0];
  let correct = tf.scalar(0);
  for (let start = 0; start < n; start += ACCURACY_CHUNK) {
    const size = Math.min(ACCURACY_CHUNK, n - start);
    const next = tf.tidy(() => {
      const logits = model(x.slice(start, size));
      const hits = tf.sum(tf.cast(tf.equal(tf.argMax(logits, -1), y.slice(start, size)), 'float32'));
      return tf.add(correct, hits) as tf.Scalar;
    });
    correct.dispose();
    correct = next;
  }
  const [hits] = await correct.data();
  correct.dispose();
  return (100 * hits) / n;
}

/** Per point, 1 where `model` classifies `x` as `y`: in chunks, one readback. */
export async function correctMask(model: Classifier, x: tf.Tensor, y: tf.Tensor1D): Promise<Uint8Array> {
  const n = x.shape[0];
  const parts: tf.Tensor[] = [];
  for (let start = 0; start < n; start += ACCURACY_CHUNK) {
    const size = Math.min(ACCURACY_CHUNK, n - start);
    parts.push(tf.tidy(() => tf.equal(tf.argMax(model(x.slice(start, size)), -1), y.slice(start, size))));
  }
  const all = tf.concat(parts);
  const data = await all.data();
  tf.dispose([all, ...parts]);
  return Uint8Array.from(data, Number);
}

/** Predicted class at the centre of each cell of a size×size grid over [0,1]², row 0 at y = 1. */
export async function predictGrid(model: Classifier, size: number): Promise<Uint8Array> {
  const points = new Float32Array(size * size * 2);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const i = row * size + col;
      points[2 * i] = (col + 0.5) / size;
      points[2 * i + 1] = 1 - (row + 0.5) / size;
    }
  }
  const classes = tf.tidy(() => tf.argMax(model(tf.tensor2d(points, [size * size, 2])), -1));
  const data = await classes.data();
  classes.dispose();
  return Uint8Array.from(data);
}

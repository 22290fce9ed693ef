/**
 * An attack's best loss, iteration by iteration, on the points it leaves standing — the "not
 * converged" indicator of Pintor et al. 2022: a loss still climbing at the end says more
 * iterations would break more. The attack hands over each iteration's per-point best loss (kept
 * on the device, no readback inside its loop) and, at the end, which points stood; the trace
 * keeps one readback per attack call and adds chunks of the same attack together.
 */
import * as tf from '@tensorflow/tfjs';

export class LossTrace {
  /** Per iteration (0 = the start), the summed best loss of the points left standing, over every call. */
  private sums: number[] = [];
  /** Points left standing, over every call. */
  private standing = 0;

  /** Iterations recorded so far (the start included); the mean best loss of the standing points at each. */
  mean(): number[] {
    return this.standing === 0 ? this.sums.map(() => 0) : this.sums.map((s) => s / this.standing);
  }

  /** Points the trace averages over. */
  get points(): number {
    return this.standing;
  }

  /**
   * One attack call's steps: `bestLoss[k]` is the per-point best loss after iteration k (tensors
   * the caller keeps ownership of), `stood` 1 where the point stood at the end. One readback.
   */
  async add(bestLoss: tf.Tensor1D[], stood: tf.Tensor1D): Promise<void> {
    if (bestLoss.length === 0) return;
    const [sums, count] = tf.tidy(() => {
      const mask = tf.cast(stood, 'float32');
      const stacked = tf.stack(bestLoss) as tf.Tensor2D;
      return [tf.sum(tf.mul(stacked, mask), 1), tf.sum(mask)];
    });
    const [values, [n]] = await Promise.all([sums.data(), count.data()]);
    tf.dispose([sums, count]);
    Array.from(values as Float32Array).forEach((v, k) => (this.sums[k] = (this.sums[k] ?? 0) + v));
    this.standing += n;
  }
}

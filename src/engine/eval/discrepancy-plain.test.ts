import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../shared/rng';
import { softLabelSummaries } from '../../shared/theory/calibration';
import { oracleKlPerExample } from './discrepancy';

describe('the plain-number G(Z) of src/shared/theory/calibration.ts', () => {
  it('agrees with the tfjs discrepancy (discrepancy.ts) on random logits and oracles', () => {
    const rng = new Rng(21);
    const n = 40;
    const k = 4;
    const logits = Float32Array.from({ length: n * k }, () => 6 * rng.normal());
    const oracle = new Float32Array(n * k);
    for (let i = 0; i < n; i++) {
      const row = Array.from({ length: k }, () => rng.next() ** 3);
      const sum = row.reduce((a, b) => a + b, 0);
      row.forEach((v, c) => (oracle[i * k + c] = v / sum));
    }
    const taus = [0.5, 1, 3, 10];
    const plain = softLabelSummaries({ logits, classes: k, labels: new Int32Array(n), oracle }, taus);
    taus.forEach((tau, j) => {
      const tfMean = tf.tidy(() => oracleKlPerExample(tf.tensor2d(oracle, [n, k]), tf.div(tf.tensor2d(logits, [n, k]), tau) as tf.Tensor2D).mean().arraySync() as number);
      expect(plain[j].discrepancy).toBeCloseTo(tfMean, 4);
    });
  });

});

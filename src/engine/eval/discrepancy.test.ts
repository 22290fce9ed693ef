import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../attacks/test-leaks';
import { blobCentres, blobsPosterior } from '../data/blobs';
import type { Classifier } from '../models';
import { discrepancy, discrepancyFigures, labelDiscrepancy, oneHotDiscrepancy, softLabelDiscrepancy, uniformDiscrepancy } from './discrepancy';

/** A test "model" whose input row holds an index into a table of logits (so chunks pick the right rows). */
function tableModel(logits: tf.Tensor2D): Classifier {
  return (input) => tf.gather(logits, tf.cast(tf.squeeze(input, [1]), 'int32')) as tf.Tensor2D;
}

/** Inputs 0, 1, …, n − 1, one per row, for `tableModel`. */
function indices(n: number): tf.Tensor2D {
  return tf.tensor2d(Array.from({ length: n }, (_, i) => [i]));
}

describe('discrepancy (paper Eq. 7)', () => {
  expectNoTensorLeaks();

  it('matches a hand value on 2 examples', async () => {
    // Example 1: oracle [0.5, 0.5], logits [0, ln 3] → softmax [0.25, 0.75]:
    //   KL = 0.5·ln(0.5/0.25) + 0.5·ln(0.5/0.75) = 0.346574 − 0.202733 = 0.143841.
    // Example 2: oracle [0.9, 0.1], logits [0, 0] → softmax [0.5, 0.5]:
    //   KL = 0.9·ln(1.8) + 0.1·ln(0.2) = 0.529008 − 0.160944 = 0.368064.
    // G = mean = 0.255952.
    const table = tf.tensor2d([[0, Math.log(3)], [0, 0]]);
    const x = indices(2);
    const oracle = tf.tensor2d([[0.5, 0.5], [0.9, 0.1]]);
    const model = tableModel(table);
    expect(await discrepancy(model, x, oracle)).toBeCloseTo(0.255952, 5);
    // At τ = 2 example 1 becomes softmax([0, ln3 / 2]) = [1/(1+√3), √3/(1+√3)] = [0.366025, 0.633975]:
    //   KL = 0.5·ln(0.5/0.366025) + 0.5·ln(0.5/0.633975) = 0.155960 − 0.118707 = 0.037252;
    // example 2 stays [0.5, 0.5] (0.368064). Mean 0.202658.
    expect(await softLabelDiscrepancy(model, x, oracle, 2)).toBeCloseTo(0.202658, 5);
    tf.dispose([table, x, oracle]);
  });

  it('counts 0 · log 0 as 0: a one-hot oracle against softmax [0.5, 0.5] gives ln 2', async () => {
    const table = tf.tensor2d([[0, 0]]);
    const x = indices(1);
    const oracle = tf.tensor2d([[1, 0]]);
    expect(await discrepancy(tableModel(table), x, oracle)).toBeCloseTo(Math.log(2), 6);
    tf.dispose([table, x, oracle]);
  });

  it('is 0 when the model’s softmax is the oracle (logits = log oracle + a constant), over more than one chunk', async () => {
    const n = 700; // more than the 512-row chunk
    const points = new Float32Array(n * 2).map((_, i) => (i * 0.6180339) % 1);
    const oracle = tf.tensor2d(blobsPosterior(blobCentres(3), 0.1)(points, n), [n, 3]);
    // The Bayes-optimal classifier: softmax(log p + 7) = p.
    const logits = tf.tidy(() => tf.add(tf.log(oracle), 7) as tf.Tensor2D);
    const x = indices(n);
    expect(Math.abs(await discrepancy(tableModel(logits), x, oracle))).toBeLessThan(1e-5);
    // Sanity of the fixture: a model off by a shuffle of rows is not at 0.
    const shifted = tf.tidy(() => tf.reverse(logits, 0) as tf.Tensor2D);
    expect(await discrepancy(tableModel(shifted), x, oracle)).toBeGreaterThan(0.1);
    tf.dispose([oracle, logits, x, shifted]);
  });

  it('is never negative (fast-check over random oracles and logits)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true })), { minLength: 1, maxLength: 6 }),
        fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 18, maxLength: 18 }),
        async (raw, flat) => {
          const rows = raw.map((r) => { const s = r[0] + r[1] + r[2]; return r.map((v) => v / s); });
          const logits = rows.map((_, i) => flat.slice(3 * i, 3 * i + 3));
          const table = tf.tensor2d(logits);
          const x = indices(rows.length);
          const oracle = tf.tensor2d(rows);
          const model = tableModel(table);
          const g = await discrepancy(model, x, oracle);
          tf.dispose([table, x, oracle]);
          return g >= -1e-5;
        },
      ),
      { numRuns: 40 },
    );
  });

  it('gives one-hot labels their hand values: 0 against a one-hot oracle, +∞ against one that doubts the label', async () => {
    const y = tf.tensor1d([0, 1], 'int32');
    // An oracle that is itself one-hot on the labels: KL(e_y ‖ e_y) = 0.
    const sure = tf.tensor2d([[1, 0, 0], [0, 1, 0]]);
    expect(await oneHotDiscrepancy(y, sure)).toBe(0);
    // Any mass off the label is compared with a label probability of 0: KL = +∞ (Eq. 7 with one-hot Z).
    const doubting = tf.tensor2d([[0.7, 0.3, 0], [0, 1, 0]]);
    expect(await oneHotDiscrepancy(y, doubting)).toBe(Infinity);
    tf.dispose([y, sure, doubting]);
  });

  it('gives probability labels their hand values, finite when they cover every class the oracle allows', async () => {
    const oracle = tf.tensor2d([[0.7, 0.3, 0], [0.7, 0.3, 0]]);
    // Row 1: 0.7·ln(0.7/0.8) + 0.3·ln(0.3/0.1) = 0.236112; row 2 (0 where the oracle is 0 too):
    // 0.7·ln(0.7/0.75) + 0.3·ln(0.3/0.25) = 0.006401. Mean 0.121256.
    const labels = tf.tensor2d([[0.8, 0.1, 0.1], [0.75, 0.25, 0]]);
    expect(await labelDiscrepancy(labels, oracle)).toBeCloseTo(0.121256, 5);
    tf.dispose([oracle, labels]);
  });

  it('gives uniform labels log C − H(oracle), by hand', async () => {
    // Rows [0.5, 0.5, 0] and [1, 0, 0]: H = ln 2 and 0, so G = ln 3 − (ln 2)/2 = 1.098612 − 0.346574 = 0.752038.
    const oracle = tf.tensor2d([[0.5, 0.5, 0], [1, 0, 0]]);
    expect(await uniformDiscrepancy(oracle)).toBeCloseTo(0.752038, 5);
    tf.dispose(oracle);
  });

  it('reports the model, the teacher’s soft labels at their temperature, one-hot and uniform together', async () => {
    const table = tf.tensor2d([[0, Math.log(3)], [0, 0]]);
    const x = indices(2);
    const y = tf.tensor1d([1, 0], 'int32');
    const oracle = tf.tensor2d([[0.5, 0.5], [0.9, 0.1]]);
    const model = tableModel(table);
    const figures = await discrepancyFigures({ model, teacher: { model, temperature: 2 }, x, y, oracle });
    expect(figures.model).toBeCloseTo(0.255952, 5);
    expect(figures.softLabels?.temperature).toBe(2);
    expect(figures.softLabels?.value).toBeCloseTo(0.202658, 5);
    expect(figures.oneHot).toBe(Infinity);
    // ln 2 − mean(H): H = ln 2 and 0.325083 → 0.693147 − 0.509115 = 0.184032.
    expect(figures.uniform).toBeCloseTo(0.184032, 5);
    const noTeacher = await discrepancyFigures({ model, teacher: null, x, y, oracle });
    expect(noTeacher.softLabels).toBeUndefined();
    tf.dispose([table, x, y, oracle]);
  });
});

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../shared/rng';
import { linearModel, randomLinear } from '../attacks/test-models';
import { measureStudent } from './temperature-sweep-measure';

/** 40 points in [0, 1]^6, labels from the model itself with a few flipped, so some points are wrong clean. */
function points(seed: number, model: (x: tf.Tensor) => tf.Tensor2D) {
  const rng = new Rng(seed);
  const x = tf.tensor2d(Array.from({ length: 40 }, () => Array.from({ length: 6 }, () => rng.next())));
  const labels = tf.tidy(() => tf.argMax(model(x), 1).arraySync() as number[]).map((l, i) => (i % 7 === 0 ? (l + 1) % 3 : l));
  return { x, y: tf.tensor1d(labels, 'int32') };
}

describe('measureStudent', () => {
  it('reports PGD, AA-lite and Square on the same points, the worst case below each, and how each differs from PGD point by point', async () => {
    const { model, dispose } = randomLinear(3, 6, 3);
    const { x, y } = points(4, model);
    const before = tf.memory().numTensors;
    const f = await measureStudent(model, x, y, {
      whiteBox: { attack: 'PGD', epsilon: 0.1, steps: 5, restarts: 1, seed: 1 },
      aaLite: { budget: 'quick', seed: 2 }, square: { queries: 40, seed: 3 },
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(f.subset).toBe(40);
    expect(f.cleanCorrect).toBe(Math.round((f.natAcc * 40) / 100));
    expect(f.aaLite).toMatchObject({ attack: 'AA-lite', budget: 'quick', queries: 40 });
    for (const robust of [f.robustAcc, f.aaLiteAcc!, f.squareAcc!]) expect(f.worstCaseAcc).toBeLessThanOrEqual(robust + 1e-9);
    // Discordant pairs: the gap in robust points between two attacks is (only the other broke − only PGD broke) / n.
    const { square, aaLite } = f.versusWhiteBox;
    expect(f.robustAcc - f.squareAcc!).toBeCloseTo((100 * (square!.onlyOther - square!.onlyWhiteBox)) / 40, 9);
    expect(f.robustAcc - f.aaLiteAcc!).toBeCloseTo((100 * (aaLite!.onlyOther - aaLite!.onlyWhiteBox)) / 40, 9);
    tf.dispose([x, y]);
    dispose();
  });

  it('reads the logit scale as the mean over points of max |z| (hand value) and counts exactly zero gradients', async () => {
    // z = x·W with W = [[1, −2], [0, 3]]: at x = (1, 0) z = (1, −2), at x = (0, 1) z = (0, 3): scale (2 + 3) / 2.
    const { model, dispose } = linearModel([[1, -2], [0, 3]], [0, 0]);
    const x = tf.tensor2d([[1, 0], [0, 1]]);
    const y = tf.tensor1d([0, 1], 'int32');
    const f = await measureStudent(model, x, y, { whiteBox: { attack: 'PGD', epsilon: 0.05, steps: 1, restarts: 1, seed: 1 }, square: null });
    expect(f.logitScale).toBeCloseTo(2.5, 6);
    expect([f.zeroGradients, f.aaLiteAcc, f.squareAcc, f.versusWhiteBox]).toEqual([0, null, null, { square: null, aaLite: null }]);
    tf.dispose([x, y]);
    dispose();
  });

  it('finds the saturated softmax of a model with huge logits: its input gradients are exactly zero', async () => {
    const { model, dispose } = randomLinear(5, 6, 3, 5000);
    const { x, y } = points(6, model);
    const f = await measureStudent(model, x, y, { whiteBox: { attack: 'PGD', epsilon: 0.05, steps: 2, restarts: 1, seed: 1 }, square: null });
    expect(f.logitScale).toBeGreaterThan(100);
    expect(f.zeroGradients).toBeGreaterThan(f.cleanCorrect / 2);
    tf.dispose([x, y]);
    dispose();
  });
});

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../attacks/test-leaks';
import { linearModel, randomMlp } from '../attacks/test-models';
import type { Classifier } from '../models';
import { doubledOnStanding, doubledSpec, outputStability, teacherSource, transferAttack } from './indicator-measures';
import { evaluateAttack } from './robust';

/** A model that adds fresh noise to its logits on every call (seeded by the call count, no Math.random). */
function randomised(model: Classifier, std: number): Classifier {
  let calls = 0;
  return (x) => tf.tidy(() => {
    const logits = model(x);
    return tf.add(logits, tf.randomNormal(logits.shape, 0, std, 'float32', ++calls)) as tf.Tensor2D;
  });
}

describe('attack-failure measurements', () => {
  expectNoTensorLeaks();

  it('finds a deterministic model stable over five passes and a noisy one randomised on every point', async () => {
    const mlp = randomMlp(3, 2, 8, 3);
    const x = tf.randomUniform([40, 2], 0, 1, 'float32', 4);
    const stable = await outputStability(mlp.model, x);
    expect(stable).toMatchObject({ passes: 5, n: 40, differing: 0, maxDifference: 0 });
    const noisy = await outputStability(randomised(mlp.model, 0.1), x);
    expect(noisy.differing).toBe(40);
    expect(noisy.maxDifference).toBeGreaterThan(0.1);
    x.dispose();
    mlp.dispose();
  });

  it('counts silent successes when the returned inputs are classified again: none for a deterministic model, some for a randomised one', async () => {
    const mlp = randomMlp(5, 2, 12, 3, 4);
    const x = tf.randomUniform([64, 2], 0, 1, 'float32', 6);
    const y = tf.tidy(() => tf.argMax(mlp.model(x), -1) as tf.Tensor1D);
    const spec = { attack: 'PGD' as const, epsilon: 0.1, steps: 5, restarts: 1, seed: 1 };
    const plain = await evaluateAttack(mlp.model, x, y, spec, undefined, { verify: true });
    expect(plain.figure.broken).toBeGreaterThan(0);
    expect(plain.silent).toBe(0);
    // Noise as large as the logits: a point the path found misclassified is often classified right when asked again.
    const noisy = await evaluateAttack(randomised(mlp.model, 2), x, y, spec, undefined, { verify: true });
    expect(noisy.silent).toBeGreaterThan(0);
    expect(noisy.silent).toBeLessThanOrEqual(noisy.figure.broken);
    // Without `verify` nothing is counted.
    expect((await evaluateAttack(mlp.model, x, y, spec)).silent).toBeUndefined();
    [x, y].forEach((t) => t.dispose());
    mlp.dispose();
  });

  it('transfers from a source: its own model as the source breaks what PGD on the model breaks, and the settings name the source', async () => {
    const mlp = randomMlp(7, 2, 12, 3, 4);
    const x = tf.randomUniform([48, 2], 0, 1, 'float32', 8);
    const y = tf.tidy(() => tf.argMax(mlp.model(x), -1) as tf.Tensor1D);
    const spec = { attack: 'PGD' as const, epsilon: 0.1, steps: 5, restarts: 1, seed: 2 };
    const self = await transferAttack(mlp.model, { model: mlp.model, name: 'itself' }, x, y, spec);
    const white = await evaluateAttack(mlp.model, x, y, spec);
    expect(Array.from(self.brokenMask)).toEqual(Array.from(white.brokenMask));
    expect(self.figure.settings).toMatchObject({ attack: 'PGD', steps: 5, transferFrom: 'itself' });
    // A source that knows nothing of the model (a constant direction) breaks a different, smaller set.
    const other = linearModel([[1, -1, 0], [0, 1, -1]], [0, 0, 0]);
    const transfer = await transferAttack(mlp.model, { model: other.model, name: 'a linear model' }, x, y, spec);
    expect(transfer.figure.cleanCorrect).toBe(48);
    expect(transfer.figure.broken).toBeLessThanOrEqual(48);
    [x, y].forEach((t) => t.dispose());
    mlp.dispose();
    other.dispose();
  });

  it('doubles the iterations on the points the first run left standing only', async () => {
    const mlp = randomMlp(9, 2, 12, 3, 4);
    const x = tf.randomUniform([64, 2], 0, 1, 'float32', 10);
    const y = tf.tidy(() => tf.argMax(mlp.model(x), -1) as tf.Tensor1D);
    const spec = { attack: 'PGD' as const, epsilon: 0.05, steps: 2, restarts: 1, seed: 3 };
    expect(doubledSpec(spec).steps).toBe(4);
    expect(doubledSpec({ attack: 'APGD', epsilon: 0.05, seed: 1 }).steps).toBe(200);
    const first = await evaluateAttack(mlp.model, x, y, spec);
    const more = await doubledOnStanding(mlp.model, x, y, spec, first);
    expect(more).toBeGreaterThanOrEqual(0);
    expect(more).toBeLessThanOrEqual(64 - first.figure.broken);
    // Nothing standing: nothing to attack.
    const everything = { ...first, brokenMask: new Uint8Array(64).fill(1) };
    expect(await doubledOnStanding(mlp.model, x, y, spec, everything)).toBe(0);
    [x, y].forEach((t) => t.dispose());
    mlp.dispose();
  });

  it('crafts on a teacher at the temperature it was trained at: logits divided by T, named with it', async () => {
    const linear = linearModel([[50, -50], [0, 0]], [0, 0]);
    const x = tf.tensor2d([[1, 0]]);
    const hot = teacherSource(linear.model, 50);
    expect(hot.name).toBe('the teacher at T = 50');
    const logits = tf.tidy(() => hot.model(x));
    expect(Array.from(await logits.data())).toEqual([1, -1]);
    expect(teacherSource(linear.model, 1)).toEqual({ model: linear.model, name: 'the teacher' });
    tf.dispose([x, logits]);
    linear.dispose();
  });
});

import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apgd } from './apgd';
import { apgdTargeted, apgdTargetedPlan } from './apgd-targeted';
import { expectNoTensorLeaks } from './test-leaks';
import { linearModel, randomMlp } from './test-models';

async function read(t: tf.Tensor): Promise<number[]> {
  const v = Array.from(await t.data());
  t.dispose();
  return v;
}

describe('apgdTargeted', () => {
  expectNoTensorLeaks();

  it('runs k = min(targets, C − 1) targets with targeted DLR from 4 classes on, the margin once below', () => {
    expect(apgdTargetedPlan(10)).toEqual({ loss: 'dlr-targeted', targets: 9 });
    expect(apgdTargetedPlan(10, 3)).toEqual({ loss: 'dlr-targeted', targets: 3 });
    expect(apgdTargetedPlan(4)).toEqual({ loss: 'dlr-targeted', targets: 3 });
    expect(apgdTargetedPlan(3)).toEqual({ loss: 'margin', targets: 0 });
    expect(apgdTargetedPlan(2)).toEqual({ loss: 'margin', targets: 0 });
  });

  it('targets the other classes in the order of their clean logits: a point only the 4th-ranked class can take falls at k = 3, not at k = 1', async () => {
    // Coordinate 0 decides; seven more are ignored (they dilute the random start). At x₀ = 0.5
    // the logits rank 0 (1.0) > 1 (0.88) > 2 (0.8) > 3 (0.75). Within ε = 0.1, classes 1 and 2 peak
    // at x₀ = 0.4 (0.98, 0.9 < 1) and never win; class 3 reaches 1.02 at x₀ = 0.6 and wins.
    const weights = Array.from({ length: 8 }, (_, i) => (i === 0 ? [0, -1, -1, 3] : [0, 0, 0, 0]));
    const { model, dispose } = linearModel(weights, [1, 1.38, 1.3, -0.78]);
    const x = tf.fill([1, 8], 0.5);
    const y = tf.tensor1d([0], 'int32');
    const run = async (targets: number) => {
      const result = await apgdTargeted(model, x, y, { epsilon: 0.1, steps: 20, targets, seed: 2 });
      const prediction = await read(tf.tidy(() => tf.argMax(model(result.xAdv), -1)));
      result.xAdv.dispose();
      return { robust: result.advCorrect[0], prediction: prediction[0] };
    };
    expect(await run(1)).toEqual({ robust: 1, prediction: 0 });
    expect(await run(2)).toEqual({ robust: 1, prediction: 0 });
    expect(await run(3)).toEqual({ robust: 0, prediction: 3 });
    tf.dispose([x, y]);
    dispose();
  });

  it('with the same seed, more targets never lower success, per example', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), async (modelSeed, dataSeed) => {
        const mlp = randomMlp(modelSeed, 2, 12, 5, 4);
        const x = tf.randomUniform([20, 2], 0, 1, 'float32', dataSeed);
        const y = tf.tidy(() => tf.argMax(mlp.model(x), -1) as tf.Tensor1D);
        const run = async (targets: number) => {
          const result = await apgdTargeted(mlp.model, x, y, { epsilon: 0.08, steps: 5, targets, seed: dataSeed });
          result.xAdv.dispose();
          return result.advCorrect;
        };
        const two = await run(2);
        const four = await run(4);
        two.forEach((robust, i) => expect(four[i]).toBeLessThanOrEqual(robust));
        tf.dispose([x, y]);
        mlp.dispose();
      }),
      { numRuns: 8, seed: 4 },
    );
  });

  it('on 3 classes is margin APGD, and reports progress over targets × restarts × iterations', async () => {
    const mlp = randomMlp(6, 2, 10, 3, 4);
    const x = tf.randomUniform([12, 2], 0, 1, 'float32', 5);
    const y = tf.tidy(() => tf.argMax(mlp.model(x), -1) as tf.Tensor1D);
    const viaT = await apgdTargeted(mlp.model, x, y, { epsilon: 0.1, steps: 6, seed: 3 });
    const viaMargin = await apgd(mlp.model, x, y, { epsilon: 0.1, steps: 6, loss: 'margin', seed: 3 });
    expect(await read(viaT.xAdv)).toEqual(await read(viaMargin.xAdv));
    mlp.dispose();

    const five = randomMlp(7, 2, 10, 5, 4);
    const y5 = tf.tidy(() => tf.argMax(five.model(x), -1) as tf.Tensor1D);
    const totals = new Set<number>();
    let last = 0;
    const result = await apgdTargeted(five.model, x, y5, {
      epsilon: 0.001, steps: 4, restarts: 2, targets: 3, seed: 1,
      onProgress: (done, total) => {
        totals.add(total);
        expect(done).toBeGreaterThanOrEqual(last);
        last = done;
      },
    });
    result.xAdv.dispose();
    expect([...totals]).toEqual([3 * 2 * 4]);
    expect(last).toBe(24); // ε so small that no point falls: every run runs
    tf.dispose([x, y, y5]);
    five.dispose();
  });

  it('frees every tensor it made when the model fails in a later target', async () => {
    const mlp = randomMlp(8, 2, 10, 5, 4);
    const x = tf.randomUniform([10, 2], 0, 1, 'float32', 5);
    const y = tf.tidy(() => tf.argMax(mlp.model(x), -1) as tf.Tensor1D);
    let calls = 0;
    const failing = (input: tf.Tensor) => {
      if (++calls === 12) throw new Error('device lost'); // clean, ranking, then 4 per target: inside the 3rd
      return mlp.model(input);
    };
    await expect(apgdTargeted(failing, x, y, { epsilon: 0.001, steps: 3, targets: 4, seed: 1 })).rejects.toThrow('device lost');
    tf.dispose([x, y]);
    mlp.dispose();
  });
});

import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneHot, softCrossEntropyPerExample } from '../losses';
import { pgd } from './pgd';
import { expectNoTensorLeaks } from './test-leaks';
import { randomMlp } from './test-models';
import { attackSummary } from './types';

const setups = fc.record({
  modelSeed: fc.integer({ min: 1, max: 1e6 }),
  dataSeed: fc.integer({ min: 1, max: 1e6 }),
  epsilon: fc.double({ min: 0.02, max: 0.3, noNaN: true }),
});

function setup(modelSeed: number, dataSeed: number) {
  const mlp = randomMlp(modelSeed, 2, 12, 3, 4);
  const x = tf.randomUniform([24, 2], 0, 1, 'float32', dataSeed);
  const y = tf.tidy(() => tf.argMax(mlp.model(x), -1) as tf.Tensor1D);
  return { mlp, x, y };
}

describe('pgd', () => {
  expectNoTensorLeaks();

  it('never lowers the loss it maximises: each example ends misclassified or at a loss ≥ the clean loss', async () => {
    await fc.assert(
      fc.asyncProperty(setups, async ({ modelSeed, dataSeed, epsilon }) => {
        const { mlp, x, y } = setup(modelSeed, dataSeed);
        const result = await pgd(mlp.model, x, y, { epsilon, steps: 4, seed: dataSeed });
        const [clean, adv, wrong] = tf.tidy(() => {
          const targets = oneHot(y, 3);
          return [
            softCrossEntropyPerExample(mlp.model(x), targets),
            softCrossEntropyPerExample(mlp.model(result.xAdv), targets),
            tf.notEqual(tf.argMax(mlp.model(result.xAdv), -1), y),
          ];
        });
        const [c, a, w] = await Promise.all([clean.data(), adv.data(), wrong.data()]);
        [clean, adv, wrong, result.xAdv, x, y].forEach((t) => t.dispose());
        mlp.dispose();
        c.forEach((_, i) => {
          if (!w[i]) expect(a[i]).toBeGreaterThanOrEqual(c[i]);
        });
      }),
      { numRuns: 15, seed: 7 },
    );
  });

  it('with a fixed step size and seed, more steps or more restarts never lower success', async () => {
    await fc.assert(
      fc.asyncProperty(setups, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), async (s, k, extra) => {
        const { mlp, x, y } = setup(s.modelSeed, s.dataSeed);
        const run = async (steps: number, restarts: number) => {
          const result = await pgd(mlp.model, x, y, { epsilon: s.epsilon, steps, restarts, stepSize: s.epsilon / 3, seed: s.dataSeed });
          result.xAdv.dispose();
          return result.advCorrect;
        };
        const short = await run(k, 1);
        const long = await run(k + extra, 1);
        const moreRestarts = await run(k, 2);
        [x, y].forEach((t) => t.dispose());
        mlp.dispose();
        // Per example, not just on average: the longer run sees every iterate of the shorter one.
        short.forEach((robust, i) => {
          expect(long[i]).toBeLessThanOrEqual(robust);
          expect(moreRestarts[i]).toBeLessThanOrEqual(robust);
        });
      }),
      { numRuns: 15, seed: 11 },
    );
  });

  for (const loss of ['ce', 'margin', 'dlr'] as const) {
    it(`${loss}: breaks a linear two-class model exactly where the margin is below ε·‖w₀ − w₁‖₁`, async () => {
      // z₀ − z₁ = x₀ − 2·x₁ + b: the worst case in the ε-ball lowers it by 3ε.
      const W = tf.tensor2d([[1, 0], [-2, 0]]);
      const model = (x: tf.Tensor) => tf.tidy(() => tf.add(tf.matMul(x as tf.Tensor2D, W), tf.tensor1d([0.05, 0])) as tf.Tensor2D);
      const epsilon = 0.1;
      const points = [[0.5, 0.3], [0.5, 0.2], [0.5, 0.1], [0.6, 0.2], [0.5, 0.25]];
      const margins = points.map(([a, b]) => a - 2 * b + 0.05);
      const x = tf.tensor2d(points);
      const y = tf.zeros([points.length], 'int32') as tf.Tensor1D;
      // Two classes: DLR is undefined and runs the margin, whose gradient has the CE gradient's sign.
      const result = await pgd(model, x, y, { epsilon, steps: 10, seed: 3, loss });
      expect(Array.from(result.cleanCorrect)).toEqual(margins.map((m) => (m > 0 ? 1 : 0)));
      expect(Array.from(result.advCorrect)).toEqual(margins.map((m) => (m - 3 * epsilon > 0 ? 1 : 0)));
      const summary = attackSummary(result);
      const clean = margins.filter((m) => m > 0).length;
      const robust = margins.filter((m) => m - 3 * epsilon > 0).length;
      expect(summary.robustAccuracy).toBeCloseTo((100 * robust) / points.length);
      expect(summary.successRate).toBeCloseTo((100 * (clean - robust)) / clean);
      [W, x, y, result.xAdv].forEach((t) => t.dispose());
    });
  }

  // Call 1 finds the class count, 2 is the clean pass, 4 a step.
  for (const failOn of [2, 4]) {
    it(`frees every tensor it made when the model fails mid-attack (on call ${failOn})`, async () => {
      const { model, dispose } = randomMlp(4, 2, 8, 3);
      let calls = 0;
      const failing = (x: tf.Tensor) => {
        if (++calls === failOn) throw new Error('device lost');
        return model(x);
      };
      const x = tf.tensor2d([[0.2, 0.4], [0.7, 0.1]]);
      const y = tf.tensor1d([0, 1], 'int32');
      await expect(pgd(failing, x, y, { epsilon: 0.1, steps: 5, seed: 1 })).rejects.toThrow('device lost');
      tf.dispose([x, y]);
      dispose();
    });
  }
});

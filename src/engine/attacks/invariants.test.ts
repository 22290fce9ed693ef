/**
 * Invariants every attack keeps, checked with fast-check over random small models, inputs
 * and radii: the output stays in the ε-ball and in [0, 1], and the reported correctness is
 * what the model really does on the returned inputs (so success is counted over clean-correct
 * points and robust accuracy over all).
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Classifier } from '../models';
import { apgd } from './apgd';
import { apgdTargeted } from './apgd-targeted';
import { fgsm } from './fgsm';
import { noise } from './noise';
import { pgd } from './pgd';
import { square } from './square';
import { expectNoTensorLeaks } from './test-leaks';
import { labelsWithWrongThird, randomMlp } from './test-models';
import type { AttackResult } from './types';

type Attack = (model: Classifier, x: tf.Tensor, y: tf.Tensor1D, epsilon: number, seed: number) => Promise<AttackResult>;

const ATTACKS: Record<string, Attack> = {
  FGSM: (m, x, y, epsilon) => fgsm(m, x, y, { epsilon }),
  'PGD-5, 2 restarts': (m, x, y, epsilon, seed) => pgd(m, x, y, { epsilon, steps: 5, restarts: 2, seed }),
  'PGD-4, DLR loss': (m, x, y, epsilon, seed) => pgd(m, x, y, { epsilon, steps: 4, loss: 'dlr', seed }),
  'APGD-CE, 2 restarts': (m, x, y, epsilon, seed) => apgd(m, x, y, { epsilon, steps: 6, restarts: 2, seed }),
  'APGD-DLR': (m, x, y, epsilon, seed) => apgd(m, x, y, { epsilon, steps: 6, loss: 'dlr', seed }),
  'APGD-T, 2 targets': (m, x, y, epsilon, seed) => apgdTargeted(m, x, y, { epsilon, steps: 4, targets: 2, seed }),
  Square: (m, x, y, epsilon, seed) => square(m, x, y, { epsilon, queries: 30, seed }),
  Noise: (m, x, y, epsilon, seed) => noise(m, x, y, { epsilon, draws: 5, seed }),
};

const cases = fc.record({
  modelSeed: fc.integer({ min: 1, max: 1e6 }),
  dataSeed: fc.integer({ min: 1, max: 1e6 }),
  image: fc.boolean(),
  classes: fc.integer({ min: 2, max: 5 }),
  epsilon: fc.double({ min: 0.01, max: 0.6, noNaN: true }),
  scale: fc.constantFrom(1, 10, 1000),
});

describe('every attack', () => {
  expectNoTensorLeaks();

  for (const [name, attack] of Object.entries(ATTACKS)) {
    it(`${name}: stays in the ε-ball and [0, 1], and reports what the model does on its output`, async () => {
      await fc.assert(
        fc.asyncProperty(cases, async ({ modelSeed, dataSeed, image, classes, epsilon, scale }) => {
          const shape = image ? [3, 3, 2] : [2];
          const mlp = randomMlp(modelSeed, shape.reduce((a, b) => a * b, 1), 8, classes, scale);
          const n = 12;
          const x = tf.randomUniform([n, ...shape], 0, 1, 'float32', dataSeed);
          const y = labelsWithWrongThird(mlp.model, x, classes);
          const result = await attack(mlp.model, x, y, epsilon, dataSeed);
          const [gap, lo, hi, cleanOk, advOk] = tf.tidy(() => [
            tf.max(tf.abs(tf.sub(result.xAdv, x))),
            tf.min(result.xAdv),
            tf.max(result.xAdv),
            tf.equal(tf.argMax(mlp.model(x), -1), y),
            tf.equal(tf.argMax(mlp.model(result.xAdv), -1), y),
          ]);
          const [g, l, u, c, a] = await Promise.all([gap, lo, hi, cleanOk, advOk].map((t) => t.data()));
          [gap, lo, hi, cleanOk, advOk, result.xAdv, x, y].forEach((t) => t.dispose());
          mlp.dispose();
          expect(g[0]).toBeLessThanOrEqual(epsilon + 1e-6);
          expect(l[0]).toBeGreaterThanOrEqual(0);
          expect(u[0]).toBeLessThanOrEqual(1);
          expect(Array.from(result.cleanCorrect)).toEqual(Array.from(c, Number));
          expect(Array.from(result.advCorrect)).toEqual(Array.from(a, (v, i) => (v && c[i] ? 1 : 0)));
          if (result.queries) {
            result.queries.forEach((q, i) => expect(q === 0).toBe(!c[i]));
          }
        }),
        { numRuns: 12, seed: 20240601 },
      );
    });
  }
});

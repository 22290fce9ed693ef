/**
 * The L2 threat model's attacks: every output inside the L2 ball ∩ [0, 1], correctness reported
 * as the model really classifies the output, PGD's best iterate never below the clean loss,
 * FGM's step along the gradient (finite differences), Square-L2 black-box.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneHot, softCrossEntropyPerExample } from '../losses';
import type { Classifier } from '../models';
import { aaLite } from './aa-lite';
import { apgd } from './apgd';
import { apgdTargeted } from './apgd-targeted';
import { fgsm } from './fgsm';
import { pgd, pgdPerturb } from './pgd';
import { square } from './square';
import { squareEta, squareSideL2 } from './square-l2';
import { expectNoTensorLeaks } from './test-leaks';
import { forbidGradients, GradientForbiddenError, labelsWithWrongThird, linearModel, randomMlp } from './test-models';
import type { AttackResult } from './types';

type Attack = (model: Classifier, x: tf.Tensor, y: tf.Tensor1D, epsilon: number, seed: number) => Promise<AttackResult>;
const norm = 'l2' as const;

const ATTACKS: Record<string, Attack> = {
  'FGM-L2': (m, x, y, epsilon) => fgsm(m, x, y, { epsilon, norm }),
  'PGD-L2-5, 2 restarts': (m, x, y, epsilon, seed) => pgd(m, x, y, { epsilon, steps: 5, restarts: 2, seed, norm }),
  'PGD-L2, TRADES start': (m, x, y, epsilon, seed) => pgd(m, x, y, { epsilon, steps: 3, start: 'normal-small', seed, norm }),
  'APGD-L2-CE': (m, x, y, epsilon, seed) => apgd(m, x, y, { epsilon, steps: 6, restarts: 2, seed, norm }),
  'APGD-L2-T': (m, x, y, epsilon, seed) => apgdTargeted(m, x, y, { epsilon, steps: 4, targets: 2, seed, norm }),
  'Square-L2': (m, x, y, epsilon, seed) => square(m, x, y, { epsilon, queries: 30, seed, norm }),
  'AA-lite L2': async (m, x, y, epsilon, seed) => aaLite(m, x, y, { epsilon, budget: 'quick', queries: 20, seed, norm }),
};

const cases = fc.record({
  modelSeed: fc.integer({ min: 1, max: 1e6 }),
  dataSeed: fc.integer({ min: 1, max: 1e6 }),
  shape: fc.constantFrom<number[]>([2], [3, 3, 2], [7, 6, 1]),
  classes: fc.integer({ min: 2, max: 5 }),
  epsilon: fc.double({ min: 0.05, max: 2, noNaN: true }),
  scale: fc.constantFrom(1, 10, 1000),
});

describe('L2 attacks', () => {
  expectNoTensorLeaks();

  for (const [name, attack] of Object.entries(ATTACKS)) {
    it(`${name}: stays in the L2 ε-ball and [0, 1], and reports what the model does on its output`, async () => {
      await fc.assert(
        fc.asyncProperty(cases, async ({ modelSeed, dataSeed, shape, classes, epsilon, scale }) => {
          const mlp = randomMlp(modelSeed, shape.reduce((a, b) => a * b, 1), 8, classes, scale);
          const n = 9;
          const x = tf.randomUniform([n, ...shape], 0, 1, 'float32', dataSeed);
          const y = labelsWithWrongThird(mlp.model, x, classes);
          const result = await attack(mlp.model, x, y, epsilon, dataSeed);
          const [radius, lo, hi, cleanOk, advOk] = tf.tidy(() => [
            tf.max(tf.sqrt(tf.sum(tf.square(tf.reshape(tf.sub(result.xAdv, x), [n, -1])), -1))),
            tf.min(result.xAdv),
            tf.max(result.xAdv),
            tf.equal(tf.argMax(mlp.model(x), -1), y),
            tf.equal(tf.argMax(mlp.model(result.xAdv), -1), y),
          ]);
          const [r, l, u, c, a] = await Promise.all([radius, lo, hi, cleanOk, advOk].map((t) => t.data()));
          [radius, lo, hi, cleanOk, advOk, result.xAdv, x, y].forEach((t) => t.dispose());
          mlp.dispose();
          expect(r[0]).toBeLessThanOrEqual(epsilon * (1 + 1e-5) + 1e-6);
          expect(l[0]).toBeGreaterThanOrEqual(0);
          expect(u[0]).toBeLessThanOrEqual(1);
          expect(Array.from(result.cleanCorrect)).toEqual(Array.from(c, Number));
          expect(Array.from(result.advCorrect)).toEqual(Array.from(a, (v, i) => (v && c[i] ? 1 : 0)));
        }),
        { numRuns: 8, seed: 20261208 },
      );
    });
  }

  it('FGM-L2 moves by ε along −∇ of the margin on a linear two-class model (the L2-optimal step), and raises the loss to first order', async () => {
    // For CE on two classes ∇ₓL ∝ −(w₀ − w₁) for y = 0: FGM moves by −ε·(w₀ − w₁)/‖w₀ − w₁‖₂.
    const linear = linearModel([[1, 0], [-2, 0], [2, 0]], [0, 0]);
    const x = tf.tensor2d([[0.5, 0.5, 0.5]]);
    const y = tf.zeros([1], 'int32') as tf.Tensor1D;
    const result = await fgsm(linear.model, x, y, { epsilon: 0.3, norm });
    const adv = ((await result.xAdv.array()) as number[][])[0];
    const d = [1, -2, 2].map((v) => v / 3);
    adv.forEach((v, i) => expect(v).toBeCloseTo(0.5 - 0.3 * d[i], 5));
    // Finite differences: the loss at x + h·direction grows by h·‖∇L‖₂ (the direction is ∇/‖∇‖).
    const lossAt = (p: number[]) => tf.tidy(() => {
      const logits = linear.model(tf.tensor2d([p]));
      return softCrossEntropyPerExample(logits, oneHot(y, 2)).arraySync()[0] as number;
    });
    const grad = tf.tidy(() => tf.grad((v: tf.Tensor) => tf.sum(softCrossEntropyPerExample(linear.model(v), oneHot(y, 2))) as tf.Scalar)(x).arraySync() as number[][]);
    const gNorm = Math.hypot(...grad[0]);
    const h = 1e-2;
    const along = (t: number) => [0, 1, 2].map((i) => 0.5 + (t * (adv[i] - 0.5)) / 0.3);
    expect((lossAt(along(h)) - lossAt(along(-h))) / (2 * h)).toBeCloseTo(gNorm, 3);
    [x, y, result.xAdv].forEach((t) => t.dispose());
    linear.dispose();
  });

  it('PGD-L2 keeps the best iterate: its loss is never below the clean loss, and more steps do not break fewer points', async () => {
    const mlp = randomMlp(11, 2, 16, 3);
    const x = tf.randomUniform([60, 2], 0, 1, 'float32', 3);
    const y = tf.tidy(() => tf.argMax(mlp.model(x), -1) as tf.Tensor1D);
    const ce = (v: tf.Tensor) => softCrossEntropyPerExample(mlp.model(v), oneHot(y, 3));
    const few = await pgd(mlp.model, x, y, { epsilon: 0.3, steps: 2, seed: 4, norm });
    const many = await pgd(mlp.model, x, y, { epsilon: 0.3, steps: 2, restarts: 3, seed: 4, norm });
    const [clean, adv] = tf.tidy(() => [ce(x).arraySync() as number[], ce(few.xAdv).arraySync() as number[]]);
    adv.forEach((v, i) => few.advCorrect[i] && expect(v).toBeGreaterThanOrEqual(clean[i] - 1e-6));
    const broken = (r: AttackResult) => r.advCorrect.filter((v) => !v).length;
    expect(broken(many)).toBeGreaterThanOrEqual(broken(few));
    expect(broken(few)).toBeGreaterThan(0);
    [x, y, few.xAdv, many.xAdv].forEach((t) => t.dispose());
    mlp.dispose();
  });

  it('pgdPerturb under L2 ascends: the loss after 10 steps exceeds the clean loss', () => {
    const mlp = randomMlp(5, 4, 16, 3);
    const [clean, adv] = tf.tidy(() => {
      const x = tf.randomUniform([32, 4], 0.2, 0.8, 'float32', 9);
      const y = tf.argMax(mlp.model(x), -1) as tf.Tensor1D;
      const loss = (v: tf.Tensor) => tf.mean(softCrossEntropyPerExample(mlp.model(v), oneHot(y, 3))) as tf.Scalar;
      const xAdv = pgdPerturb(loss, x, { epsilon: 0.5, steps: 10, seed: 1, norm });
      return [loss(x).arraySync() as number, loss(xAdv).arraySync() as number];
    });
    expect(adv).toBeGreaterThan(clean);
    mlp.dispose();
  });

  it('Square-L2 never computes a gradient (the same guarded model makes PGD-L2 throw), and it attacks', async () => {
    const mlp = randomMlp(3, 2 * 10 * 10, 16, 3);
    const guarded = forbidGradients(mlp.model);
    const x = tf.randomUniform([20, 10, 10, 2], 0, 1, 'float32', 1);
    const y = tf.tidy(() => tf.argMax(mlp.model(x), -1) as tf.Tensor1D);
    const result = await square(guarded, x, y, { epsilon: 3, queries: 60, seed: 1, norm });
    expect(result.advCorrect.some((v) => v === 0)).toBe(true);
    expect(result.queries!.every((q) => q >= 1 && q <= 60)).toBe(true);
    result.xAdv.dispose();
    [x, y].forEach((t) => t.dispose());
    mlp.dispose();
  });

  it("Square-L2's window η(s) is AutoAttack's: unit norm, upper half positive, lower half its negative image; sides odd and ≥ 3", () => {
    const eta = squareEta(5);
    expect(Math.hypot(...eta)).toBeCloseTo(1, 6);
    // Rows 0–1 (s//2 = 2) positive, rows 2–4 negative; the rectangles peak at their centres.
    expect(eta.slice(0, 10).every((v) => v > 0)).toBe(true);
    expect(eta.slice(10).every((v) => v < 0)).toBe(true);
    expect(Math.abs(eta[3 * 5 + 2])).toBeGreaterThan(Math.abs(eta[3 * 5 + 0]));
    const t = squareEta(5, true);
    expect(t[2 * 5 + 3]).toBeCloseTo(eta[3 * 5 + 2], 7);
    expect(squareSideL2(0.8, 32, 32)).toBe(29); // round(√(0.8·1024)) = 29, odd
    expect(squareSideL2(0.8 / 512, 32, 32)).toBe(3);
    expect(squareSideL2(0.05, 32, 32)).toBe(7); // round(7.16) = 7
    expect(squareSideL2(0.8, 1, 2)).toBe(1);
  });
});

describe('the gradient guard', () => {
  it('bites: PGD-L2 through the guarded model throws (it leaks mid-way, so no leak check here)', async () => {
    const mlp = randomMlp(3, 2 * 10 * 10, 16, 3);
    const x = tf.randomUniform([4, 10, 10, 2], 0, 1, 'float32', 1);
    const y = tf.tidy(() => tf.argMax(mlp.model(x), -1) as tf.Tensor1D);
    await expect(pgd(forbidGradients(mlp.model), x, y, { epsilon: 0.2, steps: 2, seed: 1, norm })).rejects.toThrow(GradientForbiddenError);
    [x, y].forEach((t) => t.dispose());
    mlp.dispose();
  });
});

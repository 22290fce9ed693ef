import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pgd } from './pgd';
import type { Classifier } from '../models';
import { margin, maxOverOthers, square } from './square';
import { pSelection, squareGeometry, squareSide } from './square-schedule';
import { forbidGradients, GradientForbiddenError, linearModel, randomMlp } from './test-models';

let tensorsBefore = 0;
const checkLeaks = () => {
  beforeEach(() => void (tensorsBefore = tf.memory().numTensors));
  afterEach(() => expect(tf.memory().numTensors).toBe(tensorsBefore));
};

describe('square schedule', () => {
  checkLeaks();
  it('halves p_init at AutoAttack’s points of a 10 000-query schedule', () => {
    const p = (it: number) => pSelection(it, 10000, 0.8);
    expect([p(0), p(10), p(11), p(50), p(51), p(201), p(501), p(1001), p(2001), p(4001), p(6001), p(8001)]).toEqual([
      0.8, 0.8, 0.4, 0.4, 0.2, 0.1, 0.05, 0.025, 0.0125, 0.00625, 0.003125, 0.8 / 512,
    ]);
  });

  it('rescales the schedule to the budget', () => {
    expect(pSelection(2, 1000, 0.8)).toBe(0.4); // 2/1000 of the way = query 20 of 10 000
    expect(pSelection(1, 1000, 0.8)).toBe(0.8);
  });

  it('sizes squares as round(√(p·h·w)) within the image, and 1 on 2-D points', () => {
    expect(squareSide(0.8, squareGeometry([28, 28, 1]))).toBe(25);
    expect(squareSide(0.8 / 512, squareGeometry([28, 28, 1]))).toBe(1);
    expect(squareSide(0.8, squareGeometry([32, 32, 3]))).toBe(29);
    expect(squareSide(0.8, squareGeometry([2]))).toBe(1);
    expect(squareGeometry([2])).toEqual({ h: 1, w: 2, c: 1 });
  });
});

describe('margin z_y − max_{j≠y} z_j', () => {
  checkLeaks();

  it('takes the max over the other classes with a finite mask, at any logit scale', async () => {
    for (const scale of [1, 1e12, 1e30]) {
      const logits = tf.tensor2d([[3, 1, 2], [-5, -7, -6], [1, 4, 4]].map((row) => row.map((v) => v * scale)));
      const targets = tf.tensor2d([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
      const [others, margins] = [maxOverOthers(logits, targets), margin(logits, targets)];
      const expected = [[2, -5, 4], [1, -2, 0]].map((row) => row.map((v) => v * scale));
      for (const [t, want] of [[others, expected[0]], [margins, expected[1]]] as const) {
        const got = Array.from(await t.data());
        got.forEach((v, i) => expect(v).toBeCloseTo(want[i], -Math.log10(scale) + 4));
        expect(got.every(Number.isFinite)).toBe(true);
      }
      tf.dispose([logits, targets, others, margins]);
    }
  });
});

describe('square attack', () => {
  checkLeaks();

  it('never computes a gradient (the same guarded model makes PGD throw)', async () => {
    const mlp = randomMlp(3, 2, 16, 3);
    const guarded = forbidGradients(mlp.model);
    const x = tf.randomUniform([20, 2], 0, 1, 'float32', 1);
    const y = tf.tidy(() => tf.argMax(mlp.model(x), -1) as tf.Tensor1D);
    const result = await square(guarded, x, y, { epsilon: 0.2, queries: 60, seed: 1 });
    expect(result.advCorrect.length).toBe(20);
    expect(result.advCorrect.some((v) => v === 0)).toBe(true); // it did attack
    result.xAdv.dispose();
    // The guard bites: a gradient attack through it throws (it leaks mid-way, so no leak check here).
    const before = tf.memory().numTensors;
    await expect(pgd(guarded, x, y, { epsilon: 0.2, steps: 2, seed: 1 })).rejects.toThrow(GradientForbiddenError);
    tensorsBefore += tf.memory().numTensors - before;
    [x, y].forEach((t) => t.dispose());
    mlp.dispose();
  });

  /**
   * For a linear two-class model the margin is (w₀ − w₁)·x + b₀ − b₁, so the L∞-optimal
   * perturbation is −ε·sign(w₀ − w₁). The bias keeps every example unbroken, so the attack
   * runs its whole budget and must end at that corner.
   */
  async function expectOptimalCorner(inputShape: number[], queries: number) {
    const d = inputShape.reduce((a, b) => a * b, 1);
    const diff = Array.from({ length: d }, (_, i) => (i % 3 === 0 ? 1 : -1) * (0.5 + ((i * 7) % 5) / 4));
    const linear = linearModel(diff.map((v) => [v, 0]), [d * 2, 0]);
    const n = 8;
    const x = tf.randomUniform([n, ...inputShape], 0.2, 0.8, 'float32', 5);
    const y = tf.zeros([n], 'int32') as tf.Tensor1D;
    const epsilon = 0.1;
    const result = await square(linear.model, x, y, { epsilon, queries, seed: 2 });
    const deltaTensor = tf.tidy(() => tf.sub(result.xAdv, x).reshape([n, d]));
    const delta = (await deltaTensor.array()) as number[][];
    deltaTensor.dispose();
    for (const row of delta) {
      row.forEach((v, i) => expect(v).toBeCloseTo(-epsilon * Math.sign(diff[i]), 5));
    }
    expect(Array.from(result.queries!)).toEqual(new Array(n).fill(queries));
    expect(Array.from(result.advCorrect)).toEqual(new Array(n).fill(1));
    result.xAdv.dispose();
    [x, y].forEach((t) => t.dispose());
    linear.dispose();
  }

  it('finds the analytic optimal perturbation −ε·sign(w_y − w_other) of a linear model on 2-D points', async () => {
    await expectOptimalCorner([2], 60);
  });

  it('finds the analytic optimal perturbation of a linear model on a 4×4 image', async () => {
    await expectOptimalCorner([4, 4, 1], 400);
  });

  it('counts queries per example exactly, stopping each example when it breaks', async () => {
    const k = [-1, 1, 2, 5, 21, 22, 40, 50, 51, 1000];
    const budget = 50;
    const { model, x, y, dispose } = scripted(k);
    const result = await square(model, x, y, { epsilon: 0.001, queries: budget, seed: 4 });
    expect(Array.from(result.cleanCorrect)).toEqual(k.map((v) => (v > 0 ? 1 : 0)));
    expect(Array.from(result.queries!)).toEqual(k.map((v) => (v <= 0 ? 0 : Math.min(v, budget))));
    expect(Array.from(result.advCorrect)).toEqual(k.map((v) => (v > budget ? 1 : 0)));
    result.xAdv.dispose();
    dispose();
  });

  it('counts a tie z_y = max_{j≠y} z_j as broken only when argmax picks another class, as PGD does', async () => {
    // Constant logits [0, 0]: argmax is class 0. Label 0 is correct and can never be broken
    // (margin 0 at every query); label 1 is wrong already when clean.
    // (x·0 rather than zeros: PGD needs logits that are a function of x, if a flat one.)
    const tied: Classifier = (x) => tf.tidy(() => tf.tile(tf.mul(tf.slice(x, [0, 0], [-1, 1]), 0), [1, 2]) as tf.Tensor2D);
    const x = tf.randomUniform([4, 2], 0, 1, 'float32', 1);
    const y = tf.tensor1d([0, 0, 1, 1], 'int32');
    const result = await square(tied, x, y, { epsilon: 0.3, queries: 30, seed: 1 });
    const reference = await pgd(tied, x, y, { epsilon: 0.3, steps: 3, seed: 1 });
    expect(Array.from(result.cleanCorrect)).toEqual([1, 1, 0, 0]);
    expect(Array.from(result.advCorrect)).toEqual([1, 1, 0, 0]);
    expect(Array.from(result.advCorrect)).toEqual(Array.from(reference.advCorrect));
    expect(Array.from(result.queries!)).toEqual([30, 30, 0, 0]);
    [x, y, result.xAdv, reference.xAdv].forEach((t) => t.dispose());
  });

  /**
   * Same scripted model, failing on its N-th call: the clean check (1), the stripe start (2),
   * inside the loop (10), and after the batch shrank at the readback of iteration 40, when
   * six examples already sit in the finished parts (45).
   */
  for (const failOn of [1, 2, 10, 45]) {
    it(`frees every tensor it made when the model fails on call ${failOn}`, async () => {
      const { model, x, y, dispose } = scripted([-1, 1, 2, 5, 21, 22, 40, 50, 51, 1000]);
      let calls = 0;
      const failing = (input: tf.Tensor) => {
        if (++calls === failOn) throw new Error('device lost');
        return model(input);
      };
      await expect(square(failing, x, y, { epsilon: 0.001, queries: 50, seed: 4 })).rejects.toThrow('device lost');
      expect(calls).toBe(failOn);
      dispose();
    });
  }
});

/**
 * A model whose margin for example `id` is k[id] − t − ½ on its t-th call (t = 0 is the clean
 * check): example id falls exactly at query k[id] (the stripe start is query 1). The half keeps
 * the margin off 0, so no tie decides when an example breaks.
 */
function scripted(k: number[]) {
  const n = k.length;
  const kTensor = tf.tensor1d(k);
  let calls = 0;
  const model = (x: tf.Tensor) => {
    const t = calls++;
    return tf.tidy(() => {
      const id = tf.cast(tf.floor(tf.mul(tf.slice(tf.reshape(x, [x.shape[0], -1]), [0, 0], [-1, 1]), 16)), 'int32');
      const margin = tf.sub(tf.gather(kTensor, tf.reshape(id, [-1])), t + 0.5);
      return tf.stack([margin, tf.zerosLike(margin)], 1) as tf.Tensor2D;
    });
  };
  const x = tf.tensor2d(k.flatMap((_, i) => [(i + 0.5) / 16, 0.5]), [n, 2]);
  const y = tf.zeros([n], 'int32') as tf.Tensor1D;
  return { model, x, y, dispose: () => [x, y, kTensor].forEach((t) => t.dispose()) };
}

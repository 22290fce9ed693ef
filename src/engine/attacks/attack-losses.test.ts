import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logSoftmax64 } from '../train/reference64';
import {
  AttackLossError, attackLoss, crossEntropyLoss, dlrLoss, marginLoss, resolveLoss, targetedDlrLoss, topLogits,
} from './attack-losses';
import { expectNoTensorLeaks } from './test-leaks';

// The same formulas in float64 JavaScript, written from the paper, to judge the float32 ones.
const sortedDown = (z: number[]) => [...z].sort((a, b) => b - a);
const bestOther64 = (z: number[], y: number) => Math.max(...z.filter((_, i) => i !== y));
const dlr64 = (z: number[], y: number) => {
  const s = sortedDown(z);
  return -(z[y] - bestOther64(z, y)) / (s[0] - s[2] + 1e-12);
};
const targetedDlr64 = (z: number[], y: number, t: number) => {
  const s = sortedDown(z);
  return -(z[y] - z[t]) / (s[0] - (s[2] + s[3]) / 2 + 1e-12);
};
const margin64 = (z: number[], y: number) => bestOther64(z, y) - z[y];
const ce64 = (z: number[], y: number) => -logSoftmax64(z)[y];

async function values(t: tf.Tensor): Promise<number[]> {
  const v = Array.from(await t.data());
  t.dispose();
  return v;
}

/** Run a per-example loss on plain arrays. */
async function lossOf(
  fn: (logits: tf.Tensor2D, y: tf.Tensor1D, target: tf.Tensor1D) => tf.Tensor1D,
  logits: number[][],
  y: number[],
  target: number[] = y,
): Promise<number[]> {
  const [z, yt, tt] = [tf.tensor2d(logits), tf.tensor1d(y, 'int32'), tf.tensor1d(target, 'int32')];
  const out = await values(fn(z, yt, tt));
  tf.dispose([z, yt, tt]);
  return out;
}

const LOGITS = [
  [1, 3, 2, 0.5],
  [4, 1, 2, 3],
];

describe('attack losses', () => {
  expectNoTensorLeaks();

  it('match hand-computed values', async () => {
    // Row 0, y = 2: z_y = 2, best other 3, sorted 3 > 2 > 1 > 0.5. Row 1, y = 0: sorted 4 > 3 > 2 > 1.
    expect(await lossOf(dlrLoss, LOGITS, [2, 0])).toEqual([expect.closeTo(-(2 - 3) / (3 - 1), 6), expect.closeTo(-(4 - 3) / (4 - 2), 6)]);
    expect(await lossOf(targetedDlrLoss, LOGITS, [2, 0], [0, 3])).toEqual([
      expect.closeTo(-(2 - 1) / (3 - (1 + 0.5) / 2), 6),
      expect.closeTo(-(4 - 3) / (4 - (2 + 1) / 2), 6),
    ]);
    expect(await lossOf(marginLoss, LOGITS, [2, 0])).toEqual([1, -1]);
    const lse = (z: number[]) => Math.log(z.reduce((a, v) => a + Math.exp(v), 0));
    expect(await lossOf(crossEntropyLoss, LOGITS, [2, 0])).toEqual([expect.closeTo(lse(LOGITS[0]) - 2, 5), expect.closeTo(lse(LOGITS[1]) - 4, 5)]);
  });

  it('topLogits gives each rank once even when logits tie', async () => {
    const z = tf.tensor2d([[2, 2, 2, 1]]);
    const ranks = await Promise.all(topLogits(z, 4).map(values));
    expect(ranks.flat()).toEqual([2, 2, 2, 1]);
    // The gradient of z_π1 + z_π2 + z_π3 + z_π4 is one per logit: no tied logit counted twice.
    expect(await values(tf.grad((l: tf.Tensor) => tf.sum(tf.addN(topLogits(l as tf.Tensor2D, 4))))(z))).toEqual([1, 1, 1, 1]);
    z.dispose();
  });

  it('agree with the float64 formulas on random logits, DLR lies in [−1, 0] on correctly classified points', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 4, max: 10 }).chain((c) =>
          fc.record({
            z: fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: c, maxLength: c }),
            y: fc.integer({ min: 0, max: c - 1 }),
            t: fc.integer({ min: 0, max: c - 1 }),
          }),
        ),
        async ({ z, y, t }) => {
          const s = sortedDown(z);
          fc.pre(s[0] - s[2] > 1e-3 && s[0] - (s[2] + s[3]) / 2 > 1e-3); // away from a zero denominator
          const [dlr] = await lossOf(dlrLoss, [z], [y]);
          const [tdlr] = await lossOf(targetedDlrLoss, [z], [y], [t]);
          const [m] = await lossOf(marginLoss, [z], [y]);
          const [ce] = await lossOf(crossEntropyLoss, [z], [y]);
          const tol = (v: number) => 1e-4 * Math.max(1, Math.abs(v));
          expect(Math.abs(dlr - dlr64(z, y))).toBeLessThan(tol(dlr64(z, y)));
          expect(Math.abs(tdlr - targetedDlr64(z, y, t))).toBeLessThan(tol(targetedDlr64(z, y, t)));
          expect(Math.abs(m - margin64(z, y))).toBeLessThan(tol(margin64(z, y)));
          expect(Math.abs(ce - ce64(z, y))).toBeLessThan(tol(ce64(z, y)));
          if (z[y] > bestOther64(z, y)) {
            expect(dlr).toBeGreaterThanOrEqual(-1 - 1e-6);
            expect(dlr).toBeLessThanOrEqual(0);
          }
        },
      ),
      { numRuns: 60, seed: 42 },
    );
  });

  it('DLR and targeted DLR are scale invariant in float32: logits ×1000 give the same loss, where CE saturates', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1e6 }), async (seed) => {
        const n = 16;
        const logits = tf.randomNormal([n, 6], 0, 3, 'float32', seed) as tf.Tensor2D;
        const big = tf.mul(logits, 1000) as tf.Tensor2D;
        const y = tf.tidy(() => tf.cast(tf.randomUniform([n], 0, 6, 'float32', seed + 1), 'int32') as tf.Tensor1D);
        const t = tf.tidy(() => tf.cast(tf.mod(tf.add(y, 1), 6), 'int32') as tf.Tensor1D);
        for (const [small, large] of [
          [dlrLoss(logits, y), dlrLoss(big, y)],
          [targetedDlrLoss(logits, y, t), targetedDlrLoss(big, y, t)],
        ]) {
          const [a, b] = [await values(small), await values(large)];
          a.forEach((v, i) => expect(Math.abs(b[i] - v)).toBeLessThan(1e-5 * Math.max(1, Math.abs(v))));
        }
        tf.dispose([logits, big, y, t]);
      }),
      { numRuns: 20, seed: 3 },
    );
    // The reason the DLR exists: at ×1000 a correctly classified point's CE gradient is exactly zero in float32.
    const z = tf.tensor2d([[1, 0.5, 0.2]]);
    const y = tf.tensor1d([0], 'int32');
    const ceGrad = tf.grad((l: tf.Tensor) => tf.sum(crossEntropyLoss(tf.mul(l, 1000) as tf.Tensor2D, y)))(z);
    const dlrGrad = tf.grad((l: tf.Tensor) => tf.sum(dlrLoss(tf.mul(l, 1000) as tf.Tensor2D, y)))(z);
    expect(await values(ceGrad)).toEqual([0, 0, 0]);
    expect((await values(dlrGrad)).some((g) => g !== 0)).toBe(true);
    tf.dispose([z, y]);
  });

  it('have the gradients of their float64 formulas (central finite differences)', async () => {
    const rows = [
      { z: [0.3, 2.1, -1.2, 1.4, 0.6], y: 1, t: 3 },
      { z: [1.7, -0.4, 0.9, 2.6, -2.2], y: 0, t: 2 },
      { z: [-0.5, 0.8, 3.3, 1.9, 1.1], y: 4, t: 0 },
    ];
    const cases: [string, (l: tf.Tensor2D, y: tf.Tensor1D, t: tf.Tensor1D) => tf.Tensor1D, (z: number[], y: number, t: number) => number][] = [
      ['DLR', (l, y) => dlrLoss(l, y), dlr64],
      ['targeted DLR', targetedDlrLoss, targetedDlr64],
      ['margin', (l, y) => marginLoss(l, y), margin64],
      ['CE', (l, y) => crossEntropyLoss(l, y), ce64],
    ];
    const h = 1e-6;
    for (const [name, fn, ref] of cases) {
      const z = tf.tensor2d(rows.map((r) => r.z));
      const y = tf.tensor1d(rows.map((r) => r.y), 'int32');
      const t = tf.tensor1d(rows.map((r) => r.t), 'int32');
      const grad = await values(tf.grad((l: tf.Tensor) => tf.sum(fn(l as tf.Tensor2D, y, t)))(z));
      tf.dispose([z, y, t]);
      rows.forEach((r, i) =>
        r.z.forEach((_, c) => {
          const up = r.z.map((v, j) => (j === c ? v + h : v));
          const down = r.z.map((v, j) => (j === c ? v - h : v));
          const numeric = (ref(up, r.y, r.t) - ref(down, r.y, r.t)) / (2 * h);
          expect(Math.abs(grad[i * r.z.length + c] - numeric), `${name}, row ${i}, logit ${c}`).toBeLessThan(1e-4);
        }),
      );
    }
  });

  it('fall back to the margin where DLR is undefined, and refuse to compute it there', async () => {
    expect(resolveLoss('dlr', 2)).toBe('margin');
    expect(resolveLoss('dlr', 3)).toBe('dlr');
    expect(resolveLoss('dlr-targeted', 3)).toBe('margin');
    expect(resolveLoss('dlr-targeted', 4)).toBe('dlr-targeted');
    expect(resolveLoss('ce', 2)).toBe('ce');
    const z = tf.tensor2d([[1, 2]]);
    const y = tf.tensor1d([0], 'int32');
    expect(() => dlrLoss(z, y)).toThrow(AttackLossError);
    expect(() => dlrLoss(z, y)).toThrow('at least 3 classes, got 2');
    expect(() => attackLoss('dlr-targeted', z, y)).toThrow('attacks/attack-losses.ts');
    // On 2 classes the margin is DLR's numerator: z_other − z_y.
    expect(await values(attackLoss(resolveLoss('dlr', 2), z, y))).toEqual([1]);
    tf.dispose([z, y]);
  });
});

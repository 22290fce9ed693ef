import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { apgdRun, type LossAt } from '../attacks/apgd';
import { attackLoss } from '../attacks/attack-losses';
import { expectNoTensorLeaks } from '../attacks/test-leaks';
import { linearModel, randomMlp } from '../attacks/test-models';
import { robustnessCurve } from './robustness-curve';

describe('the robustness curve', () => {
  expectNoTensorLeaks();

  it('finds each point’s L∞ distance to a linear boundary, margin/‖w‖₁, within the stated resolution', async () => {
    // z0 − z1 = w·x + b with w = (1, −2, 0.5), ‖w‖₁ = 3.5: at x the L∞ distance to the boundary is m / 3.5 while the box does not bind.
    const w = [1, -2, 0.5];
    const lin = linearModel(w.map((wi) => [wi, 0]), [0, 0]);
    // Margins −0.05 (wrong clean), 0.07, 0.21, 0.35 and 0.75 (distance 0.214, beyond ε_max).
    const rows = [[0.5, 0.4, 0.5], [0.62, 0.4, 0.5], [0.76, 0.4, 0.5], [0.9, 0.4, 0.5], [0.8, 0.15, 0.5]];
    const margins = rows.map((r) => r.reduce((s, v, j) => s + v * w[j], 0));
    const x = tf.tensor2d(rows);
    const y = tf.zeros([rows.length], 'int32') as tf.Tensor1D;
    const epsilonMax = 0.15;
    const curve = await robustnessCurve(lin.model, x, y, { epsilonMax, budget: 'quick', bisections: 6, seed: 3 });
    expect(curve.resolution).toBeCloseTo(epsilonMax / 64, 12);
    expect(curve.attack).toBe('APGD-CE → APGD-margin');
    // Expected, sorted: the clean-wrong point (margin < 0) at 0, the distances within ε_max, and null for the one beyond it.
    const distances = margins.map((m) => (m <= 0 ? 0 : m / 3.5 > epsilonMax ? null : m / 3.5));
    expect(distances.filter((d) => d === null).length).toBe(1);
    const expected = [...distances].sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b));
    curve.minEpsilon.forEach((found, i) => {
      const exact = expected[i];
      if (exact === null || exact === 0) expect(found).toBe(exact);
      else {
        expect(found).toBeGreaterThanOrEqual(exact - 1e-6);
        expect(found!).toBeLessThanOrEqual(exact + curve.resolution + 1e-6);
      }
    });
    expect(curve.points[0]).toEqual([0, 80]);
    expect(curve.points.at(-1)).toEqual([epsilonMax, 20]);
    tf.dispose([x, y]);
    lin.dispose();
  });

  it('under L2 finds each point’s Euclidean distance to a linear boundary, margin/‖w‖₂, within the resolution', async () => {
    // w = (1, −2, 0.5), ‖w‖₂ = √5.25 ≈ 2.291; the points sit well inside the box, so it does not bind.
    const w = [1, -2, 0.5];
    const norm2 = Math.hypot(...w);
    const lin = linearModel(w.map((wi) => [wi, 0]), [0, 0]);
    const rows = [[0.62, 0.4, 0.5], [0.76, 0.4, 0.5], [0.9, 0.4, 0.5]];
    const margins = rows.map((r) => r.reduce((s, v, j) => s + v * w[j], 0));
    const x = tf.tensor2d(rows);
    const y = tf.zeros([rows.length], 'int32') as tf.Tensor1D;
    const epsilonMax = 0.3;
    const curve = await robustnessCurve(lin.model, x, y, { epsilonMax, budget: 'quick', bisections: 6, seed: 3, norm: 'l2' });
    const exact = margins.map((m) => m / norm2).sort((a, b) => a - b);
    // The L∞ distances (m / 3.5) are shorter: an L∞ search would land below these.
    curve.minEpsilon.forEach((found, i) => {
      expect(found).toBeGreaterThanOrEqual(exact[i] - 1e-6);
      expect(found!).toBeLessThanOrEqual(exact[i] + curve.resolution + 1e-6);
    });
    tf.dispose([x, y]);
    lin.dispose();
  });

  it('APGD with a per-point ε keeps each point inside its own ball and the box, and a uniform per-point ε runs exactly the scalar run', async () => {
    const mlp = randomMlp(4, 3, 10, 3, 3);
    const x = tf.randomUniform([12, 3], 0, 1, 'float32', 5);
    const y = tf.tidy(() => tf.argMax(mlp.model(x), -1) as tf.Tensor1D);
    const lossAt: LossAt = (input) => {
      const logits = mlp.model(input);
      return { logits, loss: attackLoss('ce', logits, y) };
    };
    const radii = Array.from({ length: 12 }, (_, i) => 0.01 + 0.02 * i);
    const eps = tf.tensor1d(radii);
    const run = apgdRun(lossAt, x, y, { epsilon: eps, steps: 10, seed: 2 });
    const [x0, best, bestAdv] = await Promise.all([x.array(), run.xBest.array(), run.xBestAdv.array()]) as number[][][];
    for (let i = 0; i < 12; i++) {
      for (const v of [best[i], bestAdv[i]]) {
        v.forEach((vj, j) => {
          expect(Math.abs(vj - x0[i][j])).toBeLessThanOrEqual(radii[i] + 1e-6);
          expect(vj).toBeGreaterThanOrEqual(0);
          expect(vj).toBeLessThanOrEqual(1);
        });
      }
    }
    const same = tf.fill([12], 0.07) as tf.Tensor1D;
    const scalar = apgdRun(lossAt, x, y, { epsilon: 0.07, steps: 10, seed: 2 });
    const vector = apgdRun(lossAt, x, y, { epsilon: same, steps: 10, seed: 2 });
    expect(Array.from(await vector.xBest.data())).toEqual(Array.from(await scalar.xBest.data()));
    expect(Array.from(await vector.lossBest.data())).toEqual(Array.from(await scalar.lossBest.data()));
    tf.dispose([x, y, eps, same, ...Object.values(run), ...Object.values(scalar), ...Object.values(vector)]);
    mlp.dispose();
  });
});

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { convergenceCurves } from '../../shared/curves';
import { aaLite } from './aa-lite';
import { apgd } from './apgd';
import { inChunks } from './chunked';
import { CurveRecorder } from './curve-trace';
import { pgd } from './pgd';
import { expectNoTensorLeaks } from './test-leaks';
import { linearModel, randomMlp } from './test-models';

const softplus = (v: number) => Math.log1p(Math.exp(v));
const brokenCount = (cleanCorrect: Uint8Array, advCorrect: Uint8Array) => cleanCorrect.reduce((sum, c, i) => sum + (c && !advCorrect[i] ? 1 : 0), 0);
const nonDecreasing = (values: number[]) => values.every((v, k) => k === 0 || v >= values[k - 1] - 1e-9);

describe('convergence curves of the gradient attacks', () => {
  expectNoTensorLeaks();

  it('PGD from x on a linear model: the margin falls by α‖w‖₁ a step, so best loss and success per step are known', async () => {
    // z0 = 2·x1 + x2 − 1.22, z1 = 0, label 0: margin m = 3a − 1.22 at x = (a, a); CE = softplus(−m).
    // Each signed step of α = 0.05 lowers m by 0.05·‖w‖₁ = 0.15 (4 steps = ε: never clipped).
    const lin = linearModel([[2, 0], [1, 0]], [-1.22, 0]);
    const a = [0.5, 0.45, 0.6, 0.7];
    const margins = a.map((v) => 3 * v - 1.22);
    const x = tf.tensor2d(a.map((v) => [v, v]));
    const y = tf.zeros([4], 'int32') as tf.Tensor1D;
    const recorder = new CurveRecorder();
    const result = await pgd(lin.model, x, y, { epsilon: 0.2, steps: 4, stepSize: 0.05, start: 'none', restarts: 1, seed: 1, curve: { recorder, name: 'PGD-4', group: 'PGD-4', chain: false } });
    const [line] = convergenceCurves(recorder.records(), 4);
    expect(line.name).toBe('PGD-4 restart 1');
    const expectedLoss = [0, 1, 2, 3, 4].map((k) => margins.reduce((sum, m) => sum + softplus(-(m - 0.15 * k)), 0) / 4);
    line.bestLoss.forEach((v, k) => expect(v).toBeCloseTo(expectedLoss[k], 4));
    // Margins after k steps: 0.28 breaks at k = 2, 0.13 at k = 1, 0.58 at k = 4, 0.88 never.
    expect(line.success).toEqual([0, 25, 50, 50, 75]);
    expect(line.success.at(-1)).toBe((100 * brokenCount(result.cleanCorrect, result.advCorrect)) / 4);
    tf.dispose([result.xAdv, x, y]);
    lin.dispose();
  });

  it('PGD’s restarts, their union and APGD-CE never fall, and the union’s and APGD’s last value is the attack’s success (in chunks)', async () => {
    const mlp = randomMlp(2, 2, 12, 3, 4);
    const x = tf.randomUniform([40, 2], 0, 1, 'float32', 3);
    const y = tf.tidy(() => tf.argMax(mlp.model(tf.add(x, 0.04)), -1) as tf.Tensor1D);
    for (const attack of ['pgd', 'apgd'] as const) {
      const recorder = new CurveRecorder();
      const curve = { recorder, name: attack, group: attack, chain: attack === 'apgd' };
      const result = attack === 'pgd'
        ? await inChunks(pgd, mlp.model, x, y, { epsilon: 0.08, steps: 5, restarts: 3, seed: 1, curve }, 16)
        : await inChunks(apgd, mlp.model, x, y, { epsilon: 0.08, steps: 8, restarts: 2, seed: 1, curve }, 16);
      const clean = result.cleanCorrect.reduce((s, c) => s + c, 0);
      const lines = convergenceCurves(recorder.records(), clean);
      expect(lines.length).toBe(attack === 'pgd' ? 4 : 2);
      for (const l of lines) {
        expect(nonDecreasing(l.success), l.name).toBe(true);
        expect(nonDecreasing(l.bestLoss), l.name).toBe(true);
      }
      const last = attack === 'pgd' ? lines.find((l) => l.name.endsWith('(any restart)'))! : lines.at(-1)!;
      expect(last.success.at(-1)).toBeCloseTo((100 * brokenCount(result.cleanCorrect, result.advCorrect)) / clean, 9);
      if (attack === 'pgd') for (const l of lines) expect(l.success.at(-1)!).toBeLessThanOrEqual(last.success.at(-1)! + 1e-9);
      result.xAdv.dispose();
    }
    tf.dispose([x, y]);
    mlp.dispose();
  });

  it('AA-lite’s white-box part chains APGD-CE and a line per APGD-T target: the last reaches the ensemble’s success', async () => {
    const mlp = randomMlp(5, 2, 16, 5, 3);
    const x = tf.randomUniform([30, 2], 0, 1, 'float32', 8);
    const y = tf.tidy(() => tf.argMax(mlp.model(tf.add(x, 0.05)), -1) as tf.Tensor1D);
    const recorder = new CurveRecorder();
    const result = await aaLite(mlp.model, x, y, { epsilon: 0.06, budget: 'quick', seed: 4, blackBox: false, curve: recorder, chunkSize: 12 });
    const clean = result.cleanCorrect.reduce((s, c) => s + c, 0);
    const lines = convergenceCurves(recorder.records(), clean);
    expect(lines.map((l) => l.name)).toEqual(['APGD-CE', 'APGD-T target 1', 'APGD-T target 2', 'APGD-T target 3']);
    lines.forEach((l, j) => {
      expect(nonDecreasing(l.success)).toBe(true);
      // A chain starts where the line before it ended.
      if (j > 0) expect(l.success[0]).toBeGreaterThanOrEqual(lines[j - 1].success.at(-1)! - 1e-9);
    });
    expect(lines.at(-1)!.success.at(-1)).toBeCloseTo((100 * brokenCount(result.cleanCorrect, result.advCorrect)) / clean, 9);
    tf.dispose([result.xAdv, x, y]);
    mlp.dispose();
  });
});

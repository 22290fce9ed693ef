import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aaLite } from './aa-lite';
import { apgd } from './apgd';
import { apgdTargeted } from './apgd-targeted';
import { AA_LITE_BUDGETS, attackName } from '../../shared/attack-plan';
import { square } from './square';
import { expectNoTensorLeaks } from './test-leaks';
import { randomMlp } from './test-models';
import { type AttackResult, attackSummary } from './types';

function setup(modelSeed: number, dataSeed: number, classes: number, n = 24) {
  const mlp = randomMlp(modelSeed, 2, 12, classes, 4);
  const x = tf.randomUniform([n, 2], 0, 1, 'float32', dataSeed);
  // The model's own labels, except every fifth point: some points start misclassified.
  const y = tf.tidy(() => {
    const shift = tf.tensor1d(Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 1 : 0)), 'int32');
    return tf.cast(tf.mod(tf.add(tf.argMax(mlp.model(x), -1), shift), classes), 'int32') as tf.Tensor1D;
  });
  return { model: mlp.model, x, y, dispose: () => (tf.dispose([x, y]), mlp.dispose()) };
}

async function robustOf(result: Promise<AttackResult>): Promise<number> {
  const r = await result;
  r.xAdv.dispose();
  return attackSummary(r).robustAccuracy;
}

describe('aaLite', () => {
  expectNoTensorLeaks();

  it('never reports a higher robust accuracy than any of its members run alone on the same points', async () => {
    const b = AA_LITE_BUDGETS.quick;
    await fc.assert(
      // Model seeds whose random MLPs predict more than one class on these points (others leave nothing to break).
      fc.asyncProperty(fc.constantFrom(5, 6, 9, 10, 11), fc.integer({ min: 1, max: 1e6 }), fc.constantFrom(3, 5), async (modelSeed, dataSeed, classes) => {
        const { model, x, y, dispose } = setup(modelSeed, dataSeed, classes);
        const epsilon = 0.06;
        const ensemble = await aaLite(model, x, y, { epsilon, budget: 'quick', seed: dataSeed });
        ensemble.xAdv.dispose();
        const robust = attackSummary(ensemble).robustAccuracy;
        const common = { epsilon, steps: b.steps, restarts: b.restarts, seed: dataSeed };
        expect(robust).toBeLessThanOrEqual(await robustOf(apgd(model, x, y, common)));
        expect(robust).toBeLessThanOrEqual(await robustOf(apgdTargeted(model, x, y, { ...common, targets: b.targets })));
        expect(robust).toBeLessThanOrEqual(await robustOf(square(model, x, y, { epsilon, queries: b.queries, seed: dataSeed })));
        dispose();
      }),
      { numRuns: 3, seed: 12 },
    );
  });

  it('logs each member like AutoAttack: points attacked and broken, robust accuracy after it, its settings', async () => {
    const { model, x, y, dispose } = setup(6, 4, 5); // a model with three classes among its predictions
    const result = await aaLite(model, x, y, { epsilon: 0.1, budget: 'quick', seed: 9 });
    result.xAdv.dispose();
    const summary = attackSummary(result);
    const n = 24;
    const clean = result.cleanCorrect.reduce((a, b) => a + b, 0);
    expect(result.stages.map((s) => attackName(s.settings))).toEqual(['APGD-CE', 'APGD-T', 'Square']);
    expect(result.stages[1].settings).toMatchObject({ attack: 'APGD-T', loss: 'dlr-targeted', targets: 3, steps: 20 });
    expect(result.stages[2].settings).toMatchObject({ attack: 'Square', queries: 1000 });
    // Each member attacks what the previous left standing; the last line is the ensemble's figure.
    let standing = clean;
    for (const stage of result.stages) {
      expect(stage.settings.subset).toBe(standing);
      standing -= stage.broken;
      expect(stage.robustAccuracy).toBeCloseTo((100 * standing) / n, 10);
      expect(stage.seconds).toBeGreaterThanOrEqual(0);
    }
    expect(result.stages.at(-1)!.robustAccuracy).toBeCloseTo(summary.robustAccuracy, 10);
    expect(result.stages[0].broken).toBeGreaterThan(0);
    // Per point, which member broke it: as many as each stage counts, none on a standing or clean-wrong point.
    result.stages.forEach((stage, i) => expect(result.brokenBy.filter((b) => b === i).length).toBe(stage.broken));
    result.brokenBy.forEach((b, p) => expect(b === -1).toBe(result.advCorrect[p] === 1 || result.cleanCorrect[p] === 0));
    dispose();
  });

  it('runs its white-box part alone when asked (no Square), with the same first members and outcomes', async () => {
    const { model, x, y, dispose } = setup(6, 4, 5);
    const full = await aaLite(model, x, y, { epsilon: 0.1, budget: 'quick', seed: 9 });
    const white = await aaLite(model, x, y, { epsilon: 0.1, budget: 'quick', seed: 9, blackBox: false });
    tf.dispose([full.xAdv, white.xAdv]);
    expect(white.stages.map((s) => attackName(s.settings))).toEqual(['APGD-CE', 'APGD-T']);
    expect(white.stages.map((s) => s.broken)).toEqual(full.stages.slice(0, 2).map((s) => s.broken));
    expect(Array.from(white.brokenBy)).toEqual(Array.from(full.brokenBy, (b) => (b === 2 ? -1 : b)));
    dispose();
  });

  it('runs margin APGD instead of APGD-T below 4 classes, and Square with the queries asked for', async () => {
    const { model, x, y, dispose } = setup(5, 6, 3, 10);
    const result = await aaLite(model, x, y, { epsilon: 0.01, budget: 'quick', queries: 7, seed: 2 });
    result.xAdv.dispose();
    expect(result.stages.map((s) => attackName(s.settings))).toEqual(['APGD-CE', 'APGD-margin', 'Square']);
    expect(result.stages[2].settings.queries).toBe(7);
    dispose();
  });

  it('reports progress from 0 to 1 without going back across chunks, naming the member running', async () => {
    const { model, x, y, dispose } = setup(7, 8, 5, 12);
    const seen: [number, string][] = [];
    const result = await aaLite(model, x, y, { epsilon: 0.01, budget: 'quick', seed: 1, chunkSize: 5, onProgress: (f, m) => seen.push([f, m]) });
    result.xAdv.dispose();
    seen.slice(1).forEach(([f], i) => expect(f).toBeGreaterThanOrEqual(seen[i][0] - 1e-12));
    expect(seen[0][0]).toBe(0);
    expect(seen.at(-1)).toEqual([1, 'done']);
    expect([...new Set(seen.map(([, m]) => m))]).toEqual(['APGD-CE', 'APGD-T', 'Square', 'done']);
    dispose();
  });

  it('frees its tensors when cancelled between members, or when the model fails inside one', async () => {
    const { model, x, y, dispose } = setup(9, 10, 4, 12);
    let checks = 0;
    const cancel = async () => {
      if (++checks === 2) throw new Error('stopped');
    };
    await expect(aaLite(model, x, y, { epsilon: 0.05, budget: 'quick', seed: 1, checkpoint: cancel })).rejects.toThrow('stopped');
    let calls = 0;
    const failing = (input: tf.Tensor) => {
      if (++calls === 30) throw new Error('device lost'); // inside APGD-T
      return model(input);
    };
    await expect(aaLite(failing, x, y, { epsilon: 0.001, budget: 'quick', seed: 1 })).rejects.toThrow('device lost');
    dispose();
  });
});

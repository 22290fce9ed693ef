import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../attacks/test-leaks';
import { linearModel } from '../attacks/test-models';
import { adversarialGallery, predictions } from './gallery';

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

describe('predictions', () => {
  it('gives the arg-max and its softmax probability (hand values)', () => {
    expect(predictions([0, Math.log(3), 0, 2, 2, 2], 3)).toEqual([
      { label: 1, confidence: expect.closeTo(3 / 5, 12) },
      { label: 0, confidence: expect.closeTo(1 / 3, 12) },
    ]);
  });

  it('confidence lies in [1/k, 1] and names a largest logit, even for logits of 1e6 (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 10 }), (logits) => {
        const [p] = predictions(logits, logits.length);
        expect(p.confidence).toBeGreaterThanOrEqual(1 / logits.length - 1e-12);
        expect(p.confidence).toBeLessThanOrEqual(1);
        // A largest logit, up to ties that the softmax cannot tell apart (0 and 5e-324).
        const max = Math.max(...logits);
        expect(logits[p.label]).toBeGreaterThanOrEqual(max - 1e-12 * Math.max(1, Math.abs(max)));
      }),
    );
  });
});

describe('adversarialGallery', () => {
  expectNoTensorLeaks();
  // z0 = 4·x0 − 2, z1 = −4·x0 + 2: class 0 iff x0 > 0.5; x1 does not matter.
  const weights = [[4, -4], [0, 0]];
  const bias = [-2, 2];
  // Held at ε = 0.1 (far from 0.5), broken (0.05 from it), wrong when clean, held.
  const points = [[0.9, 0.3], [0.55, 0.5], [0.7, 0.5], [0.2, 0.8], [0.95, 0.1]];
  const labels = [0, 0, 1, 1, 0];
  const dataset = {
    inputShape: [2],
    numClasses: 2,
    classNames: ['left', 'right'],
    test: { x: Float32Array.from(points.flat()), y: Int32Array.from(labels), n: points.length },
  };

  it('packs the first N points with PGD: hand-valued confidences, outcomes, perturbation = adv − clean within ε', async () => {
    const { model, dispose } = linearModel(weights, bias);
    const gallery = await adversarialGallery(model, dataset, { attack: 'pgd', epsilon: 0.1, count: 4, steps: 10, seed: 1 });
    dispose();
    expect(gallery).toMatchObject({ attack: 'pgd', epsilon: 0.1, steps: 10, inputShape: [2], classNames: ['left', 'right'] });
    expect(gallery.queryBudget).toBeUndefined();
    const ex = gallery.examples;
    expect(ex.map((e) => e.index)).toEqual([0, 1, 2, 3]);
    expect(ex.map((e) => e.label)).toEqual([0, 0, 1, 1]);
    expect(ex.map((e) => e.outcome)).toEqual(['held', 'broken', 'misclassified', 'held']);
    // Clean: margin z0 − z1 = 8·x0 − 4, so confidence σ(|8·x0 − 4|).
    expect(ex.map((e) => e.cleanPrediction.label)).toEqual([0, 0, 0, 1]);
    [3.2, 0.4, 1.6, 2.4].forEach((m, i) => expect(ex[i].cleanPrediction.confidence).toBeCloseTo(sigmoid(m), 5));
    // Held points: PGD ends at the edge of the ε-ball towards 0.5 (x0 = 0.8 and 0.3). The broken one
    // is kept at its first misclassified iterate, x0 in [0.45, 0.5): confidence σ(4 − 8·x0) ≤ σ(0.4).
    expect(ex.map((e) => e.adversarialPrediction.label)).toEqual([0, 1, 0, 1]);
    [[0, 2.4], [2, 1.6], [3, 1.6]].forEach(([i, m]) => expect(ex[i].adversarialPrediction.confidence).toBeCloseTo(sigmoid(m), 5));
    expect(ex[1].adversarial[0]).toBeGreaterThanOrEqual(0.45 - 1e-6);
    expect(ex[1].adversarialPrediction.confidence).toBeCloseTo(sigmoid(4 - 8 * ex[1].adversarial[0]), 5);
    expect(ex[2].adversarial).toEqual(ex[2].clean); // wrong when clean: left as it is
    for (const e of ex) {
      expect(e.clean).toEqual(Float32Array.from(points[e.index]));
      expect(e.clean).toHaveLength(2);
      e.perturbation.forEach((d, j) => {
        expect(d).toBeCloseTo(e.adversarial[j] - e.clean[j], 6);
        expect(Math.abs(d)).toBeLessThanOrEqual(0.1 + 1e-6);
        expect(e.adversarial[j]).toBeGreaterThanOrEqual(0);
        expect(e.adversarial[j]).toBeLessThanOrEqual(1);
      });
      expect(e.queries).toBeUndefined();
    }
  });

  it('with Square reports queries per example within the budget, 0 for a point wrong when clean', async () => {
    const { model, dispose } = linearModel(weights, bias);
    const gallery = await adversarialGallery(model, dataset, { attack: 'square', epsilon: 0.1, count: 10, steps: 10, queries: 50, seed: 2 });
    dispose();
    expect(gallery.queryBudget).toBe(50);
    expect(gallery.steps).toBeUndefined();
    const ex = gallery.examples;
    expect(ex).toHaveLength(5); // count clamps to the test split
    expect(ex[0].outcome).toBe('held');
    expect(ex[2].outcome).toBe('misclassified');
    expect(ex[2].queries).toBe(0);
    expect(ex[3].outcome).toBe('held');
    for (const e of ex) {
      expect(e.queries).toBeLessThanOrEqual(50);
      if (e.outcome !== 'misclassified') expect(e.queries).toBeGreaterThanOrEqual(1);
      // A held point cannot be broken at ε = 0.1, so it used the whole budget.
      if (e.outcome === 'held') expect(e.queries).toBe(50);
      e.perturbation.forEach((d) => expect(Math.abs(d)).toBeLessThanOrEqual(0.1 + 1e-6));
      expect(e.adversarialPrediction.label === e.label).toBe(e.outcome === 'held');
    }
  });

  it('refuses an empty request, naming the counts', async () => {
    const { model, dispose } = linearModel(weights, bias);
    await expect(adversarialGallery(model, dataset, { attack: 'pgd', epsilon: 0.1, count: 0, steps: 1, seed: 1 })).rejects.toThrow(/count 0, test split 5/);
    dispose();
  });

  it('targeted at one class: success is predicting the target; a point already in the target class has reached it', async () => {
    const { model, dispose } = linearModel(weights, bias);
    const gallery = await adversarialGallery(model, dataset, { attack: 'pgd', epsilon: 0.1, count: 4, steps: 10, seed: 1, target: 1 });
    dispose();
    expect(gallery.target).toBe(1);
    const ex = gallery.examples;
    expect(ex.map((e) => e.target)).toEqual([1, 1, 1, 1]);
    // x0 = 0.9 cannot reach 0.5 within 0.1; 0.55 can; 0.7 and 0.2: 0.2 is class 1 already.
    expect(ex.map((e) => e.reachedTarget)).toEqual([false, true, false, true]);
    // The unreached point moved as far towards the target as the ball allows (x0 = 0.8).
    expect(ex[0].adversarial[0]).toBeCloseTo(0.8, 5);
    for (const e of ex) expect(e.reachedTarget).toBe(e.adversarialPrediction.label === 1);
  });

  it('targeted at the least likely class: each point aims at the arg-min of its clean logits', async () => {
    const { model, dispose } = linearModel(weights, bias);
    const gallery = await adversarialGallery(model, dataset, { attack: 'pgd', epsilon: 0.1, count: 4, steps: 10, seed: 1, target: 'least-likely' });
    dispose();
    expect(gallery.target).toBe('least-likely');
    // Two classes: the least likely is the one not predicted (x0 > 0.5 predicts 0).
    expect(gallery.examples.map((e) => e.target)).toEqual([1, 1, 1, 0]);
  });

  it('refuses a target with Square or outside the classes, naming the parameter', async () => {
    const { model, dispose } = linearModel(weights, bias);
    await expect(adversarialGallery(model, dataset, { attack: 'square', epsilon: 0.1, count: 2, steps: 1, seed: 1, target: 1 })).rejects.toThrow(/target: targeted attacks run with PGD/);
    await expect(adversarialGallery(model, dataset, { attack: 'pgd', epsilon: 0.1, count: 2, steps: 1, seed: 1, target: 2 })).rejects.toThrow(/target must be a class index 0–1/);
    dispose();
  });
});

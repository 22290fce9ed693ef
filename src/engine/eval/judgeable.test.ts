import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../attacks/test-leaks';
import { linearModel } from '../attacks/test-models';
import { binomialUpperTail } from '../../shared/stats';
import { judgeability, type PredictionCensus, predictionCensus } from './judgeable';

const T = { alpha: 0.05, minGap: 10 };

/** A census of `n` points with `correct` right, predictions and labels as counts per class. */
const census = (correct: number, predicted: number[], labels: number[]): PredictionCensus => ({
  n: labels.reduce((a, b) => a + b, 0), correct, predicted, labels,
});

describe('the binomial tail', () => {
  it('matches hand-computed tails', () => {
    expect(binomialUpperTail(8, 10, 0.5)).toBeCloseTo(56 / 1024, 12); // C(10,8) + C(10,9) + C(10,10) = 56
    expect(binomialUpperTail(3, 3, 1 / 3)).toBeCloseTo(1 / 27, 12);
    expect(binomialUpperTail(4, 6, 1 / 3)).toBeCloseTo(73 / 729, 12); // (15·4 + 6·2 + 1) / 3⁶
    expect(binomialUpperTail(0, 6, 1 / 3)).toBe(1);
    expect(binomialUpperTail(7, 6, 1 / 3)).toBe(0);
  });

  it('does not underflow for thousands of points: P(X ≥ mean) is a little above ½', () => {
    const p = binomialUpperTail(1000, 10000, 0.1);
    expect(p).toBeGreaterThan(0.5);
    expect(p).toBeLessThan(0.52);
  });
});

describe('whether a model can be judged', () => {
  it('gives no verdict for a model at chance: 67 of 200 on three classes (the stuck distilled student)', () => {
    const j = judgeability(census(67, [70, 65, 65], [67, 67, 66]), T);
    expect(j).toMatchObject({ judgeable: false, reason: 'near-chance' });
    expect(j.numbers.find((n) => n.label === 'natural accuracy')?.value).toBeCloseTo(33.5);
    expect(j.explanation).toMatch(/^No verdict: natural accuracy 33\.5 % on 200 points is not clearly above chance 33\.3 %/);
  });

  it('needs both significance and size: 36 % of 10 000 is significant but 2.7 points; 4 of 6 is large but p = 0.10', () => {
    expect(judgeability(census(3600, [3400, 3300, 3300], [3334, 3333, 3333]), T).reason).toBe('near-chance');
    expect(judgeability(census(4, [2, 2, 2], [2, 2, 2]), T).reason).toBe('near-chance');
    expect(judgeability(census(6, [2, 2, 2], [2, 2, 2]), T).judgeable).toBe(true); // p = 1/729
  });

  it('judges a model clearly above chance that predicts several classes', () => {
    expect(judgeability(census(150, [70, 65, 65], [67, 67, 66]), T)).toMatchObject({ judgeable: true, reason: null });
  });

  it('gives no verdict for a model that predicts one class, unless the labels are that class too', () => {
    // Two classes, 150 of 200 labelled 0, every prediction 0: 75 %, well above chance, yet constant.
    const constant = judgeability(census(150, [200, 0], [150, 50]), T);
    expect(constant).toMatchObject({ judgeable: false, reason: 'one-class' });
    expect(constant.explanation).toContain('predicts class 0 for 100.0 % of the 200 points');
    expect(judgeability(census(198, [200, 0], [198, 2]), T).judgeable).toBe(true);
  });
});

describe('the prediction census', () => {
  expectNoTensorLeaks();

  it('counts predictions, labels and hits', async () => {
    // z = (x₀, x₁): the larger coordinate wins.
    const { model, dispose } = linearModel([[1, 0], [0, 1]], [0, 0]);
    const x = tf.tensor2d([[0.9, 0.1], [0.8, 0.3], [0.2, 0.7], [0.6, 0.5]]);
    const y = tf.tensor1d([0, 1, 1, 1], 'int32');
    expect(await predictionCensus(model, x, y)).toEqual({ n: 4, correct: 2, predicted: [3, 1], labels: [1, 3] });
    tf.dispose([x, y]);
    dispose();
  });
});

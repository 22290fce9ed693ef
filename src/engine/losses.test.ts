import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  distillationLoss,
  klDivergence,
  ltdLoss,
  ltdPgdAtLoss,
  oneHot,
  smoothLabels,
  softCrossEntropy,
  softLabels,
  temperedCrossEntropy,
  tradesLoss,
} from './losses';
import {
  ce64,
  distill64,
  finiteDifferences,
  FIXTURE,
  kl64,
  ltd64,
  ltdPgdAt64,
  type Matrix,
  oneHot64,
  relativeError,
  smooth64,
  trades64,
} from './train/reference64';
import { Rng } from '../shared/rng';

const { log, exp, sqrt } = Math;

const { Z, Z_ADV, Q, Y } = FIXTURE;
/** softmax(Q / 2), by hand. */
const Q2: Matrix = [
  [exp(1), 1, exp(2)].map((v) => v / (exp(1) + 1 + exp(2))),
  [exp(3), exp(1), 1].map((v) => v / (exp(3) + exp(1) + 1)),
];
/** KL rows of softmax(Z) ‖ softmax(Z'), by hand. */
const KL_ROWS = [
  (1 / 8) * log(3 / 8) + (2 / 8) * log(6 / 8) + (5 / 8) * log(15 / 8),
  (3 / 5) * log(12 / 5) + (1 / 5) * log(4 / 5) + (1 / 5) * log(2 / 5),
];
const KL = (KL_ROWS[0] + KL_ROWS[1]) / 2;
const CE_Y = log(8 / 3) / 2; // (−log 5/8 − log 3/5) / 2

const t2 = (m: Matrix) => tf.tensor2d(m);
const y1 = () => tf.tensor1d(Y, 'int32');
const scalarOf = (s: tf.Scalar) => {
  const v = s.arraySync();
  s.dispose();
  return v;
};

describe('losses on a 2-example batch, against hand-computed values', () => {
  it('soft-label CE with one-hot targets is −mean log p_y', () => {
    expect(scalarOf(softCrossEntropy(t2(Z), oneHot(y1(), 3)))).toBeCloseTo(CE_Y, 6);
  });

  it('soft-label CE with soft targets is −mean Σ p log softmax(Z)', () => {
    const expected =
      -(Q2[0][0] * log(1 / 8) + Q2[0][1] * log(2 / 8) + Q2[0][2] * log(5 / 8) + Q2[1][0] * log(3 / 5) + (Q2[1][1] + Q2[1][2]) * log(1 / 5)) / 2;
    expect(scalarOf(softCrossEntropy(t2(Z), softLabels(t2(Q), 2)))).toBeCloseTo(expected, 6);
  });

  it('KL(softmax Z ‖ softmax Z′) is the batch mean of Σ p log(p/p′)', () => {
    expect(scalarOf(klDivergence(t2(Z), t2(Z_ADV)))).toBeCloseTo(KL, 6);
    expect(scalarOf(klDivergence(t2(Z), t2(Z)))).toBeCloseTo(0, 6);
  });

  it('TRADES is CE(Z, y) + λ·KL', () => {
    expect(scalarOf(tradesLoss(t2(Z), t2(Z_ADV), oneHot(y1(), 3), 6))).toBeCloseTo(CE_Y + 6 * KL, 5);
  });

  it('LTD is CE(Z, softmax(q/τ)) + λ·KL, the student at T = 1', () => {
    const ce = -(Q2[0][0] * log(1 / 8) + Q2[0][1] * log(2 / 8) + Q2[0][2] * log(5 / 8) + Q2[1][0] * log(3 / 5) + (Q2[1][1] + Q2[1][2]) * log(1 / 5)) / 2;
    expect(scalarOf(ltdLoss(t2(Z), t2(Z_ADV), t2(Q), 2, 3))).toBeCloseTo(ce + 3 * KL, 5);
  });

  it('LTD on a PGD-AT base is CE(Z(x′), softmax(q/τ))', () => {
    const ce = -(Q2[0][0] * log(1 / 3) + Q2[0][1] * log(1 / 3) + Q2[0][2] * log(1 / 3) + Q2[1][0] * log(1 / 4) + Q2[1][1] * log(1 / 4) + Q2[1][2] * log(1 / 2)) / 2;
    expect(scalarOf(ltdPgdAtLoss(t2(Z_ADV), t2(Q), 2))).toBeCloseTo(ce, 6);
  });

  it('label smoothing s = 0.3 turns y into [0.1, 0.1, 0.8]', () => {
    const targets = smoothLabels(oneHot(y1(), 3), 0.3);
    expect(targets.arraySync()[0].map((v) => +v.toFixed(6))).toEqual([0.1, 0.1, 0.8]);
    expect(targets.arraySync()[1].map((v) => +v.toFixed(6))).toEqual([0.8, 0.1, 0.1]);
    const expected = -(0.1 * log(1 / 8) + 0.1 * log(2 / 8) + 0.8 * log(5 / 8) + 0.8 * log(3 / 5) + 0.2 * log(1 / 5)) / 2;
    expect(scalarOf(softCrossEntropy(t2(Z), targets))).toBeCloseTo(expected, 6);
  });

  it('defensive distillation at T = 2 is CE(Z/2, softmax(q/2))', () => {
    // softmax(Z/2) = [1, √2, √5]/(1 + √2 + √5) and [√3, 1, 1]/(√3 + 2).
    const a = 1 + sqrt(2) + sqrt(5);
    const b = sqrt(3) + 2;
    const expected =
      -(Q2[0][0] * log(1 / a) + Q2[0][1] * log(sqrt(2) / a) + Q2[0][2] * log(sqrt(5) / a) + Q2[1][0] * log(sqrt(3) / b) + (Q2[1][1] + Q2[1][2]) * log(1 / b)) / 2;
    expect(scalarOf(distillationLoss(t2(Z), t2(Q), 2))).toBeCloseTo(expected, 6);
    // Its teacher's loss: CE(Z/2, y) = −(log(√5/a) + log(√3/b)) / 2.
    expect(scalarOf(temperedCrossEntropy(t2(Z), oneHot(y1(), 3), 2))).toBeCloseTo(-(log(sqrt(5) / a) + log(sqrt(3) / b)) / 2, 6);
  });
});

describe('the teacher temperature τ', () => {
  it('makes the soft labels uniform as τ grows', () => {
    const p = softLabels(t2(Q), 1e4).arraySync();
    p.flat().forEach((v) => expect(v).toBeCloseTo(1 / 3, 3));
  });

  it('makes the soft labels the one-hot of the teacher argmax as τ shrinks', () => {
    expect(softLabels(t2(Q), 0.01).arraySync()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
  });

  it('gives TRADES when the teacher is the labels (one-hot q scaled large)', () => {
    const q = tf.mul(oneHot(y1(), 3), 1000) as tf.Tensor2D;
    const ltd = scalarOf(ltdLoss(t2(Z), t2(Z_ADV), q, 1, 6));
    const trades = scalarOf(tradesLoss(t2(Z), t2(Z_ADV), oneHot(y1(), 3), 6));
    expect(Math.abs(ltd - trades)).toBeLessThan(1e-5);
    expect(ltd).toBeCloseTo(CE_Y + 6 * KL, 5);
  });
});

/** Random logits of a given scale (seeded): gradients are checked away from the hand values too. */
function randomLogits(rng: Rng, rows: number, cols: number, scale: number): Matrix {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => scale * rng.normal()));
}

/** tfjs's float32 gradient of a loss of (Z, Z′) with respect to both. */
function tfGradients(loss: (z: tf.Tensor2D, zAdv: tf.Tensor2D) => tf.Scalar, z: Matrix, zAdv: Matrix): [Matrix, Matrix] {
  return tf.tidy(() => {
    // The 0·Σ terms only let tf.grads see both inputs when a loss uses one of them.
    const f = (a: tf.Tensor, b: tf.Tensor) =>
      tf.addN([loss(a as tf.Tensor2D, b as tf.Tensor2D), tf.mul(0, tf.sum(a)), tf.mul(0, tf.sum(b))]) as tf.Scalar;
    const grads = tf.grads(f)([t2(z), t2(zAdv)]);
    return [grads[0].arraySync() as Matrix, grads[1].arraySync() as Matrix];
  });
}

describe('loss gradients w.r.t. the logits match float64 central finite differences (rel. err < 1e-3)', () => {
  const rng = new Rng(7);
  const z = randomLogits(rng, 4, 5, 2);
  const zAdv = randomLogits(rng, 4, 5, 2);
  const q = randomLogits(rng, 4, 5, 3);
  const labels = [0, 3, 4, 1];
  const y = oneHot64(labels, 5);
  const yT = () => oneHot(tf.tensor1d(labels, 'int32'), 5);

  const cases: [string, (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Scalar, (a: Matrix, b: Matrix) => number][] = [
    ['CE', (a) => softCrossEntropy(a, yT()), (a) => ce64(a, y)],
    ['KL', (a, b) => klDivergence(a, b), (a, b) => kl64(a, b)],
    ['TRADES', (a, b) => tradesLoss(a, b, yT(), 6), (a, b) => trades64(a, b, y, 6)],
    ['label smoothing', (a, b) => tradesLoss(a, b, smoothLabels(yT(), 0.2), 6), (a, b) => trades64(a, b, smooth64(y, 0.2), 6)],
    ['LTD', (a, b) => ltdLoss(a, b, t2(q), 5, 6), (a, b) => ltd64(a, b, q, 5, 6)],
    ['LTD (PGD-AT base)', (_a, b) => ltdPgdAtLoss(b, t2(q), 5), (_a, b) => ltdPgdAt64(b, q, 5)],
    ['defensive distillation', (a) => distillationLoss(a, t2(q), 20), (a) => distill64(a, q, 20)],
  ];

  for (const [name, loss, reference] of cases) {
    it(`${name}: value and gradient`, () => {
      expect(scalarOf(tf.tidy(() => loss(t2(z), t2(zAdv))))).toBeCloseTo(reference(z, zAdv), 5);
      const [gz, gAdv] = tfGradients(loss, z, zAdv);
      const fdZ = finiteDifferences((m) => reference(m, zAdv), z);
      const fdAdv = finiteDifferences((m) => reference(z, m), zAdv);
      if (fdZ.flat().some((v) => v !== 0)) expect(relativeError(gz, fdZ)).toBeLessThan(1e-3);
      else expect(gz.flat().every((v) => v === 0)).toBe(true);
      if (fdAdv.flat().some((v) => v !== 0)) expect(relativeError(gAdv, fdAdv)).toBeLessThan(1e-3);
      else expect(gAdv.flat().every((v) => v === 0)).toBe(true);
    });
  }
});

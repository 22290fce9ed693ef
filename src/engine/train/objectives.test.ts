import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, METHODS, type MethodId } from '../../shared/config';
import type { Classifier } from '../models';
import { Rng } from '../../shared/rng';
import {
  type BatchContext,
  type Objective,
  defensiveDistillationObjective,
  ltdObjective,
  ltdPgdAtObjective,
  naturalObjective,
  pgdAtObjective,
  studentObjective,
  tradesObjective,
  withInnerMax,
} from './objectives';
import {
  ce64,
  distill64,
  finiteDifferences,
  FIXTURE,
  ltd64,
  ltdPgdAt64,
  type Matrix,
  oneHot64,
  relativeError,
  scale64,
  smooth64,
  type TinyNet,
  tinyNet64,
  trades64,
} from './reference64';

const { Z, Z_ADV, Q, Y } = FIXTURE;
const { log } = Math;

/** A context whose "model" is the identity, so inputs are logits and a loss can be checked by hand. */
function identityContext(overrides: Partial<BatchContext> = {}): BatchContext {
  const identity: Classifier = (x) => x as tf.Tensor2D;
  return {
    model: identity, attackModel: identity, x: tf.tensor2d(Z), y: tf.tensor1d(Y, 'int32'), numClasses: 3,
    teacherLogits: tf.tensor2d(Q), tau: 2, lambda: 3, epsilon: 0.1, pgdSteps: 2, seed: 1, ...overrides,
  };
}

function lossValue(objective: Objective, ctx: BatchContext, xAdv: Matrix | null): number {
  return tf.tidy(() => objective.loss(ctx, xAdv ? tf.tensor2d(xAdv) : null).arraySync());
}

describe('each objective on a 2-example batch with fixed logits', () => {
  const y = oneHot64(Y, 3);
  const cases: [string, Objective, number][] = [
    ['natural', naturalObjective(), ce64(Z, y)],
    ['natural at T = 4 (distillation teacher)', naturalObjective(4), ce64(scale64(Z, 1 / 4), y)],
    ['PGD-AT', pgdAtObjective, ce64(Z_ADV, y)],
    ['TRADES', tradesObjective(), trades64(Z, Z_ADV, y, 3)],
    ['label smoothing', tradesObjective(0.3), trades64(Z, Z_ADV, smooth64(y, 0.3), 3)],
    ['LTD', ltdObjective, ltd64(Z, Z_ADV, Q, 2, 3)],
    ['LTD on PGD-AT', ltdPgdAtObjective, ltdPgdAt64(Z_ADV, Q, 2)],
    ['defensive distillation', defensiveDistillationObjective(4), distill64(Z, Q, 4)],
  ];
  for (const [name, objective, expected] of cases) {
    it(`${name} equals its formula`, () => {
      expect(lossValue(objective, identityContext(), Z_ADV)).toBeCloseTo(expected, 5);
    });
  }

  it('hand values: natural is log(8/3)/2, PGD-AT is (log 3 + log 4)/2', () => {
    expect(lossValue(naturalObjective(), identityContext(), null)).toBeCloseTo(log(8 / 3) / 2, 6);
    expect(lossValue(pgdAtObjective, identityContext(), Z_ADV)).toBeCloseTo((log(3) + log(4)) / 2, 6);
  });

  it('reads τ and λ from the batch context, so a live change applies to the next batch', () => {
    const a = lossValue(ltdObjective, identityContext({ tau: 2, lambda: 3 }), Z_ADV);
    const b = lossValue(ltdObjective, identityContext({ tau: 8, lambda: 1 }), Z_ADV);
    expect(b).toBeCloseTo(ltd64(Z, Z_ADV, Q, 8, 1), 5);
    expect(Math.abs(a - b)).toBeGreaterThan(0.1);
  });
});

describe('objective gradients w.r.t. the inputs x and x′ match float64 finite differences', () => {
  const rng = new Rng(3);
  const r = (rows: number, cols: number, s = 1) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => s * rng.normal()));
  const net: TinyNet = { w1: r(2, 5), b1: r(1, 5)[0], w2: r(5, 3, 1.5), b2: r(1, 3)[0] };
  const model: Classifier = (x) =>
    tf.tidy(() => tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(x as tf.Tensor2D, tf.tensor2d(net.w1)), tf.tensor1d(net.b1))), tf.tensor2d(net.w2)), tf.tensor1d(net.b2)));
  const x = r(4, 2, 0.5).map((row) => row.map((v) => 0.5 + 0.2 * v));
  const xAdv = x.map((row) => row.map((v) => v + 0.05 * rng.normal()));
  const labels = [0, 2, 1, 2];
  const q = r(4, 3, 3);
  const y = oneHot64(labels, 3);
  const f = (m: Matrix) => tinyNet64(net, m);
  const cases: [string, Objective, (a: Matrix, b: Matrix) => number][] = [
    ['natural', naturalObjective(), (a) => ce64(f(a), y)],
    ['PGD-AT', pgdAtObjective, (_a, b) => ce64(f(b), y)],
    ['TRADES', tradesObjective(), (a, b) => trades64(f(a), f(b), y, 6)],
    ['label smoothing', tradesObjective(0.2), (a, b) => trades64(f(a), f(b), smooth64(y, 0.2), 6)],
    ['LTD', ltdObjective, (a, b) => ltd64(f(a), f(b), q, 5, 6)],
    ['LTD on PGD-AT', ltdPgdAtObjective, (_a, b) => ltdPgdAt64(f(b), q, 5)],
    ['defensive distillation', defensiveDistillationObjective(10), (a) => distill64(f(a), q, 10)],
  ];
  for (const [name, objective, reference] of cases) {
    it(name, () => {
      const ctx = (input: tf.Tensor): BatchContext => ({
        model, attackModel: model, x: input, y: tf.tensor1d(labels, 'int32'), numClasses: 3, teacherLogits: tf.tensor2d(q),
        tau: 5, lambda: 6, epsilon: 0.1, pgdSteps: 1, seed: 1,
      });
      const [gx, gAdv] = tf.tidy(() => {
        const loss = (a: tf.Tensor, b: tf.Tensor) =>
          tf.addN([objective.loss(ctx(a), b), tf.mul(0, tf.sum(a)), tf.mul(0, tf.sum(b))]) as tf.Scalar;
        return tf.grads(loss)([tf.tensor2d(x), tf.tensor2d(xAdv)]).map((g) => g.arraySync() as Matrix);
      });
      expect(tf.tidy(() => objective.loss(ctx(tf.tensor2d(x)), tf.tensor2d(xAdv)).arraySync())).toBeCloseTo(reference(x, xAdv), 5);
      for (const [analytic, fd] of [
        [gx, finiteDifferences((m) => reference(m, xAdv), x)],
        [gAdv, finiteDifferences((m) => reference(x, m), xAdv)],
      ]) {
        if (fd.flat().every((v) => v === 0)) expect(analytic.flat().every((v) => v === 0)).toBe(true);
        else expect(relativeError(analytic, fd)).toBeLessThan(1e-3);
      }
    });
  }
});

describe('crafting x′', () => {
  const linear: Classifier = (x) => tf.tidy(() => tf.matMul(x as tf.Tensor2D, tf.tensor2d([[1, -1, 0.5], [-0.5, 1, 1]])));
  const ctx = (): BatchContext => ({
    model: linear, attackModel: linear, x: tf.tensor2d([[0.5, 0.5], [0.2, 0.7]]), y: tf.tensor1d([0, 2], 'int32'),
    numClasses: 3, teacherLogits: tf.tensor2d([[5, 0, 0], [0, 0, 5]]), tau: 5, lambda: 6, epsilon: 0.1, pgdSteps: 3, seed: 9,
  });
  const craft = (o: Objective) => tf.tidy(() => o.craft(ctx())!.arraySync() as Matrix);

  it('LTD attacks CE with the original labels, exactly as PGD-AT does (same x′ for the same seed)', () => {
    expect(craft(ltdObjective)).toEqual(craft(pgdAtObjective));
    expect(craft(ltdPgdAtObjective)).toEqual(craft(pgdAtObjective));
  });

  it('TRADES and label smoothing attack the KL term instead', () => {
    expect(craft(tradesObjective(0.3))).toEqual(craft(tradesObjective()));
    expect(craft(tradesObjective())).not.toEqual(craft(pgdAtObjective));
  });

  it('with KL inner maximisation LTD crafts TRADES’ x′, and with CE TRADES crafts PGD-AT’s (same seed)', () => {
    const pick = (method: MethodId, innerMax: 'ce' | 'kl') => craft(studentObjective({ ...DEFAULT_CONFIG, method, innerMax }));
    expect(pick('ltd', 'kl')).toEqual(pick('trades', 'kl'));
    expect(pick('trades', 'ce')).toEqual(craft(pgdAtObjective));
    expect(pick('label-smoothing', 'ce')).toEqual(craft(pgdAtObjective));
    expect(craft(withInnerMax(ltdPgdAtObjective, 'kl'))).toEqual(pick('trades', 'kl'));
    // As published, the two differ: LTD's CE-PGD is not TRADES' KL-PGD.
    expect(pick('ltd', 'ce')).not.toEqual(pick('trades', 'kl'));
  });

  it('keeps x′ in the ε-ball and [0, 1]', () => {
    const x = ctx().x.arraySync() as Matrix;
    for (const o of [pgdAtObjective, tradesObjective()]) {
      craft(o).forEach((row, i) => row.forEach((v, j) => {
        expect(Math.abs(v - x[i][j])).toBeLessThanOrEqual(0.1 + 1e-6);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }));
    }
  });

  it('natural and defensive distillation craft nothing', () => {
    expect(naturalObjective().craft(ctx())).toBeNull();
    expect(defensiveDistillationObjective(50).craft(ctx())).toBeNull();
  });
});

describe('studentObjective', () => {
  it('maps every method and the LTD base to its objective', () => {
    const pick = (method: MethodId, extra = {}) => studentObjective({ ...DEFAULT_CONFIG, method, ...extra });
    expect(pick('pgd-at')).toBe(pgdAtObjective);
    expect(pick('ltd')).toBe(ltdObjective);
    expect(pick('ltd', { ltdBase: 'pgd-at' })).toBe(ltdPgdAtObjective);
    // A chosen inner maximisation swaps only how x′ is crafted; the loss stays the method's.
    expect(pick('ltd', { innerMax: 'kl' }).loss).toBe(ltdObjective.loss);
    expect(pick('ltd', { innerMax: 'kl' }).craft).not.toBe(ltdObjective.craft);
    for (const method of METHODS) expect(pick(method)).toBeDefined();
    // Smoothing s and T_d reach the loss.
    const s = lossValue(pick('label-smoothing', { smoothing: 0.3 }), identityContext(), Z_ADV);
    expect(s).toBeCloseTo(trades64(Z, Z_ADV, smooth64(oneHot64(Y, 3), 0.3), 3), 5);
    const d = lossValue(pick('defensive-distillation', { distillTemperature: 7 }), identityContext(), null);
    expect(d).toBeCloseTo(distill64(Z, Q, 7), 5);
  });
});

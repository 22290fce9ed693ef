import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { type Config, DEFAULT_CONFIG } from '../../shared/config';
import type { EngineEvent } from '../../shared/events';
import { expectNoTensorLeaks } from '../attacks/test-leaks';
import { makeBlobs } from '../data/blobs';
import { discrepancy, uniformDiscrepancy } from '../eval/discrepancy';
import type { Classifier } from '../models';
import { Rng } from '../../shared/rng';
import { EngineSession } from './session';
import { measureTeacherCalibration } from './teacher-calibration';

/** Tiny blobs LTD (as in session.test.ts): the teacher trains for two epochs, the student for one. */
const TINY: Config = {
  ...DEFAULT_CONFIG,
  dataset: 'blobs', model: 'mlp', method: 'ltd', trainSize: 64, testSize: 48, evalSubset: 16, batchSize: 32,
  hiddenUnits: 8, trainPgdSteps: 2, evalPgdSteps: 2, epochs: 1, teacherEpochs: 2, epsilon: 0.05,
};
const TAUS = [1, 2, 5, 10, 50];

async function trained(config: Config): Promise<EngineSession> {
  const session = new EngineSession();
  await session.init('cpu');
  const events: EngineEvent[] = [];
  await session.train(config, 1, (e) => void events.push(e));
  expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'completed' });
  return session;
}

describe('measureTeacherCalibration', () => {
  expectNoTensorLeaks();
  const blobs = makeBlobs(new Rng(5), { classes: 3, std: 0.15, trainSize: 8, testSize: 60 });
  // A linear teacher by hand: q = 6·[x0, x1, 1 − x0 − x1].
  const weights = [[6, 0, -6], [0, 6, -6]];
  const linear = (w: tf.Tensor2D): Classifier => (x) => tf.tidy(() => tf.add(tf.matMul(x as tf.Tensor2D, w), tf.tensor1d([0, 0, 6])) as tf.Tensor2D);

  it('uses the first N test points: its G matches the tfjs discrepancy of Eq. 7 on the same rows, at every τ', async () => {
    const w = tf.tensor2d(weights);
    const report = await measureTeacherCalibration(linear(w), blobs, { taus: [1, 4], subset: 25, bins: 5 });
    const x = tf.tensor2d(blobs.test.x.subarray(0, 50), [25, 2]);
    const oracle = tf.tensor2d(blobs.oracle!(blobs.test.x.subarray(0, 50), 25), [25, 3]);
    const expected = [await discrepancy(linear(w), x, oracle, 1), await discrepancy(linear(w), x, oracle, 4)];
    const uniform = await uniformDiscrepancy(oracle);
    tf.dispose([w, x, oracle]);
    expect(report.subset).toBe(25);
    expect(report.points.map((p) => p.discrepancy)).toEqual([expect.closeTo(expected[0], 4), expect.closeTo(expected[1], 4)]);
    expect(report.uniformDiscrepancy).toBeCloseTo(uniform, 5);
    expect(report.reliability.n).toBe(25);
    expect(report.reliability.bins).toHaveLength(5);
  });

  it('refuses an empty τ list, a τ ≤ 0, a subset or bin count that is not a positive integer, naming it', async () => {
    const w = tf.tensor2d(weights);
    const run = (request: Partial<Parameters<typeof measureTeacherCalibration>[2]>) =>
      measureTeacherCalibration(linear(w), blobs, { taus: [1], subset: 10, bins: 5, ...request });
    await expect(run({ taus: [] })).rejects.toThrow(/Teacher calibration: taus is empty/);
    await expect(run({ taus: [1, -2] })).rejects.toThrow(/every τ in taus must be a finite number > 0, got -2/);
    await expect(run({ subset: 0 })).rejects.toThrow(/subset must be an integer ≥ 1, got 0/);
    await expect(run({ bins: 2.5 })).rejects.toThrow(/bins must be an integer ≥ 1, got 2.5/);
    w.dispose();
  });
});

describe('EngineSession.teacherCalibration', () => {
  it('on a trained blobs teacher: entropy rises with τ towards ln 3, max-prob falls towards 1/3, the bins hold every point, G is finite; no tensor left behind', async () => {
    const session = await trained(TINY);
    const before = tf.memory().numTensors;
    // More points asked for than the test split holds: all 48 are used.
    const report = await session.teacherCalibration({ taus: TAUS, subset: 1000, bins: 10 });
    expect(tf.memory().numTensors).toBe(before);

    expect(report).toMatchObject({ dataset: 'blobs', classes: 3, subset: 48 });
    expect(report.maxEntropy).toBeCloseTo(Math.log(3), 12);
    expect(report.points.map((p) => p.tau)).toEqual(TAUS);
    for (let j = 1; j < report.points.length; j++) {
      expect(report.points[j].meanEntropy).toBeGreaterThan(report.points[j - 1].meanEntropy);
      expect(report.points[j].meanMaxProb).toBeLessThan(report.points[j - 1].meanMaxProb);
    }
    for (const p of report.points) {
      expect(p.meanEntropy).toBeGreaterThanOrEqual(0);
      expect(p.meanEntropy).toBeLessThanOrEqual(Math.log(3) + 1e-12);
      expect(p.meanMaxProb).toBeGreaterThanOrEqual(1 / 3 - 1e-12);
      expect(p.meanMaxProb).toBeLessThanOrEqual(1);
      expect(Number.isFinite(p.discrepancy)).toBe(true);
      expect(p.discrepancy).toBeGreaterThanOrEqual(0);
    }
    // At τ = 50 the labels are nearly uniform, so their G is nearly the uniform label's.
    expect(report.points.at(-1)!.meanMaxProb).toBeLessThan(0.4);
    expect(report.points.at(-1)!.discrepancy).toBeCloseTo(report.uniformDiscrepancy!, 1);

    const { reliability } = report;
    expect(reliability.bins.reduce((sum, b) => sum + b.count, 0)).toBe(48);
    expect(reliability.n).toBe(48);
    // Two independent paths to the τ = 1 confidence: the soft-label summary and the reliability diagram.
    expect(reliability.meanConfidence).toBeCloseTo(report.points[0].meanMaxProb, 6);
    expect(reliability.ece).toBeGreaterThanOrEqual(0);
    expect(reliability.ece).toBeLessThanOrEqual(1);
    // A confidence is at least 1/k: no point lands in a bin that ends below 1/3.
    expect(reliability.bins.filter((b) => b.upper < 1 / 3).every((b) => b.count === 0)).toBe(true);
    session.dispose();
  });

  it('gives G as null on a data set without an oracle (moons)', async () => {
    const session = await trained({ ...TINY, dataset: 'moons' });
    const report = await session.teacherCalibration({ taus: [1, 5], subset: 20, bins: 5 });
    expect(report).toMatchObject({ dataset: 'moons', classes: 2, subset: 20, uniformDiscrepancy: null });
    expect(report.points.map((p) => p.discrepancy)).toEqual([null, null]);
    session.dispose();
  });

  it('says to train a teacher first when there is none (a TRADES run has none)', async () => {
    const session = new EngineSession();
    await expect(session.teacherCalibration({ taus: [1], subset: 10, bins: 5 })).rejects.toThrow(/Teacher calibration: There is no teacher yet/);
    session.dispose();
    const trades = await trained({ ...TINY, method: 'trades' });
    await expect(trades.teacherCalibration({ taus: [1], subset: 10, bins: 5 })).rejects.toThrow(/no teacher yet/);
    trades.dispose();
  });
});

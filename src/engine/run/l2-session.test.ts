/**
 * The L2 threat model end to end in the engine: PGD-AT, TRADES and LTD train with an L2
 * training attack, the accuracy chart's attack is L2, and the detector runs every attack under
 * L2 (sweep radii beyond 1 allowed, the unbounded radius the box's diameter √d).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { type Config, DEFAULT_CONFIG } from '../../shared/config';
import type { EngineEvent, EventOf } from '../../shared/events';
import type { Classifier } from '../models';
import { type BatchContext, ltdObjective, pgdAtObjective, tradesObjective } from '../train/objectives';
import { EngineSession } from './session';

const TINY_L2: Config = {
  ...DEFAULT_CONFIG,
  dataset: 'blobs', model: 'mlp', trainSize: 128, testSize: 32, evalSubset: 16, batchSize: 32,
  hiddenUnits: 8, trainPgdSteps: 2, evalPgdSteps: 2, epochs: 4, teacherEpochs: 1, norm: 'l2', epsilon: 0.1, learningRate: 0.2, lrSchedule: 'constant',
};

describe('training under L2', () => {
  const linear: Classifier = (x) => tf.tidy(() => tf.matMul(x as tf.Tensor2D, tf.tensor2d([[1, -1, 0.5], [-0.5, 1, 1]])));
  const ctx = (norm: 'linf' | 'l2'): BatchContext => ({
    model: linear, attackModel: linear, x: tf.tensor2d([[0.5, 0.5], [0.3, 0.6], [0.6, 0.4]]), y: tf.tensor1d([0, 2, 1], 'int32'),
    numClasses: 3, teacherLogits: tf.tensor2d([[5, 0, 0], [0, 0, 5], [0, 5, 0]]), tau: 5, lambda: 6, epsilon: 0.2, pgdSteps: 5, seed: 3, norm,
  });

  for (const [name, objective] of [['PGD-AT', pgdAtObjective], ['TRADES', tradesObjective()], ['LTD', ltdObjective]] as const) {
    it(`${name} crafts x′ inside the L2 ball (not the L∞ box's corners) when the norm is L2`, () => {
      const [l2, linf] = tf.tidy(() => {
        const radius = (norm: 'linf' | 'l2') => {
          const c = ctx(norm);
          return tf.sqrt(tf.sum(tf.square(tf.sub(objective.craft(c)!, c.x)), -1)).arraySync() as number[];
        };
        return [radius('l2'), radius('linf')];
      });
      l2.forEach((r) => expect(r).toBeLessThanOrEqual(0.2 + 1e-5));
      // The L∞ attack on a linear model ends at a corner of the box: L2 distance 0.2·√2 > 0.2.
      expect(Math.max(...linf)).toBeGreaterThan(0.25);
    });
  }

  it('PGD-AT, TRADES and LTD train under L2; the chart and the detector attack under L2', async () => {
    const before = tf.memory().numTensors;
    const session = new EngineSession();
    await session.init('cpu');
    for (const method of ['pgd-at', 'trades', 'ltd'] as const) {
      const events: EngineEvent[] = [];
      await session.train({ ...TINY_L2, method, innerMax: method === 'trades' ? 'kl' : 'ce' }, 1, (e) => void events.push(e));
      expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'completed' });
      const student = events.filter((e): e is EventOf<'epoch'> => e.type === 'epoch' && e.phase === 'student');
      expect(student).toHaveLength(4);
      expect(student.every((e) => e.robustAttack?.norm === 'l2' && e.robustAttack.epsilon === 0.1)).toBe(true);
      // It learns: the training loss falls from the first epoch to the last.
      expect(student.at(-1)!.loss).toBeLessThan(student[0].loss);
    }
    const report = await session.runDetector(
      { role: 'student', config: TINY_L2, subset: 16, epsilon: 0.1, seed: 1, options: { pgdSteps: 2, squareQueries: 20, noiseDraws: 2, aaBudget: 'quick', sweepMultiples: [1, 12] } },
      () => {},
    );
    expect(['clean', 'suspected', 'masked', 'no verdict']).toContain(report.verdict);
    for (const figure of Object.values(report.attacks)) if (figure) expect(figure.settings.norm).toBe('l2');
    expect(report.sweep.map((p) => p.epsilon)).toEqual([0.1, 1.2000000000000002]); // 12·0.1 > 1: L2 radii are not capped at 1 (√2 in 2-D)
    expect(report.attacks.unbounded.settings.epsilon).toBeCloseTo(Math.SQRT2, 6);
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { type Config, DEFAULT_CONFIG } from '../../shared/config';
import type { EngineEvent, EventOf } from '../../shared/events';
import { RunControl } from '../control';
import { TeacherCache } from '../train/teacher-cache';
import { checkLambdas, runLambdaSweep } from './lambda-sweep';

const TINY: Config = {
  ...DEFAULT_CONFIG,
  dataset: 'blobs', model: 'mlp', method: 'ltd', trainSize: 64, testSize: 32, evalSubset: 16, batchSize: 32,
  hiddenUnits: 8, trainPgdSteps: 2, evalPgdSteps: 2, epochs: 1, teacherEpochs: 1, epsilon: 0.05, tau: 3,
};

function sweep(config: Config, lambdas: number[], trades = true) {
  const events: EngineEvent[] = [];
  const trace: EngineEvent[] = [];
  const cache = new TeacherCache();
  const done = runLambdaSweep(config, { lambdas, square: true, squareQueries: 10, trades }, {
    emit: (e) => void events.push(e), trace: (e) => void trace.push(e), control: new RunControl({ tau: config.tau, lambda: config.lambda }), teacherCache: cache,
  });
  return { events, trace, cache, done };
}

describe('the λ sweep', () => {
  it('trains LTD once per λ on one teacher, then TRADES as the reference row, each measured on the evaluation subset', async () => {
    const before = tf.memory().numTensors;
    const { events, trace, cache, done } = sweep(TINY, [6, 0]);
    await done;
    const points = events.filter((e): e is EventOf<'lambda-point'> => e.type === 'lambda-point');
    // Ascending λ, then TRADES at the config's λ with one-hot labels (no τ).
    expect(points.map((p) => [p.method, p.lambda, p.tau])).toEqual([['ltd', 0, 3], ['ltd', 6, 3], ['trades', TINY.lambda, null]]);
    for (const p of points) {
      expect(p.subset).toBe(16);
      expect(p.pgd.attack).toBe('PGD');
      expect(p.square?.attack).toBe('Square');
      expect(p.robustAcc).toBeLessThanOrEqual(Math.min(p.pgdAcc, p.squareAcc!) + 1e-9);
      expect(p.natAcc).toBeGreaterThanOrEqual(p.robustAcc);
    }
    // Each run trains with its own λ (the trace's epochs carry the λ their loss used); one teacher epoch for all.
    const epochs = trace.filter((e): e is EventOf<'epoch'> => e.type === 'epoch');
    expect(epochs.map((e) => e.phase)).toEqual(['teacher', 'student', 'student', 'student']);
    expect(epochs.slice(1).map((e) => e.lambda)).toEqual([0, 6, 6]);
    expect(events.some((e) => e.type === 'epoch')).toBe(false);
    const progress = events.filter((e): e is EventOf<'lambda-progress'> => e.type === 'lambda-progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p, i) => i === 0 || p.fraction >= progress[i - 1].fraction - 1e-9)).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'completed' });
    cache.clear();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives λ = 0 and λ = 12 different students: the KL term is in the loss', async () => {
    const { events, done } = sweep({ ...TINY, epochs: 2 }, [0, 12], false);
    await done;
    const [zero, twelve] = events.filter((e): e is EventOf<'lambda-point'> => e.type === 'lambda-point');
    expect(zero.lambda).toBe(0);
    expect(twelve.lambda).toBe(12);
    expect([zero.natAcc, zero.pgdAcc, zero.squareAcc]).not.toEqual([twelve.natAcc, twelve.pgdAcc, twelve.squareAcc]);
  });

  it('refuses an empty, repeated or out-of-range list by name', async () => {
    expect(checkLambdas([])).toMatchObject({ ok: false, message: expect.stringMatching(/^Lambdas: give at least one/) });
    expect(checkLambdas([3, 3])).toMatchObject({ ok: false, message: 'Lambdas: a value is listed twice.' });
    expect(checkLambdas([13])).toMatchObject({ ok: false, message: 'Lambdas: 13 is outside 0–12.' });
    expect(checkLambdas([7, 3])).toEqual({ ok: true, lambdas: [3, 7] });
    const { events, done } = sweep(TINY, [99]);
    await done;
    expect(events).toEqual([{ type: 'error', kind: 'config', message: 'Lambdas: 99 is outside 0–12.' }]);
  });
});

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { type Config, DEFAULT_CONFIG } from '../../shared/config';
import type { EngineEvent, EventOf } from '../../shared/events';
import { RunControl } from '../control';
import type { Repeats } from '../../shared/repeats';
import { TeacherCache, teacherKey } from '../train/teacher-cache';
import { checkLambdas, runLambdaSweep } from './lambda-sweep';

const TINY: Config = {
  ...DEFAULT_CONFIG,
  dataset: 'blobs', model: 'mlp', method: 'ltd', trainSize: 64, testSize: 32, evalSubset: 16, batchSize: 32,
  hiddenUnits: 8, trainPgdSteps: 2, evalPgdSteps: 2, epochs: 1, teacherEpochs: 1, epsilon: 0.05, tau: 3,
};

function sweep(config: Config, lambdas: number[], trades = true, repeats: Repeats = 1) {
  const events: EngineEvent[] = [];
  const trace: EngineEvent[] = [];
  const cache = new TeacherCache();
  const done = runLambdaSweep(config, { lambdas, square: true, squareQueries: 10, trades, repeats }, {
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
      expect(p.robustAttack.attack).toBe('PGD');
      expect(p.square?.attack).toBe('Square');
      expect(p.worstCaseAcc).toBeLessThanOrEqual(Math.min(p.robustAcc, p.squareAcc!) + 1e-9);
      expect(p.natAcc).toBeGreaterThanOrEqual(p.worstCaseAcc);
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
    expect([zero.natAcc, zero.robustAcc, zero.squareAcc]).not.toEqual([twelve.natAcc, twelve.robustAcc, twelve.squareAcc]);
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

  it('repeats every run over seeds seed, seed + 1, seed + 2, one teacher per seed, and counts the repeats in its progress', async () => {
    const config = { ...TINY, seed: 7 };
    const before = tf.memory().numTensors;
    const { events, trace, cache, done } = sweep(config, [6], true, 3);
    await done;
    const points = events.filter((e): e is EventOf<'lambda-point'> => e.type === 'lambda-point');
    expect(points.map((p) => [p.method, p.seed, p.repeat, p.repeats])).toEqual([
      ['ltd', 7, 1, 3], ['trades', 7, 1, 3], ['ltd', 8, 2, 3], ['trades', 8, 2, 3], ['ltd', 9, 3, 3], ['trades', 9, 3, 3],
    ]);
    // A teacher per seed, each trained once and shared by that seed's LTD run (TRADES needs none).
    expect(trace.filter((e) => e.type === 'phase' && e.phase === 'teacher')).toHaveLength(3);
    // Each seed is its own run: the students' first epochs differ from one seed to the next.
    const losses = trace.filter((e): e is EventOf<'epoch'> => e.type === 'epoch' && e.phase === 'student').map((e) => e.loss);
    expect(new Set(losses).size).toBe(losses.length);
    // The first repeat is the sweep without repeats: same seed, same figures.
    const plain = sweep(config, [6], true, 1);
    await plain.done;
    const once = plain.events.filter((e): e is EventOf<'lambda-point'> => e.type === 'lambda-point');
    expect(once.map((p) => [p.natAcc, p.robustAcc, p.squareAcc, p.seed])).toEqual(points.slice(0, 2).map((p) => [p.natAcc, p.robustAcc, p.squareAcc, p.seed]));
    plain.cache.clear();
    // The cost model counts three repeats: the first repeat is about a third of the work, not all of it.
    const progress = events.filter((e): e is EventOf<'lambda-progress'> => e.type === 'lambda-progress');
    const firstRepeat = progress.filter((p) => p.repeat === 1).map((p) => p.fraction);
    expect(Math.max(...firstRepeat)).toBeGreaterThan(0.2);
    expect(Math.max(...firstRepeat)).toBeLessThan(0.5);
    expect(progress.at(-1)!.fraction).toBeGreaterThan(0.9);
    expect(progress.every((p, i) => i === 0 || p.fraction >= progress[i - 1].fraction - 1e-9)).toBe(true);
    // The shared cache keeps the config's own teacher (seed 7), as without repeats; later seeds' teachers are freed.
    expect(cache.get(teacherKey(config))).not.toBeNull();
    cache.clear();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses repeats other than 1, 3, 5 by name', async () => {
    const { events, done } = sweep(TINY, [6], false, 2 as Repeats);
    await done;
    expect(events).toEqual([{ type: 'error', kind: 'config', message: 'Repeats: 2 is not one of 1, 3, 5.' }]);
  });
});

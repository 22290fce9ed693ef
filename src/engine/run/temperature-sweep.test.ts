import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { type Config, DEFAULT_CONFIG } from '../../shared/config';
import { pauseEvents, RunControl } from '../control';
import type { EngineEvent, EventOf } from '../../shared/events';
import { substituteObjective, runTemperatureSweep } from './temperature-sweep';
import type { TemperatureSweepOptions } from '../../shared/temperature-plan';
import { TeacherCache } from '../train/teacher-cache';

/** Tiny blobs: 64 training points in 2 batches, an 8-unit MLP, PGD-2, Square with 30 queries. */
const TINY: Config = {
  ...DEFAULT_CONFIG,
  dataset: 'blobs', model: 'mlp', method: 'ltd', trainSize: 64, testSize: 32, evalSubset: 16, batchSize: 32,
  hiddenUnits: 8, trainPgdSteps: 2, evalPgdSteps: 2, epochs: 1, teacherEpochs: 2, epsilon: 0.05,
};

async function sweep(
  options: TemperatureSweepOptions,
  extra: { cache?: TeacherCache; onEvent?: (e: EngineEvent, c: RunControl) => void; config?: Partial<Config> } = {},
) {
  const events: EngineEvent[] = [];
  const emit = (event: EngineEvent) => {
    events.push(event);
    extra.onEvent?.(event, control);
  };
  const control = new RunControl({ tau: TINY.tau, lambda: TINY.lambda }, pauseEvents(emit));
  // The runs' own events (phases, epochs) are the sweep's trace; recorded with its own events.
  await runTemperatureSweep({ ...TINY, ...extra.config }, options, { control, teacherCache: extra.cache, emit, trace: emit });
  const points = events.filter((e): e is EventOf<'sweep-point'> => e.type === 'sweep-point');
  return { events, points };
}

describe('runTemperatureSweep', () => {
  it('measures each τ’s student with the config’s evaluation attack (its white-box figure names it)', async () => {
    const { points } = await sweep({ taus: [2], square: false, findTauMax: false }, { config: { evalAttack: 'apgd-ce', evalPgdSteps: 3 } });
    expect(points.map((p) => p.robustAttack)).toEqual([{ attack: 'APGD', loss: 'ce', epsilon: 0.05, steps: 3, restarts: 1, subset: 16 }]);
  });

  it('trains the teacher once and one student per τ, in ascending order, figures in [0, 100] with their settings', async () => {
    const before = tf.memory().numTensors;
    const { events, points } = await sweep({ taus: [8, 1, 3], square: true, squareQueries: 30, findTauMax: false });
    const teacherPhases = events.filter((e) => e.type === 'phase' && e.phase === 'teacher');
    const teacherEpochs = events.filter((e) => e.type === 'epoch' && e.phase === 'teacher');
    expect(teacherPhases).toHaveLength(1);
    expect(teacherEpochs).toHaveLength(2);
    expect(events.filter((e) => e.type === 'phase' && e.phase === 'student')).toHaveLength(3);
    expect(points.map((p) => p.tau)).toEqual([1, 3, 8]);
    for (const p of points) {
      for (const value of [p.natAcc, p.robustAcc, p.squareAcc ?? NaN]) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(100);
      }
      // Robust accuracy counts points still correct under attack: never above natural on the same subset.
      expect(p.robustAcc).toBeLessThanOrEqual(p.natAcc);
      expect(p.squareAcc).toBeLessThanOrEqual(p.natAcc);
      expect(p.robustAttack).toEqual({ attack: 'PGD', epsilon: 0.05, steps: 2, restarts: 1, subset: 16 });
      expect(p.square).toMatchObject({ attack: 'Square', epsilon: 0.05, queries: 30, subset: 16 });
      expect(p.subset).toBe(16);
    }
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'completed' });
    const fractions = events.filter((e): e is EventOf<'sweep-progress'> => e.type === 'sweep-progress').map((e) => e.fraction);
    expect(fractions.length).toBeGreaterThan(0);
    fractions.slice(1).forEach((f, i) => expect(f).toBeGreaterThanOrEqual(fractions[i] - 1e-9));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('measures AA-lite beside the evaluation attack and Square when asked, reporting its stage, with the logit scale per τ', async () => {
    const before = tf.memory().numTensors;
    const { events, points } = await sweep({ taus: [1, 20], square: true, squareQueries: 20, aaLite: true, findTauMax: false }, { config: { aaBudget: 'quick' } });
    expect(points.map((p) => p.aaLite?.attack)).toEqual(['AA-lite', 'AA-lite']);
    for (const p of points) {
      expect(p.aaLite).toMatchObject({ budget: 'quick', queries: 20 });
      expect(p.worstCaseAcc).toBeLessThanOrEqual(Math.min(p.robustAcc, p.aaLiteAcc!, p.squareAcc!) + 1e-9);
      expect(p.logitScale).toBeGreaterThan(0);
      expect(p.versusWhiteBox.aaLite).not.toBeNull();
    }
    const progress = events.filter((e): e is EventOf<'sweep-progress'> => e.type === 'sweep-progress');
    expect(new Set(progress.map((e) => e.stage))).toEqual(new Set(['student', 'aa-lite', 'square']));
    progress.slice(1).forEach((e, i) => expect(e.fraction).toBeGreaterThanOrEqual(progress[i].fraction - 1e-9));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reuses the teacher a shared cache holds, and leaves only that teacher behind', async () => {
    const cache = new TeacherCache();
    const before = tf.memory().numTensors;
    const first = await sweep({ taus: [2], square: false, findTauMax: false }, { cache });
    const teacherTensors = tf.memory().numTensors - before;
    expect(first.events.filter((e) => e.type === 'phase' && e.phase === 'teacher')).toHaveLength(1);
    expect(teacherTensors).toBeGreaterThan(0);
    const second = await sweep({ taus: [2, 4], square: false, findTauMax: false }, { cache });
    expect(second.events.filter((e) => e.type === 'phase' && e.phase === 'teacher')).toHaveLength(0);
    expect(second.points.map((p) => p.squareAcc)).toEqual([null, null]);
    // Same teacher, seed and τ: the τ = 2 student is the same in both sweeps.
    expect(second.points[0].robustAcc).toBe(first.points[0].robustAcc);
    expect(second.points[0].natAcc).toBe(first.points[0].natAcc);
    expect(tf.memory().numTensors).toBe(before + teacherTensors);
    cache.clear();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('finds τ_max on the validation split (τ = 1 added as the reference) and sweeps only τ < τ_max', async () => {
    // A threshold of −100 points: every substitute "drops", so τ_max is the smallest τ, 1, and no τ is below it.
    const all = await sweep({ taus: [2, 6], square: false, findTauMax: true, tauMaxDrop: -100 });
    const substitutes = all.events.filter((e): e is EventOf<'sweep-substitute'> => e.type === 'sweep-substitute');
    expect(substitutes.map((s) => [s.tau, s.split, s.points])).toEqual([[1, 'validation', 6], [2, 'validation', 6], [6, 'validation', 6]]);
    const found = all.events.find((e): e is EventOf<'sweep-tau-max'> => e.type === 'sweep-tau-max');
    expect(found).toMatchObject({ tauMax: 1, taus: [], baseline: substitutes[0].natAcc, threshold: substitutes[0].natAcc + 100 });
    expect(all.points).toHaveLength(0);
    expect(all.events.some((e) => e.type === 'sweep-chosen')).toBe(false);
    // Substitutes train without adversarial examples and are not PGD-evaluated.
    const substituteEpochs = all.events.filter((e) => e.type === 'epoch' && e.phase === 'student');
    expect(substituteEpochs.every((e) => e.type === 'epoch' && e.robustAcc === null)).toBe(true);
  });

  it('chooses τ by validation robust accuracy, refined between the two best, and reports only the chosen τ on the test set', async () => {
    const before = tf.memory().numTensors;
    // A threshold of 101 points: nothing can drop, τ_max is null and every listed τ is swept.
    const { events, points } = await sweep({ taus: [2, 6], square: true, squareQueries: 20, findTauMax: true, tauMaxDrop: 101 });
    expect(events.find((e) => e.type === 'sweep-tau-max')).toMatchObject({ tauMax: null, taus: [2, 6] });
    // The grid on the validation split (6 of the 64 training points), then √(2·6) = 3.46 → 3.5 between them.
    expect(points.map((p) => [p.tau, p.stage, p.split, p.subset])).toEqual([
      [2, 'grid', 'validation', 6], [6, 'grid', 'validation', 6], [3.5, 'refine', 'validation', 6],
    ]);
    for (const p of points) {
      expect(p.worstCaseAcc).toBeLessThanOrEqual(Math.min(p.robustAcc, p.squareAcc!));
      expect(p.worstCaseAcc).toBeGreaterThanOrEqual(0);
    }
    const chosen = events.filter((e): e is EventOf<'sweep-chosen'> => e.type === 'sweep-chosen');
    expect(chosen).toHaveLength(1);
    const [c] = chosen;
    const best = Math.max(...points.map((p) => p.worstCaseAcc));
    expect(c.validation.worstCaseAcc).toBe(best);
    expect(points.find((p) => p.tau === c.tau)).toMatchObject(c.validation);
    expect([c.trainPoints, c.validationPoints]).toEqual([58, 6]);
    // The test figures: the first 16 test points, the same attacks.
    expect(c.test).toMatchObject({ subset: 16, robustAttack: { attack: 'PGD', steps: 2, subset: 16 }, square: { attack: 'Square', queries: 20, subset: 16 } });
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'completed' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains the search’s own teacher, without the validation points, even when a shared cache holds one', async () => {
    const cache = new TeacherCache();
    await sweep({ taus: [2], square: false, findTauMax: false }, { cache });
    const cached = tf.memory().numTensors;
    const { events } = await sweep({ taus: [2], square: false, findTauMax: true, tauMaxDrop: 101 }, { cache });
    expect(events.filter((e) => e.type === 'phase' && e.phase === 'teacher')).toHaveLength(1);
    expect(tf.memory().numTensors).toBe(cached); // the search's teacher is gone, the shared one stays
    cache.clear();
  });

  it('stops cleanly mid-sweep: no point after the stop, one done "stopped", no tensor left', async () => {
    const before = tf.memory().numTensors;
    let stopped = false;
    let pointsSeen = 0;
    const { events, points } = await sweep({ taus: [1, 2, 4], square: true, squareQueries: 30, findTauMax: false }, {
      onEvent: (e, control) => {
        // Stop while the second student trains.
        if (e.type === 'sweep-point') pointsSeen++;
        if (!stopped && e.type === 'phase' && e.phase === 'student' && pointsSeen === 1) {
          stopped = true;
          control.stop();
        }
      },
    });
    expect(stopped).toBe(true);
    expect(points.map((p) => p.tau)).toEqual([1]);
    expect(events.filter((e) => e.type === 'done')).toEqual([expect.objectContaining({ reason: 'stopped' })]);
    expect(events.at(-1)?.type).toBe('done');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('pauses between two τ and goes on when resumed, with the same figures as without the pause', async () => {
    let paused = false;
    const { events, points } = await sweep({ taus: [1, 2], square: false, findTauMax: false }, {
      onEvent: (e, control) => {
        if (e.type === 'sweep-point' && e.tau === 1) control.pause();
        if (e.type === 'paused') {
          paused = true;
          setTimeout(() => control.resume(), 5);
        }
      },
    });
    expect(paused).toBe(true);
    const order = events.map((e) => e.type).filter((t) => ['sweep-point', 'paused', 'resumed', 'done'].includes(t));
    expect(order).toEqual(['sweep-point', 'paused', 'resumed', 'sweep-point', 'done']);
    const plain = await sweep({ taus: [1, 2], square: false, findTauMax: false });
    expect(points.map((p) => [p.natAcc, p.robustAcc])).toEqual(plain.points.map((p) => [p.natAcc, p.robustAcc]));
  });

  it('repeats the sweep over seeds, one teacher per seed, every point tagged with its seed, no tensor left', async () => {
    const before = tf.memory().numTensors;
    const { events, points } = await sweep({ taus: [4, 2], square: false, findTauMax: false, repeats: 3 });
    expect(points.map((p) => [p.tau, p.seed, p.repeat, p.repeats])).toEqual([
      [2, 1, 1, 3], [4, 1, 1, 3], [2, 2, 2, 3], [4, 2, 2, 3], [2, 3, 3, 3], [4, 3, 3, 3],
    ]);
    expect(events.filter((e) => e.type === 'phase' && e.phase === 'teacher')).toHaveLength(3);
    expect(events.filter((e) => e.type === 'phase' && e.phase === 'student')).toHaveLength(6);
    // The progress names the repeat, and the first repeat is about a third of the sweep.
    const progress = events.filter((e): e is EventOf<'sweep-progress'> => e.type === 'sweep-progress');
    expect([...new Set(progress.map((p) => `${p.repeat}/${p.repeats}`))]).toEqual(['1/3', '2/3', '3/3']);
    const firstRepeat = Math.max(...progress.filter((p) => p.repeat === 1).map((p) => p.fraction));
    expect(firstRepeat).toBeGreaterThan(0.2);
    expect(firstRepeat).toBeLessThan(0.5);
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'completed' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops a repeated sweep in a later repeat and frees that seed’s own teacher', async () => {
    const before = tf.memory().numTensors;
    let pointsSeen = 0;
    const { events, points } = await sweep({ taus: [2], square: false, findTauMax: false, repeats: 5 }, {
      onEvent: (e, control) => {
        if (e.type === 'sweep-point') pointsSeen++;
        // The second repeat's student starts: its teacher (seed 2) is trained and held by the repeat.
        if (e.type === 'phase' && e.phase === 'student' && pointsSeen === 1) control.stop();
      },
    });
    expect(points.map((p) => p.seed)).toEqual([1]);
    expect(events.filter((e) => e.type === 'phase' && e.phase === 'teacher')).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'stopped' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses repeats for the two-step search, which chooses one τ', async () => {
    const { events } = await sweep({ taus: [2], square: false, findTauMax: true, repeats: 3 });
    expect(events).toEqual([{ type: 'error', kind: 'config', message: 'Repeats: the two-step τ search chooses one τ and runs once; set Repeats to 1 for it.' }]);
  });

  it('refuses an invalid τ list with a config error naming the value, and trains nothing', async () => {
    const before = tf.memory().numTensors;
    const { events } = await sweep({ taus: [1, 60], square: false, findTauMax: false });
    expect(events).toEqual([{ type: 'error', kind: 'config', message: expect.stringMatching(/τ = 60 is outside .*\[1, 50\]/) }]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('substituteObjective', () => {
  it('is CE(Z(x), softmax(q/τ)) at student temperature 1, with no adversarial input', async () => {
    // Z = (0, ln 3) → softmax (1/4, 3/4); q = (0, 2 ln 3), τ = 2 → softmax(q/τ) = (1/4, 3/4).
    // CE = −(1/4·ln 1/4 + 3/4·ln 3/4) = 0.5623351.
    const x = tf.tensor2d([[0, Math.log(3)]]);
    const ctx = {
      model: (input: tf.Tensor) => input as tf.Tensor2D, attackModel: (input: tf.Tensor) => input as tf.Tensor2D,
      x, y: tf.tensor1d([1], 'int32'), numClasses: 2, teacherLogits: tf.tensor2d([[0, 2 * Math.log(3)]]),
      tau: 2, lambda: 6, epsilon: 0.1, pgdSteps: 2, seed: 1,
    };
    expect(substituteObjective.craft(ctx)).toBeNull();
    const loss = substituteObjective.loss(ctx, null);
    expect((await loss.data())[0]).toBeCloseTo(-(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)), 5);
    tf.dispose([loss, x, ctx.y, ctx.teacherLogits]);
  });
});

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { type Config, DEFAULT_CONFIG } from '../../shared/config';
import type { EngineEvent, EventOf } from '../../shared/events';
import { EngineSession } from './session';

/** Tiny blobs LTD: 64 training points in 2 batches, an 8-unit MLP, PGD-2, one teacher and two student epochs. */
const TINY: Config = {
  ...DEFAULT_CONFIG,
  dataset: 'blobs', model: 'mlp', method: 'ltd', trainSize: 64, testSize: 32, evalSubset: 16, batchSize: 32,
  hiddenUnits: 8, trainPgdSteps: 2, evalPgdSteps: 2, epochs: 2, teacherEpochs: 1, epsilon: 0.05,
};

function recorder() {
  const events: EngineEvent[] = [];
  return { events, emit: (event: EngineEvent) => void events.push(event) };
}

describe('EngineSession', () => {
  it('trains, examines the student with the detector and sweeps two τ in one session, and frees every tensor on dispose', async () => {
    const before = tf.memory().numTensors;
    const session = new EngineSession();
    expect((await session.init('cpu')).name).toBe('cpu');

    const run = recorder();
    await session.train(TINY, 7, run.emit);
    expect(run.events[0]).toEqual({ type: 'started', runId: 7, teacherCached: false, totalEpochs: 2 });
    const epochs = run.events.filter((e): e is EventOf<'epoch'> => e.type === 'epoch');
    expect(epochs.map((e) => `${e.phase} ${e.epoch}`)).toEqual(['teacher 1', 'student 1', 'student 2']);
    expect(epochs.every((e) => e.natAcc >= 0 && e.natAcc <= 100)).toBe(true);
    expect(run.events.at(-1)).toMatchObject({ type: 'done', reason: 'completed' });
    // The session keeps the student and the teacher: both export.
    expect((await session.exportModel('student')).modelJson).toBeTruthy();
    expect((await session.exportModel('teacher')).modelJson).toBeTruthy();

    const stages: string[] = [];
    const report = await session.runDetector(
      { role: 'student', config: TINY, subset: 16, epsilon: 0.05, seed: 1, options: { pgdSteps: 2, squareQueries: 20, noiseDraws: 2, aaBudget: 'quick' } },
      (p) => stages.push(p.stage),
    );
    expect(report.subset).toBe(16);
    expect(['clean', 'suspected', 'masked', 'no verdict']).toContain(report.verdict);
    expect(report.checks.length).toBeGreaterThan(0);
    expect(stages.length).toBeGreaterThan(0);
    // The chart's attack is the run's Evaluation attack (PGD-2 here), and LTD's teacher is the transfer source.
    expect(report.headline.chartAttack).toBe('PGD-2');
    expect(report.attacks.transfer?.settings.transferFrom).toBe('the teacher');
    expect(stages).toContain('Transfer from the teacher');

    const sweep = recorder();
    await session.temperatureSweep(TINY, { taus: [1, 4], square: false, findTauMax: false }, sweep.emit);
    const points = sweep.events.filter((e): e is EventOf<'sweep-point'> => e.type === 'sweep-point');
    expect(points.map((p) => p.tau)).toEqual([1, 4]);
    expect(points.every((p) => p.split === 'test' && p.subset === 16 && p.robustAttack.attack === 'PGD')).toBe(true);
    // The page sees the sweep's own events only: no run's phases or epochs cross.
    expect(sweep.events.some((e) => e.type === 'epoch' || e.type === 'phase' || e.type === 'started')).toBe(false);
    expect(sweep.events.at(-1)).toMatchObject({ type: 'done', reason: 'completed' });
    expect(sweep.events.some((e) => e.type === 'sweep-progress')).toBe(true);
    // A sweep begins like a run (the last student is dropped) and keeps no student; the teacher stays.
    expect((await session.exportModel('teacher')).modelJson).toBeTruthy();
    await expect(session.exportModel('student')).rejects.toThrow(/No student/);

    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('loads corpus models as the demo role: the detector judges the demo on its own data set, and dispose frees it', async () => {
    const before = tf.memory().numTensors;
    const session = new EngineSession();
    await session.init('cpu');
    await expect(session.runDetector({ role: 'demo', config: TINY, subset: 8, epsilon: 0.1, seed: 1 }, () => {})).rejects.toThrow(/no demo model/);
    const summary = await session.loadCorpusModel('constant');
    expect(summary).toMatchObject({ entry: { id: 'constant', expected: 'no verdict' }, hasTeacher: false, config: { dataset: 'blobs', epsilon: 0.1 } });
    expect(summary.naturalAccuracy).toBeLessThan(50);
    const options = { pgdSteps: 2, squareQueries: 10, noiseDraws: 2, aaBudget: 'quick' as const, sweepMultiples: [1] };
    const report = await session.runDetector({ role: 'demo', config: summary.config, subset: 16, epsilon: summary.config.epsilon, seed: 1, options }, () => {});
    expect(report.verdict).toBe('no verdict');
    await session.loadCorpusModel('random-init');
    expect((await session.runDetector({ role: 'demo', config: summary.config, subset: 16, epsilon: 0.1, seed: 1, options }, () => {})).verdict).toBe('no verdict');
    await expect(session.loadCorpusModel('nothing' as 'constant')).rejects.toThrow(/not a corpus model/);
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a config out of range with an error event naming the field, and trains nothing', async () => {
    const session = new EngineSession();
    const run = recorder();
    await session.train({ ...TINY, tau: 0 }, 1, run.emit);
    expect(run.events).toEqual([{ type: 'error', kind: 'config', message: expect.stringMatching(/τ|tau/i) }]);
    session.dispose();
  });
});

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { type Config, DEFAULT_CONFIG, METHODS } from '../../shared/config';
import { RunControl } from '../control';
import type { EngineEvent } from '../../shared/events';
import { loadDataset } from '../data';
import type { Dataset } from '../data/types';
import { type ExperimentHooks, runExperiment } from './experiment';
import { TeacherCache } from '../train/teacher-cache';
import { learningRateAt } from '../train/schedule';
import { aaLite } from '../attacks/aa-lite';
import { firstTestTensors } from '../data/first-points';
import { asClassifier } from '../models';
import { Rng } from '../../shared/rng';

/** Tiny blobs: 64 training points in 2 batches of 32, an 8-unit MLP, PGD-2. */
const TINY: Config = {
  ...DEFAULT_CONFIG,
  dataset: 'blobs', model: 'mlp', trainSize: 64, testSize: 32, evalSubset: 16, batchSize: 32, hiddenUnits: 8,
  trainPgdSteps: 2, evalPgdSteps: 2, epochs: 3, teacherEpochs: 1, epsilon: 0.05,
};

type Epoch = Extract<EngineEvent, { type: 'epoch' }>;

type RunHooks = Partial<ExperimentHooks> & {
  onEvent?: (e: EngineEvent, c: RunControl) => void;
  /** Takes the run's student (and must dispose it); disposed here when absent. */
  keepStudent?: (model: tf.LayersModel, dataset: Dataset) => void;
};

async function run(config: Config, { keepStudent, ...hooks }: RunHooks = {}) {
  const events: EngineEvent[] = [];
  const tensorsAfterEpoch: number[] = [];
  const control = new RunControl({ tau: config.tau, lambda: config.lambda });
  const result = await runExperiment(config, {
    control,
    ...hooks,
    emit: (event) => {
      if (event.type === 'progress') return;
      events.push(event);
      if (event.type === 'epoch' && event.phase === 'student') tensorsAfterEpoch.push(tf.memory().numTensors);
      hooks.onEvent?.(event, control);
    },
  });
  if (result.student && keepStudent) keepStudent(result.student, result.dataset!);
  else result.student?.dispose();
  const epochs = events.filter((e): e is Epoch => e.type === 'epoch' && e.phase === 'student');
  return { events, epochs, tensorsAfterEpoch };
}

/** Every method, and the AWP and LTD-base variants. */
const VARIANTS: [string, Partial<Config>][] = [
  ...METHODS.map((method): [string, Partial<Config>] => [method, { method }]),
  ['ltd + AWP', { method: 'ltd', awp: 'on' }],
  ['ltd (PGD-AT base) + AWP', { method: 'ltd', ltdBase: 'pgd-at', awp: 'on' }],
  ['trades + AWP', { method: 'trades', awp: 'on' }],
  ['pgd-at + AWP', { method: 'pgd-at', awp: 'on' }],
];

describe('runExperiment', () => {
  for (const [name, settings] of VARIANTS) {
    it(`${name}: leaks no tensors (numTensors equal after student epochs 1, 2, 3, and back to the start after)`, async () => {
      const before = tf.memory().numTensors;
      const { tensorsAfterEpoch, events } = await run({ ...TINY, ...settings });
      expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'completed' });
      expect(tensorsAfterEpoch).toHaveLength(3);
      expect(new Set(tensorsAfterEpoch).size).toBe(1);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('is reproducible: the same seed gives identical metrics, another seed different ones', async () => {
    const config: Config = { ...TINY, method: 'ltd', awp: 'on' };
    const metrics = (r: Awaited<ReturnType<typeof run>>) => r.events.filter((e) => e.type === 'epoch').map((e) => ({ ...e, seconds: 0 }));
    const a = metrics(await run(config));
    const b = metrics(await run(config));
    const c = metrics(await run({ ...config, seed: 2 }));
    expect(a.length).toBe(4); // 1 teacher epoch + 3 student epochs
    expect(b).toEqual(a);
    expect(c.map((e) => e.loss)).not.toEqual(a.map((e) => e.loss));
  });

  it('trains its AWP warm-up epochs exactly as without AWP, then perturbs', async () => {
    const metrics = async (settings: Partial<Config>) =>
      (await run({ ...TINY, method: 'trades', ...settings })).epochs.map((e) => [e.loss, e.natAcc, e.robustAcc]);
    const plain = await metrics({ awp: 'off' });
    const warm = await metrics({ awp: 'on', awpWarmup: 1 });
    expect(warm[0]).toEqual(plain[0]);
    expect(warm[1][0]).not.toBe(plain[1][0]);
  });

  it('stops with an error of kind "nan" when the loss becomes NaN, after the epochs before it', async () => {
    // λ = NaN arrives as a live change after epoch 1, so epoch 2's loss is NaN.
    const { events, epochs } = await run(
      { ...TINY, method: 'trades' },
      { onEvent: (e, control) => e.type === 'epoch' && e.epoch === 1 && control.setLive({ lambda: NaN }) },
    );
    expect(epochs.map((e) => e.epoch)).toEqual([1]);
    expect(Number.isFinite(epochs[0].loss)).toBe(true);
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'error', kind: 'nan' });
    expect(last?.type === 'error' && last.message).toMatch(/TRADES: The loss became NaN or infinite in epoch 2/);
  });

  it('frees every tensor when stopped in the middle of a run', async () => {
    const before = tf.memory().numTensors;
    const { events } = await run(
      { ...TINY, method: 'ltd', awp: 'on' },
      { onEvent: (e, control) => e.type === 'epoch' && e.phase === 'student' && e.epoch === 1 && control.stop() },
    );
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'stopped' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('applies a τ change at the next batch and reports where it took effect', async () => {
    const { events, epochs } = await run(
      { ...TINY, method: 'ltd' },
      { onEvent: (e, control) => e.type === 'epoch' && e.phase === 'student' && e.epoch === 1 && control.setLive({ tau: 2 }) },
    );
    expect(events.filter((e) => e.type === 'live')).toEqual([
      { type: 'live', epoch: 2, batch: 1, batches: 2, tau: 2, lambda: TINY.lambda, changed: ['tau'] },
    ]);
    expect(epochs.map((e) => e.tau)).toEqual([5, 2, 2]);
  });

  it('measures each epoch under the chosen evaluation attack: PGD as before by default, AA-lite naming itself and never above PGD', async () => {
    const config: Config = { ...TINY, method: 'natural', epochs: 2 };
    const pgd = (await run(config)).epochs;
    expect(pgd.map((e) => e.robustAttack)).toEqual([1, 2].map(() => ({ attack: 'PGD', epsilon: 0.05, steps: 2, restarts: 1, subset: 16 })));
    const before = tf.memory().numTensors;
    const aa = await run({ ...config, evalAttack: 'aa-lite', aaBudget: 'quick' });
    expect(tf.memory().numTensors).toBe(before);
    expect(new Set(aa.tensorsAfterEpoch).size).toBe(1);
    aa.epochs.forEach((e, i) => {
      expect(e.natAcc).toBe(pgd[i].natAcc); // the same student: the evaluation attack does not touch training
      expect(e.robustAttack).toMatchObject({ attack: 'AA-lite', budget: 'quick', subset: 16 });
      expect(e.robustAttack?.members?.map((m) => m.attack)).toEqual(['APGD', 'APGD', 'Square']); // blobs has 3 classes: margin APGD
      expect(e.robustAcc!).toBeLessThanOrEqual(pgd[i].robustAcc!);
    });
  });

  it('stops cleanly when Stop is pressed while AA-lite evaluates', async () => {
    const before = tf.memory().numTensors;
    const events: EngineEvent[] = [];
    const control = new RunControl({ tau: TINY.tau, lambda: TINY.lambda });
    const result = await runExperiment({ ...TINY, method: 'natural', evalAttack: 'aa-lite', aaBudget: 'quick' }, {
      control,
      emit: (event) => {
        events.push(event);
        if (event.type === 'progress' && event.phase === 'evaluating') control.stop();
      },
    });
    result.student?.dispose();
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'stopped' });
    expect(events.some((e) => e.type === 'epoch' && e.phase === 'student')).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('ends a completed run with one final AA-lite (quick) point after the last epoch: AA-lite itself on the evaluation subset, with the evaluation seed', async () => {
    const config: Config = { ...TINY, method: 'natural', aaQueries: 50 };
    const before = tf.memory().numTensors;
    let kept: { model: tf.LayersModel; dataset: Dataset } | null = null;
    const { events } = await run(config, { keepStudent: (model, dataset) => void (kept = { model, dataset }) });
    // What runExperiment must have measured: aaLite on the first evalSubset test points, seed of the run's `eval` fork.
    const { model, dataset } = kept!;
    const { x, y } = firstTestTensors(dataset, config.evalSubset);
    const seed = new Rng(config.seed).fork('eval').seed();
    const r = await aaLite(asClassifier(model), x, y, { epsilon: config.epsilon, budget: 'quick', queries: 50, seed });
    const direct = (100 * r.advCorrect.reduce((sum, v) => sum + v, 0)) / config.evalSubset;
    tf.dispose([r.xAdv, x, y]);
    model.dispose();
    const finals = events.filter((e) => e.type === 'final-aa-lite');
    expect(finals).toHaveLength(1);
    const types = events.map((e) => e.type);
    // After the last student epoch, just before done.
    expect(types.slice(-2)).toEqual(['final-aa-lite', 'done']);
    const final = finals[0] as Extract<EngineEvent, { type: 'final-aa-lite' }>;
    expect(final).toMatchObject({ epoch: config.epochs, attack: { attack: 'AA-lite', budget: 'quick', epsilon: config.epsilon, subset: config.evalSubset, queries: 50, steps: 20 } });
    expect(final.robustAcc).toBe(direct);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('emits no final AA-lite point when stopped during it, and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    // Stop as the last epoch's event arrives: the final point's phase checks first, so no progress
    // throttling decides whether the stop lands before the attack ends.
    const stopped: EngineEvent[] = [];
    const control = new RunControl({ tau: TINY.tau, lambda: TINY.lambda });
    let afterLast = false;
    const result = await runExperiment({ ...TINY, method: 'natural', aaQueries: 50, epochs: 2 }, {
      control,
      emit: (event) => {
        stopped.push(event);
        if (event.type === 'epoch' && event.phase === 'student' && event.epoch === 2) {
          afterLast = true;
          control.stop();
        }
      },
    });
    result.student?.dispose();
    expect(afterLast).toBe(true);
    expect(stopped.some((e) => e.type === 'final-aa-lite')).toBe(false);
    expect(stopped.at(-1)).toMatchObject({ type: 'done', reason: 'stopped' });
    expect(result.outcome).toBe('stopped');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports the scheduled learning rate of each epoch', async () => {
    const config: Config = { ...TINY, method: 'natural', lrSchedule: 'cosine', learningRate: 0.1 };
    const { epochs } = await run(config);
    expect(epochs.map((e) => e.lr)).toEqual([1, 2, 3].map((epoch) => learningRateAt(config, epoch, 3)));
    expect(epochs[2].lr).toBeLessThan(epochs[0].lr);
  });

  it('reuses the teacher when only τ, λ or the LTD variant change, not for defensive distillation (trained at T_d)', async () => {
    const teacherCache = new TeacherCache();
    const started = async (settings: Partial<Config>) => {
      const { events } = await run({ ...TINY, epochs: 1, ...settings }, { teacherCache });
      return {
        cached: events.find((e) => e.type === 'started')?.type === 'started' && (events[0] as { teacherCached: boolean }).teacherCached,
        teacherEpochs: events.filter((e) => e.type === 'epoch' && e.phase === 'teacher').length,
      };
    };
    expect(await started({ method: 'ltd' })).toEqual({ cached: false, teacherEpochs: 1 });
    expect(await started({ method: 'ltd', tau: 2, lambda: 3, ltdBase: 'pgd-at', awp: 'on' })).toEqual({ cached: true, teacherEpochs: 0 });
    expect(await started({ method: 'defensive-distillation' })).toEqual({ cached: false, teacherEpochs: 1 });
    expect(await started({ method: 'defensive-distillation', distillTemperature: 20 })).toEqual({ cached: false, teacherEpochs: 1 });
    teacherCache.clear();
  });

  it('defensive distillation at T_d = 10 deploys logits about T_d times larger than natural training (the masking cause)', async () => {
    // Overlapping blobs keep the natural logits finite; Adam trains at T = 10 where SGD stalls (DESIGN.md §5).
    const config: Config = {
      ...TINY, trainSize: 256, testSize: 64, hiddenUnits: 16, epochs: 60, teacherEpochs: 60, overlap: 0.1,
      optimizer: 'adam', learningRate: 0.03, lrSchedule: 'constant', distillTemperature: 10, evalPgdSteps: 1, aaQueries: 20,
    };
    const spread = async (method: Config['method']) => {
      let value = NaN;
      await run({ ...config, method }, {
        keepStudent: (model, dataset) => {
          value = tf.tidy(() => {
            const z = model.predict(tf.tensor2d(dataset.test.x, [dataset.test.n, 2])) as tf.Tensor2D;
            return tf.mean(tf.sub(tf.max(z, 1), tf.min(z, 1))).dataSync()[0];
          });
          model.dispose();
        },
      });
      return value;
    };
    const ratio = (await spread('defensive-distillation')) / (await spread('natural'));
    expect(ratio).toBeGreaterThan(10 / 2);
    expect(ratio).toBeLessThan(10 * 2);
  });

  it('reports paper Eq. 7 on blobs (teacher and student epochs, soft labels at the live τ) and not on moons', async () => {
    const { events, epochs } = await run(
      { ...TINY, method: 'ltd', tau: 4 },
      { onEvent: (e, control) => e.type === 'epoch' && e.phase === 'student' && e.epoch === 1 && control.setLive({ tau: 2 }) },
    );
    const teacher = events.find((e): e is Epoch => e.type === 'epoch' && e.phase === 'teacher');
    expect(teacher?.discrepancy?.softLabels?.temperature).toBe(4);
    expect(epochs.map((e) => e.discrepancy?.softLabels?.temperature)).toEqual([4, 2, 2]);
    for (const e of [teacher, ...epochs]) {
      const g = e?.discrepancy;
      expect(g && Number.isFinite(g.model) && g.model > 0).toBe(true);
      expect(g?.oneHot).toBe(Infinity); // Gaussian classes: the oracle always doubts a one-hot label
      expect(g && g.uniform > 0 && g.uniform < Math.log(3)).toBe(true);
    }
    // The teacher does not change in the student phase: its soft labels at the same τ score the same.
    expect(epochs[2].discrepancy?.softLabels?.value).toBe(epochs[1].discrepancy?.softLabels?.value);
    expect(epochs[0].discrepancy?.softLabels?.value).not.toBe(epochs[1].discrepancy?.softLabels?.value);
    const trades = await run({ ...TINY, epochs: 1, method: 'trades' });
    expect(trades.epochs[0].discrepancy?.softLabels).toBeUndefined();
    expect(trades.epochs[0].discrepancy?.model).toBeGreaterThan(0);
    const moons = await run({ ...TINY, epochs: 1, dataset: 'moons' });
    expect(moons.epochs[0].discrepancy).toBeUndefined();
  });

  it('runs on a given data set instead of loading the config’s, measuring every epoch on its test split', async () => {
    const dataset = await loadDataset(TINY);
    // 5 test points (config: 32): every natural accuracy is a multiple of 20 %, PGD measures on 5.
    const given = { ...dataset, test: { x: dataset.test.x.slice(0, 10), y: dataset.test.y.slice(0, 5), n: 5 } };
    const { epochs } = await run({ ...TINY, method: 'trades', epochs: 2 }, { dataset: given });
    expect(epochs.every((e) => Number.isInteger(e.natAcc / 20))).toBe(true);
    expect(epochs.every((e) => e.robustAttack?.subset === 5)).toBe(true);
  });
});

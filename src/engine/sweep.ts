/**
 * The temperature sweep: the configured experiment run as LTD once per τ, one teacher for all
 * (it does not depend on τ), the same seed, and each student measured on the evaluation subset —
 * natural accuracy, robust accuracy under the evaluation attack (PGD, APGD-CE or AA-lite, as the
 * config says) and (optionally) Square's, so that a high τ whose white-box figure only looks
 * robust (gradient masking, the paper's τ = 15) shows as white-box ≫ Square.
 *
 * Or paper §4.2's two-step search (`findTauMax`), which chooses τ and so must not look at the
 * test set: 10 % of the training split (seeded) is held out as a validation split that no run
 * of the search trains on, and the teacher is trained without it too. Step 1: natural
 * substitutes on the teacher's soft labels give τ_max on the validation split; step 2: an LTD
 * student per listed τ < τ_max, measured on the validation split, one more τ between the two
 * best, and the τ with the best validation robust accuracy is chosen. Only the chosen τ's
 * student is measured on the test set.
 *
 * Every run goes through `runExperiment`; this file only orders them and measures the students.
 */
import * as tf from '@tensorflow/tfjs';
import { type Config, methodDefaults } from './config';
import { RunControl, StopSignal } from './control';
import { loadDataset } from './data';
import type { Dataset } from './data/types';
import { holdOutValidation } from './data/validation';
import { evaluationSpec } from './eval/evaluation-attack';
import type { EmitFn, EngineEvent, EventOf, SweepFigures, SweepSplit } from './events';
import { runExperiment } from './experiment';
import { softCrossEntropy, softLabels } from './losses';
import { asClassifier } from './models';
import { Rng } from './rng';
import { measureStudent } from './sweep-measure';
import { checkTemperatures, chooseTau, DEFAULT_TAU_MAX_DROP, findTauMax, refinementTau, robustTaus, type TemperatureSweepOptions } from './sweep-plan';
import { type Stage, SweepProgress, sweepCosts } from './sweep-progress';
import type { Objective } from './train/objectives';
import { TeacherCache, teacherKey } from './train/teacher-cache';

export interface SweepHooks {
  emit: EmitFn;
  /** Pause and stop, as for a run; its live τ is set to each τ in turn. */
  control: RunControl;
  /**
   * Shares the teacher with other runs (the worker's cache); a fresh one, cleared at the end, when
   * absent. The two-step search never uses it: its teacher must not have seen the validation split.
   */
  teacherCache?: TeacherCache;
}

/**
 * Paper §4.2 step 1's substitute: natural training on the teacher's soft labels,
 * CE(Z(x), softmax(q(x)/τ)) with the student at temperature 1 and no adversarial examples.
 */
export const substituteObjective: Objective = {
  craft: () => null,
  loss: (ctx) =>
    tf.tidy(() => {
      if (!ctx.teacherLogits) throw new Error('substituteObjective needs the teacher logits');
      return softCrossEntropy(ctx.model(ctx.x), softLabels(ctx.teacherLogits, ctx.tau));
    }),
};

/** How one run under the sweep ended, and what it left. */
interface RunOutcome {
  ended: 'completed' | 'stopped' | 'failed';
  last: EventOf<'epoch'> | null;
  student: tf.LayersModel | null;
  /** The data the run trained and was measured on (the search's, or the config's). */
  dataset: Dataset | null;
}

/** A measured student kept as the search's best so far. */
interface Kept {
  tau: number;
  figures: SweepFigures;
  student: tf.LayersModel;
}

/** The first `count` points of a split as tensors: the subset every figure of the sweep is measured on. */
function subsetOf(dataset: Dataset, split: 'train' | 'test', count: number): { x: tf.Tensor; y: tf.Tensor1D } {
  const n = Math.min(count, dataset[split].n);
  const size = dataset.inputShape.reduce((a, b) => a * b, 1);
  return {
    x: tf.tensor(dataset[split].x.subarray(0, n * size), [n, ...dataset.inputShape], 'float32'),
    y: tf.tensor1d(dataset[split].y.subarray(0, n), 'int32'),
  };
}

/**
 * Run the sweep (or the two-step search): emits `sweep-*` events, the runs' phase and epoch
 * events, then one `done` (or `error`). An invalid τ list is refused with an error of kind 'config'.
 */
export async function runTemperatureSweep(config: Config, options: TemperatureSweepOptions, hooks: SweepHooks): Promise<void> {
  const { emit, control } = hooks;
  const started = performance.now();
  const checked = checkTemperatures(options.taus);
  if (!checked.ok) {
    emit({ type: 'error', kind: 'config', message: checked.message });
    return;
  }
  // Run as LTD: with the page's inner maximisation when it is LTD already, else LTD's own (CE).
  const ltd: Config = { ...config, method: 'ltd', innerMax: config.method === 'ltd' ? config.innerMax : methodDefaults('ltd').innerMax };
  const search = options.findTauMax;
  // The search's data: the training split less its validation points, which stand in as the
  // "test" split every run is measured on; the real test split waits for the chosen τ.
  let full: Dataset | null = null;
  let searchData: Dataset | undefined;
  if (search) {
    try {
      full = await loadDataset(ltd);
    } catch (error) {
      emit({ type: 'error', kind: 'data', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    const { train, validation } = holdOutValidation(full, new Rng(ltd.seed).fork('validation'));
    searchData = { ...full, train, test: validation };
  }
  const split: SweepSplit = search ? 'validation' : 'test';
  const cache = search || !hooks.teacherCache ? new TeacherCache() : hooks.teacherCache;
  const cost = sweepCosts(ltd, options, searchData?.train.n);
  const teacherUnits = cache.get(teacherKey(ltd)) ? 0 : cost.teacher;
  const substituteTaus = search ? [...new Set([1, ...checked.taus])] : [];
  let taus = checked.taus;
  const studentUnits = cost.student + cost.square;
  // The search adds one refined τ and the chosen student's test figures.
  const plannedTotal = (list: number[]) =>
    teacherUnits + substituteTaus.length * cost.substitute + list.length * studentUnits + (search && list.length > 0 ? (list.length > 1 ? studentUnits : 0) + cost.test : 0);
  const progress = new SweepProgress(plannedTotal(taus), emit);
  const rng = new Rng(ltd.seed);
  const squareSeed = rng.fork('sweep-square').seed();
  // The runs' own evaluation seed (experiment.ts), so a plain sweep's white-box figure is the run's last.
  const evalSeed = rng.fork('eval').seed();
  let teacherPending = teacherUnits > 0;
  let evalSet: { x: tf.Tensor; y: tf.Tensor1D } | null = null;
  let best: Kept | null = null;
  /** How the sweep ends: a run that did not complete ends it too. */
  let reason: 'completed' | 'stopped' | 'failed' = 'completed';
  const seconds = () => (performance.now() - started) / 1000;
  const listener = { onPause: () => emit({ type: 'paused' }), onResume: () => emit({ type: 'resumed' }) };
  const between = async () => {
    control.listener = listener;
    await control.checkpoint(); // a stop or pause takes effect here
  };

  /** One `runExperiment` at τ; its progress becomes the sweep's, its end is returned. */
  const runAt = async (tau: number, stage: Stage, index: number, count: number): Promise<RunOutcome> => {
    const units = (stage === 'substitute' ? cost.substitute : cost.student) + (teacherPending ? teacherUnits : 0);
    teacherPending = false;
    const outcome: RunOutcome = { ended: 'failed', last: null, student: null, dataset: null };
    control.live = { ...control.live, tau };
    const forward = (event: EngineEvent) => {
      switch (event.type) {
        case 'progress':
          return progress.report(stage, tau, index, count, units, event.fraction);
        case 'epoch':
          if (event.phase === 'student') outcome.last = event;
          return emit(event);
        case 'done':
          outcome.ended = event.reason;
          return;
        case 'started':
          return;
        default:
          return emit(event);
      }
    };
    // Substitutes are plain natural training: no AWP (the teacher key ignores it, so the teacher is shared).
    await runExperiment({ ...ltd, tau, ...(stage === 'substitute' ? { awp: 'off' as const } : {}) }, {
      emit: forward, control, teacherCache: cache, dataset: searchData,
      ...(stage === 'substitute'
        ? { naturalStudent: substituteObjective }
        : { keepStudent: (student, dataset) => Object.assign(outcome, { student, dataset }) }),
    });
    progress.finish(units);
    if (outcome.ended !== 'completed') outcome.student?.dispose();
    return outcome;
  };

  /** Measure a student on `set`; the Square part reports as `stage` at τ. */
  const measure = (student: tf.LayersModel, set: { x: tf.Tensor; y: tf.Tensor1D }, tau: number, stage: Stage, index: number, count: number) =>
    measureStudent(asClassifier(student), set.x, set.y, {
      whiteBox: evaluationSpec(ltd, evalSeed), checkpoint: () => control.checkpoint(),
      square: options.square
        ? { queries: options.squareQueries, seed: squareSeed, onProgress: (f) => progress.report(stage, tau, index, count, cost.square, f) }
        : null,
    });

  /** Train and measure one student (kept if it is the search's best so far); null when its run did not complete. */
  const studentAt = async (tau: number, stage: 'grid' | 'refine', index: number, count: number): Promise<SweepFigures | null> => {
    const run = await runAt(tau, 'student', index, count);
    if (run.ended !== 'completed' || !run.student || !run.dataset) {
      reason = run.ended;
      return null;
    }
    const student = run.student;
    let keep = false;
    try {
      evalSet ??= subsetOf(run.dataset, 'test', ltd.evalSubset);
      await between(); // a stop or pause pressed during training takes effect before the attacks
      const figures = await measure(student, evalSet, tau, 'square', index, count);
      progress.finish(cost.square);
      emit({ type: 'sweep-point', tau, split, stage, lambda: ltd.lambda, epochs: ltd.epochs, ...figures });
      if (search && (!best || chooseTau([{ tau: best.tau, ...best.figures }, { tau, ...figures }]).tau === tau)) {
        best?.student.dispose();
        best = { tau, figures, student };
        keep = true;
      }
      return figures;
    } finally {
      if (!keep) student.dispose();
    }
  };

  try {
    if (search) {
      const substitutes: { tau: number; natAcc: number }[] = [];
      for (const [i, tau] of substituteTaus.entries()) {
        const run = await runAt(tau, 'substitute', i + 1, substituteTaus.length);
        if (run.ended !== 'completed' || !run.last) {
          reason = run.ended;
          return;
        }
        substitutes.push({ tau, natAcc: run.last.natAcc });
        emit({ type: 'sweep-substitute', tau, natAcc: run.last.natAcc, points: searchData!.test.n, split });
      }
      const found = findTauMax(substitutes, options.tauMaxDrop ?? DEFAULT_TAU_MAX_DROP);
      taus = robustTaus(taus, found.tauMax);
      emit({ type: 'sweep-tau-max', ...found, taus });
      progress.total = plannedTotal(taus);
    }

    const grid: Array<{ tau: number } & SweepFigures> = [];
    for (const [i, tau] of taus.entries()) {
      const figures = await studentAt(tau, 'grid', i + 1, taus.length);
      if (!figures) return;
      grid.push({ tau, ...figures });
      await between(); // pause or stop between two τ
    }
    if (!search || grid.length === 0) return;

    const refined = refinementTau(grid);
    if (refined !== null && !taus.includes(refined) && !(await studentAt(refined, 'refine', 1, 1))) return;
    const chosen = best as Kept | null;
    if (!chosen) return;
    const test = subsetOf(full!, 'test', ltd.evalSubset);
    try {
      const figures = await measure(chosen.student, test, chosen.tau, 'test', 1, 1);
      progress.finish(cost.test);
      emit({
        type: 'sweep-chosen', tau: chosen.tau, validation: chosen.figures, test: figures,
        trainPoints: searchData!.train.n, validationPoints: searchData!.test.n,
      });
    } finally {
      tf.dispose([test.x, test.y]);
    }
  } catch (error) {
    if (!(error instanceof StopSignal)) {
      reason = 'failed';
      emit({ type: 'error', kind: 'internal', message: error instanceof Error ? error.message : String(error) });
    } else {
      reason = 'stopped';
    }
  } finally {
    const set = evalSet as { x: tf.Tensor; y: tf.Tensor1D } | null;
    if (set) tf.dispose([set.x, set.y]);
    (best as Kept | null)?.student.dispose();
    if (cache !== hooks.teacherCache) cache.clear();
    control.listener = null;
    // A failed run has already emitted its error.
    if (reason !== 'failed') emit({ type: 'done', reason, seconds: seconds() });
  }
}

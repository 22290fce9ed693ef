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
 * With `repeats` 3 or 5 (plain sweep only: the search chooses one τ), the whole sweep runs again at
 * seeds seed + 1, … (sweep-repeat.ts), each seed on its own teacher; every point says its seed.
 *
 * Every run is the experiment's phases (teacher, student with its per-epoch evaluation) called
 * directly, their results read back as values; this file orders them and measures the students.
 * Only the sweep's own events (sweep-*, paused/resumed, done, error) go to `emit`.
 */
import * as tf from '@tensorflow/tfjs';
import { type Config, methodDefaults } from '../../shared/config';
import { RunControl, StopSignal } from '../control';
import { loadDataset } from '../data';
import type { Dataset } from '../data/types';
import { holdOutValidation } from '../data/validation';
import { evaluationSpec } from '../eval/evaluation-attack';
import type { Emit, RunEvent, SweepFigures, SweepSplit, TemperatureSweepEvent } from '../../shared/events';
import { softCrossEntropy, softLabels } from '../losses';
import { asClassifier } from '../models';
import { ProgressTracker } from '../../shared/progress';
import { checkRepeats } from '../../shared/repeats';
import { Rng } from '../../shared/rng';
import { evaluationUnits } from './evaluation-phase';
import { batchCost, failureEvent, type PhaseContext } from './phase';
import { repeatTags, SweepRepeat } from './sweep-repeat';
import { type StudentResult, studentPhase } from './student-phase';
import { teacherEpochsToTrain, teacherPhase } from './teacher-phase';
import { measureStudent } from './temperature-sweep-measure';
import { checkTemperatures, chooseTau, DEFAULT_TAU_MAX_DROP, findTauMax, refinementTau, robustTaus, type TemperatureSweepOptions } from '../../shared/temperature-plan';
import { type Stage, SweepProgressMeter, sweepCosts } from './temperature-sweep-progress';
import type { Objective } from '../train/objectives';
import { TeacherCache } from '../train/teacher-cache';
import { firstTestTensors } from '../data/first-points';
import { errorText } from '../../shared/error-text';

export interface SweepHooks<E = TemperatureSweepEvent> {
  /** The sweep's own events (its job's union): for the τ sweep sweep-progress, sweep-substitute, sweep-tau-max, sweep-point, sweep-chosen, done, error. */
  emit: Emit<E>;
  /** Pause and stop, as for a run (its pause listener reports paused/resumed). */
  control: RunControl;
  /**
   * Shares the teacher with other runs (the session's cache); a fresh one, cleared at the end, when
   * absent. The two-step search never uses it: its teacher must not have seen the validation split.
   */
  teacherCache?: TeacherCache;
  /** The runs' own phase, epoch and live events, for whoever wants to watch them (tests); the page does not. */
  trace?: Emit<RunEvent>;
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

/** A measured student kept as the search's best so far. */
interface Kept {
  tau: number;
  figures: SweepFigures;
  student: tf.LayersModel;
}

/** The first `count` points of a split as tensors: the subset every figure of the sweep is measured on. */
function subsetOf(dataset: Dataset, split: 'train' | 'test', count: number): { x: tf.Tensor; y: tf.Tensor1D } {
  const { x, y } = firstTestTensors(dataset, count, split);
  return { x, y };
}

/**
 * Run the sweep (or the two-step search): emits `sweep-*` events, then one `done` (or `error`).
 * An invalid τ list is refused with an error of kind 'config'.
 */
export async function runTemperatureSweep(config: Config, options: TemperatureSweepOptions, hooks: SweepHooks): Promise<void> {
  const { emit, control } = hooks;
  const trace = hooks.trace ?? (() => {});
  const started = performance.now();
  const refuse = (message: string) => emit({ type: 'error', kind: 'config', message });
  const checked = checkTemperatures(options.taus);
  if (!checked.ok) return refuse(checked.message);
  const seeds = checkRepeats(options.repeats ?? 1, config.seed);
  if (!seeds.ok) return refuse(seeds.message);
  if (options.findTauMax && seeds.seeds.length > 1) return refuse('Repeats: the two-step τ search chooses one τ and runs once; set Repeats to 1 for it.');
  // Run as LTD: with the page's inner maximisation when it is LTD already, else LTD's own (CE).
  const ltd: Config = { ...config, method: 'ltd', innerMax: config.method === 'ltd' ? config.innerMax : methodDefaults('ltd').innerMax };
  const search = options.findTauMax;
  let full: Dataset;
  try {
    full = await loadDataset(ltd);
  } catch (error) {
    emit({ type: 'error', kind: 'data', message: errorText(error) });
    return;
  }
  // The search's data: the training split less its validation points, which stand in as the
  // "test" split every run is measured on; the real test split waits for the chosen τ.
  let searchData: Dataset | undefined;
  if (search) {
    const { train, validation } = holdOutValidation(full, new Rng(ltd.seed).fork('validation'));
    searchData = { ...full, train, test: validation };
  }
  const split: SweepSplit = search ? 'validation' : 'test';
  const cache = search || !hooks.teacherCache ? new TeacherCache() : hooks.teacherCache;
  const cost = sweepCosts(ltd, options, searchData?.train.n);
  const tags = repeatTags(seeds.seeds);
  /** The first repeat (the config's seed): every run's tensors, the same at every τ. Later repeats open in turn. */
  const first = SweepRepeat.first(ltd, tags[0], searchData ?? full, cache);
  // Each seed trains its teacher once: the first unless the cache holds it, every later one.
  const teacherUnits = (first.needsTeacher ? cost.teacher : 0) + (tags.length - 1) * cost.teacher;
  const substituteTaus = search ? [...new Set([1, ...checked.taus])] : [];
  let taus = checked.taus;
  const measureUnits = cost.aaLite + cost.square;
  const studentUnits = cost.student + measureUnits;
  // The search adds one refined τ and the chosen student's test figures.
  const plannedTotal = (list: number[]) =>
    teacherUnits + substituteTaus.length * cost.substitute + tags.length * list.length * studentUnits +
    (search && list.length > 0 ? (list.length > 1 ? studentUnits : 0) + cost.test : 0);
  const progress = new SweepProgressMeter(plannedTotal(taus), emit);
  let best: Kept | null = null;
  /** How the sweep ends: a run that did not complete ends it too. */
  let reason: 'completed' | 'stopped' | 'failed' = 'completed';
  const seconds = () => (performance.now() - started) / 1000;

  /**
   * The teacher and student phases of one run at τ (a natural substitute, or an LTD student);
   * their progress becomes the sweep's. A stop throws StopSignal (the student freed).
   */
  const runAt = async (repeat: SweepRepeat, tau: number, stage: 'substitute' | 'student', index: number, count: number): Promise<StudentResult> => {
    const units = (stage === 'substitute' ? cost.substitute : cost.student) + repeat.takeTeacherUnits(cost.teacher);
    const { data, cache } = repeat;
    // Substitutes are plain natural training: no AWP (the teacher key ignores it, so the teacher is shared).
    const run: Config = { ...repeat.config, tau, ...(stage === 'substitute' ? { awp: 'off' as const } : {}) };
    const evaluation = { attack: stage === 'student', seed: repeat.evalSeed };
    const batches = data.batches(run.batchSize);
    const runCost = stage === 'substitute' ? 1 : batchCost(run);
    const tracker = new ProgressTracker(
      teacherEpochsToTrain(run, cache) * batches + run.epochs * (batches * runCost + evaluationUnits(run, data, evaluation)),
      (event) => progress.report(stage, tau, index, count, units, event.fraction),
    );
    const ctx: PhaseContext = { emit: trace, control, progress: tracker, rng: new Rng(run.seed), params: () => ({ tau, lambda: run.lambda }) };
    try {
      const { teacher } = await teacherPhase(run, data, cache, ctx);
      const result = await studentPhase(run, data, teacher, ctx, { evaluation, objective: stage === 'substitute' ? substituteObjective : undefined });
      if (result.ended === 'stopped') {
        result.student.dispose();
        throw new StopSignal();
      }
      return result;
    } finally {
      progress.finish(units);
    }
  };

  /**
   * Measure a student of `repeat` on `set`: AA-lite, then Square, each reporting as its stage at τ
   * ('aa-lite', 'square'; the chosen student's test figures as 'test'), weighed by their cost.
   */
  const measure = (repeat: SweepRepeat, student: tf.LayersModel, set: { x: tf.Tensor; y: tf.Tensor1D }, tau: number, onTest: boolean, index: number, count: number) => {
    const part = (stage: Stage, before: number, units: number) => (f: number) =>
      progress.report(onTest ? 'test' : stage, tau, index, count, measureUnits, (before + f * units) / measureUnits);
    return measureStudent(asClassifier(student), set.x, set.y, {
      whiteBox: evaluationSpec(repeat.config, repeat.evalSeed), checkpoint: () => control.checkpoint(),
      aaLite: options.aaLite ? { budget: repeat.config.aaBudget, seed: repeat.evalSeed, onProgress: part('aa-lite', 0, cost.aaLite) } : null,
      square: options.square ? { queries: options.squareQueries, seed: repeat.squareSeed, onProgress: part('square', cost.aaLite, cost.square) } : null,
    });
  };

  /** Train and measure one student of `repeat` (kept if it is the search's best so far). */
  const studentAt = async (repeat: SweepRepeat, tau: number, stage: 'grid' | 'refine', index: number, count: number): Promise<SweepFigures> => {
    const { student } = await runAt(repeat, tau, 'student', index, count);
    let keep = false;
    try {
      await control.checkpoint(); // a stop or pause pressed during training takes effect before the attacks
      const figures = await measure(repeat, student, repeat.data.evalSet, tau, false, index, count);
      progress.finish(measureUnits);
      emit({ type: 'sweep-point', tau, split, stage, lambda: ltd.lambda, epochs: ltd.epochs, ...repeat.tag, ...figures });
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
        const { student, lastEpoch } = await runAt(first, tau, 'substitute', i + 1, substituteTaus.length);
        student.dispose();
        const natAcc = lastEpoch!.natAcc;
        substitutes.push({ tau, natAcc });
        emit({ type: 'sweep-substitute', tau, natAcc, points: searchData!.test.n, split });
      }
      const found = findTauMax(substitutes, options.tauMaxDrop ?? DEFAULT_TAU_MAX_DROP);
      taus = robustTaus(taus, found.tauMax);
      emit({ type: 'sweep-tau-max', ...found, taus });
      progress.total = plannedTotal(taus);
    }

    const grid: Array<{ tau: number } & SweepFigures> = [];
    for (const tag of tags) {
      const repeat = tag.repeat === 1 ? first : await SweepRepeat.later(ltd, tag);
      progress.repeat = tag;
      try {
        for (const [i, tau] of taus.entries()) {
          grid.push({ tau, ...(await studentAt(repeat, tau, 'grid', i + 1, taus.length)) });
          await control.checkpoint(); // pause or stop between two τ
        }
      } finally {
        if (repeat !== first) repeat.dispose();
      }
    }
    if (!search || grid.length === 0) return;

    const refined = refinementTau(grid);
    if (refined !== null && !taus.includes(refined)) await studentAt(first, refined, 'refine', 1, 1);
    const chosen = best as Kept | null;
    if (!chosen) return;
    const test = subsetOf(full, 'test', ltd.evalSubset);
    try {
      const figures = await measure(first, chosen.student, test, chosen.tau, true, 1, 1);
      progress.finish(cost.test);
      emit({
        type: 'sweep-chosen', tau: chosen.tau, validation: chosen.figures, test: figures,
        trainPoints: searchData!.train.n, validationPoints: searchData!.test.n,
      });
    } finally {
      tf.dispose([test.x, test.y]);
    }
  } catch (error) {
    if (error instanceof StopSignal) {
      reason = 'stopped';
    } else {
      reason = 'failed';
      emit(failureEvent(ltd, error));
    }
  } finally {
    first.dispose();
    (best as Kept | null)?.student.dispose();
    if (cache !== hooks.teacherCache) cache.clear();
    // A failed run has already emitted its error.
    if (reason !== 'failed') emit({ type: 'done', reason, seconds: seconds() });
  }
}

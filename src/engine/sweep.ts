/**
 * The temperature sweep: the configured experiment run as LTD once per τ, one teacher for all
 * (it does not depend on τ), the same seed, and each student measured on the evaluation subset —
 * natural accuracy, robust accuracy under the evaluation attack (PGD, APGD-CE or AA-lite, as the
 * config says) and (optionally) Square's, so that a high τ whose white-box figure only looks
 * robust (gradient masking, the paper's τ = 15) shows as white-box ≫ Square.
 *
 * Optionally first paper §4.2's step 1: natural substitutes trained on the teacher's soft labels
 * at each τ give τ_max, and the robust sweep then runs only τ ≤ τ_max.
 *
 * Every run goes through `runExperiment`; this file only orders them and measures the students.
 */
import * as tf from '@tensorflow/tfjs';
import { defaultSquareQueries } from './attacks/square';
import { type Config, DATASET_INFO } from './config';
import { RunControl, StopSignal } from './control';
import type { Dataset } from './data/types';
import { accuracy } from './eval/accuracy';
import { evaluationCost } from './eval/evaluation-attack';
import { evaluateAttack } from './eval/robust';
import type { AttackSettings, EmitFn, EngineEvent, EventOf } from './events';
import { batchCost, runExperiment } from './experiment';
import { softCrossEntropy, softLabels } from './losses';
import { asClassifier } from './models';
import { Rng } from './rng';
import { checkTemperatures, DEFAULT_TAU_MAX_DROP, findTauMax, robustTaus, type TemperatureSweepOptions } from './sweep-plan';
import type { Objective } from './train/objectives';
import { TeacherCache, teacherKey } from './train/teacher-cache';

export interface SweepHooks {
  emit: EmitFn;
  /** Pause and stop, as for a run; its live τ is set to each τ in turn. */
  control: RunControl;
  /** Shares the teacher with other runs (the worker's cache); a fresh one, cleared at the end, when absent. */
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

type Stage = EventOf<'sweep-progress'>['stage'];

/** Cost of each piece of the sweep, in forward+backward passes over a batch (for the ETA only). */
function costs(config: Config, options: TemperatureSweepOptions) {
  const batches = Math.ceil(config.trainSize / config.batchSize);
  const evalBatches = Math.ceil(Math.min(config.evalSubset, config.testSize) / config.batchSize);
  const queries = options.squareQueries ?? defaultSquareQueries(DATASET_INFO[config.dataset].inputShape);
  return {
    teacher: config.teacherEpochs * batches,
    substitute: config.epochs * batches,
    student: config.epochs * (batches * batchCost({ ...config, method: 'ltd' }) + evalBatches * evaluationCost(config, DATASET_INFO[config.dataset].numClasses)),
    // Square is forward passes only (about a third of a forward+backward), one per query.
    square: options.square ? (queries * evalBatches) / 3 : 0,
  };
}

/** Whole-sweep fraction and ETA from the fraction of the piece under way. */
class SweepProgress {
  private done = 0;
  private readonly start = performance.now();
  constructor(public total: number, private readonly emit: EmitFn) {}

  report(stage: Stage, tau: number, index: number, count: number, units: number, fraction: number): void {
    const overall = Math.min(1, (this.done + fraction * units) / this.total);
    const elapsed = (performance.now() - this.start) / 1000;
    const etaSeconds = overall > 0.02 && elapsed > 1 ? (elapsed * (1 - overall)) / overall : null;
    this.emit({ type: 'sweep-progress', stage, tau, index, count, fraction: overall, etaSeconds });
  }

  finish(units: number): void {
    this.done += units;
  }
}

/** How one run under the sweep ended, and what it left. */
interface RunOutcome {
  ended: 'completed' | 'stopped' | 'failed';
  last: EventOf<'epoch'> | null;
  student: tf.LayersModel | null;
  dataset: Dataset | null;
}

/**
 * Run the sweep: one LTD student per τ of `options.taus` (ascending), after natural substitutes
 * when `options.findTauMax`. Emits `sweep-*` events, the runs' phase and epoch events, then one
 * `done` (or `error`). An invalid τ list is refused with an error of kind 'config'.
 */
export async function runTemperatureSweep(config: Config, options: TemperatureSweepOptions, hooks: SweepHooks): Promise<void> {
  const { emit, control } = hooks;
  const started = performance.now();
  const checked = checkTemperatures(options.taus);
  if (!checked.ok) {
    emit({ type: 'error', kind: 'config', message: checked.message });
    return;
  }
  const ltd: Config = { ...config, method: 'ltd' };
  const cache = hooks.teacherCache ?? new TeacherCache();
  const cost = costs(ltd, options);
  const teacherUnits = cache.get(teacherKey(ltd)) ? 0 : cost.teacher;
  const substituteTaus = options.findTauMax ? [...new Set([1, ...checked.taus])] : [];
  let taus = checked.taus;
  const plannedTotal = (list: number[]) => teacherUnits + substituteTaus.length * cost.substitute + list.length * (cost.student + cost.square);
  const progress = new SweepProgress(plannedTotal(taus), emit);
  const squareSeed = new Rng(ltd.seed).fork('sweep-square').seed();
  let teacherPending = teacherUnits > 0;
  let evalSet: { x: tf.Tensor; y: tf.Tensor1D } | null = null;
  const seconds = () => (performance.now() - started) / 1000;
  const listener = { onPause: () => emit({ type: 'paused' }), onResume: () => emit({ type: 'resumed' }) };

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
      emit: forward, control, teacherCache: cache,
      ...(stage === 'substitute'
        ? { naturalStudent: substituteObjective }
        : { keepStudent: (student, dataset) => Object.assign(outcome, { student, dataset }) }),
    });
    progress.finish(units);
    if (outcome.ended !== 'completed') outcome.student?.dispose();
    return outcome;
  };

  let reason: 'completed' | 'stopped' | 'failed' = 'completed';
  try {
    if (options.findTauMax) {
      const substitutes: { tau: number; natAcc: number }[] = [];
      for (const [i, tau] of substituteTaus.entries()) {
        const run = await runAt(tau, 'substitute', i + 1, substituteTaus.length);
        if (run.ended !== 'completed' || !run.last) {
          reason = run.ended;
          return;
        }
        substitutes.push({ tau, natAcc: run.last.natAcc });
        emit({ type: 'sweep-substitute', tau, natAcc: run.last.natAcc, testPoints: ltd.testSize });
      }
      const found = findTauMax(substitutes, options.tauMaxDrop ?? DEFAULT_TAU_MAX_DROP);
      taus = robustTaus(taus, found.tauMax);
      emit({ type: 'sweep-tau-max', ...found, taus });
      progress.total = plannedTotal(taus);
    }

    for (const [i, tau] of taus.entries()) {
      const run = await runAt(tau, 'student', i + 1, taus.length);
      if (run.ended !== 'completed' || !run.last?.pgd || run.last.pgdAcc === null || !run.student || !run.dataset) {
        reason = run.ended;
        return;
      }
      const student = run.student;
      try {
        evalSet ??= evaluationSubset(run.dataset, ltd.evalSubset);
        const model = asClassifier(student);
        const natAcc = await accuracy(model, evalSet.x, evalSet.y);
        let square: { acc: number; settings: AttackSettings } | null = null;
        if (options.square) {
          control.listener = listener;
          await control.checkpoint(); // a stop or pause pressed during training takes effect before Square
          const { figure } = await evaluateAttack(
            model, evalSet.x, evalSet.y, { attack: 'Square', epsilon: ltd.epsilon, queries: options.squareQueries, seed: squareSeed },
            (f) => progress.report('square', tau, i + 1, taus.length, cost.square, f),
          );
          square = { acc: figure.robustAccuracy, settings: figure.settings };
          progress.finish(cost.square);
        }
        emit({
          type: 'sweep-point', tau, natAcc, pgdAcc: run.last.pgdAcc, squareAcc: square?.acc ?? null,
          subset: evalSet.x.shape[0], pgd: run.last.pgd, square: square?.settings ?? null, lambda: ltd.lambda, epochs: ltd.epochs,
        });
      } finally {
        student.dispose();
      }
      control.listener = listener;
      await control.checkpoint(); // pause or stop between two τ
    }
  } catch (error) {
    if (!(error instanceof StopSignal)) {
      reason = 'failed';
      emit({ type: 'error', kind: 'internal', message: error instanceof Error ? error.message : String(error) });
    } else {
      reason = 'stopped';
    }
  } finally {
    if (evalSet) tf.dispose([evalSet.x, evalSet.y]);
    if (!hooks.teacherCache) cache.clear();
    control.listener = null;
    // A failed run has already emitted its error.
    if (reason !== 'failed') emit({ type: 'done', reason, seconds: seconds() });
  }
}

/** The first `count` test points as tensors: the subset every figure of the sweep is measured on. */
function evaluationSubset(dataset: Dataset, count: number): { x: tf.Tensor; y: tf.Tensor1D } {
  const n = Math.min(count, dataset.test.n);
  const size = dataset.inputShape.reduce((a, b) => a * b, 1);
  return {
    x: tf.tensor(dataset.test.x.subarray(0, n * size), [n, ...dataset.inputShape], 'float32'),
    y: tf.tensor1d(dataset.test.y.subarray(0, n), 'int32'),
  };
}

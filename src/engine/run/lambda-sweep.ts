/**
 * The λ sweep, paper Tables 5–6's shape: the configured run as LTD once per λ at the config's τ —
 * one teacher for all (it depends on neither), the same seed, the same data — and, as the tables'
 * reference row, TRADES at the config's λ; every student measured on the evaluation subset as the
 * τ sweep measures it (natural, the evaluation attack, optionally Square, the per-point worst case).
 *
 * It shares the τ sweep's machinery: the experiment's phases called directly, `measureStudent`,
 * the cost model of `sweepCosts`. Only the sweep's own events (lambda-progress, lambda-point,
 * paused/resumed, done, error) go to `emit`.
 */
import { type Config, FIELDS, methodDefaults } from '../../shared/config';
import { ProgressTracker } from '../../shared/progress';
import { StopSignal } from '../control';
import { loadDataset } from '../data';
import { evaluationSpec } from '../eval/evaluation-attack';
import { asClassifier } from '../models';
import { Rng } from '../rng';
import { TeacherCache, teacherKey } from '../train/teacher-cache';
import { evaluationUnits } from './evaluation-phase';
import { batchCost, failureEvent, type PhaseContext } from './phase';
import { RunData } from './run-data';
import { studentPhase } from './student-phase';
import { teacherEpochsToTrain, teacherPhase } from './teacher-phase';
import { measureStudent } from './temperature-sweep-measure';
import { sweepCosts } from './temperature-sweep-progress';
import type { SweepHooks } from './temperature-sweep';

export interface LambdaSweepOptions {
  /** The λ values, each in the config's λ range; run in ascending order. */
  lambdas: number[];
  /** Also measure Square's (black-box) robust accuracy on each student. */
  square: boolean;
  /** Square's query budget per example; absent: the attack's default for the input shape. */
  squareQueries?: number;
  /** Add TRADES at the config's λ as the reference row (the paper's tables have one). */
  trades: boolean;
}

export const MAX_SWEEP_LAMBDAS = 12;

export type LambdaCheck = { ok: true; lambdas: number[] } | { ok: false; message: string };

/** Check a list of λ: each finite and in range, no repeats, at most 12; sorted ascending. */
export function checkLambdas(lambdas: readonly number[]): LambdaCheck {
  const { min, max } = FIELDS.lambda;
  if (lambdas.length === 0) return { ok: false, message: 'Lambdas: give at least one λ, e.g. "3, 4, 5, 6, 7".' };
  if (lambdas.length > MAX_SWEEP_LAMBDAS) return { ok: false, message: `Lambdas: ${lambdas.length} values given, at most ${MAX_SWEEP_LAMBDAS} (each is a whole training run).` };
  const bad = lambdas.find((l) => !Number.isFinite(l) || l < min || l > max);
  if (bad !== undefined) return { ok: false, message: `Lambdas: ${bad} is outside ${min}–${max}.` };
  if (new Set(lambdas).size !== lambdas.length) return { ok: false, message: 'Lambdas: a value is listed twice.' };
  return { ok: true, lambdas: [...lambdas].sort((a, b) => a - b) };
}

/** Run the λ sweep: emits lambda-progress and lambda-point events, then one `done` (or `error`). */
export async function runLambdaSweep(config: Config, options: LambdaSweepOptions, hooks: SweepHooks): Promise<void> {
  const { emit, control } = hooks;
  const started = performance.now();
  const checked = checkLambdas(options.lambdas);
  if (!checked.ok) {
    emit({ type: 'error', kind: 'config', message: checked.message });
    return;
  }
  const ltd: Config = { ...config, method: 'ltd', innerMax: config.method === 'ltd' ? config.innerMax : methodDefaults('ltd').innerMax };
  // TRADES as published (its own inner maximisation), everything else as configured.
  const trades: Config = { ...config, method: 'trades', innerMax: methodDefaults('trades').innerMax };
  const runs = [
    ...checked.lambdas.map((lambda) => ({ method: 'ltd' as const, config: { ...ltd, lambda } })),
    ...(options.trades ? [{ method: 'trades' as const, config: trades }] : []),
  ];
  let data: RunData;
  try {
    data = new RunData(ltd, await loadDataset(ltd));
  } catch (error) {
    emit({ type: 'error', kind: 'data', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  const cache = hooks.teacherCache ?? new TeacherCache();
  const cost = sweepCosts(ltd, { taus: [], square: options.square, squareQueries: options.squareQueries, findTauMax: false });
  const teacherUnits = cache.get(teacherKey(ltd)) ? 0 : cost.teacher;
  const total = teacherUnits + runs.length * (cost.student + cost.square);
  let done = 0;
  const report = (run: (typeof runs)[number], index: number, units: number, fraction: number) => {
    const overall = Math.min(1, (done + fraction * units) / total);
    const elapsed = (performance.now() - started) / 1000;
    const etaSeconds = overall > 0.02 && elapsed > 1 ? (elapsed * (1 - overall)) / overall : null;
    emit({ type: 'lambda-progress', method: run.method, lambda: run.config.lambda, index, count: runs.length, fraction: overall, etaSeconds });
  };
  const rng = new Rng(ltd.seed);
  const squareSeed = rng.fork('sweep-square').seed();
  const evalSeed = rng.fork('eval').seed();
  let reason: 'completed' | 'stopped' | 'failed' = 'completed';
  try {
    for (const [i, run] of runs.entries()) {
      const index = i + 1;
      const c = run.config;
      const batches = data.batches(c.batchSize);
      const evaluation = { attack: true, seed: evalSeed };
      const units = cost.student + (i === 0 ? teacherUnits : 0);
      const tracker = new ProgressTracker(
        teacherEpochsToTrain(c, cache) * batches + c.epochs * (batches * batchCost(c) + evaluationUnits(c, data, evaluation)),
        (event) => event.type === 'progress' && report(run, index, units, event.fraction),
      );
      const ctx: PhaseContext = { emit: hooks.trace ?? (() => {}), control, progress: tracker, rng: new Rng(c.seed), params: () => ({ tau: c.tau, lambda: c.lambda }) };
      const { teacher } = await teacherPhase(c, data, cache, ctx);
      const { student, ended } = await studentPhase(c, data, teacher, ctx, { evaluation });
      done += units;
      try {
        if (ended === 'stopped') throw new StopSignal();
        await control.checkpoint();
        const figures = await measureStudent(asClassifier(student), data.evalSet.x, data.evalSet.y, {
          whiteBox: evaluationSpec(c, evalSeed), checkpoint: () => control.checkpoint(),
          square: options.square ? { queries: options.squareQueries, seed: squareSeed, onProgress: (f) => report(run, index, cost.square, f) } : null,
        });
        done += cost.square;
        emit({ type: 'lambda-point', method: run.method, lambda: c.lambda, tau: run.method === 'ltd' ? c.tau : null, epochs: c.epochs, ...figures });
      } finally {
        student.dispose();
      }
      await control.checkpoint();
    }
  } catch (error) {
    if (error instanceof StopSignal) reason = 'stopped';
    else {
      reason = 'failed';
      emit(failureEvent(ltd, error));
    }
  } finally {
    data.dispose();
    if (cache !== hooks.teacherCache) cache.clear();
    if (reason !== 'failed') emit({ type: 'done', reason, seconds: (performance.now() - started) / 1000 });
  }
}

/**
 * The λ sweep, paper Tables 5–6's shape: the configured run as LTD once per λ at the config's τ —
 * one teacher for all (it depends on neither), the same seed, the same data — and, as the tables'
 * reference row, TRADES at the config's λ; every student measured on the evaluation subset as the
 * τ sweep measures it (natural, the evaluation attack, optionally Square, the per-point worst case).
 *
 * It shares the τ sweep's machinery: the experiment's phases called directly, `measureStudent`,
 * the cost model of `sweepCosts`, and its repeats over seeds (sweep-repeat.ts: with `repeats` 3 or
 * 5 every run is trained again at seed + 1, …, each seed on its own teacher). Only the sweep's own
 * events (lambda-progress, lambda-point, paused/resumed, done, error) go to `emit`.
 */
import { type Config, FIELDS, methodDefaults } from '../../shared/config';
import { estimateEta, ProgressTracker } from '../../shared/progress';
import { checkRepeats, type Repeats, type RepeatTag } from '../../shared/repeats';
import { StopSignal } from '../control';
import { loadDataset } from '../data';
import { evaluationSpec } from '../eval/evaluation-attack';
import { asClassifier } from '../models';
import { Rng } from '../../shared/rng';
import { TeacherCache } from '../train/teacher-cache';
import { evaluationUnits } from './evaluation-phase';
import { batchCost, failureEvent, type PhaseContext } from './phase';
import { studentPhase } from './student-phase';
import { repeatTags, SweepRepeat } from './sweep-repeat';
import { teacherEpochsToTrain, teacherPhase } from './teacher-phase';
import { measureStudent } from './temperature-sweep-measure';
import { sweepCosts } from './temperature-sweep-progress';
import type { SweepHooks } from './temperature-sweep';
import type { LambdaSweepEvent } from '../../shared/events';
import { errorText } from '../../shared/error-text';

export interface LambdaSweepOptions {
  /** The λ values, each in the config's λ range; run in ascending order. */
  lambdas: number[];
  /** Also measure Square's (black-box) robust accuracy on each student. */
  square: boolean;
  /** Square's query budget per example; absent: the attack's default for the input shape. */
  squareQueries?: number;
  /** Add TRADES at the config's λ as the reference row (the paper's tables have one). */
  trades: boolean;
  /** Every run again at seeds seed + 1, … (1, 3 or 5; default 1). */
  repeats?: Repeats;
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
export async function runLambdaSweep(config: Config, options: LambdaSweepOptions, hooks: SweepHooks<LambdaSweepEvent>): Promise<void> {
  const { emit, control } = hooks;
  const started = performance.now();
  const refuse = (message: string) => emit({ type: 'error', kind: 'config', message });
  const checked = checkLambdas(options.lambdas);
  if (!checked.ok) return refuse(checked.message);
  const seeds = checkRepeats(options.repeats ?? 1, config.seed);
  if (!seeds.ok) return refuse(seeds.message);
  const ltd: Config = { ...config, method: 'ltd', innerMax: config.method === 'ltd' ? config.innerMax : methodDefaults('ltd').innerMax };
  // TRADES as published (its own inner maximisation), everything else as configured.
  const trades: Config = { ...config, method: 'trades', innerMax: methodDefaults('trades').innerMax };
  const runs = [
    ...checked.lambdas.map((lambda) => ({ method: 'ltd' as const, config: { ...ltd, lambda } })),
    ...(options.trades ? [{ method: 'trades' as const, config: trades }] : []),
  ];
  const cache = hooks.teacherCache ?? new TeacherCache();
  const tags = repeatTags(seeds.seeds);
  let first: SweepRepeat;
  try {
    first = SweepRepeat.first(ltd, tags[0], await loadDataset(ltd), cache);
  } catch (error) {
    emit({ type: 'error', kind: 'data', message: errorText(error) });
    return;
  }
  const cost = sweepCosts(ltd, { taus: [], square: options.square, squareQueries: options.squareQueries, findTauMax: false });
  // Each seed trains its teacher once: the first unless the cache holds it, every later one.
  const total = (first.needsTeacher ? cost.teacher : 0) + (tags.length - 1) * cost.teacher + tags.length * runs.length * (cost.student + cost.square);
  let done = 0;
  const report = (tag: RepeatTag, run: (typeof runs)[number], index: number, units: number, fraction: number) => {
    const overall = Math.min(1, (done + fraction * units) / total);
    const etaSeconds = estimateEta((performance.now() - started) / 1000, overall);
    emit({
      type: 'lambda-progress', method: run.method, lambda: run.config.lambda, index, count: runs.length,
      repeat: tag.repeat, repeats: tag.repeats, fraction: overall, etaSeconds,
    });
  };

  /** Train and measure every run of the sweep at one repeat's seed. */
  const runRepeat = async (repeat: SweepRepeat) => {
    const { data, cache, tag } = repeat;
    for (const [i, run] of runs.entries()) {
      const index = i + 1;
      const c: Config = { ...run.config, seed: tag.seed };
      const batches = data.batches(c.batchSize);
      const evaluation = { attack: true, seed: repeat.evalSeed };
      const units = cost.student + repeat.takeTeacherUnits(cost.teacher);
      const tracker = new ProgressTracker(
        teacherEpochsToTrain(c, cache) * batches + c.epochs * (batches * batchCost(c) + evaluationUnits(c, data, evaluation)),
        (event) => report(tag, run, index, units, event.fraction),
      );
      const ctx: PhaseContext = { emit: hooks.trace ?? (() => {}), control, progress: tracker, rng: new Rng(c.seed), params: () => ({ tau: c.tau, lambda: c.lambda }) };
      const { teacher } = await teacherPhase(c, data, cache, ctx);
      const { student, ended } = await studentPhase(c, data, teacher, ctx, { evaluation });
      done += units;
      try {
        if (ended === 'stopped') throw new StopSignal();
        await control.checkpoint();
        const figures = await measureStudent(asClassifier(student), data.evalSet.x, data.evalSet.y, {
          whiteBox: evaluationSpec(c, repeat.evalSeed), checkpoint: () => control.checkpoint(),
          square: options.square ? { queries: options.squareQueries, seed: repeat.squareSeed, onProgress: (f) => report(tag, run, index, cost.square, f) } : null,
        });
        done += cost.square;
        emit({ type: 'lambda-point', method: run.method, lambda: c.lambda, tau: run.method === 'ltd' ? c.tau : null, epochs: c.epochs, ...tag, ...figures });
      } finally {
        student.dispose();
      }
      await control.checkpoint();
    }
  };

  let reason: 'completed' | 'stopped' | 'failed' = 'completed';
  try {
    for (const tag of tags) {
      const repeat = tag.repeat === 1 ? first : await SweepRepeat.later(ltd, tag);
      try {
        await runRepeat(repeat);
      } finally {
        if (repeat !== first) repeat.dispose();
      }
    }
  } catch (error) {
    if (error instanceof StopSignal) reason = 'stopped';
    else {
      reason = 'failed';
      emit(failureEvent(ltd, error));
    }
  } finally {
    first.dispose();
    if (cache !== hooks.teacherCache) cache.clear();
    if (reason !== 'failed') emit({ type: 'done', reason, seconds: (performance.now() - started) / 1000 });
  }
}

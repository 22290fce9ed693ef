/**
 * An experiment: config in, its result out, typed events along the way for the page to watch.
 * Composes the phases — teacher (trained or reused), student (the chosen method), and the
 * evaluation of every student epoch (natural accuracy, and robust accuracy under the config's
 * evaluation attack: PGD, APGD-CE or AA-lite).
 */
import type * as tf from '@tensorflow/tfjs';
import { type Config, needsTeacher } from '../../shared/config';
import { type RunControl, StopSignal } from '../control';
import { loadDataset } from '../data';
import type { Dataset } from '../data/types';
import type { Emit, RunEvent } from '../../shared/events';
import { ProgressTracker } from '../../shared/progress';
import { Rng } from '../../shared/rng';
import { TeacherCache, teacherKey } from '../train/teacher-cache';
import { asClassifier } from '../models';
import { evaluationUnits, finalAaLitePhase, finalAaLiteUnits } from './evaluation-phase';
import { batchCost, type EpochEvent, failureEvent } from './phase';
import { RunData } from './run-data';
import { studentPhase } from './student-phase';
import { teacherEpochsToTrain, teacherPhase } from './teacher-phase';
import { errorText } from '../../shared/error-text';

export { batchCost } from './phase';

export interface ExperimentHooks {
  emit: Emit<RunEvent>;
  control: RunControl;
  /** Reuses the teacher across runs that share it; a fresh one per run (cleared at the end) when absent. */
  teacherCache?: TeacherCache;
  runId?: number;
  /**
   * The data to run on instead of loading the config's (its `test` split is what every epoch is
   * measured on).
   */
  dataset?: Dataset;
}

/** How an experiment ended, and what it left. */
export interface ExperimentResult {
  outcome: 'completed' | 'stopped' | 'failed';
  /** The last student epoch's figures; null when none finished. */
  lastEpoch: EpochEvent | null;
  /**
   * The trained student (as far as it got when stopped), owned by the caller, who must dispose
   * it; null when the run failed or stopped before the student phase.
   */
  student: tf.LayersModel | null;
  /**
   * The teacher the student learned from, owned by the shared teacher cache; null for a method
   * without one, or when the run used (and cleared) a cache of its own.
   */
  teacher: tf.LayersModel | null;
  /** The data the run trained and was measured on; null when it could not be loaded. */
  dataset: Dataset | null;
}

/** Run one experiment; emits started, phase, progress, epoch, live, final-aa-lite (a completed run), then done (or error). */
export async function runExperiment(config: Config, hooks: ExperimentHooks): Promise<ExperimentResult> {
  const { emit, control } = hooks;
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const result: ExperimentResult = { outcome: 'failed', lastEpoch: null, student: null, teacher: null, dataset: null };
  let dataset: Dataset;
  try {
    dataset = hooks.dataset ?? (await loadDataset(config));
  } catch (error) {
    emit({ type: 'error', kind: 'data', message: errorText(error) });
    return result;
  }
  result.dataset = dataset;
  const cache = hooks.teacherCache ?? new TeacherCache();
  const data = new RunData(config, dataset);
  const rng = new Rng(config.seed);
  const evaluation = { attack: true, seed: rng.fork('eval').seed() };
  const teacherEpochs = teacherEpochsToTrain(config, cache);
  const batches = data.batches(config.batchSize);
  const progress = new ProgressTracker(
    teacherEpochs * batches + config.epochs * (batches * batchCost(config) + evaluationUnits(config, data, evaluation)) + finalAaLiteUnits(config, data),
    emit,
  );
  const ctx = { emit, control, progress, rng, params: () => control.live };

  emit({ type: 'started', runId: hooks.runId ?? 0, teacherCached: needsTeacher(config.method) && Boolean(cache.get(teacherKey(config))), totalEpochs: config.epochs });
  try {
    const { teacher } = await teacherPhase(config, data, cache, ctx);
    result.teacher = teacher;
    const student = await studentPhase(config, data, teacher, ctx, { evaluation });
    Object.assign(result, { outcome: student.ended, student: student.student, lastEpoch: student.lastEpoch });
    const last = student.lastEpoch;
    if (student.ended === 'completed' && last) {
      // The chart's last point under the strongest attack it can afford (issue 19): a stop here stops the run.
      const t0 = performance.now();
      const figure = await finalAaLitePhase(config, data, asClassifier(student.student), last.epoch, evaluation.seed, ctx);
      emit({ type: 'final-aa-lite', epoch: last.epoch, robustAcc: figure.robustAccuracy, attack: figure.settings, seconds: (performance.now() - t0) / 1000 });
    }
    emit({ type: 'done', reason: student.ended, seconds: seconds() });
  } catch (error) {
    if (error instanceof StopSignal) {
      result.outcome = 'stopped';
      emit({ type: 'done', reason: 'stopped', seconds: seconds() });
    } else {
      emit(failureEvent(config, error));
    }
  } finally {
    data.dispose();
    if (cache !== hooks.teacherCache) {
      cache.clear();
      result.teacher = null;
    }
  }
  return result;
}

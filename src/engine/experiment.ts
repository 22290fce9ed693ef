/**
 * An experiment: config in, typed events out. Trains the teacher (or reuses it), then the
 * student with the chosen method, evaluating natural and robust accuracy (under the config's
 * evaluation attack: PGD, APGD-CE or AA-lite) after every epoch.
 */
import * as tf from '@tensorflow/tfjs';
import { type Config, METHOD_LABELS, needsTeacher, teacherTemperature } from './config';
import { RunControl, StopSignal } from './control';
import { augmentationFor } from './data/augment';
import { SplitTensors } from './data/batches';
import { loadDataset } from './data';
import type { Dataset } from './data/types';
import { accuracy, predictGrid } from './eval/accuracy';
import { discrepancyFigures } from './eval/discrepancy';
import { evaluationCost, evaluationSpec } from './eval/evaluation-attack';
import { evaluateAttack } from './eval/robust';
import type { EmitFn } from './events';
import { asClassifier, buildModel, type Classifier } from './models';
import { ProgressTracker } from './progress';
import { Rng } from './rng';
import { gradientRule } from './train/awp';
import { plainGradientsFor } from './train/gradients';
import { LiveWatch } from './train/live';
import { isAdversarial, naturalObjective, type Objective, studentObjective } from './train/objectives';
import { makeOptimizer } from './train/optimizer';
import { learningRateAt } from './train/schedule';
import { NonFiniteLossError, trainEpoch } from './train/trainer';
import { TeacherCache, teacherKey } from './train/teacher-cache';

export interface ExperimentHooks {
  emit: EmitFn;
  control: RunControl;
  /** Reuses the teacher across runs that share it; a fresh one per run when absent. */
  teacherCache?: TeacherCache;
  runId?: number;
  /**
   * Receives the trained student when the run ends (completed or stopped) and takes
   * ownership of it (e.g. the worker keeps it for the detector and for export). When
   * absent, the student is disposed.
   */
  keepStudent?: (student: tf.LayersModel, dataset: Dataset) => void;
  /**
   * Trains the student with this natural objective instead of the method's, and skips the
   * per-epoch robust evaluation (pgdAcc null): the temperature sweep's substitutes (paper §4.2).
   */
  naturalStudent?: Objective;
  /**
   * The data to run on instead of loading the config's (its `test` split is what every epoch is
   * measured on): the two-step τ search trains on the training split less its validation points
   * and measures on those.
   */
  dataset?: Dataset;
}

const GRID_SIZE = 48;

/** Cost of one batch in forward+backward passes, for progress and ETA. */
export function batchCost(config: Pick<Config, 'method' | 'trainPgdSteps' | 'awp'>): number {
  if (!isAdversarial(config.method)) return 1;
  return 2 + config.trainPgdSteps + (config.awp === 'on' ? 1 : 0);
}

export async function runExperiment(config: Config, hooks: ExperimentHooks): Promise<void> {
  const { emit, control } = hooks;
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const cache = hooks.teacherCache ?? new TeacherCache();
  const ownsCache = !hooks.teacherCache;
  const rng = new Rng(config.seed);
  let dataset: Dataset;
  try {
    dataset = hooks.dataset ?? (await loadDataset(config));
  } catch (error) {
    emit({ type: 'error', kind: 'data', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  const train = new SplitTensors(dataset.train, dataset.inputShape, augmentationFor(config));
  const test = new SplitTensors(dataset.test, dataset.inputShape);
  const evalSet = test.head(config.evalSubset);
  // Paper Eq. 7's oracle p(c | x) on the test split, uploaded once; only synthetic data has one.
  const oracle = dataset.oracle
    ? tf.tensor2d(dataset.oracle(dataset.test.x, dataset.test.n), [dataset.test.n, dataset.numClasses])
    : null;
  /** G of `model`, and of the teacher's soft labels at the temperature the student learns from (τ, or T_d). */
  const measureDiscrepancy = (model: Classifier, teacherModel: Classifier | null) =>
    oracle
      ? discrepancyFigures({
        model, x: test.x, y: test.y, oracle,
        teacher: teacherModel && {
          model: teacherModel,
          temperature: config.method === 'defensive-distillation' ? config.distillTemperature : control.live.tau,
        },
      })
      : Promise.resolve(undefined);
  const batches = train.batchCount(config.batchSize);
  const key = teacherKey(config);
  const cachedTeacher = needsTeacher(config.method) ? cache.get(key) : null;
  const teacherEpochs = needsTeacher(config.method) && !cachedTeacher ? config.teacherEpochs : 0;
  const evalUnits = hooks.naturalStudent ? 0 : Math.ceil(evalSet.size / config.batchSize) * evaluationCost(config, dataset.numClasses);
  const studentCost = hooks.naturalStudent ? 1 : batchCost(config);
  const progress = new ProgressTracker(
    teacherEpochs * batches + config.epochs * (batches * studentCost + evalUnits),
    emit,
  );
  const models: tf.LayersModel[] = [];
  /** Optimisers to free however the run ends (a stop or an error skips the normal path). */
  const optimizers: tf.Optimizer[] = [];
  let studentModel: tf.LayersModel | null = null;
  let failed = false;
  control.listener = { onPause: () => emit({ type: 'paused' }), onResume: () => emit({ type: 'resumed' }) };

  emit({ type: 'started', runId: hooks.runId ?? 0, teacherCached: Boolean(cachedTeacher), totalEpochs: config.epochs });
  try {
    let teacher = cachedTeacher;
    if (needsTeacher(config.method) && !teacher) {
      emit({ type: 'phase', phase: 'teacher', epochs: config.teacherEpochs });
      teacher = buildModel(config, dataset, rng.fork('teacher-init'));
      models.push(teacher);
      const optimizer = makeOptimizer(config);
      optimizers.push(optimizer);
      const teacherRng = rng.fork('teacher-train');
      const objective = naturalObjective(teacherTemperature(config));
      for (let epoch = 1; epoch <= config.teacherEpochs; epoch++) {
        const t0 = performance.now();
        const lr = learningRateAt(config, epoch, config.teacherEpochs);
        const loss = await trainEpoch({
          model: teacher, optimizer, objective, gradients: plainGradientsFor(config.method), learningRate: lr, data: train, batchSize: config.batchSize,
          numClasses: dataset.numClasses, teacher: null, epsilon: config.epsilon, pgdSteps: 0, epoch,
          rng: teacherRng.fork(`epoch-${epoch}`), control,
          onProgress: (units, done, total) => progress.advance(units, 'teacher', epoch, done, total),
        });
        const natAcc = await accuracy(asClassifier(teacher), test.x, test.y);
        const discrepancy = await measureDiscrepancy(asClassifier(teacher), asClassifier(teacher));
        emit({
          type: 'epoch', phase: 'teacher', epoch, natAcc, pgdAcc: null, pgd: null, loss,
          lr, tau: control.live.tau, lambda: control.live.lambda,
          seconds: (performance.now() - t0) / 1000, discrepancy,
        });
      }
      optimizers.pop()?.dispose(); // the teacher's optimiser is done
      cache.set(key, teacher);
      models.pop(); // the cache owns it now
    }

    emit({ type: 'phase', phase: 'student', epochs: config.epochs });
    const student = buildModel(config, dataset, rng.fork('student-init'));
    models.push(student);
    studentModel = student;
    const optimizer = makeOptimizer(config);
    optimizers.push(optimizer);
    const studentRng = rng.fork('student-train');
    const evalSeed = rng.fork('eval').seed();
    const teacherClassifier = teacher ? asClassifier(teacher) : null;
    const objective = hooks.naturalStudent ?? studentObjective(config);
    const live = new LiveWatch({ tau: config.tau, lambda: config.lambda }, ({ params, ...change }) =>
      emit({ type: 'live', ...change, ...params }),
    );
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      const t0 = performance.now();
      const lr = learningRateAt(config, epoch, config.epochs);
      const loss = await trainEpoch({
        model: student, optimizer, objective, gradients: gradientRule(config, epoch), learningRate: lr, data: train, batchSize: config.batchSize,
        numClasses: dataset.numClasses, teacher: teacherClassifier, epsilon: config.epsilon,
        pgdSteps: config.trainPgdSteps, pgdStepSize: config.trainPgdStepSize, epoch, rng: studentRng.fork(`epoch-${epoch}`),
        control, live,
        onProgress: (units, done, total) => progress.advance(units * studentCost, 'student', epoch, done, total),
      });
      progress.advance(0, 'evaluating', epoch, batches, batches, true);
      const model = asClassifier(student);
      const natAcc = await accuracy(model, test.x, test.y);
      const discrepancy = await measureDiscrepancy(model, teacherClassifier);
      // In chunks (evaluateAttack's 256): a ResNet attacked on the whole subset at once exhausts GPU memory.
      let evaluated = 0;
      const onAttackProgress = (fraction: number) => {
        progress.advance(fraction * evalUnits - evaluated, 'evaluating', epoch, batches, batches);
        evaluated = fraction * evalUnits;
      };
      const robust = hooks.naturalStudent
        ? null
        : (await evaluateAttack(model, evalSet.x, evalSet.y, evaluationSpec(config, evalSeed), onAttackProgress, { checkpoint: () => control.checkpoint() })).figure;
      progress.advance(evalUnits - evaluated, 'evaluating', epoch, batches, batches, true);
      const grid = dataset.inputShape.length === 1 && dataset.inputShape[0] === 2
        ? { size: GRID_SIZE, classes: await predictGrid(model, GRID_SIZE) }
        : undefined;
      emit({
        type: 'epoch', phase: 'student', epoch, natAcc, pgdAcc: robust && robust.robustAccuracy, pgd: robust && robust.settings,
        loss, lr, tau: control.live.tau, lambda: control.live.lambda,
        seconds: (performance.now() - t0) / 1000, grid, discrepancy,
      });
    }
    emit({ type: 'done', reason: 'completed', seconds: seconds() });
  } catch (error) {
    if (error instanceof StopSignal) {
      emit({ type: 'done', reason: 'stopped', seconds: seconds() });
    } else if (error instanceof NonFiniteLossError) {
      failed = true;
      emit({ type: 'error', kind: 'nan', message: `${METHOD_LABELS[config.method]}: ${error.message}` });
    } else {
      failed = true;
      emit({ type: 'error', kind: 'internal', message: error instanceof Error ? error.message : String(error) });
    }
  } finally {
    if (studentModel && hooks.keepStudent && !failed) {
      models.splice(models.indexOf(studentModel), 1);
      hooks.keepStudent(studentModel, dataset);
    }
    models.forEach((m) => m.dispose());
    optimizers.forEach((o) => o.dispose());
    [train, test].forEach((s) => s.dispose());
    evalSet.x.dispose();
    evalSet.y.dispose();
    oracle?.dispose();
    if (ownsCache) cache.clear();
    control.listener = null;
  }
}


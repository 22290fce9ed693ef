/**
 * The student phase: train the student with the method's objective (or the τ sweep's natural
 * substitute objective) for the configured epochs, evaluating it after every epoch.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Config } from '../../shared/config';
import { StopSignal } from '../control';
import { asClassifier, buildModel } from '../models';
import { gradientRule } from '../train/awp';
import { LiveWatch } from '../train/live';
import { type Objective, studentObjective } from '../train/objectives';
import { makeOptimizer } from '../train/optimizer';
import { learningRateAt } from '../train/schedule';
import { trainEpoch } from '../train/trainer';
import { evaluationPhase, type EvaluationPlan } from './evaluation-phase';
import { batchCost, type EpochEvent, type PhaseContext } from './phase';
import type { RunData } from './run-data';

export interface StudentOptions {
  /** The objective to train with instead of the method's (the τ sweep's substitutes, paper §4.2). */
  objective?: Objective;
  /** What each epoch's evaluation runs. */
  evaluation: EvaluationPlan;
}

export interface StudentResult {
  /** The trained student; the caller owns it and must dispose it. */
  student: tf.LayersModel;
  /** 'stopped' when Stop was pressed: the student is kept as far as it got. */
  ended: 'completed' | 'stopped';
  /** The last finished epoch's figures; null when stopped in the first. */
  lastEpoch: EpochEvent | null;
}

/**
 * Train and evaluate the student. A stop returns the student as it is (ended 'stopped'); an
 * error (a NaN loss, a device error) frees it and is thrown on.
 * @param teacher the teacher whose soft labels it learns from, or null
 */
export async function studentPhase(
  config: Config, data: RunData, teacher: tf.LayersModel | null, ctx: PhaseContext, options: StudentOptions,
): Promise<StudentResult> {
  const { emit, control, progress } = ctx;
  emit({ type: 'phase', phase: 'student', epochs: config.epochs });
  const student = buildModel(config, data.dataset, ctx.rng.fork('student-init'));
  const optimizer = makeOptimizer(config);
  const studentRng = ctx.rng.fork('student-train');
  const teacherClassifier = teacher ? asClassifier(teacher) : null;
  const objective = options.objective ?? studentObjective(config);
  const cost = options.objective ? 1 : batchCost(config);
  const live = new LiveWatch({ tau: config.tau, lambda: config.lambda }, ({ params, ...change }) =>
    emit({ type: 'live', ...change, ...params }),
  );
  let lastEpoch: EpochEvent | null = null;
  try {
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      const t0 = performance.now();
      const lr = learningRateAt(config, epoch, config.epochs);
      const loss = await trainEpoch({
        model: student, optimizer, objective, gradients: gradientRule(config, epoch), learningRate: lr, data: data.train,
        batchSize: config.batchSize, numClasses: data.dataset.numClasses, teacher: teacherClassifier, epsilon: config.epsilon, norm: config.norm,
        pgdSteps: config.trainPgdSteps, pgdStepSize: config.trainPgdStepSize, epoch, rng: studentRng.fork(`epoch-${epoch}`),
        control, live, params: ctx.params,
        onProgress: (units, done, total) => progress.advance(units * cost, 'student', epoch, done, total),
      });
      const evaluation = await evaluationPhase(config, data, asClassifier(student), teacherClassifier, epoch, options.evaluation, ctx);
      const { tau, lambda } = ctx.params();
      lastEpoch = {
        type: 'epoch', phase: 'student', epoch, natAcc: evaluation.natAcc,
        robustAcc: evaluation.robust && evaluation.robust.robustAccuracy, robustAttack: evaluation.robust && evaluation.robust.settings,
        loss, lr, tau, lambda, seconds: (performance.now() - t0) / 1000, grid: evaluation.grid, discrepancy: evaluation.discrepancy,
      };
      emit(lastEpoch);
    }
    return { student, ended: 'completed', lastEpoch };
  } catch (error) {
    if (error instanceof StopSignal) return { student, ended: 'stopped', lastEpoch };
    student.dispose();
    throw error;
  } finally {
    optimizer.dispose();
  }
}

/**
 * The teacher phase: for a method that learns from a teacher (LTD, defensive distillation),
 * reuse the cached teacher or train one naturally at the method's teacher temperature.
 */
import type * as tf from '@tensorflow/tfjs';
import { type Config, needsTeacher, teacherTemperature } from '../../shared/config';
import { accuracy } from '../eval/accuracy';
import { asClassifier, buildModel } from '../models';
import { plainGradientsFor } from '../train/gradients';
import { naturalObjective } from '../train/objectives';
import { makeOptimizer } from '../train/optimizer';
import { learningRateAt } from '../train/schedule';
import { TeacherCache, teacherKey } from '../train/teacher-cache';
import { trainEpoch } from '../train/trainer';
import type { EpochEvent, PhaseContext } from './phase';
import type { RunData } from './run-data';

export interface TeacherResult {
  /** The teacher, owned by the cache; null for a method without one. */
  teacher: tf.LayersModel | null;
  /** Whether it came from the cache (no epoch trained). */
  cached: boolean;
  /** The last teacher epoch's figures; null when none was trained. */
  lastEpoch: EpochEvent | null;
}

/** Teacher epochs a run of `config` will train: none when the method needs no teacher or the cache holds it. */
export function teacherEpochsToTrain(config: Config, cache: TeacherCache): number {
  return needsTeacher(config.method) && !cache.get(teacherKey(config)) ? config.teacherEpochs : 0;
}

/**
 * Reuse or train the teacher; a trained one goes into `cache`, which owns it. A stop (StopSignal)
 * or an error is thrown on, and a half-trained teacher freed.
 */
export async function teacherPhase(config: Config, data: RunData, cache: TeacherCache, ctx: PhaseContext): Promise<TeacherResult> {
  if (!needsTeacher(config.method)) return { teacher: null, cached: false, lastEpoch: null };
  const key = teacherKey(config);
  const cached = cache.get(key);
  if (cached) return { teacher: cached, cached: true, lastEpoch: null };

  const { emit, control, progress } = ctx;
  emit({ type: 'phase', phase: 'teacher', epochs: config.teacherEpochs });
  const teacher = buildModel(config, data.dataset, ctx.rng.fork('teacher-init'));
  const optimizer = makeOptimizer(config);
  const teacherRng = ctx.rng.fork('teacher-train');
  const objective = naturalObjective(teacherTemperature(config));
  let lastEpoch: EpochEvent | null = null;
  try {
    for (let epoch = 1; epoch <= config.teacherEpochs; epoch++) {
      const t0 = performance.now();
      const lr = learningRateAt(config, epoch, config.teacherEpochs);
      const loss = await trainEpoch({
        model: teacher, optimizer, objective, gradients: plainGradientsFor(config.method), learningRate: lr, data: data.train,
        batchSize: config.batchSize, numClasses: data.dataset.numClasses, teacher: null, epsilon: config.epsilon, pgdSteps: 0, epoch,
        rng: teacherRng.fork(`epoch-${epoch}`), control, params: ctx.params,
        onProgress: (units, done, total) => progress.advance(units, 'teacher', epoch, done, total),
      });
      const model = asClassifier(teacher);
      const natAcc = await accuracy(model, data.test.x, data.test.y);
      // The soft labels at the temperature the student learns from: T_d, or the live τ.
      const temperature = config.method === 'defensive-distillation' ? config.distillTemperature : ctx.params().tau;
      const discrepancy = await data.discrepancy(model, { model, temperature });
      const { tau, lambda } = ctx.params();
      lastEpoch = {
        type: 'epoch', phase: 'teacher', epoch, natAcc, robustAcc: null, robustAttack: null, loss,
        lr, tau, lambda, seconds: (performance.now() - t0) / 1000, discrepancy,
      };
      emit(lastEpoch);
    }
  } catch (error) {
    teacher.dispose();
    throw error;
  } finally {
    optimizer.dispose();
  }
  cache.set(key, teacher);
  return { teacher, cached: false, lastEpoch };
}

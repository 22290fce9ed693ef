/**
 * One page run in Node: `runExperiment` on a config (the page's code path, its seed), keeping the
 * student, the teacher's last natural accuracy, the student's epochs as the accuracy chart shows
 * them, and the wall time.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Config } from '../../shared/config';
import { RunControl } from '../../engine/control';
import type { Dataset } from '../../engine/data/types';
import type { EventOf } from '../../shared/events';
import { runExperiment } from '../../engine/run/experiment';
import { TeacherCache, teacherKey } from '../../engine/train/teacher-cache';

export interface TrainedRun {
  model: tf.LayersModel;
  /** The teacher (LTD, defensive distillation), owned by the caller; null for methods without one. */
  teacher: tf.LayersModel | null;
  dataset: Dataset;
  /** The teacher's natural test accuracy after its last epoch, percent; null without a teacher. */
  teacherAcc: number | null;
  studentEpochs: Array<EventOf<'epoch'>>;
  /** Wall time of the whole run (teacher, student, per-epoch evaluation), seconds. */
  seconds: number;
}

/** `log` receives one line per epoch (phase, epoch, accuracy, seconds since the start), e.g. console.error. */
export async function trainOnce(config: Config, log: (line: string) => void = () => {}): Promise<TrainedRun> {
  let teacherAcc: number | null = null;
  const studentEpochs: Array<EventOf<'epoch'>> = [];
  const errors: string[] = [];
  const started = performance.now();
  const teacherCache = new TeacherCache();
  const { student, dataset } = await runExperiment(config, {
    teacherCache,
    control: new RunControl({ tau: config.tau, lambda: config.lambda }),
    emit: (e) => {
      if (e.type === 'epoch' && e.phase === 'teacher') teacherAcc = e.natAcc;
      if (e.type === 'epoch' && e.phase === 'student') studentEpochs.push(e);
      if (e.type === 'epoch') {
        const robust = e.robustAcc === null ? '' : `, robust ${e.robustAcc.toFixed(1)} %`;
        log(`  ${e.phase} epoch ${e.epoch}: natural ${e.natAcc.toFixed(1)} %${robust} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
      }
      if (e.type === 'error') errors.push(e.message);
    },
  });
  if (errors.length > 0 || !student || !dataset) throw new Error(`train-once.ts: ${errors.join('; ') || 'the run kept no student'}`);
  return { model: student, teacher: teacherCache.get(teacherKey(config)), dataset, teacherAcc, studentEpochs, seconds: (performance.now() - started) / 1000 };
}

/**
 * Keeps the last trained teacher so that changing only τ, λ or the method reuses it.
 * Owns the model it holds: replacing it disposes the old one.
 */
import type * as tf from '@tensorflow/tfjs';
import { datasetKey } from '../data';
import { type Config, teacherTemperature } from '../../shared/config';

/** Everything that determines a teacher: τ, λ, the student's method and AWP do not. */
export function teacherKey(config: Config): string {
  return JSON.stringify([
    datasetKey(config),
    config.model,
    config.hiddenUnits,
    // The image models' shape and the augmentation also make a different teacher.
    config.convChannels,
    config.resnetBlocks,
    config.augment,
    config.teacherEpochs,
    config.optimizer,
    config.learningRate,
    config.lrSchedule,
    config.batchSize,
    // Defensive distillation's teacher trains at T_d; LTD's at 1. Same data, different teachers.
    teacherTemperature(config),
  ]);
}

export class TeacherCache {
  private key: string | null = null;
  private model: tf.LayersModel | null = null;

  get(key: string): tf.LayersModel | null {
    return key === this.key ? this.model : null;
  }

  set(key: string, model: tf.LayersModel): void {
    if (this.model && this.model !== model) this.model.dispose();
    this.key = key;
    this.model = model;
  }

  clear(): void {
    this.model?.dispose();
    this.key = null;
    this.model = null;
  }
}

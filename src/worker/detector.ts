/**
 * The worker's side of the detector and the ε sweep: pick the model by role, take the first
 * N test points, run the engine, return plain numbers. Glue only; the science is in
 * src/engine/eval.
 */
import * as tf from '@tensorflow/tfjs';
import type { Config } from '../engine/config';
import { loadDataset } from '../engine/data';
import type { Dataset } from '../engine/data/types';
import { type DetectorProgress, type DetectorReport, runDetector } from '../engine/eval/masking';
import { epsilonSweep, type SweepPoint } from '../engine/eval/sweep';
import { asClassifier } from '../engine/models';
import type { DetectorRequest, ModelRole, SweepRequest } from './api';

/** A model the detector may examine, and the data set it was trained for. */
export interface RoleModel {
  model: tf.LayersModel;
  /** The data set, when the worker still holds it (else it is loaded from `config`). */
  dataset: Dataset | null;
  /**
   * The config whose data set the model is scored on: the one it was trained with (student,
   * teacher), not whatever the page shows now; the request's for an imported model.
   */
  config: Config;
}

/**
 * Finds the model playing a role for a request made with `config`; null when there is none
 * yet. It may throw to refuse (e.g. an imported model meant for another data set).
 */
export type ModelResolver = (role: ModelRole, config: Config) => RoleModel | null;

/** Why a role has no model yet, and what to do about it (shared with the adversarial gallery). */
export const MISSING: Record<ModelRole, string> = {
  student: 'There is no trained student yet: press Train and let the run finish (or stop it) first.',
  teacher: 'There is no teacher yet: train a method that uses one (LTD or defensive distillation) first.',
  imported: 'There is no imported model yet: import one (model.json and its weights) first.',
};

async function testSubset(resolve: ModelResolver, role: ModelRole, config: Config, subset: number) {
  const entry = resolve(role, config);
  if (!entry) throw new Error(`Detector: ${MISSING[role]}`);
  const dataset = entry.dataset ?? (await loadDataset(entry.config));
  const n = Math.min(subset, dataset.test.n);
  if (n < 1) throw new Error(`Detector: the test split of ${dataset.id} is empty.`);
  const size = dataset.inputShape.reduce((a, b) => a * b, 1);
  const x = tf.tensor(dataset.test.x.subarray(0, n * size), [n, ...dataset.inputShape], 'float32');
  const y = tf.tensor1d(dataset.test.y.subarray(0, n), 'int32');
  return { model: asClassifier(entry.model), x, y };
}

export async function detect(
  resolve: ModelResolver,
  request: DetectorRequest,
  onProgress: (p: DetectorProgress) => void,
  signal?: AbortSignal,
): Promise<DetectorReport> {
  const { model, x, y } = await testSubset(resolve, request.role, request.config, request.subset);
  try {
    return await runDetector(model, x, y, { ...request.options, epsilon: request.epsilon, seed: request.seed }, onProgress, signal);
  } finally {
    x.dispose();
    y.dispose();
  }
}

export async function sweep(
  resolve: ModelResolver,
  request: SweepRequest,
  onProgress: (fraction: number) => void,
): Promise<SweepPoint[]> {
  const { model, x, y } = await testSubset(resolve, request.role, request.config, request.subset);
  try {
    return await epsilonSweep(model, x, y, request.options, onProgress);
  } finally {
    x.dispose();
    y.dispose();
  }
}

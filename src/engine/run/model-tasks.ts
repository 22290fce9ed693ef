/**
 * The session's work on a model chosen by role — the detector, the ε sweep, the adversarial
 * gallery, the teacher's soft labels: pick the model, take the first N test points, run the
 * engine, return plain numbers. The science is in src/engine/eval.
 */
import * as tf from '@tensorflow/tfjs';
import type { Config } from '../../shared/config';
import { loadDataset } from '../data';
import type { Dataset } from '../data/types';
import { type AdversarialGallery, adversarialGallery } from '../eval/gallery';
import { type DetectorProgress, type DetectorReport, runDetector } from '../eval/detector';
import { type SoftLabelSample, softLabelSample } from '../eval/soft-label-sample';
import { epsilonSweep, type EpsilonPoint } from '../eval/epsilon-sweep';
import { evaluateAttack, type RobustFigure } from '../eval/robust';
import { chartAttackOf } from '../eval/evaluation-attack';
import { asClassifier, type Classifier } from '../models';
import { teacherSource } from '../eval/indicator-measures';
import type { DetectorRequest, EvaluateRequest, GalleryRequest, ModelRole, EpsilonSweepRequest } from './engine-api';
import { firstTestTensors } from '../data/first-points';

/** A model the detector may examine, and the data set it was trained for. */
export interface RoleModel {
  /** A Layers model, or a plain classifier (the corpus's wrapped models: logits ×1000, a binarised input). */
  model: tf.LayersModel | Classifier;
  /** The student's teacher and the temperature it was trained at, for the detector's transfer attack. */
  teacher?: { model: tf.LayersModel | Classifier; temperature: number };
  /** The data set, when the session still holds it (else it is loaded from `config`). */
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
  demo: 'There is no demo model yet: pick one under "Try the detector on a known model" and load it first.',
};

/** The classifier of a role's model, Layers or plain. */
export function classifierOf(model: tf.LayersModel | Classifier): Classifier {
  return typeof model === 'function' ? model : asClassifier(model);
}

async function testSubset(resolve: ModelResolver, role: ModelRole, config: Config, subset: number) {
  const entry = resolve(role, config);
  if (!entry) throw new Error(`Detector: ${MISSING[role]}`);
  const dataset = entry.dataset ?? (await loadDataset(entry.config));
  if (dataset.test.n < 1) throw new Error(`Detector: the test split of ${dataset.id} is empty.`);
  const { x, y } = firstTestTensors(dataset, subset);
  return { model: classifierOf(entry.model), x, y, config: entry.config, teacher: entry.teacher };
}

export async function detect(
  resolve: ModelResolver,
  request: DetectorRequest,
  onProgress: (p: DetectorProgress) => void,
  signal?: AbortSignal,
): Promise<DetectorReport> {
  const { model, x, y, config, teacher } = await testSubset(resolve, request.role, request.config, request.subset);
  try {
    // The chart's attack is the one of the config the model was trained with (the page's, for an import).
    const options = {
      // The threat model is the request's, as its ε is (a model trained under L∞ can be judged under L2).
      evaluation: chartAttackOf(config), norm: request.config.norm, ...request.options, epsilon: request.epsilon, seed: request.seed,
      ...(teacher ? { transfer: teacherSource(classifierOf(teacher.model), teacher.temperature) } : {}),
    };
    return await runDetector(model, x, y, options, onProgress, signal);
  } finally {
    x.dispose();
    y.dispose();
  }
}

/** The ε sweep: robust accuracy against ε for the white-box attack and Square on the model playing the role. */
export async function epsilonSweepFor(
  resolve: ModelResolver,
  request: EpsilonSweepRequest,
  onProgress: (fraction: number) => void,
): Promise<EpsilonPoint[]> {
  const { model, x, y } = await testSubset(resolve, request.role, request.config, request.subset);
  try {
    return await epsilonSweep(model, x, y, { norm: request.config.norm, ...request.options }, onProgress);
  } finally {
    x.dispose();
    y.dispose();
  }
}

/** One attack's robust accuracy on the model playing the role (the command line's `evaluate`). */
export async function evaluateFor(resolve: ModelResolver, request: EvaluateRequest, onProgress?: (fraction: number) => void): Promise<RobustFigure> {
  const { model, x, y } = await testSubset(resolve, request.role, request.config, request.subset);
  try {
    // The config's threat model unless the spec names one.
    const l2 = request.config.norm === 'l2' ? { norm: 'l2' as const } : {};
    return (await evaluateAttack(model, x, y, { ...l2, ...request.attack }, onProgress)).figure;
  } finally {
    x.dispose();
    y.dispose();
  }
}

/** The adversarial gallery: attack the first N test points of the model playing the role. */
export async function galleryFor(resolve: ModelResolver, request: GalleryRequest): Promise<AdversarialGallery> {
  const entry = resolve(request.role, request.config);
  if (!entry) throw new Error(`Adversarial examples: ${MISSING[request.role]}`);
  const dataset = entry.dataset ?? (await loadDataset(entry.config));
  const { attack, count, epsilon, steps, queries, seed, target } = request;
  return adversarialGallery(classifierOf(entry.model), dataset, { attack, count, epsilon, steps, queries, seed, norm: request.config.norm, target });
}

/**
 * The soft-label inspector's sample: the teacher's logits on a few test points, computed once
 * per teacher and kept, so moving the τ slider costs the engine nothing (the page applies
 * softmax(q/τ) itself).
 */
export class SoftLabelCache {
  private cached: { teacher: tf.LayersModel; count: number; sample: SoftLabelSample } | null = null;

  /**
   * @param teacher  the last run's teacher (null when there is none)
   * @param config   the config it was trained with (selects the data set)
   * @param count    how many test points to show
   */
  async sample(teacher: tf.LayersModel | null, config: Config | null, count: number): Promise<SoftLabelSample | null> {
    if (!teacher || !config) return null;
    // One teacher is trained on one data set (the teacher key includes it), so the model identifies the sample.
    if (this.cached?.teacher === teacher && this.cached.count === count) return this.cached.sample;
    const sample = await softLabelSample(asClassifier(teacher), await loadDataset(config), count);
    this.cached = { teacher, count, sample };
    return sample;
  }
}

/**
 * The calibration corpus (shared/corpus.ts says what each model is): built in code, on blobs, at
 * sizes a unit test trains in seconds — the page's experiment for the trained ones, and wrappers
 * around the natural model for the masks a training run cannot make (logits ×1000, a binarised
 * input, a gradient-stopping layer). The detector is calibrated on these: honest models must come
 * out clean, masked ones masked for the reasons that name the mask, broken ones without a verdict.
 */
import * as tf from '@tensorflow/tfjs';
import { type Config, DEFAULT_CONFIG, methodDefaults } from '../../shared/config';
import { CORPUS, type CorpusEntry, type CorpusId } from '../../shared/corpus';
import { Rng } from '../../shared/rng';
import { RunControl } from '../control';
import { loadDataset } from '../data';
import type { Dataset } from '../data/types';
import type { DetectorOptions } from '../eval/detector-types';
import { asClassifier, buildModel, type Classifier } from '../models';
import { TeacherCache } from '../train/teacher-cache';
import { runExperiment } from './experiment';

/** Blobs at test size: 512 training and 200 test points, an MLP of 2 × 32, 5 epochs, ε = 0.1 (masking on 2-D data shows from 0.1: DESIGN.md §5). */
export const CORPUS_CONFIG: Config = {
  ...DEFAULT_CONFIG, dataset: 'blobs', model: 'mlp', testSize: 200, evalSubset: 20, epsilon: 0.1, seed: 1,
};

/** The detector's settings on the corpus (and for the page's demos): AA-lite's quick budget, few Square queries (2-D points have 4 corners). */
export const CORPUS_DETECTOR: Pick<DetectorOptions, 'aaBudget' | 'squareQueries' | 'noiseDraws' | 'pgdSteps' | 'restarts'> & { subset: number } = {
  subset: 100, aaBudget: 'quick', squareQueries: 150, noiseDraws: 10, pgdSteps: 10, restarts: 3,
};

/** The steepness k of the binarising sigmoid σ(k(x − ½)): its gradient underflows to 0 beyond |x − ½| ≈ 0.01. */
export const BINARISE_STEEPNESS = 2000;

/** What each trained corpus model changes in CORPUS_CONFIG. */
const TRAINED: Partial<Record<CorpusId, Partial<Config>>> = {
  natural: { method: 'natural' },
  'pgd-at': { method: 'pgd-at' },
  trades: { method: 'trades' },
  ltd: { method: 'ltd', tau: 5 },
  // The method's own recipe (Adam 1e-2, constant) at the page's 8 + 8 epochs: at T = 50 fewer leave it at chance.
  'defensive-distillation': { method: 'defensive-distillation', ...methodDefaults('defensive-distillation'), distillTemperature: 50 },
};

export interface CorpusModel {
  entry: CorpusEntry;
  model: Classifier;
  /** The teacher it learned from (LTD, defensive distillation) at the temperature it was trained at; null otherwise. */
  teacher: { model: Classifier; temperature: number } | null;
  /** The config it was trained with (the natural one for the wrapped models) and its data. */
  config: Config;
  dataset: Dataset;
}

/** A corpus model that did not train (an error event from the experiment). */
export class CorpusTrainingError extends Error {
  constructor(readonly id: CorpusId, reason: string) {
    super(`corpus.ts: the corpus model "${id}" did not train: ${reason}`);
    this.name = 'CorpusTrainingError';
  }
}

/** Everything the corpus trains, built on first use and kept (the natural model serves four entries); `dispose` frees it all. */
export class Corpus {
  private readonly built = new Map<CorpusId, Promise<CorpusModel>>();
  private readonly owned: Array<{ dispose(): unknown }> = [];

  model(id: CorpusId): Promise<CorpusModel> {
    if (!CORPUS[id]) throw new RangeError(`corpus.ts: "${id}" is not a corpus model (${Object.keys(CORPUS).join(', ')})`);
    let entry = this.built.get(id);
    if (!entry) {
      entry = this.build(id);
      this.built.set(id, entry);
      // A failed build is not kept: the next call tries again.
      entry.catch(() => this.built.delete(id));
    }
    return entry;
  }

  dispose(): void {
    this.owned.splice(0).forEach((m) => m.dispose());
    this.built.clear();
  }

  private async train(id: CorpusId): Promise<CorpusModel> {
    const config: Config = { ...CORPUS_CONFIG, ...TRAINED[id] };
    const teacherCache = new TeacherCache();
    const errors: string[] = [];
    const result = await runExperiment(config, {
      emit: (e) => void (e.type === 'error' && errors.push(e.message)),
      control: new RunControl({ tau: config.tau, lambda: config.lambda }),
      teacherCache,
    });
    if (!result.student || !result.dataset || errors.length > 0) throw new CorpusTrainingError(id, errors.join('; ') || 'no student');
    this.owned.push(result.student, { dispose: () => teacherCache.clear() });
    const teacher = result.teacher && { model: asClassifier(result.teacher), temperature: config.method === 'defensive-distillation' ? config.distillTemperature : 1 };
    return { entry: CORPUS[id], model: asClassifier(result.student), teacher, config, dataset: result.dataset };
  }

  private async build(id: CorpusId): Promise<CorpusModel> {
    if (TRAINED[id]) return this.train(id);
    if (id === 'random-init' || id === 'constant') return this.untrained(id);
    const natural = await this.model('natural');
    return { ...natural, entry: CORPUS[id], model: wrap(id, natural.model), teacher: null };
  }

  private async untrained(id: 'random-init' | 'constant'): Promise<CorpusModel> {
    const config: Config = { ...CORPUS_CONFIG, method: 'natural' };
    const dataset = await loadDataset(config);
    if (id === 'random-init') {
      const model = buildModel(config, dataset, new Rng(config.seed).fork('corpus-random-init'));
      this.owned.push(model);
      return { entry: CORPUS[id], model: asClassifier(model), teacher: null, config, dataset };
    }
    // Class 0 for every input; the zero weights keep the output a function of x, so gradients are 0, not undefined.
    const weights = tf.zeros([2, dataset.numClasses]);
    const bias = tf.tidy(() => tf.reshape(tf.oneHot(tf.tensor1d([0], 'int32'), dataset.numClasses), [dataset.numClasses]));
    this.owned.push(weights, bias);
    const constant: Classifier = (x) => tf.tidy(() => tf.add(tf.matMul(tf.reshape(x, [x.shape[0], -1]), weights), bias) as tf.Tensor2D);
    return { entry: CORPUS[id], model: constant, teacher: null, config, dataset };
  }
}

/** The masks no training run makes, around a trained model. */
function wrap(id: CorpusId, model: Classifier): Classifier {
  switch (id) {
    case 'logits-x1000':
      return (x) => tf.tidy(() => tf.mul(model(x), 1000) as tf.Tensor2D);
    case 'binarised-input':
      // 0.25 + ½·σ(k(x − ½)), as ½·tanh so that both sides saturate to exactly flat in float32
      // (σ's lower tail only decays to tiny non-zero values, which sign(∇) would still follow).
      return (x) => tf.tidy(() => model(tf.add(0.5, tf.mul(0.25, tf.tanh(tf.mul(BINARISE_STEEPNESS / 2, tf.sub(x, 0.5)))))));
    case 'gradient-stop':
      return (x) => stopGradient(x, model);
    default:
      throw new RangeError(`corpus.ts: "${id}" is not a wrapped corpus model`);
  }
}

/** The identity forward, a zero backward (tf.customGrad), in front of `model`. */
function stopGradient(x: tf.Tensor, model: Classifier): tf.Tensor2D {
  const identity = tf.customGrad((...inputs) => {
    const input = inputs[0] as tf.Tensor;
    return { value: input.clone(), gradFunc: (dy: tf.Tensor | tf.Tensor[]) => [tf.zerosLike(dy as tf.Tensor)] };
  });
  return tf.tidy(() => model(identity(x) as tf.Tensor));
}

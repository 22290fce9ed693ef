/** Model builders, and the one way the engine calls a model. */
import * as tf from '@tensorflow/tfjs';
import type { Config } from '../config';
import type { Dataset } from '../data/types';
import type { Rng } from '../rng';
import { buildMlp } from './mlp';

/** A classifier as attacks and losses see it: inputs → logits. */
export type Classifier = (x: tf.Tensor) => tf.Tensor2D;

export function buildModel(config: Config, dataset: Dataset, rng: Rng): tf.LayersModel {
  switch (config.model) {
    case 'mlp':
      return buildMlp({
        inputShape: dataset.inputShape,
        numClasses: dataset.numClasses,
        hidden: [config.hiddenUnits, config.hiddenUnits],
        rng,
      });
  }
}

/** Wrap a Layers model as a Classifier; `training` switches dropout/batch-norm behaviour. */
export function asClassifier(model: tf.LayersModel, training = false): Classifier {
  return (x) => model.apply(x, { training }) as tf.Tensor2D;
}

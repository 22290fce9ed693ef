/** Model builders, and the one way the engine calls a model. */
import * as tf from '@tensorflow/tfjs';
import type { Config } from '../../shared/config';
import type { Dataset } from '../data/types';
import type { Rng } from '../../shared/rng';
import { buildCnn } from './cnn';
import { buildMlp } from './mlp';
import { buildResnet } from './resnet';

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
    case 'cnn':
      return buildCnn({
        inputShape: dataset.inputShape,
        numClasses: dataset.numClasses,
        channels: config.convChannels,
        hidden: config.hiddenUnits,
        rng,
      });
    case 'resnet':
      return buildResnet({
        inputShape: dataset.inputShape,
        numClasses: dataset.numClasses,
        width: config.convChannels,
        blocks: config.resnetBlocks,
        rng,
      });
  }
}

/** Wrap a Layers model as a Classifier; `training` switches dropout/batch-norm behaviour. */
export function asClassifier(model: tf.LayersModel, training = false): Classifier {
  return (x) => model.apply(x, { training }) as tf.Tensor2D;
}

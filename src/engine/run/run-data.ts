/**
 * The tensors one run trains and is measured on: the training split (augmented as the config
 * says), the test split every epoch's natural accuracy is taken on, the evaluation subset the
 * attack runs on and, for synthetic data, the oracle posterior of paper Eq. 7. Uploaded once per
 * run and freed by `dispose`.
 */
import * as tf from '@tensorflow/tfjs';
import type { Config } from '../../shared/config';
import { augmentationFor } from '../data/augment';
import { SplitTensors } from '../data/batches';
import type { Dataset } from '../data/types';
import { discrepancyFigures } from '../eval/discrepancy';
import type { DiscrepancyFigures } from '../../shared/events';
import type { Classifier } from '../models';

export class RunData {
  readonly train: SplitTensors;
  readonly test: SplitTensors;
  /** The first `config.evalSubset` test points: what the evaluation attack measures. */
  readonly evalSet: { x: tf.Tensor; y: tf.Tensor1D; size: number };
  /** Paper Eq. 7's oracle p(c | x) on the test split; only synthetic data has one. */
  private readonly oracle: tf.Tensor2D | null;

  /**
   * @param config  selects the augmentation and the evaluation subset
   * @param dataset the data to run on (its `test` split is what every epoch is measured on)
   */
  constructor(config: Config, readonly dataset: Dataset) {
    this.train = new SplitTensors(dataset.train, dataset.inputShape, augmentationFor(config));
    this.test = new SplitTensors(dataset.test, dataset.inputShape);
    this.evalSet = this.test.head(config.evalSubset);
    this.oracle = dataset.oracle
      ? tf.tensor2d(dataset.oracle(dataset.test.x, dataset.test.n), [dataset.test.n, dataset.numClasses])
      : null;
  }

  /** Batches of `batchSize` in one epoch of the training split. */
  batches(batchSize: number): number {
    return this.train.batchCount(batchSize);
  }

  /**
   * G of `model` on the test split, and of `teacher`'s soft labels at the temperature the student
   * learns from; undefined when the data set has no oracle.
   */
  discrepancy(model: Classifier, teacher: { model: Classifier; temperature: number } | null): Promise<DiscrepancyFigures | undefined> {
    if (!this.oracle) return Promise.resolve(undefined);
    return discrepancyFigures({ model, x: this.test.x, y: this.test.y, oracle: this.oracle, teacher });
  }

  dispose(): void {
    this.train.dispose();
    this.test.dispose();
    tf.dispose([this.evalSet.x, this.evalSet.y]);
    this.oracle?.dispose();
  }
}

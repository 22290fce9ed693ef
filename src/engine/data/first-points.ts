/**
 * "The first N test points": the subset every robust figure names (the chart's, the detector's,
 * the sweeps', the gallery's and the calibration's), cut one way so they all mean the same points.
 */
import * as tf from '@tensorflow/tfjs';
import { type Dataset, inputSize, type Split } from './types';

/** The first `count` points of a split (all of them if it has fewer), as views: no copy. */
export function firstTestPoints<S extends 'train' | 'test' = 'test'>(dataset: Pick<Dataset, 'inputShape'> & Record<NoInfer<S>, Split>, count: number, split: S = 'test' as S): Split {
  const from: Split = dataset[split];
  const n = Math.max(0, Math.min(count, from.n));
  return { x: from.x.subarray(0, n * inputSize(dataset)), y: from.y.subarray(0, n), n };
}

/** The same points as tensors the caller owns (and disposes). */
export function firstTestTensors<S extends 'train' | 'test' = 'test'>(
  dataset: Pick<Dataset, 'inputShape'> & Record<NoInfer<S>, Split>,
  count: number,
  split: S = 'test' as S,
): { x: tf.Tensor; y: tf.Tensor1D; n: number } {
  const points = firstTestPoints(dataset, count, split);
  return { x: tf.tensor(points.x, [points.n, ...dataset.inputShape], 'float32'), y: tf.tensor1d(points.y, 'int32'), n: points.n };
}

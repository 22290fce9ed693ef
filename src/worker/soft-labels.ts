/**
 * The worker's side of the soft-label inspector: the teacher's logits on a few test points,
 * computed once per teacher and kept, so moving the τ slider costs the worker nothing (the page
 * applies softmax(q/τ) itself).
 */
import type * as tf from '@tensorflow/tfjs';
import type { Config } from '../engine/config';
import { loadDataset } from '../engine/data';
import { type SoftLabelSample, softLabelSample } from '../engine/eval/soft-label-sample';
import { asClassifier } from '../engine/models';

let cached: { teacher: tf.LayersModel; count: number; sample: SoftLabelSample } | null = null;

/**
 * @param teacher  the last run's teacher (null when there is none)
 * @param config   the config it was trained with (selects the data set)
 * @param count    how many test points to show
 */
export async function softLabelsFor(teacher: tf.LayersModel | null, config: Config | null, count: number): Promise<SoftLabelSample | null> {
  if (!teacher || !config) return null;
  // One teacher is trained on one data set (the teacher key includes it), so the model identifies the sample.
  if (cached?.teacher === teacher && cached.count === count) return cached.sample;
  const sample = await softLabelSample(asClassifier(teacher), await loadDataset(config), count);
  cached = { teacher, count, sample };
  return sample;
}

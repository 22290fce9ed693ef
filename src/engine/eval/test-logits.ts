/**
 * A model's logits on a whole test split, read back once as plain numbers: what the page needs
 * to recompute soft labels, calibration and G at any τ without asking the worker again.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/types';
import { inputSize } from '../data/types';
import type { Classifier } from '../models';
import type { TeacherOutputs } from '../../shared/theory/calibration';

/** Rows per forward pass: bounds GPU memory on CIFAR-sized splits. */
const CHUNK = 512;

/**
 * The model's logits at temperature 1 on every test point, row-major n × numClasses, in chunks
 * of 512 rows, each read back with `await data()` and freed.
 *
 * @param model    inputs → logits (a teacher, student or imported model)
 * @param dataset  whose test split to run
 */
export async function testLogits(model: Classifier, dataset: Dataset): Promise<Float32Array> {
  const { n } = dataset.test;
  const size = inputSize(dataset);
  const out = new Float32Array(n * dataset.numClasses);
  for (let start = 0; start < n; start += CHUNK) {
    const rows = Math.min(CHUNK, n - start);
    const logits = tf.tidy(() => model(tf.tensor(dataset.test.x.subarray(start * size, (start + rows) * size), [rows, ...dataset.inputShape])));
    try {
      out.set(await logits.data(), start * dataset.numClasses);
    } finally {
      logits.dispose();
    }
  }
  return out;
}

/**
 * What theory/calibration.ts needs about a teacher: its test logits, the labels and, on data sets
 * with a closed-form posterior, the oracle for the same rows.
 *
 * @param model    the teacher, inputs → logits
 * @param dataset  the data set it was trained on
 */
export async function teacherOutputs(model: Classifier, dataset: Dataset): Promise<TeacherOutputs> {
  const logits = await testLogits(model, dataset);
  return {
    logits,
    classes: dataset.numClasses,
    labels: dataset.test.y,
    ...(dataset.oracle ? { oracle: dataset.oracle(dataset.test.x, dataset.test.n) } : {}),
  };
}

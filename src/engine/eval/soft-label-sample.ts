/**
 * A few test points to show a teacher's soft labels on: half where the teacher is least sure
 * (nearest its decision boundary), half where it is surest. The teacher's logits go out as plain
 * numbers at temperature 1; the page applies softmax(q/τ) for whatever τ the slider holds.
 */
import type { Dataset } from '../data/types';
import { inputSize } from '../data/types';
import type { Classifier } from '../models';
import { testLogits } from './test-logits';

export interface SoftLabelPoint {
  /** Row of the test split. */
  index: number;
  /** The input itself for 2-D data (x, y in [0, 1]); absent for images. */
  input?: [number, number];
  /** The one-hot label's class. */
  label: number;
  /** The teacher's logits q(x), one per class, at temperature 1. */
  teacherLogits: number[];
  /** The exact posterior p(c | x), for data sets that have one (blobs). */
  oracle?: number[];
  /** Top logit minus the runner-up: small means near the teacher's decision boundary. */
  margin: number;
  nearBoundary: boolean;
}

export interface SoftLabelSample {
  datasetId: string;
  classNames: string[];
  points: SoftLabelPoint[];
}

/** Per row of `n × k` logits, the top logit minus the second: the teacher's margin. */
export function logitMargins(logits: ArrayLike<number>, k: number): Float64Array {
  const n = Math.floor(logits.length / k);
  const margins = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let first = -Infinity;
    let second = -Infinity;
    for (let c = 0; c < k; c++) {
      const v = logits[i * k + c];
      if (v > first) [first, second] = [v, first];
      else if (v > second) second = v;
    }
    margins[i] = k > 1 ? first - second : Infinity;
  }
  return margins;
}

/**
 * Rows to inspect: the ⌈count/2⌉ smallest margins (near the boundary), then the ⌊count/2⌋
 * largest (far from it), each without repeats; ties go to the lower row, so the choice is
 * the same every time for the same teacher.
 */
export function pickInspectionPoints(margins: ArrayLike<number>, count: number): Array<{ index: number; nearBoundary: boolean }> {
  const order = Array.from({ length: margins.length }, (_, i) => i).sort((a, b) => margins[a] - margins[b] || a - b);
  const total = Math.min(count, order.length);
  const nearCount = Math.ceil(total / 2);
  const near = order.slice(0, nearCount).map((index) => ({ index, nearBoundary: true }));
  const far = order.slice(nearCount).sort((a, b) => margins[b] - margins[a] || a - b).slice(0, total - nearCount);
  return [...near, ...far.map((index) => ({ index, nearBoundary: false }))];
}

/**
 * `count` test points with the teacher's logits, the label and (where known) the oracle.
 *
 * @param teacher  the naturally trained teacher, inputs → logits
 * @param dataset  the data set it was trained on; its test split is searched
 * @param count    how many points: half near the boundary, half far from it
 */
export async function softLabelSample(teacher: Classifier, dataset: Dataset, count: number): Promise<SoftLabelSample> {
  const k = dataset.numClasses;
  const logits = await testLogits(teacher, dataset);
  const margins = logitMargins(logits, k);
  const size = inputSize(dataset);
  const points = pickInspectionPoints(margins, count).map(({ index, nearBoundary }): SoftLabelPoint => {
    const row = dataset.test.x.subarray(index * size, (index + 1) * size);
    return {
      index,
      ...(size === 2 ? { input: [row[0], row[1]] as [number, number] } : {}),
      label: dataset.test.y[index],
      teacherLogits: Array.from(logits.subarray(index * k, (index + 1) * k)),
      ...(dataset.oracle ? { oracle: Array.from(dataset.oracle(row, 1)) } : {}),
      margin: margins[index],
      nearBoundary,
    };
  });
  return { datasetId: dataset.id, classNames: dataset.classNames, points };
}

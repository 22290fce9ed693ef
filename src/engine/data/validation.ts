/**
 * A validation split held out from the training split, for choices that must not look at the
 * test set (the two-step τ search, paper §4.2): a seeded random `fraction` of the training
 * points, which the search then neither trains on nor reports.
 */
import type { Rng } from '../../shared/rng';
import { type Dataset, inputSize, type Split } from './types';

/** Share of the training split held out for validation (10 %). */
export const VALIDATION_FRACTION = 0.1;

function pick(split: Split, size: number, indices: Int32Array): Split {
  const x = new Float32Array(indices.length * size);
  const y = new Int32Array(indices.length);
  indices.forEach((from, to) => {
    x.set(split.x.subarray(from * size, (from + 1) * size), to * size);
    y[to] = split.y[from];
  });
  return { x, y, n: indices.length };
}

/**
 * Split `dataset.train` into the points to train on and round(fraction·n) validation points
 * (at least 1, and at least 1 left to train on), drawn by `rng`; both keep the original order.
 */
export function holdOutValidation(dataset: Pick<Dataset, 'train' | 'inputShape'>, rng: Rng, fraction = VALIDATION_FRACTION): { train: Split; validation: Split } {
  const { n } = dataset.train;
  if (n < 2) throw new RangeError(`validation.ts: a validation split needs at least 2 training points, got ${n}`);
  const count = Math.min(n - 1, Math.max(1, Math.round(fraction * n)));
  const chosen = new Uint8Array(n);
  rng.permutation(n).subarray(0, count).forEach((i) => (chosen[i] = 1));
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const size = inputSize(dataset);
  return {
    train: pick(dataset.train, size, all.filter((i) => !chosen[i])),
    validation: pick(dataset.train, size, all.filter((i) => chosen[i])),
  };
}

/**
 * A parsed CSV turned into the Dataset a run trains on: a seeded, stratified 80/20 split into
 * training and test points, so the same file and seed always give the same split and every
 * class has points on both sides.
 */
import type { Rng } from '../../shared/rng';
import type { ParsedCsv2d } from './csv2d';
import type { Dataset, Split } from './types';

/** Share of each class held out for testing. */
export const TEST_FRACTION = 0.2;

/** Rows of each class that go to the test split: 20 %, at least 1, leaving at least 1 to train on. */
export function testRowsFor(count: number): number {
  return Math.min(count - 1, Math.max(1, Math.round(count * TEST_FRACTION)));
}

/** Training and test rows of the whole file (before a run's `trainSize` / `testSize` cut). */
export function splitSizes(classCounts: number[]): { trainSize: number; testSize: number } {
  const testSize = classCounts.reduce((sum, count) => sum + testRowsFor(count), 0);
  return { trainSize: classCounts.reduce((a, b) => a + b, 0) - testSize, testSize };
}

function take(parsed: ParsedCsv2d, rows: number[]): Split {
  const x = new Float32Array(2 * rows.length);
  const y = new Int32Array(rows.length);
  rows.forEach((row, i) => {
    x[2 * i] = parsed.points[2 * row];
    x[2 * i + 1] = parsed.points[2 * row + 1];
    y[i] = parsed.labels[row];
  });
  return { x, y, n: rows.length };
}

/**
 * Row indices of the training and test splits. Within each class the rows are shuffled and the
 * first `testRowsFor(count)` go to test; then each split is shuffled, so its first k rows (a
 * run's `trainSize` cut) mix the classes.
 * @param rng the data stream of the run's seed
 */
export function splitRows(parsed: Pick<ParsedCsv2d, 'labels' | 'numClasses'>, rng: Rng): { train: number[]; test: number[] } {
  const byClass: number[][] = Array.from({ length: parsed.numClasses }, () => []);
  parsed.labels.forEach((label, row) => byClass[label].push(row));
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of byClass) {
    const order = rng.permutation(rows.length);
    const held = testRowsFor(rows.length);
    order.forEach((k, i) => (i < held ? test : train).push(rows[k]));
  }
  const shuffle = (rows: number[]) => Array.from(rng.permutation(rows.length), (k) => rows[k]);
  return { train: shuffle(train), test: shuffle(test) };
}

/**
 * The Dataset for a run: the split drawn from `rng` (the run's data stream), cut to the first
 * `trainSize` / `testSize` points (as image sets are). No oracle: the true posterior of a
 * person's data is unknown, so no discrepancy G(Z) is shown for it.
 */
export function csvDataset(parsed: ParsedCsv2d, rng: Rng, trainSize: number, testSize: number): Dataset {
  const { train, test } = splitRows(parsed, rng);
  return {
    id: 'csv',
    inputShape: [2],
    numClasses: parsed.numClasses,
    classNames: Array.from({ length: parsed.numClasses }, (_, c) => String(c)),
    train: take(parsed, train.slice(0, trainSize)),
    test: take(parsed, test.slice(0, testSize)),
  };
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../shared/rng';
import { csvDataset, splitRows, splitSizes, testRowsFor } from './csv-split';
import { parseCsv2d } from './csv2d';

/** 30 rows of class 0, 12 of class 1, 6 of class 2; x is the row index, so a point names its row. */
const counts = [30, 12, 6];
const labels = counts.flatMap((count, c) => Array<number>(count).fill(c));
const parsed = parseCsv2d('p.csv', labels.map((label, row) => `${row},${row % 7},${label}`).join('\n'));
const rowOf = (x: number) => Math.round(x * (labels.length - 1));

describe('the CSV train/test split', () => {
  it('holds out 20 % of each class, at least one point and never the last training point', () => {
    expect([30, 12, 6, 5, 2].map(testRowsFor)).toEqual([6, 2, 1, 1, 1]);
    expect(splitSizes(counts)).toEqual({ trainSize: 48 - 9, testSize: 9 });
  });

  it('is a partition of the rows, stratified by class', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const { train, test } = splitRows(parsed, new Rng(seed));
        expect([...train, ...test].sort((a, b) => a - b)).toEqual(labels.map((_, row) => row));
        counts.forEach((count, c) => expect(test.filter((row) => labels[row] === c)).toHaveLength(testRowsFor(count)));
      }),
    );
  });

  it('gives the same split for the same seed and another for another seed', () => {
    const a = splitRows(parsed, new Rng(1).fork('data'));
    expect(splitRows(parsed, new Rng(1).fork('data'))).toEqual(a);
    expect(splitRows(parsed, new Rng(2).fork('data')).test).not.toEqual(a.test);
  });

  it('builds a 2-D Dataset without an oracle, cut to the run sizes, with the points of the rows it names', () => {
    const dataset = csvDataset(parsed, new Rng(5).fork('data'), 20, 4);
    expect(dataset).toMatchObject({ id: 'csv', inputShape: [2], numClasses: 3, classNames: ['0', '1', '2'] });
    expect(dataset.oracle).toBeUndefined();
    expect([dataset.train.n, dataset.test.n]).toEqual([20, 4]);
    expect(dataset.train.x).toHaveLength(40);
    const { train } = splitRows(parsed, new Rng(5).fork('data'));
    for (let i = 0; i < 20; i++) {
      expect(rowOf(dataset.train.x[2 * i])).toBe(train[i]);
      expect(dataset.train.y[i]).toBe(labels[train[i]]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { CsvFormatError } from './csv2d';
import { DataFormatError, DataNotLoadedError } from './errors';
import { MAX_CSV_BYTES, PointSetHolder, describePointSet, loadCsvFile, loadCsvInto } from './own-points';

const encode = (text: string) => new TextEncoder().encode(text);
const GOOD = 'x,y,label\n' + Array.from({ length: 12 }, (_, i) => `${i - 4},${i * i},${i % 2}`).join('\n');

describe('own 2-D data from a picked file', () => {
  it('describes what was loaded: rows, split, classes and the scaling', async () => {
    const set = await loadCsvFile([{ name: 'mine.csv', bytes: encode(GOOD) }]);
    expect(describePointSet(set)).toBe(
      'mine.csv: 12 rows (10 training + 2 test), 2 classes (rows per label 0: 6, 1: 6); ' +
        'x from -4 to 7, y from 0 to 121 scaled to [0, 1]; header line skipped',
    );
  });

  it('keeps the previously loaded set when a file is bad, and counts loads', async () => {
    const holder = new PointSetHolder();
    expect(() => holder.require()).toThrow(DataNotLoadedError);
    await loadCsvInto(holder, [{ name: 'good.csv', bytes: encode(GOOD) }]);
    expect(holder.version()).toBe(1);
    const bad = GOOD.replace('\n3,', '\n3;'); // line 9, "3,49,1", becomes "3;49,1": two comma-separated fields
    await expect(loadCsvInto(holder, [{ name: 'bad.csv', bytes: encode(GOOD + '\n1,two,0') }])).rejects.toThrow(
      'bad.csv: 1 bad row: line 14: y "two" is not a number',
    );
    const error = await loadCsvInto(holder, [{ name: 'bad.csv', bytes: encode(bad) }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvFormatError);
    expect((error as CsvFormatError).problems).toEqual([{ line: 9, reason: '2 fields, expected 3 (x, y, label)' }]);
    expect(holder.get()?.source).toBe('good.csv');
    expect(holder.version()).toBe(1);
  });

  it('refuses an empty file, a binary file and a too large one, naming each', async () => {
    await expect(loadCsvFile([{ name: 'empty.csv', bytes: new Uint8Array(0) }])).rejects.toThrow(new DataFormatError('empty.csv', 'the file is empty'));
    await expect(loadCsvFile([{ name: 'x.csv', bytes: new Uint8Array([0xff, 0xfe, 0x00, 0xc3]) }])).rejects.toThrow(/^x\.csv: is not UTF-8 text/);
    let read = false;
    const huge = { name: 'big.csv', size: MAX_CSV_BYTES + 1, arrayBuffer: async () => ((read = true), new ArrayBuffer(0)) };
    await expect(loadCsvFile([huge])).rejects.toThrow(/^big\.csv: the file is 16\.0 MB, more than the 16 MB/);
    expect(read).toBe(false);
  });

  it('takes one file whatever its name, or the one CSV among several', async () => {
    expect((await loadCsvFile([{ name: 'points.dat', bytes: encode(GOOD) }])).source).toBe('points.dat');
    const readme = { name: 'README', bytes: encode('hello') };
    expect((await loadCsvFile([readme, { name: 'dir/p.csv', bytes: encode(GOOD) }])).source).toBe('p.csv');
    await expect(loadCsvFile([readme, { name: 'notes.txt', bytes: encode('x') }, { name: 'p.csv', bytes: encode(GOOD) }])).rejects.toThrow(
      'README, notes.txt, p.csv: expected one CSV file of x,y,label rows, found 2 among 3 files',
    );
  });
});

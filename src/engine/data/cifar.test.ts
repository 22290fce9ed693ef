import { gzipSync } from 'fflate';
import { createTar } from 'nanotar';
import { describe, expect, it } from 'vitest';
import { CIFAR_RECORD, encodeCifarBatch, parseCifarBatch } from './cifar';
import { DataFormatError } from './errors';
import { loadImageFiles } from './load-files';
import { cifarArchive, cifarFiles, knownImages } from './test-files';

describe('CIFAR-10 binary batches', () => {
  it('round-trips HWC pixels and labels exactly through the CHW record format', () => {
    const { pixels, labels } = knownImages(3, 3072);
    const parsed = parseCifarBatch('b', encodeCifarBatch(labels, pixels));
    expect(parsed.n).toBe(3);
    expect(Array.from(parsed.labels)).toEqual([0, 1, 2]);
    expect(Array.from(parsed.pixels)).toEqual(Array.from(pixels));
  });

  it('puts record bytes 1, 1025 and 2049 (R, G, B of the top-left pixel) at HWC positions 0, 1, 2', () => {
    const record = new Uint8Array(CIFAR_RECORD);
    record[0] = 7;
    record[1] = 11;
    record[1 + 1024] = 22;
    record[1 + 2048] = 33;
    record[2] = 44; // red of the second pixel
    const parsed = parseCifarBatch('r', record);
    expect(Array.from(parsed.pixels.subarray(0, 4))).toEqual([11, 22, 33, 44]);
    expect(parsed.labels[0]).toBe(7);
  });

  it('assembles the data batches in numeric order and the test batch', async () => {
    const files = cifarFiles(2, 3).reverse();
    const set = await loadImageFiles('cifar10', files);
    expect([set.train.n, set.test.n, set.height, set.width, set.channels]).toEqual([6, 3, 32, 32, 3]);
    expect(Array.from(set.train.labels)).toEqual([0, 1, 2, 1, 2, 3]);
  });

  it('reads the same set from cifar-10-binary.tar.gz', async () => {
    const files = cifarFiles(2, 3);
    const fromArchive = await loadImageFiles('cifar10', [cifarArchive(files)]);
    const fromFiles = await loadImageFiles('cifar10', files);
    expect(Array.from(fromArchive.train.pixels)).toEqual(Array.from(fromFiles.train.pixels));
    expect(Array.from(fromArchive.test.labels)).toEqual(Array.from(fromFiles.test.labels));
  });

  it('refuses a truncated batch, naming it', () => {
    const bytes = cifarFiles(1, 2)[0].bytes.subarray(0, CIFAR_RECORD + 100);
    expect(() => parseCifarBatch('data_batch_1.bin', bytes)).toThrow(
      new DataFormatError('data_batch_1.bin', `truncated or not a CIFAR-10 batch: ${CIFAR_RECORD + 100} bytes is not a whole number of 3073-byte records`),
    );
  });

  it('refuses a label byte above 9', () => {
    const bytes = cifarFiles(1, 2)[0].bytes.slice();
    bytes[CIFAR_RECORD] = 200;
    expect(() => parseCifarBatch('data_batch_1.bin', bytes)).toThrow(/label 200 of record 1/);
  });

  it('refuses a tar without the expected members, listing what it found', async () => {
    const archive = { name: 'cifar-10-binary.tar.gz', bytes: gzipSync(createTar([{ name: 'readme.html', data: 'hi' }, { name: 'b/data_batch_1.bin', data: new Uint8Array(CIFAR_RECORD) }])) };
    await expect(loadImageFiles('cifar10', [archive])).rejects.toThrow(
      /cifar-10-binary\.tar\.gz: the archive lacks the expected members: .*test_batch\.bin \(found data_batch_1\.bin\)/,
    );
  });

  it('refuses a missing test batch when files are picked one by one', async () => {
    await expect(loadImageFiles('cifar10', cifarFiles(1, 2).slice(0, 1))).rejects.toThrow(/^test_batch\.bin: missing/);
  });
});

/** Generated data files in the real formats, for tests (no download in tests). */
import { gzipSync } from 'fflate';
import { createTar } from 'nanotar';
import { encodeCifarBatch } from './cifar';
import type { NamedBytes } from './files';
import { encodeIdx } from './idx';

/** Deterministic pixels and labels: example i, pixel p → (i·37 + p·11) mod 256; label i mod 10. */
export function knownImages(n: number, pixelsPerImage: number): { pixels: Uint8Array; labels: Uint8Array } {
  const pixels = new Uint8Array(n * pixelsPerImage);
  for (let i = 0; i < n; i++) for (let p = 0; p < pixelsPerImage; p++) pixels[i * pixelsPerImage + p] = (i * 37 + p * 11) & 255;
  return { pixels, labels: Uint8Array.from({ length: n }, (_, i) => i % 10) };
}

/** The four Fashion-MNIST IDX files, gzipped unless `gzip` is false. */
export function fashionFiles(trainN: number, testN: number, gzip = true): NamedBytes[] {
  const files: NamedBytes[] = [];
  for (const [prefix, n] of [['train', trainN], ['t10k', testN]] as const) {
    const { pixels, labels } = knownImages(n, 784);
    files.push({ name: `${prefix}-images-idx3-ubyte`, bytes: encodeIdx([n, 28, 28], pixels) });
    files.push({ name: `${prefix}-labels-idx1-ubyte`, bytes: encodeIdx([n], labels) });
  }
  return gzip ? files.map((f) => ({ name: `${f.name}.gz`, bytes: gzipSync(f.bytes) })) : files;
}

/** CIFAR-10 batch files: `trainBatches` data batches of `perBatch` records, and a test batch. */
export function cifarFiles(trainBatches: number, perBatch: number): NamedBytes[] {
  const files = Array.from({ length: trainBatches }, (_, b) => {
    const { pixels, labels } = knownImages(perBatch, 3072);
    labels.forEach((_, i) => (labels[i] = (i + b) % 10));
    return { name: `data_batch_${b + 1}.bin`, bytes: encodeCifarBatch(labels, pixels) };
  });
  const test = knownImages(perBatch, 3072);
  return [...files, { name: 'test_batch.bin', bytes: encodeCifarBatch(test.labels, test.pixels) }];
}

/** The files as cifar-10-binary.tar.gz lays them out (a folder, plus the metadata file). */
export function cifarArchive(files: NamedBytes[]): NamedBytes {
  const tar = createTar([
    { name: 'cifar-10-batches-bin/batches.meta.txt', data: 'airplane\nautomobile\n' },
    ...files.map((f) => ({ name: `cifar-10-batches-bin/${f.name}`, data: f.bytes })),
  ]);
  return { name: 'cifar-10-binary.tar.gz', bytes: gzipSync(tar) };
}

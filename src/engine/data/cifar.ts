/**
 * CIFAR-10, binary version: `data_batch_1..5.bin` and `test_batch.bin`, each a run of 3073-byte
 * records (1 label byte, then 1024 red, 1024 green, 1024 blue bytes, row-major), or the
 * `cifar-10-binary.tar.gz` archive holding them. Pixels are turned from CHW into HWC, the
 * layout tfjs convolutions take.
 */
import { parseTar } from 'nanotar';
import { DataFormatError, guardParse } from './errors';
import { type NamedBytes, baseName } from './files';
import { CIFAR_CLASSES, type ImageSet, type ImageSplit, firstBadLabel } from './image-set';

const SIDE = 32;
const PLANE = SIDE * SIDE;
export const CIFAR_RECORD = 1 + 3 * PLANE;
const TRAIN_NAME = /^data_batch_([1-5])\.bin$/;
const TEST_NAME = 'test_batch.bin';
export const CIFAR_ARCHIVE_NAME = 'cifar-10-binary.tar.gz';

/** Parse one batch file into HWC pixels and labels. */
export function parseCifarBatch(name: string, bytes: Uint8Array): ImageSplit {
  if (bytes.length === 0) throw new DataFormatError(name, 'the file is empty');
  if (bytes.length % CIFAR_RECORD !== 0) {
    throw new DataFormatError(
      name,
      `truncated or not a CIFAR-10 batch: ${bytes.length} bytes is not a whole number of ${CIFAR_RECORD}-byte records`,
    );
  }
  const n = bytes.length / CIFAR_RECORD;
  const labels = new Uint8Array(n);
  const pixels = new Uint8Array(n * 3 * PLANE);
  for (let i = 0; i < n; i++) {
    const record = i * CIFAR_RECORD;
    labels[i] = bytes[record];
    const out = i * 3 * PLANE;
    for (let p = 0; p < PLANE; p++) {
      pixels[out + 3 * p] = bytes[record + 1 + p];
      pixels[out + 3 * p + 1] = bytes[record + 1 + PLANE + p];
      pixels[out + 3 * p + 2] = bytes[record + 1 + 2 * PLANE + p];
    }
  }
  const bad = firstBadLabel(labels, CIFAR_CLASSES.length);
  if (bad >= 0) throw new DataFormatError(name, `label ${labels[bad]} of record ${bad} is not a class (0–9)`);
  return { pixels, labels, n };
}

/** Write a batch file from HWC pixels (the inverse of parseCifarBatch; for tests). */
export function encodeCifarBatch(labels: Uint8Array, hwcPixels: Uint8Array): Uint8Array {
  const out = new Uint8Array(labels.length * CIFAR_RECORD);
  for (let i = 0; i < labels.length; i++) {
    const record = i * CIFAR_RECORD;
    out[record] = labels[i];
    for (let p = 0; p < PLANE; p++) {
      for (let c = 0; c < 3; c++) out[record + 1 + c * PLANE + p] = hwcPixels[i * 3 * PLANE + 3 * p + c];
    }
  }
  return out;
}

/** Whether a name is a CIFAR-10 batch or archive. */
export function isCifarName(name: string): boolean {
  const base = baseName(name);
  return TRAIN_NAME.test(base) || base === TEST_NAME || /\.(tar\.gz|tgz|tar)$/i.test(base);
}

/** The batch files inside an (inflated) tar archive; other members are ignored. */
export function cifarMembers(archive: NamedBytes): NamedBytes[] {
  // nanotar reads `data.buffer` whole, so hand it a buffer of exactly the archive.
  const exact = archive.bytes.byteOffset === 0 && archive.bytes.byteLength === archive.bytes.buffer.byteLength
    ? archive.bytes : archive.bytes.slice();
  const items = guardParse(archive.name, () => parseTar(exact, {
    filter: (item) => item.type === 'file' && (TRAIN_NAME.test(baseName(item.name)) || baseName(item.name) === TEST_NAME),
  }));
  const members = items.map((item) => ({ name: `${archive.name}/${baseName(item.name)}`, bytes: item.data ?? new Uint8Array(0) }));
  if (!members.some((m) => baseName(m.name) === TEST_NAME) || !members.some((m) => TRAIN_NAME.test(baseName(m.name)))) {
    throw new DataFormatError(
      archive.name,
      `the archive lacks the expected members: it needs data_batch_1.bin … data_batch_5.bin and ${TEST_NAME}` +
        ` (found ${members.map((m) => baseName(m.name)).join(', ') || 'none'})`,
    );
  }
  return members;
}

function concat(splits: ImageSplit[]): ImageSplit {
  if (splits.length === 1) return splits[0];
  const n = splits.reduce((a, s) => a + s.n, 0);
  const pixels = new Uint8Array(n * 3 * PLANE);
  const labels = new Uint8Array(n);
  let at = 0;
  for (const s of splits) {
    pixels.set(s.pixels, at * 3 * PLANE);
    labels.set(s.labels, at);
    at += s.n;
  }
  return { pixels, labels, n };
}

/**
 * Assemble CIFAR-10 from batch files (inflated; archives already expanded by `cifarMembers`).
 * Any of data_batch_1..5 may be given (in order of their number); test_batch is required.
 */
export function cifarFromFiles(files: NamedBytes[], source: string): ImageSet {
  const train = files
    .map((f) => ({ f, m: TRAIN_NAME.exec(baseName(f.name)) }))
    .filter((t) => t.m)
    .sort((a, b) => Number(a.m![1]) - Number(b.m![1]));
  const test = files.find((f) => baseName(f.name) === TEST_NAME);
  if (train.length === 0) throw new DataFormatError('data_batch_1.bin', 'missing: CIFAR-10 needs at least one data_batch_N.bin');
  if (!test) throw new DataFormatError(TEST_NAME, 'missing: CIFAR-10 needs test_batch.bin for its test split');
  return {
    id: 'cifar10',
    source,
    height: SIDE,
    width: SIDE,
    channels: 3,
    classNames: CIFAR_CLASSES,
    train: concat(train.map((t) => parseCifarBatch(t.f.name, t.f.bytes))),
    test: parseCifarBatch(test.name, test.bytes),
  };
}

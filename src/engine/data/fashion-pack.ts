/**
 * The embedded Fashion-MNIST: a balanced subset of the standard files — the first 1 200 images of
 * each class in `train-images-idx3-ubyte` and the first 200 of each in `t10k-images-…`, kept in
 * the files' own order — packed by `npm run pack:fashion` (src/hosts/node/fashion-pack.ts) into
 * public/data/fashion-mnist-subset.bin, which is committed with Zalando's MIT notice beside it.
 *
 * First-N per class, not a seeded draw: the files are already in no class order, so the subset's
 * first k images are the full set's first k for k up to 11 661 training images (a run that takes
 * the first trainSize images sees the same data from the pack as from the four files), and every
 * class has 1 200 / 200 for the two-step τ search's validation split and the detector's subsets.
 *
 * The pack, gzipped (not named .gz: static servers would send Content-Encoding and fetch would
 * hand over inflated bytes; maybeGunzip takes both):
 *   bytes 0–3 "LTDF" magic, byte 4 version 1, byte 5 channels (1), bytes 6–7 zero
 *   8–11 training count, 12–15 test count (uint32 big-endian), 16–17 rows, 18–19 cols (uint16)
 *   then training pixels, training labels, test pixels, test labels (bytes, HWC).
 */
import { gzipSync } from 'fflate';
import { DataFormatError } from './errors';
import { maybeGunzip } from './gzip';
import { FASHION_CLASSES, type ImageSet, type ImageSplit, firstBadLabel } from './image-set';

/** Where the page serves the pack (relative to the app's base URL). */
export const FASHION_PACK_URL = 'data/fashion-mnist-subset.bin';
export const FASHION_PACK_NAME = 'fashion-mnist-subset.bin';
/** Images of each class the pack keeps: from the training file, and from the test file. */
export const FASHION_PER_CLASS = { train: 1200, test: 200 } as const;

const MAGIC = [0x4c, 0x54, 0x44, 0x46]; // "LTDF"
const VERSION = 1;
const HEADER = 20;
const SIDE = 28;

/**
 * The first `perClass` images of each class, in the split's own order. Refused (naming `name`)
 * when a class has fewer: a subset that is not balanced would silently tilt every run on it.
 */
export function firstPerClass(name: string, split: ImageSplit, classes: number, perClass: number): ImageSplit {
  const size = split.n === 0 ? 0 : split.pixels.length / split.n;
  const taken = new Array<number>(classes).fill(0);
  const keep: number[] = [];
  for (let i = 0; i < split.n && keep.length < classes * perClass; i++) {
    if (taken[split.labels[i]] < perClass) {
      taken[split.labels[i]]++;
      keep.push(i);
    }
  }
  const short = taken.findIndex((count) => count < perClass);
  if (short >= 0) throw new DataFormatError(name, `class ${short} has only ${taken[short]} images, the subset needs ${perClass} of each`);
  const out: ImageSplit = { pixels: new Uint8Array(keep.length * size), labels: new Uint8Array(keep.length), n: keep.length };
  keep.forEach((src, i) => {
    out.pixels.set(split.pixels.subarray(src * size, (src + 1) * size), i * size);
    out.labels[i] = split.labels[src];
  });
  return out;
}

/** The pack of two splits of 28×28 grey images, gzipped (deterministic: no timestamp). */
export function encodeFashionPack(train: ImageSplit, test: ImageSplit): Uint8Array {
  const size = SIDE * SIDE;
  const out = new Uint8Array(HEADER + (train.n + test.n) * (size + 1));
  const view = new DataView(out.buffer);
  out.set([...MAGIC, VERSION, 1], 0);
  view.setUint32(8, train.n, false);
  view.setUint32(12, test.n, false);
  view.setUint16(16, SIDE, false);
  view.setUint16(18, SIDE, false);
  let at = HEADER;
  for (const split of [train, test]) {
    out.set(split.pixels, at);
    out.set(split.labels, at + split.n * size);
    at += split.n * (size + 1);
  }
  return gzipSync(out, { level: 9, mtime: 0 });
}

/** Parse the pack, gzipped or already inflated, into the embedded Fashion-MNIST; every defect names `name`. */
export async function parseFashionPack(name: string, packed: Uint8Array): Promise<ImageSet> {
  const { bytes } = await maybeGunzip({ name, bytes: packed });
  if (bytes.length < HEADER) throw new DataFormatError(name, `truncated: ${bytes.length} bytes, shorter than the ${HEADER}-byte header`);
  if (MAGIC.some((b, i) => bytes[i] !== b) || bytes[4] !== VERSION) {
    throw new DataFormatError(name, `wrong magic number: not a Fashion-MNIST pack (version ${VERSION}) written by npm run pack:fashion`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [trainN, testN] = [view.getUint32(8, false), view.getUint32(12, false)];
  const [rows, cols, channels] = [view.getUint16(16, false), view.getUint16(18, false), bytes[5]];
  if (rows !== SIDE || cols !== SIDE || channels !== 1) throw new DataFormatError(name, `wrong dimensions: ${rows}×${cols}×${channels}, expected 28×28×1`);
  const size = rows * cols;
  const expected = HEADER + (trainN + testN) * (size + 1);
  if (bytes.length !== expected) {
    throw new DataFormatError(name, `truncated or padded: ${trainN} + ${testN} images need ${expected} bytes, it has ${bytes.length}`);
  }
  const split = (start: number, n: number, what: string): ImageSplit => {
    const labels = bytes.slice(start + n * size, start + n * (size + 1));
    const bad = firstBadLabel(labels, FASHION_CLASSES.length);
    if (bad >= 0) throw new DataFormatError(name, `${what} label ${labels[bad]} at index ${bad} is not a class (0–9)`);
    return { pixels: bytes.slice(start, start + n * size), labels, n };
  };
  return {
    id: 'fashion-mnist',
    source: 'the embedded subset (the first images of each class in the standard files; "Data files" loads all 70,000)',
    height: rows,
    width: cols,
    channels: 1,
    classNames: FASHION_CLASSES,
    train: split(HEADER, trainN, 'training'),
    test: split(HEADER + trainN * (size + 1), testN, 'test'),
  };
}

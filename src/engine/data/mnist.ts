/**
 * The embedded MNIST: 10 000 real digits packed by scripts/pack-mnist.mjs (format described
 * there), split once and for all into 8 000 training and 2 000 test digits.
 */
import { Rng } from '../../shared/rng';
import { DataFormatError } from './errors';
import { maybeGunzip } from './gzip';
import { DIGIT_CLASSES, type ImageSet, type ImageSplit, firstBadLabel } from './image-set';

/** Where the page serves the pack (relative to the app's base URL). */
export const MNIST_PACK_URL = 'data/mnist-digits.bin';
const MAGIC = [0x4c, 0x54, 0x44, 0x4d]; // "LTDM"
const HEADER = 16;
/**
 * The split does not follow the run's seed: every run, every person and the paper-style
 * comparisons see the same 8 000 / 2 000 digits.
 */
const SPLIT_SEED = 20211103;
export const MNIST_TRAIN_FRACTION = 0.8;

function take(pixels: Uint8Array, labels: Uint8Array, order: Int32Array, size: number): ImageSplit {
  const out: ImageSplit = { pixels: new Uint8Array(order.length * size), labels: new Uint8Array(order.length), n: order.length };
  order.forEach((src, i) => {
    out.pixels.set(pixels.subarray(src * size, (src + 1) * size), i * size);
    out.labels[i] = labels[src];
  });
  return out;
}

/** Parse the pack, gzipped or already inflated (by a server's Content-Encoding), into a shuffled 80 / 20 split. */
export async function parseMnistPack(name: string, gzipped: Uint8Array): Promise<ImageSet> {
  const { bytes } = await maybeGunzip({ name, bytes: gzipped });
  if (bytes.length < HEADER) throw new DataFormatError(name, `truncated: ${bytes.length} bytes, shorter than the 16-byte header`);
  if (MAGIC.some((b, i) => bytes[i] !== b) || bytes[4] !== 1) {
    throw new DataFormatError(name, 'wrong magic number: not an MNIST pack (version 1) written by scripts/pack-mnist.mjs');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(8, false);
  const rows = view.getUint16(12, false);
  const cols = view.getUint16(14, false);
  if (rows !== 28 || cols !== 28) throw new DataFormatError(name, `wrong dimensions: ${rows}×${cols}, expected 28×28`);
  const size = rows * cols;
  if (bytes.length !== HEADER + count * (size + 1)) {
    throw new DataFormatError(name, `truncated or padded: ${count} digits need ${HEADER + count * (size + 1)} bytes, it has ${bytes.length}`);
  }
  const pixels = bytes.subarray(HEADER, HEADER + count * size);
  const labels = bytes.subarray(HEADER + count * size);
  const bad = firstBadLabel(labels, 10);
  if (bad >= 0) throw new DataFormatError(name, `label ${labels[bad]} at index ${bad} is not a digit`);
  const order = new Rng(SPLIT_SEED).permutation(count);
  const trainCount = Math.round(count * MNIST_TRAIN_FRACTION);
  return {
    id: 'mnist',
    source: `the embedded MNIST sample (${count} digits of the mnist package)`,
    height: rows,
    width: cols,
    channels: 1,
    classNames: DIGIT_CLASSES,
    train: take(pixels, labels, order.subarray(0, trainCount), size),
    test: take(pixels, labels, order.subarray(trainCount), size),
  };
}

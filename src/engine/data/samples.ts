/**
 * A few training images for the page to draw: bytes 0–255 (a quarter of the floats' size, and
 * what ImageData wants), row-major `count × h × w × c` like the split they come from.
 */
import type { Dataset, Split } from './types';
import { inputSize } from './types';

export interface ImageSamples {
  /** `count × prod(shape)` bytes, value = round(255 · x). */
  pixels: Uint8Array;
  /** Class index of each image. */
  labels: Int32Array;
  count: number;
  /** One image's shape, [h, w, c]. */
  shape: number[];
}

/** The first `count` images of `split` (fewer when the split is smaller), as bytes. */
export function imageSamples(split: Split, dataset: Pick<Dataset, 'inputShape'>, count: number): ImageSamples {
  const n = Math.max(0, Math.min(count, split.n));
  const size = inputSize(dataset);
  const pixels = new Uint8Array(n * size);
  // Inputs are in [0, 1] (Split's contract); clamp anyway so a stray 1.0000001 cannot wrap to 0.
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.round(255 * Math.min(1, Math.max(0, split.x[i])));
  return { pixels, labels: split.y.slice(0, n), count: n, shape: [...dataset.inputShape] };
}

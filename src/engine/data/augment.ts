/**
 * Standard image augmentation, per example: a random crop of the image padded with zeros
 * (He et al. 2016's CIFAR recipe: pad 4, crop 32), and for CIFAR-10 a random horizontal flip.
 * Both only move or copy pixels (or bring in zero padding), so inputs stay in [0, 1] — the
 * attacks' box constraint holds for augmented inputs too.
 */
import * as tf from '@tensorflow/tfjs';
import type { Config } from '../../shared/config';
import type { Rng } from '../../shared/rng';

export interface AugmentOptions {
  /** Zero padding on each side before cropping back to the original size, in pixels. */
  pad: number;
  /** Flip half of the images left–right (not for digits or clothes, where handedness is data). */
  flip: boolean;
}

/** The augmentation a config asks for, or null (off, or 2-D data). */
export function augmentationFor(config: Pick<Config, 'augment' | 'dataset'>): AugmentOptions | null {
  if (config.augment !== 'on') return null;
  switch (config.dataset) {
    case 'cifar10':
      return { pad: 4, flip: true };
    case 'mnist':
    case 'fashion-mnist':
      return { pad: 2, flip: false };
    default:
      return null;
  }
}

/**
 * Augment a batch `[b, h, w, c]`. Offsets and flips are drawn from `rng` on the JS side (seeded,
 * a few numbers per example) and applied on the device by one cropAndResize: with 'nearest' and
 * box corners on whole pixels it copies pixels exactly, and a box with x1 > x2 is a mirrored crop.
 */
export function augmentBatch(x: tf.Tensor4D, options: AugmentOptions, rng: Rng): tf.Tensor4D {
  const [b, h, w] = x.shape;
  const { pad } = options;
  const boxes = new Float32Array(b * 4);
  for (let i = 0; i < b; i++) {
    const dy = rng.int(2 * pad + 1);
    const dx = rng.int(2 * pad + 1);
    const flip = options.flip && rng.next() < 0.5;
    const [x1, x2] = flip ? [dx + w - 1, dx] : [dx, dx + w - 1];
    boxes.set([dy / (h + 2 * pad - 1), x1 / (w + 2 * pad - 1), (dy + h - 1) / (h + 2 * pad - 1), x2 / (w + 2 * pad - 1)], 4 * i);
  }
  return tf.tidy(() => {
    const padded = pad > 0 ? tf.pad(x, [[0, 0], [pad, pad], [pad, pad], [0, 0]]) : x;
    const indices = tf.range(0, b, 1, 'int32') as tf.Tensor1D;
    return tf.image.cropAndResize(padded, tf.tensor2d(boxes, [b, 4]), indices, [h, w], 'nearest');
  });
}

import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../shared/rng';
import { augmentBatch, augmentationFor } from './augment';

/** An image whose pixel (r, c, ch) holds a distinct value in (0, 1]. */
function ramp(b: number, h: number, w: number, c: number): tf.Tensor4D {
  return tf.tensor4d(Float32Array.from({ length: b * h * w * c }, (_, i) => ((i % (h * w * c)) + 1) / (h * w * c)), [b, h, w, c]);
}

describe('image augmentation', () => {
  it('crops padded images: every output pixel is an input pixel shifted by one offset per image, or padding', () => {
    fc.assert(
      fc.property(fc.nat(), fc.boolean(), (seed, flip) => {
        const [h, w, c, pad] = [5, 6, 2, 2];
        const x = ramp(3, h, w, c);
        const out = augmentBatch(x, { pad, flip }, new Rng(seed));
        const xs = x.dataSync();
        const os = out.dataSync();
        for (let b = 0; b < 3; b++) {
          // Find the shift and mirroring that explain the image; exactly one must.
          let explained = false;
          for (let dy = -pad; dy <= pad && !explained; dy++) {
            for (let dx = -pad; dx <= pad && !explained; dx++) {
              for (const mirror of flip ? [false, true] : [false]) {
                let ok = true;
                for (let r = 0; r < h && ok; r++) {
                  for (let col = 0; col < w && ok; col++) {
                    const sr = r + dy;
                    const sc = mirror ? w - 1 - col + dx : col + dx;
                    for (let ch = 0; ch < c; ch++) {
                      const want = sr < 0 || sr >= h || sc < 0 || sc >= w ? 0 : xs[((b * h + sr) * w + sc) * c + ch];
                      if (Math.abs(os[((b * h + r) * w + col) * c + ch] - want) > 1e-6) ok = false;
                    }
                  }
                }
                if (ok) explained = true;
              }
            }
          }
          expect(explained).toBe(true);
        }
        expect(Math.min(...os)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...os)).toBeLessThanOrEqual(1);
        tf.dispose([x, out]);
      }),
      { numRuns: 30 },
    );
  });

  it('with no padding and no flip, returns the batch unchanged', () => {
    const x = ramp(2, 4, 4, 3);
    const out = augmentBatch(x, { pad: 0, flip: false }, new Rng(1));
    expect(Array.from(out.dataSync())).toEqual(Array.from(x.dataSync()));
    tf.dispose([x, out]);
  });

  it('mirrors about half of the images when flipping', () => {
    const x = ramp(40, 3, 4, 1);
    const out = augmentBatch(x, { pad: 0, flip: true }, new Rng(5));
    const mirrored = tf.tidy(() => tf.sum(tf.cast(tf.all(tf.equal(out, tf.reverse(x, 2)), [1, 2, 3]), 'int32')).dataSync()[0]);
    expect(mirrored).toBeGreaterThan(10);
    expect(mirrored).toBeLessThan(30);
    tf.dispose([x, out]);
  });

  it('flips only CIFAR-10, crops every image set, leaves 2-D data alone', () => {
    expect(augmentationFor({ augment: 'on', dataset: 'cifar10' })).toEqual({ pad: 4, flip: true });
    expect(augmentationFor({ augment: 'on', dataset: 'fashion-mnist' })).toEqual({ pad: 2, flip: false });
    expect(augmentationFor({ augment: 'on', dataset: 'blobs' })).toBeNull();
    expect(augmentationFor({ augment: 'off', dataset: 'cifar10' })).toBeNull();
  });
});

import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastConv2DBackpropFilter, stockConv2DBackpropFilter } from './cpu-conv-filter';

describe('the cpu Conv2DBackpropFilter replacement', () => {
  it('is the kernel tfjs now runs on cpu', () => {
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu').kernelFunc).toBe(fastConv2DBackpropFilter);
  });

  it('gives the stock kernel\'s filter gradient for any shape, stride and padding', () => {
    fc.assert(
      fc.property(
        fc.record({
          b: fc.integer({ min: 1, max: 3 }), h: fc.integer({ min: 3, max: 9 }), w: fc.integer({ min: 3, max: 9 }),
          cin: fc.integer({ min: 1, max: 3 }), cout: fc.integer({ min: 1, max: 4 }), k: fc.integer({ min: 1, max: 3 }),
          stride: fc.integer({ min: 1, max: 2 }), pad: fc.constantFrom('same', 'valid'), seed: fc.nat(),
        }),
        ({ b, h, w, cin, cout, k, stride, pad, seed }) => {
          tf.tidy(() => {
            // Zeros in x exercise the zero-skipping path.
            const x = tf.relu(tf.randomNormal([b, h, w, cin], 0, 1, 'float32', seed)) as tf.Tensor4D;
            const filter = tf.randomNormal([k, k, cin, cout], 0, 1, 'float32', seed + 1) as tf.Tensor4D;
            const dy = tf.randomNormal(tf.conv2d(x, filter, stride, pad as 'same').shape, 0, 1, 'float32', seed + 2) as tf.Tensor4D;
            const attrs = { strides: [stride, stride], pad, dataFormat: 'NHWC', filterShape: [k, k, cin, cout] };
            const run = (kernel: tf.KernelFunc) => {
              const info = kernel({ inputs: { x, dy }, backend: tf.backend(), attrs: attrs as unknown as tf.NamedAttrMap }) as tf.TensorInfo;
              return tf.engine().makeTensorFromTensorInfo(info);
            };
            const fast = run(fastConv2DBackpropFilter).dataSync();
            const stock = run(stockConv2DBackpropFilter!).dataSync();
            fast.forEach((v, i) => expect(v).toBeCloseTo(stock[i], 3));
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});

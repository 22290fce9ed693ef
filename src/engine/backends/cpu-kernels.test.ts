import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CPU_KERNELS, stockCpuKernels } from './cpu-kernels';

/** Run a kernel function directly on the cpu backend; the result as a tensor. */
function run(kernel: tf.KernelFunc, inputs: Record<string, tf.Tensor>, attrs: object): tf.Tensor {
  const info = kernel({ inputs, backend: tf.backend(), attrs: attrs as unknown as tf.NamedAttrMap }) as tf.TensorInfo;
  return tf.engine().makeTensorFromTensorInfo(info);
}

const ours = (name: string) => CPU_KERNELS.find((k) => k.kernelName === name)!.kernelFunc;

describe('the kernels the engine registers for cpu', () => {
  beforeAll(async () => void (await tf.setBackend('cpu')));

  it('are the kernels tfjs now runs on cpu', () => {
    expect(tf.getBackend()).toBe('cpu');
    for (const { kernelName, kernelFunc } of CPU_KERNELS) expect(tf.getKernel(kernelName, 'cpu').kernelFunc).toBe(kernelFunc);
  });

  it('give the stock kernel\'s filter gradient for any shape, stride and padding', () => {
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
            const fast = run(ours('Conv2DBackpropFilter'), { x, dy }, attrs).dataSync();
            const stock = run(stockCpuKernels.Conv2DBackpropFilter!, { x, dy }, attrs).dataSync();
            fast.forEach((v, i) => expect(v).toBeCloseTo(stock[i], 3));
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('give the stock kernel\'s max-pooling gradient ties included (overlapping windows sum in another order: to float rounding)', () => {
    fc.assert(
      fc.property(
        fc.record({
          b: fc.integer({ min: 1, max: 3 }), h: fc.integer({ min: 2, max: 9 }), w: fc.integer({ min: 2, max: 9 }), ch: fc.integer({ min: 1, max: 4 }),
          k: fc.integer({ min: 1, max: 3 }), stride: fc.integer({ min: 1, max: 3 }), pad: fc.constantFrom('same', 'valid'), seed: fc.nat(),
        }).filter(({ h, w, k }) => h >= k && w >= k),
        ({ b, h, w, ch, k, stride, pad, seed }) => {
          tf.tidy(() => {
            // Rounded to a few levels after ReLU: many windows hold equal maxima.
            const input = tf.round(tf.relu(tf.randomNormal([b, h, w, ch], 0, 2, 'float32', seed))) as tf.Tensor4D;
            const output = tf.maxPool(input, k, stride, pad as 'same');
            const dy = tf.randomNormal(output.shape, 0, 1, 'float32', seed + 1);
            const attrs = { filterSize: [k, k], strides: [stride, stride], pad };
            const flat = run(ours('MaxPoolGrad'), { dy, input, output }, attrs).dataSync();
            const stock = run(stockCpuKernels.MaxPoolGrad!, { dy, input, output }, attrs).dataSync();
            flat.forEach((v, i) => expect(v).toBeCloseTo(stock[i], 5));
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});

import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../shared/rng';
import { matMulTransposedFirst } from './matmul-transposes';
import { stockWasmKernels, WASM_KERNELS } from './wasm-kernels';

/** Seeded values; `relu` zeroes about half, as post-ReLU activations are (ties in max pooling). */
function values(n: number, seed: number, relu = false): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => (relu ? Math.max(0, rng.normal()) : rng.normal()));
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** One kernel run on `backend` with tensors made there from plain arrays; its result read back. */
async function runOn(backend: string, kernel: string, inputs: Record<string, [Float32Array, number[]]>, attrs: object): Promise<{ shape: number[]; values: Float32Array }> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const made = Object.fromEntries(Object.entries(inputs).map(([name, [v, shape]]) => [name, tf.tensor(v, shape)]));
    const out = tf.engine().runKernel(kernel, made, attrs as tf.NamedAttrMap) as tf.Tensor;
    return { shape: out.shape, values: out.dataSync() as Float32Array };
  });
}

/** The largest difference, relative to the reference's largest magnitude (sums of many terms). */
function relativeError(got: Float32Array, want: Float32Array): number {
  let diff = 0;
  let scale = 1e-30;
  for (let i = 0; i < want.length; i++) {
    diff = Math.max(diff, Math.abs(got[i] - want[i]));
    scale = Math.max(scale, Math.abs(want[i]));
  }
  return diff / scale;
}

async function expectSameAsCpu(kernel: string, inputs: Record<string, [Float32Array, number[]]>, attrs: object, tolerance = 1e-5) {
  const want = await runOn('cpu', kernel, inputs, attrs);
  const got = await runOn('wasm', kernel, inputs, attrs);
  expect(got.shape).toEqual(want.shape);
  expect(relativeError(got.values, want.values)).toBeLessThan(tolerance);
}

const convCase = fc.record({
  b: fc.integer({ min: 1, max: 3 }), h: fc.integer({ min: 1, max: 9 }), w: fc.integer({ min: 1, max: 9 }),
  cin: fc.integer({ min: 1, max: 5 }), cout: fc.integer({ min: 1, max: 5 }),
  kh: fc.integer({ min: 1, max: 4 }), kw: fc.integer({ min: 1, max: 4 }),
  stride: fc.integer({ min: 1, max: 3 }), pad: fc.constantFrom<'same' | 'valid' | number>('same', 'valid', 0, 1, 2), seed: fc.nat(),
})
  // tfjs sizes a numeric padding's output with the filter's height in both directions: square filters only.
  .filter(({ kh, kw, pad }) => typeof pad !== 'number' || kh === kw)
  .filter(({ h, w, kh, kw, pad }) => pad === 'same' || (h + 2 * (pad === 'valid' ? 0 : pad) >= kh && w + 2 * (pad === 'valid' ? 0 : pad) >= kw));

interface ConvCase { b: number; h: number; w: number; cin: number; cout: number; kh: number; kw: number; stride: number; pad: 'same' | 'valid' | number; seed: number }

/** Explicit padding wider than the filter (a 1×1 filter padded by 2) and stride 2 with valid padding that leaves rows unread. */
const convEdges: Array<[ConvCase]> = [
  [{ b: 2, h: 3, w: 4, cin: 2, cout: 3, kh: 1, kw: 1, stride: 1, pad: 2, seed: 1 }],
  [{ b: 2, h: 8, w: 7, cin: 2, cout: 3, kh: 3, kw: 2, stride: 2, pad: 'valid', seed: 2 }],
];

/** Shapes of a convolution case: x, filter and the output tfjs computes for them. */
function convShapes(c: ConvCase) {
  const x = [c.b, c.h, c.w, c.cin];
  const filter = [c.kh, c.kw, c.cin, c.cout];
  const info = tf.backend_util.computeConv2DInfo(x as [number, number, number, number], filter as [number, number, number, number], c.stride, 1, c.pad, undefined, false, 'channelsLast');
  return { x, filter, dy: info.outShape };
}

describe('the kernels the engine registers for wasm', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('are the kernels tfjs runs on wasm, each with the reason it is there', () => {
    for (const { kernelName, kernelFunc, why } of WASM_KERNELS) {
      expect(tf.getKernel(kernelName, 'wasm')?.kernelFunc).toBe(kernelFunc);
      expect(why.length).toBeGreaterThan(20);
    }
    expect(WASM_KERNELS.map((k) => k.kernelName)).toContain('Conv2DBackpropFilter');
  });

  it('give the cpu backend\'s filter gradient for any shape, stride and padding', async () => {
    await fc.assert(fc.asyncProperty(convCase, async (c) => {
      const s = convShapes(c);
      const attrs = { strides: [c.stride, c.stride], pad: c.pad, dataFormat: 'NHWC', filterShape: s.filter };
      await expectSameAsCpu('Conv2DBackpropFilter', { x: [values(size(s.x), c.seed, true), s.x], dy: [values(size(s.dy), c.seed + 1), s.dy] }, attrs);
    }), { numRuns: 60, examples: convEdges });
  });

  it('give the cpu backend\'s input gradient for any shape, stride and padding', async () => {
    await fc.assert(fc.asyncProperty(convCase, async (c) => {
      const s = convShapes(c);
      const attrs = { strides: [c.stride, c.stride], pad: c.pad, dataFormat: 'NHWC', inputShape: s.x };
      await expectSameAsCpu('Conv2DBackpropInput', { dy: [values(size(s.dy), c.seed), s.dy], filter: [values(size(s.filter), c.seed + 1), s.filter] }, attrs);
    }), { numRuns: 60, examples: convEdges });
  });

  it('give the cpu backend\'s max-pooling gradient, ties going to the first maximum', async () => {
    const poolCase = fc.record({
      b: fc.integer({ min: 1, max: 3 }), h: fc.integer({ min: 1, max: 9 }), w: fc.integer({ min: 1, max: 9 }), ch: fc.integer({ min: 1, max: 5 }),
      k: fc.integer({ min: 1, max: 3 }), stride: fc.integer({ min: 1, max: 3 }), pad: fc.constantFrom<'same' | 'valid'>('same', 'valid'), seed: fc.nat(),
    }).filter(({ h, w, k, pad }) => pad === 'same' || (h >= k && w >= k));
    await fc.assert(fc.asyncProperty(poolCase, async (c) => {
      const x = [c.b, c.h, c.w, c.ch];
      const info = tf.backend_util.computePool2DInfo(x as [number, number, number, number], c.k, c.stride, 1, c.pad);
      const input = values(size(x), c.seed, true);
      const output = (await runOn('cpu', 'MaxPool', { x: [input, x] }, { filterSize: c.k, strides: c.stride, pad: c.pad })).values;
      const attrs = { filterSize: [c.k, c.k], strides: [c.stride, c.stride], pad: c.pad };
      await expectSameAsCpu('MaxPoolGrad', { dy: [values(size(info.outShape), c.seed + 1), info.outShape], input: [input, x], output: [output, info.outShape] }, attrs, 1e-6);
    }), {
      numRuns: 60,
      // The CNN's 2×2, stride 2 pooling (its own fast path), with an odd size left over, valid and same.
      examples: [[{ b: 2, h: 7, w: 6, ch: 3, k: 2, stride: 2, pad: 'valid', seed: 1 }], [{ b: 2, h: 7, w: 5, ch: 3, k: 2, stride: 2, pad: 'same', seed: 2 }]],
    });
  });

  it('multiply with either operand transposed, batched, as the cpu backend does', async () => {
    const matCase = fc.record({
      batch: fc.integer({ min: 1, max: 3 }), m: fc.integer({ min: 1, max: 40 }), k: fc.integer({ min: 1, max: 40 }), n: fc.integer({ min: 1, max: 40 }),
      transposeA: fc.boolean(), transposeB: fc.boolean(), seed: fc.nat(),
    });
    const stock = stockWasmKernels.BatchMatMul!;
    // Every size takes the transpose-first path here (a minimum of 0); tf.matMul below checks the switch.
    const always = matMulTransposedFirst('wasm', stock, 0);
    await fc.assert(fc.asyncProperty(matCase, async ({ batch, m, k, n, transposeA, transposeB, seed }) => {
      const a = [batch, ...(transposeA ? [k, m] : [m, k])];
      const b = [batch, ...(transposeB ? [n, k] : [k, n])];
      const inputs = { a: [values(size(a), seed), a], b: [values(size(b), seed + 1), b] } as Record<string, [Float32Array, number[]]>;
      const want = await runOn('cpu', 'BatchMatMul', inputs, { transposeA, transposeB });
      await tf.setBackend('wasm');
      const got = tf.tidy(() => {
        const info = always({ inputs: { a: tf.tensor(inputs.a[0], a), b: tf.tensor(inputs.b[0], b) }, backend: tf.backend(), attrs: { transposeA, transposeB } }) as tf.TensorInfo;
        return tf.engine().makeTensorFromTensorInfo(info).dataSync() as Float32Array;
      });
      expect(relativeError(got, want.values)).toBeLessThan(1e-5);
    }), { numRuns: 40 });
    // A dense layer's weight gradient at batch 128: above the threshold, through the rewrite.
    await expectSameAsCpu('BatchMatMul', { a: [values(128 * 400, 1), [128, 400]], b: [values(128 * 64, 2), [128, 64]] }, { transposeA: true, transposeB: false });
  });

  it('clone without copying, and the clone outlives its source', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as tf.KernelBackend & { numDataIds(): number };
    const source = tf.tensor([1, 2, 3]);
    const ids = backend.numDataIds();
    const copy = tf.clone(source);
    expect(backend.numDataIds()).toBe(ids);
    source.dispose();
    expect(Array.from(await copy.data())).toEqual([1, 2, 3]);
    copy.dispose();
    expect(backend.numDataIds()).toBe(ids - 1);
  });

  it('free every intermediate: a conv layer\'s gradients leave wasm memory as they found it', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as tf.KernelBackend & { numDataIds(): number };
    const x = tf.tensor4d(values(2 * 7 * 7 * 3, 1, true), [2, 7, 7, 3]);
    const filter = tf.tensor4d(values(3 * 3 * 3 * 4, 2), [3, 3, 3, 4]);
    const loss = (a: tf.Tensor, f: tf.Tensor) => tf.sum(tf.maxPool(tf.relu(tf.conv2d(a as tf.Tensor4D, f as tf.Tensor4D, 2, 'same')), 2, 2, 'same'));
    const grads = tf.grads(loss);
    tf.dispose(grads([x, filter])); // first call: tfjs's own one-time allocations
    const [tensors, ids] = [tf.memory().numTensors, backend.numDataIds()];
    tf.dispose(grads([x, filter]));
    expect([tf.memory().numTensors, backend.numDataIds()]).toEqual([tensors, ids]);
    tf.dispose([x, filter]);
  });

  it('give a conv layer the same input and filter gradients as the cpu backend', async () => {
    const xs = values(4 * 10 * 10 * 3, 3, true);
    const fs = values(3 * 3 * 3 * 6, 4);
    const gradients = async (backend: string) => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const loss = (x: tf.Tensor, f: tf.Tensor) => tf.sum(tf.square(tf.maxPool(tf.relu(tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, 'valid')), 2, 2, 'valid')));
        return tf.grads(loss)([tf.tensor4d(xs, [4, 10, 10, 3]), tf.tensor4d(fs, [3, 3, 3, 6])]).map((g) => g.dataSync() as Float32Array);
      });
    };
    const [cpuDx, cpuDw] = await gradients('cpu');
    const [wasmDx, wasmDw] = await gradients('wasm');
    expect(relativeError(wasmDx, cpuDx)).toBeLessThan(1e-5);
    expect(relativeError(wasmDw, cpuDw)).toBeLessThan(1e-5);
  });

  it('compute the bool, int32 and sign ops the attacks use as the cpu backend does (tf.where on flags wrote floats into bytes)', async () => {
    const flags = (v: boolean[]) => tf.tensor1d(v, 'bool');
    const cases: Array<[string, () => tf.Tensor]> = [
      ['where on bool', () => tf.where(flags([true, false, true, false, true]), flags([true, true, true, true, true]), flags([false, false, false, false, false]))],
      ['where on rows of bool', () => tf.where(flags([true, false]), tf.tensor2d([[true, true], [true, true]], [2, 2], 'bool'), tf.tensor2d([[false, false], [false, false]], [2, 2], 'bool'))],
      ['where on int32', () => tf.where(flags([true, false, true]), tf.tensor1d([1, 2, 3], 'int32'), tf.tensor1d([6, 7, 8], 'int32'))],
      ['where on floats', () => tf.where(tf.tensor2d([[true, false], [false, true]], [2, 2], 'bool'), tf.ones([2, 2]), tf.zeros([2, 2]))],
      ['gather of bool', () => tf.gather(flags([true, false, true]), tf.tensor1d([2, 1, 0, 2], 'int32'))],
      ['concat of bool', () => tf.concat([flags([true]), flags([false, true])])],
      ['tile of bool', () => tf.tile(flags([true, false]), [3])],
      ['sum of bool', () => tf.sum(flags([true, false, true]))],
      ['equal of argMax', () => tf.equal(tf.argMax(tf.tensor2d([[1, 5, 3], [9, 1, 2]]), -1), tf.tensor1d([1, 2], 'int32'))],
      ['logicalAnd', () => tf.logicalAnd(flags([true, false, true]), flags([true, true, false]))],
      // PGD's step direction: the stock kernel gave 0 below |x| ≈ 1e-6.
      ['sign of small and odd values', () => tf.sign(tf.tensor1d([1e-3, 1e-7, 1e-30, 1e-40, -1e-7, -1e-40, 0, NaN, Infinity, -Infinity]))],
      ['sign of int32', () => tf.sign(tf.tensor1d([-3, 0, 5], 'int32'))],
    ];
    const read = async (backend: string) => {
      await tf.setBackend(backend);
      return cases.map(([name, make]) => tf.tidy(() => {
        const out = make();
        return `${name}: ${out.dtype}[${out.shape}] ${Array.from(out.dataSync() as ArrayLike<number>).join(',')}`;
      }));
    };
    expect(await read('wasm')).toEqual(await read('cpu'));
  });
});

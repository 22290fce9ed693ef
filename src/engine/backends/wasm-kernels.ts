/**
 * The kernels the engine registers for tfjs's `wasm` backend (4.22), so that every model, attack
 * and method trains there, as fast as it can, with the cpu backend's numbers. Of the kernels a
 * training step, PGD, Square, AWP and the detector run (walked in wasm-walk.test.ts), wasm lacks
 * only Conv2DBackpropFilter — without it no conv layer trains, and tfjs does not fall back to
 * another backend. The others replace stock kernels measured slower (the Small CNN's shapes at
 * batch 128, `npx tsx src/hosts/bench/kernels-node.ts`) or wrong (Select on bool, Sign): each
 * entry's `why` says which.
 *
 * Imported for its side effect (after the wasm backend itself, whose stock kernels it replaces).
 */
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { conv2DBackpropFilterAsConv, conv2DBackpropInputAsConv } from './conv-grads';
import { matMulTransposedFirst } from './matmul-transposes';
import { type HostMemory, maxPoolGradFlat } from './max-pool-grad';
import { type EngineKernel, registerKernels, stockKernels } from './register';

const BACKEND = 'wasm';

/** wasm tensors live in the module's heap; a new one's memory is not zeroed (malloc). */
export const wasmMemory: HostMemory = {
  read: (backend, info) => (backend as BackendWasm).typedArrayFromHeap(info) as Float32Array,
  make: (backend, shape) => {
    const wasm = backend as BackendWasm;
    const info = wasm.makeOutput(shape, 'float32');
    const values = wasm.typedArrayFromHeap(info) as Float32Array;
    values.fill(0);
    return { info, values };
  },
};

/** Identity as tfjs's cpu backend does it: one more reference to the same memory, no copy. */
const shareData: tf.KernelFunc = ({ inputs, backend }) => {
  const { x } = inputs as { x: tf.TensorInfo };
  (backend as BackendWasm).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};

/**
 * Select (tf.where) for bool values: the stock kernel writes every output as a float, 4 bytes
 * into a bool tensor's 1-byte elements — wrong values, and writes past the tensor that corrupted
 * the heap (Square's per-example "still correct" flags crashed a τ sweep with "memory access out
 * of bounds"). Floats and int32 (4 bytes) keep the stock kernel.
 */
function selectKeepingBool(stock: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { condition, t, e } = args.inputs as { condition: tf.TensorInfo; t: tf.TensorInfo; e: tf.TensorInfo };
    if (t.dtype !== 'bool') return stock(args);
    const wasm = args.backend as BackendWasm;
    const out = wasm.makeOutput(t.shape, 'bool');
    const [c, a, b, o] = [condition, t, e, out].map((info) => wasm.typedArrayFromHeap(info));
    // The stock kernel's rule: a rank-1 condition under a higher-rank t picks whole rows.
    const row = condition.shape.length === 1 && t.shape.length > 1 ? t.shape.slice(1).reduce((n, d) => n * d, 1) : 1;
    for (let i = 0; i < o.length; i++) o[i] = c[Math.floor(i / row)] ? a[i] : b[i];
    return out;
  };
}

/**
 * Sign as tfjs's cpu backend computes it. The stock kernel returns 0 for |x| below about 1e-6:
 * PGD and FGSM step by sign(∇x), so every pixel whose gradient is that small stood still. On the
 * defensive-distillation preset's student (tiny input gradients) PGD-10 left 81 % of 100 digits
 * robust against 56 % on cpu, with the same weights.
 */
function exactSign(stock: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (x.dtype !== 'float32') return stock(args);
    const backend = args.backend as tf.KernelBackend;
    const out = wasmMemory.make(backend, x.shape);
    const values = wasmMemory.read(backend, x);
    for (let i = 0; i < values.length; i++) out.values[i] = values[i] < 0 ? -1 : values[i] > 0 ? 1 : 0;
    return out.info;
  };
}

/** The stock wasm kernels these replace, kept for the tests and the bench that compare them. */
export const stockWasmKernels = stockKernels(BACKEND, ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'BatchMatMul', 'Identity', 'Select', 'Sign']);

export const WASM_KERNELS: EngineKernel[] = [
  {
    kernelName: 'Conv2DBackpropFilter',
    kernelFunc: conv2DBackpropFilterAsConv(BACKEND),
    why: 'missing in tfjs-backend-wasm 4.22: no conv layer can train without it (as a convolution: 7.6 and 4.9 ms for the CNN\'s two layers)',
  },
  {
    kernelName: 'Conv2DBackpropInput',
    kernelFunc: conv2DBackpropInputAsConv(BACKEND),
    why: 'stock kernel is a plain loop: 10.4 → 6.8 ms (first layer, PGD\'s input gradient) and 25.0 → 3.0 ms (second) as an XNNPACK convolution',
  },
  {
    kernelName: 'MaxPoolGrad',
    kernelFunc: maxPoolGradFlat(wasmMemory),
    why: 'one flat pass over the windows instead of every window per input pixel: 16.6 → 4.2 ms (first pooling layer)',
  },
  {
    kernelName: 'BatchMatMul',
    kernelFunc: matMulTransposedFirst(BACKEND, stockWasmKernels.BatchMatMul!),
    why: 'stock kernel loops plainly when asked to transpose (every dense gradient); transposed first, XNNPACK multiplies: 3.9 → 0.55 ms (xᵀ·dy), 4.2 → 0.63 ms (dy·Wᵀ)',
  },
  {
    kernelName: 'Identity',
    kernelFunc: shareData,
    why: 'stock kernel copies the whole tensor (tf.clone, gradients through an add: 0.07 ms for a conv activation, several a step); tensors are immutable, so the cpu and webgl backends share the data, as this does',
  },
  {
    kernelName: 'Select',
    kernelFunc: selectKeepingBool(stockWasmKernels.Select!),
    why: 'stock kernel writes bool results as 4-byte floats: wrong flags and a corrupted heap (Square\'s "still correct" flags)',
  },
  {
    kernelName: 'Sign',
    kernelFunc: exactSign(stockWasmKernels.Sign!),
    why: 'stock kernel gives 0 for |x| < ~1e-6, so PGD and FGSM left pixels with small gradients where they were (a masked model: PGD-10 81 % robust instead of cpu\'s 56 %)',
  },
];

registerKernels(BACKEND, WASM_KERNELS);

/**
 * Each kernel the engine registers for wasm against the stock one it replaces (and the cpu
 * backend's, stock and the engine's), on the Small CNN's shapes at batch 128: median ms of 20
 * calls on wasm, 3 on cpu, timed in alternation. The figures behind the `why` of each kernel in
 * engine/backends/wasm-kernels.ts and cpu-kernels.ts.
 *
 *   npx tsx src/hosts/bench/kernels-node.ts
 */
import * as tf from '@tensorflow/tfjs';
import { prepareNodeBackend } from '../node/backend';
import { stockWasmKernels, WASM_KERNELS } from '../../engine/backends/wasm-kernels';
import { CPU_KERNELS, stockCpuKernels } from '../../engine/backends/cpu-kernels';

type Inputs = Record<string, number[]>;
interface Case {
  kernel: string;
  label: string;
  inputs: Inputs;
  attrs: Record<string, unknown>;
}

const CASES: Case[] = [
  { kernel: 'Conv2DBackpropFilter', label: 'conv 1 filter gradient', inputs: { x: [128, 28, 28, 1], dy: [128, 26, 26, 8] }, attrs: { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 1, 8] } },
  { kernel: 'Conv2DBackpropFilter', label: 'conv 2 filter gradient', inputs: { x: [128, 13, 13, 8], dy: [128, 11, 11, 16] }, attrs: { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 8, 16] } },
  { kernel: 'Conv2DBackpropInput', label: 'conv 1 input gradient (PGD)', inputs: { dy: [128, 26, 26, 8], filter: [3, 3, 1, 8] }, attrs: { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', inputShape: [128, 28, 28, 1] } },
  { kernel: 'Conv2DBackpropInput', label: 'conv 2 input gradient', inputs: { dy: [128, 11, 11, 16], filter: [3, 3, 8, 16] }, attrs: { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', inputShape: [128, 13, 13, 8] } },
  { kernel: 'MaxPoolGrad', label: 'pool 1 gradient', inputs: { dy: [128, 13, 13, 8], input: [128, 26, 26, 8], output: [128, 13, 13, 8] }, attrs: { filterSize: [2, 2], strides: [2, 2], pad: 'valid' } },
  { kernel: 'BatchMatMul', label: 'dense weight gradient xᵀ·dy', inputs: { a: [128, 400], b: [128, 64] }, attrs: { transposeA: true, transposeB: false } },
  { kernel: 'BatchMatMul', label: 'dense input gradient dy·Wᵀ', inputs: { a: [128, 64], b: [400, 64] }, attrs: { transposeA: false, transposeB: true } },
  { kernel: 'Identity', label: 'clone of a conv activation', inputs: { x: [128, 26, 26, 8] }, attrs: {} },
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Median ms of `calls` runs of each kernel function, timed in alternation on the same tensors. */
function race(kernels: Array<tf.KernelFunc | null>, c: Case, calls = 20): Array<number | null> {
  const inputs = Object.fromEntries(Object.entries(c.inputs).map(([name, shape]) => [name, tf.relu(tf.randomNormal(shape, 0, 1, 'float32', 1))]));
  const times: number[][] = kernels.map(() => []);
  const once = (kernel: tf.KernelFunc) => {
    const info = kernel({ inputs, backend: tf.backend(), attrs: c.attrs as tf.NamedAttrMap }) as tf.TensorInfo;
    tf.engine().makeTensorFromTensorInfo(info).dispose();
  };
  kernels.forEach((k) => k && once(k)); // warm-up (XNNPACK builds its operators on first use)
  for (let i = 0; i < calls; i++) {
    kernels.forEach((k, j) => {
      if (!k) return;
      const t0 = performance.now();
      once(k);
      times[j].push(performance.now() - t0);
    });
  }
  tf.dispose(Object.values(inputs));
  return times.map((t, j) => (kernels[j] ? median(t) : null));
}

await prepareNodeBackend('wasm');
const rows: string[] = ['| kernel | shapes | stock wasm | engine\'s (wasm) | stock cpu | engine\'s (cpu) |', '|---|---|---|---|---|---|'];
for (const c of CASES) {
  await tf.setBackend('wasm');
  const ours = WASM_KERNELS.find((k) => k.kernelName === c.kernel)!.kernelFunc;
  const [stock, engine] = race([stockWasmKernels[c.kernel] ?? null, ours], c);
  await tf.setBackend('cpu');
  const engineCpu = CPU_KERNELS.find((k) => k.kernelName === c.kernel)?.kernelFunc ?? null;
  const [cpu, oursOnCpu] = race([stockCpuKernels[c.kernel] ?? tf.getKernel(c.kernel, 'cpu')?.kernelFunc ?? null, engineCpu], c, 3);
  const ms = (v: number | null) => (v === null ? 'missing' : `${v.toFixed(2)} ms`);
  rows.push(`| ${c.kernel}: ${c.label} | ${Object.values(c.inputs).map((s) => `[${s}]`).join(' ')} | ${ms(stock)} | ${ms(engine)} | ${ms(cpu)} | ${engineCpu ? ms(oursOnCpu) : '(stock)'} |`);
}
console.log(rows.join('\n'));

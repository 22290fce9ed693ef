/**
 * The kernels the engine registers for tfjs's `cpu` backend (Node tests, `--backend cpu`, and the
 * browser's last fallback): two gradients whose stock versions read every element through
 * `TensorBuffer.get(...)` and dominated a step. Imported for its side effect by the model builders.
 */
import { type CpuBackend, fastConv2DBackpropFilter } from './cpu-conv-filter';
import { type HostMemory, maxPoolGradFlat } from './max-pool-grad';
import { type EngineKernel, registerKernels, stockKernels } from './register';

const BACKEND = 'cpu';

/** cpu tensors are plain typed arrays in the backend's data map. */
export const cpuMemory: HostMemory = {
  read: (backend, info) => (backend as CpuBackend).data.get(info.dataId).values,
  make: (backend, shape) => {
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    return { info: (backend as CpuBackend).makeTensorInfo(shape, 'float32', values), values };
  },
};

/** The stock kernels these replace, kept for the tests that compare them. */
export const stockCpuKernels = stockKernels(BACKEND, ['Conv2DBackpropFilter', 'MaxPoolGrad']);

export const CPU_KERNELS: EngineKernel[] = [
  {
    kernelName: 'Conv2DBackpropFilter',
    kernelFunc: fastConv2DBackpropFilter,
    why: 'stock kernel ran ~80× slower than the forward convolution, 95 % of a small CNN\'s step (1703 → 20 ms and 4633 → 34 ms for its two layers)',
  },
  {
    kernelName: 'MaxPoolGrad',
    kernelFunc: maxPoolGradFlat(cpuMemory),
    why: 'stock kernel was 44 % of a PGD step; one flat pass over the windows: 241 → 7.2 ms (first pooling layer)',
  },
];

registerKernels(BACKEND, CPU_KERNELS);

/**
 * Calling one backend's kernels from inside another kernel, as tfjs's own backends compose
 * theirs: straight through the kernel registry on TensorInfos, outside the engine (no tape, no
 * scope), so every intermediate must be freed by hand — `KernelCalls` keeps the list.
 */
import * as tf from '@tensorflow/tfjs';

/** A kernel is missing on the backend a composed kernel runs on (it names both). */
export class MissingKernelError extends Error {
  constructor(readonly kernelName: string, readonly backendName: string, readonly composing: string) {
    super(`${composing} on '${backendName}' is composed of ${kernelName}, which '${backendName}' does not register`);
    this.name = 'MissingKernelError';
  }
}

export type Pad4 = [[number, number], [number, number], [number, number], [number, number]];

/** The kernels a composed kernel calls, each result remembered until `dispose`. */
export class KernelCalls {
  private readonly made: tf.TensorInfo[] = [];

  /**
   * @param backend     the backend instance the outer kernel was given
   * @param backendName its registry name ('wasm')
   * @param composing   the outer kernel's name, for error messages
   */
  constructor(private readonly backend: tf.KernelBackend, private readonly backendName: string, private readonly composing: string) {}

  /** Run `name` on this backend; the result is freed by `dispose` unless `keep` is called on it. */
  call(name: string, inputs: tf.NamedTensorInfoMap, attrs: object = {}): tf.TensorInfo {
    const kernel = tf.getKernel(name, this.backendName);
    if (!kernel) throw new MissingKernelError(name, this.backendName, this.composing);
    const out = kernel.kernelFunc({ inputs, backend: this.backend, attrs: attrs as tf.NamedAttrMap }) as tf.TensorInfo;
    this.made.push(out);
    return out;
  }

  /**
   * Transpose with the axes that stay neighbours merged first: wasm's Transpose took 4.5 ms for
   * [128, 26, 26, 8] → [26, 26, 128, 8] and 1.1 ms for the same move as [128, 676, 8] → [676, 128, 8].
   */
  transpose(x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
    const runs: number[][] = [];
    for (const axis of perm) {
      const run = runs.at(-1);
      if (run && run.at(-1)! + 1 === axis) run.push(axis);
      else runs.push([axis]);
    }
    if (runs.length === perm.length) return this.call('Transpose', { x }, { perm });
    // The merged input axes, in input order, and where each merged axis goes.
    const order = [...runs].sort((a, b) => a[0] - b[0]);
    const size = (run: number[]) => run.reduce((n, axis) => n * x.shape[axis], 1);
    const merged = this.reshape(x, order.map(size));
    const moved = runs.length === 1 ? merged : this.call('Transpose', { x: merged }, { perm: runs.map((run) => order.indexOf(run)) });
    return this.reshape(moved, perm.map((axis) => x.shape[axis]));
  }

  reshape(x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
    return this.call('Reshape', { x }, { shape });
  }

  /** Rows [top, top + height) and columns [left, left + width) of an NHWC tensor (a crop). */
  sliceHW(x: tf.TensorInfo, top: number, left: number, height: number, width: number): tf.TensorInfo {
    if (top === 0 && left === 0 && x.shape[1] === height && x.shape[2] === width) return x;
    return this.call('Slice', { x }, { begin: [0, top, left, 0], size: [x.shape[0], height, width, x.shape[3]] });
  }

  /** An NHWC convolution with explicit padding, stride and dilation. */
  conv2d(x: tf.TensorInfo, filter: tf.TensorInfo, pad: Pad4, strides: [number, number], dilations: [number, number]): tf.TensorInfo {
    return this.call('Conv2D', { x, filter }, { strides, pad, dilations, dataFormat: 'NHWC', dimRoundingMode: undefined });
  }

  /** Take `out` off the list: the caller returns it. */
  keep(out: tf.TensorInfo): tf.TensorInfo {
    const i = this.made.lastIndexOf(out);
    if (i >= 0) this.made.splice(i, 1);
    return out;
  }

  /** Free every intermediate (each once: a reshape holds a reference of its own). */
  dispose(): void {
    for (const info of this.made) this.backend.disposeData(info.dataId);
    this.made.length = 0;
  }
}

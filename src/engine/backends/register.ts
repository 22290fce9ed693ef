/** Putting the engine's own kernels in place of (or beside) a backend's stock ones. */
import * as tf from '@tensorflow/tfjs';

export interface EngineKernel {
  kernelName: string;
  kernelFunc: tf.KernelFunc;
  /** Why the engine registers it: missing in the stock backend, or faster (with the measurement). */
  why: string;
}

/** The stock kernel functions of `names` on `backendName` (undefined where it has none), read before `registerKernels`. */
export function stockKernels(backendName: string, names: string[]): Record<string, tf.KernelFunc | undefined> {
  return Object.fromEntries(names.map((name) => [name, tf.getKernel(name, backendName)?.kernelFunc]));
}

/**
 * Register `kernels` for `backendName`, replacing its stock ones. The stock kernel's setup (a wasm
 * kernel binds its C function there) still runs, so a replaced kernel can still be called.
 * Idempotent: a module loaded twice (Vite's dev server, tests) registers once.
 */
export function registerKernels(backendName: string, kernels: EngineKernel[]): void {
  for (const { kernelName, kernelFunc } of kernels) {
    const stock = tf.getKernel(kernelName, backendName);
    if (stock?.kernelFunc === kernelFunc) continue;
    if (stock) tf.unregisterKernel(kernelName, backendName);
    tf.registerKernel({ kernelName, backendName, kernelFunc, setupFunc: stock?.setupFunc });
  }
}

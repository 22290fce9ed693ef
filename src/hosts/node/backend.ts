/**
 * What the engine's backends need in Node before one is chosen: tfjs's cpu backend kept from
 * printing its "install our node backend" banner (tfjs-node cannot install here, and wasm is the
 * fast path), and, for `webgpu`, a WebGPU implementation on `navigator.gpu` — the `webgpu`
 * package (Dawn's Node bindings), where it is installed. wasm needs nothing: in Node its `.wasm`
 * files are read from node_modules/@tensorflow/tfjs-backend-wasm/dist.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../../engine/backend';

/**
 * tfjs's cpu backend warns once, on its first tensor, that tfjs-node would be faster. Marking
 * that first use as done silences exactly that line; every other tfjs warning still shows.
 */
export function quietCpuBanner(): void {
  const cpu = tf.findBackend('cpu') as { firstUse?: boolean } | null;
  if (cpu) cpu.firstUse = false;
}

/** Why WebGPU cannot run in this Node, or null once `navigator.gpu` is there. */
async function installNodeWebGpu(): Promise<string | null> {
  const scope = globalThis as { navigator?: { gpu?: unknown } };
  if (scope.navigator?.gpu) return null;
  try {
    const name = 'webgpu'; // not a dependency: imported only when asked for, by name
    const { create, globals } = (await import(/* @vite-ignore */ name)) as { create: (flags: string[]) => unknown; globals: object };
    Object.assign(globalThis, globals);
    Object.defineProperty(globalThis, 'navigator', { value: { gpu: create([]) }, configurable: true });
    return null;
  } catch (error) {
    return `Node has no WebGPU here (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). ` +
      'The `webgpu` package (Dawn\'s Node bindings) provides it where a Vulkan adapter exists; without it use --backend wasm (the default).';
  }
}

/** Prepare Node for `backend`; the reason it cannot run here, or null. */
export async function prepareNodeBackend(backend: BackendName): Promise<string | null> {
  quietCpuBanner();
  return backend === 'webgpu' ? installNodeWebGpu() : null;
}

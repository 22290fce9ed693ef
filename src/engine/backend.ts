/**
 * Pick the fastest tfjs backend that works here and say why: webgpu, then webgl, then cpu.
 * (wasm is not offered: it lacks Conv2DBackpropFilter, so it cannot train convolutions.)
 */
import * as tf from '@tensorflow/tfjs';

export type BackendName = 'webgpu' | 'webgl' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  /** Why this backend runs: the adapter in use, or why the faster ones were refused. */
  reason: string;
}

export const BACKEND_ORDER: BackendName[] = ['webgpu', 'webgl', 'cpu'];

interface GpuLike {
  requestAdapter(): Promise<{ info?: { vendor?: string; architecture?: string; description?: string } } | null>;
}

let adapterDescription = 'unknown adapter';

/** Why WebGPU cannot run here, or null when an adapter is available (its name is noted). */
async function webgpuRefusal(): Promise<string | null> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return 'WebGPU is not available in this browser (navigator.gpu is missing)';
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return 'WebGPU found no GPU adapter';
  const info = adapter.info;
  adapterDescription = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || adapterDescription;
  return null;
}

async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    if (name === 'webgpu') {
      const refusal = await webgpuRefusal();
      if (refusal) return refusal;
    }
    const ok = await tf.setBackend(name);
    if (!ok) return `${name} failed to initialise`;
    await tf.ready();
    // A backend can initialise and still fail its first kernel (e.g. a lost context).
    const probe = tf.tidy(() => tf.sum(tf.mul(tf.ones([4]), 2)));
    const [value] = await probe.data();
    probe.dispose();
    return value === 8 ? null : `${name} computed a wrong result`;
  } catch (error) {
    return `${name} failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Try the backends in order, starting at `preferred`; return the first that works, with the
 * reasons the ones before it were passed over.
 */
export async function selectBackend(preferred: BackendName = 'webgpu'): Promise<BackendInfo> {
  const refusals: string[] = [];
  const order = BACKEND_ORDER.slice(BACKEND_ORDER.indexOf(preferred));
  if (preferred !== 'webgpu') refusals.push(`${BACKEND_ORDER.slice(0, BACKEND_ORDER.indexOf(preferred)).join(' and ')} skipped on request`);
  for (const name of order) {
    const refusal = await tryBackend(name);
    if (refusal === null) {
      const detail = name === 'webgpu' ? `adapter: ${adapterDescription}` : refusals.join('; ');
      return { name, reason: detail };
    }
    refusals.push(refusal);
  }
  throw new Error(`No tfjs backend works here: ${refusals.join('; ')}`);
}

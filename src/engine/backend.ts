/**
 * Pick the fastest tfjs backend that works here and say why: webgpu, then webgl, then cpu.
 * (wasm is not offered: it lacks Conv2DBackpropFilter, so it cannot train convolutions.)
 *
 * Selection is serialised and idempotent. tfjs has one global backend, and two searches at once
 * race: in `npm run dev` React's StrictMode runs the page's init effect twice, the two
 * `tf.setBackend('webgpu')` calls interleave, WebGPU fails, and the second search then breaks
 * WebGL as well ("Cannot read properties of undefined (reading 'get')"). So a second call for the
 * same preference shares the first call's promise, in flight or finished, and a call with another
 * preference waits until the search before it has finished, then searches again (it has to: the
 * person asked for a different backend, and tfjs still runs the old one).
 */
import * as tf from '@tensorflow/tfjs';
import { errorText } from '../shared/error-text';

export type BackendName = 'webgpu' | 'webgl' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  /** Why this backend runs: the adapter in use, or why the faster ones were refused. */
  reason: string;
}

export const BACKEND_ORDER: BackendName[] = ['webgpu', 'webgl', 'cpu'];

/** One attempt to make `name` the running backend: it runs now (with WebGPU's adapter), or why not. */
export type BackendAttempt = (name: BackendName) => Promise<{ ok: true; adapter?: string } | { ok: false; refusal: string }>;

interface GpuLike {
  requestAdapter(): Promise<{ info?: { vendor?: string; architecture?: string; description?: string } } | null>;
}

/** The WebGPU adapter's name, or why WebGPU cannot run here. */
async function webgpuAdapter(): Promise<{ ok: true; adapter: string } | { ok: false; refusal: string }> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return { ok: false, refusal: 'WebGPU is not available in this browser (navigator.gpu is missing)' };
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return { ok: false, refusal: 'WebGPU found no GPU adapter' };
  const info = adapter.info;
  return { ok: true, adapter: [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unknown adapter' };
}

/** The real attempt: set the backend in tfjs and check that its first kernel computes. */
export const tryTfjsBackend: BackendAttempt = async (name) => {
  try {
    let adapter: string | undefined;
    if (name === 'webgpu') {
      const found = await webgpuAdapter();
      if (!found.ok) return found;
      adapter = found.adapter;
    }
    const ok = await tf.setBackend(name);
    if (!ok) return { ok: false, refusal: `${name} failed to initialise` };
    await tf.ready();
    // A backend can initialise and still fail its first kernel (e.g. a lost context).
    const probe = tf.tidy(() => tf.sum(tf.mul(tf.ones([4]), 2)));
    const [value] = await probe.data();
    probe.dispose();
    return value === 8 ? { ok: true, adapter } : { ok: false, refusal: `${name} computed a wrong result` };
  } catch (error) {
    return { ok: false, refusal: `${name} failed: ${errorText(error)}` };
  }
};

/**
 * Try the backends in order, starting at `preferred`; the first that works, with the reasons the
 * ones before it were passed over. Not safe to run twice at once: use a BackendSelector.
 */
async function search(attempt: BackendAttempt, preferred: BackendName): Promise<BackendInfo> {
  const refusals: string[] = [];
  const start = BACKEND_ORDER.indexOf(preferred);
  if (start > 0) refusals.push(`${BACKEND_ORDER.slice(0, start).join(' and ')} skipped on request`);
  for (const name of BACKEND_ORDER.slice(start)) {
    const result = await attempt(name);
    if (result.ok) return { name, reason: name === 'webgpu' ? `adapter: ${result.adapter ?? 'unknown adapter'}` : refusals.join('; ') };
    refusals.push(result.refusal);
  }
  throw new Error(`No tfjs backend works here: ${refusals.join('; ')}`);
}

/** Backend selection, one search at a time, each preference searched once while it stays chosen. */
export class BackendSelector {
  /** The latest selection asked for: the backend tfjs runs (or will run) now. */
  private latest: { preferred: BackendName; result: Promise<BackendInfo> } | null = null;

  /** @param attempt how one backend is tried (tfjs itself in the app; a fake in tests). */
  constructor(private readonly attempt: BackendAttempt = tryTfjsBackend) {}

  /**
   * The backend for `preferred` (see the file's comment for the rules). A failed search is not
   * kept: callers already waiting on it share its error, the next call searches again.
   */
  select(preferred: BackendName = 'webgpu'): Promise<BackendInfo> {
    const previous = this.latest;
    if (previous?.preferred === preferred) return previous.result;
    const after = previous ? previous.result.then(() => undefined, () => undefined) : Promise.resolve();
    const entry = { preferred, result: after.then(() => search(this.attempt, preferred)) };
    this.latest = entry;
    entry.result.catch(() => {
      if (this.latest === entry) this.latest = null;
    });
    return entry.result;
  }
}

const selector = new BackendSelector();

/** Select the backend for this thread's tfjs (idempotent and serialised: see BackendSelector). */
export function selectBackend(preferred: BackendName = 'webgpu'): Promise<BackendInfo> {
  return selector.select(preferred);
}

/**
 * Pick the fastest tfjs backend that works here and say why: webgpu, webgl, wasm, then cpu — with
 * a software GPU (SwiftShader and the like: a CPU behind a GPU API, backends/probe.ts) moved after
 * wasm, which runs the same work tens of times faster on the same cores. Asking for a backend by
 * name (`?backend=webgpu`, `--backend webgpu`) takes it even when it is software.
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
import './backends/wasm-kernels';
import { type GpuProbe, probeWebGl, probeWebGpu, wasmFeatures } from './backends/probe';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  /** Why this backend runs: what it runs on, and why the faster ones were refused. */
  reason: string;
  /** A software GPU (taken by name, or because wasm did not start): a CPU behind the GPU API. */
  software?: true;
}

export const BACKEND_ORDER: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export type AttemptResult =
  | { ok: true; /** what it runs on: the adapter, or wasm's SIMD and threads */ detail?: string; software?: true }
  | { ok: false; refusal: string; /** set when refused only for being a software GPU: it may be tried after wasm */ software?: string };

/**
 * One attempt to make `name` the running backend. `allowSoftware` false: a software GPU is
 * refused (with `software` set) before tfjs is switched to it.
 */
export type BackendAttempt = (name: BackendName, allowSoftware: boolean) => Promise<AttemptResult>;

const GPU_API: Record<string, string> = { webgpu: 'WebGPU adapter', webgl: 'WebGL renderer' };

const softwareRefusalText = (name: BackendName, device: string) => `the ${GPU_API[name]} is software (${device})`;

function softwareRefusal(name: BackendName, gpu: GpuProbe): AttemptResult {
  return { ok: false, software: gpu.name, refusal: softwareRefusalText(name, gpu.name) };
}

/** The real attempt: probe the device, set the backend in tfjs and check that its first kernel computes. */
export const tryTfjsBackend: BackendAttempt = async (name, allowSoftware) => {
  try {
    let detail: string | undefined;
    let software = false;
    if (name === 'webgpu') {
      const found = await probeWebGpu();
      if (!found.ok) return found;
      if (found.gpu.software && !allowSoftware) return softwareRefusal(name, found.gpu);
      detail = found.gpu.name;
      software = found.gpu.software;
    }
    if (name === 'webgl') {
      const gpu = probeWebGl();
      if (gpu?.software && !allowSoftware) return softwareRefusal(name, gpu);
      software = gpu?.software === true;
    }
    const ok = await tf.setBackend(name);
    if (!ok) return { ok: false, refusal: `${name} failed to initialise` };
    await tf.ready();
    // A backend can initialise and still fail its first kernel (e.g. a lost context).
    const probe = tf.tidy(() => tf.sum(tf.mul(tf.ones([4]), 2)));
    const [value] = await probe.data();
    probe.dispose();
    if (value !== 8) return { ok: false, refusal: `${name} computed a wrong result` };
    if (name === 'wasm') detail = await wasmFeatures();
    return software ? { ok: true, detail, software: true } : { ok: true, detail };
  } catch (error) {
    return { ok: false, refusal: `${name} failed: ${errorText(error)}` };
  }
};

/** "a", "a and b", "a, b and c". */
const listed = (names: string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/** A GPU passed over for being software, to name on the status line and to try again before cpu. */
interface PassedOver {
  name: BackendName;
  device: string;
}

/**
 * The status line's reason: what the chosen backend runs on, then why the ones before it were
 * passed over; wasm chosen over software GPUs names them instead ("faster here than the software
 * WebGPU adapter (google swiftshader)").
 */
function reasonFor(name: BackendName, detail: string | undefined, refusals: string[], software: PassedOver[]): string {
  if (name === 'webgpu') return `adapter: ${detail ?? 'unknown adapter'}`;
  const overSoftware = software.length > 0 && name === 'wasm' ? `faster here than the software ${listed(software.map((s) => `${GPU_API[s.name]} (${s.device})`))}` : '';
  return [overSoftware, detail, ...refusals].filter(Boolean).join('; ');
}

/**
 * Try the backends in order from `preferred` (all of them when absent); the first that works,
 * with the reasons the ones before it were passed over. Software GPUs refused on the way are tried
 * again, allowed, just before cpu. Not safe to run twice at once: use a BackendSelector.
 */
async function search(attempt: BackendAttempt, preferred: BackendName | undefined): Promise<BackendInfo> {
  const refusals: string[] = [];
  const software: PassedOver[] = [];
  const start = preferred ? BACKEND_ORDER.indexOf(preferred) : 0;
  if (start > 0) refusals.push(`${listed(BACKEND_ORDER.slice(0, start))} skipped on request`);
  for (const name of BACKEND_ORDER.slice(start)) {
    if (name === 'cpu') {
      for (const gpu of software) {
        const result = await attempt(gpu.name, true);
        if (result.ok) return { name: gpu.name, reason: reasonFor(gpu.name, result.detail, refusals, []), software: true };
        refusals.push(result.refusal);
      }
    }
    const result = await attempt(name, name === preferred);
    if (result.ok) return { name, reason: reasonFor(name, result.detail, refusals, software), ...(result.software ? { software: true as const } : {}) };
    // A software GPU's refusal is said on the line only if wasm does not take its place.
    if (result.software !== undefined) software.push({ name, device: result.software });
    else refusals.push(result.refusal);
  }
  throw new Error(`No tfjs backend works here: ${[...refusals, ...software.map((s) => softwareRefusalText(s.name, s.device))].join('; ')}`);
}

/** Backend selection, one search at a time, each preference searched once while it stays chosen. */
export class BackendSelector {
  /** The latest selection asked for: the backend tfjs runs (or will run) now. */
  private latest: { preferred: BackendName | undefined; result: Promise<BackendInfo> } | null = null;

  /** @param attempt how one backend is tried (tfjs itself in the app; a fake in tests). */
  constructor(private readonly attempt: BackendAttempt = tryTfjsBackend) {}

  /**
   * The backend for `preferred` (undefined: the best that works, see the file's comment). A failed
   * search is not kept: callers already waiting on it share its error, the next call searches again.
   */
  select(preferred?: BackendName): Promise<BackendInfo> {
    const previous = this.latest;
    if (previous && previous.preferred === preferred) return previous.result;
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
export function selectBackend(preferred?: BackendName): Promise<BackendInfo> {
  return selector.select(preferred);
}

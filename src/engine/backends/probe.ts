/**
 * What a backend runs on, asked before (or right after) tfjs is switched to it: the WebGPU
 * adapter, the WebGL renderer, wasm's SIMD and threads — and whether a GPU is a *software* one.
 *
 * A software GPU (SwiftShader, llvmpipe, WARP: what headless Chromium, CI machines and many
 * GPU-less laptops expose) is a CPU behind a GPU API. On the project's 2-core machines SwiftShader
 * ran the small MNIST CNN's training step in seconds, wasm in tens of milliseconds (the bench's
 * backend table, README), so the rule is: a software GPU comes after wasm, before cpu.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';

/** Names that mark a software rasteriser in an adapter's or renderer's description. */
const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render|\bwarp\b/i;

export interface GpuProbe {
  /** Vendor, architecture and description, as one line. */
  name: string;
  /** A CPU behind the GPU API (the adapter says it is a fallback, or its name is a software one). */
  software: boolean;
}

interface AdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  /** Before GPUAdapterInfo carried it (Chrome < 136). */
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(): Promise<AdapterLike | null>;
}

/** The WebGPU adapter, or why WebGPU cannot run here. */
export async function probeWebGpu(): Promise<{ ok: true; gpu: GpuProbe } | { ok: false; refusal: string }> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return { ok: false, refusal: 'WebGPU is not available in this browser (navigator.gpu is missing)' };
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return { ok: false, refusal: 'WebGPU found no GPU adapter' };
  const info = adapter.info;
  const name = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unknown adapter';
  const software = info?.isFallbackAdapter === true || adapter.isFallbackAdapter === true || SOFTWARE.test(`${name} ${info?.device ?? ''}`);
  return { ok: true, gpu: { name, software } };
}

/** The WebGL renderer tfjs would get, read from a throwaway context; null where there is none (Node). */
export function probeWebGl(): GpuProbe | null {
  const Canvas = (globalThis as { OffscreenCanvas?: new (w: number, h: number) => { getContext(kind: string): WebGLRenderingContext | null } }).OffscreenCanvas;
  if (!Canvas) return null;
  const canvas = new Canvas(1, 1);
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return null;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? 'unknown renderer');
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { name, software: SOFTWARE.test(name) };
}

let singleThreadReason: string | null = null;

/** Why a host keeps wasm on one thread (a browser worker turns threads off: hosts/worker/wasm-files.ts). */
export function explainSingleThread(reason: string): void {
  singleThreadReason = reason;
}

/**
 * wasm's features once it runs, for the Backend status: "SIMD, 1 thread" and, with one thread,
 * why (threads need a cross-origin isolated page; tfjs turns them off in Node, tfjs #3830).
 */
export async function wasmFeatures(): Promise<string> {
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  const threads = getThreadsCount();
  const scope = globalThis as { crossOriginIsolated?: boolean };
  const single =
    threads > 1 ? ''
    : tf.env().getBool('IS_NODE') ? ' (tfjs keeps wasm threads off in Node)'
    : scope.crossOriginIsolated === false ? ' (the page is not cross-origin isolated)'
    : singleThreadReason ? ` (${singleThreadReason})`
    : (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) ? ' (tfjs started one)'
    : ' (no shared memory here)';
  return `${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'}${single}`;
}

/**
 * The page's handle on the engine worker, and its watch on it (issue 21 §2). A worker can die
 * where no promise of Comlink's hears it: an exception outside the engine's own try (the
 * Worker's `error` event), or a thread stuck out of memory or in a runaway kernel (no event at
 * all). So the client listens for `error`, and while the page says a job runs (`watch`) it sends
 * a heartbeat every second and calls the worker lost when none is answered for HEARTBEAT_TIMEOUT_MS.
 * A lost worker is terminated and forgotten: the next `engine()` starts a fresh one, and each
 * `onEngineLost` listener is told why, once (the page ends its job and keeps its state).
 */
import * as Comlink from 'comlink';
import type { EngineApi } from './api';
import { type FaultKind, isHeartbeat } from '../../shared/faults';

export type EngineClient = Comlink.Remote<EngineApi>;

/** How long a running job's worker may go without answering a heartbeat: a batch on SwiftShader takes well under a second. */
export const HEARTBEAT_TIMEOUT_MS = 8000;
const HEARTBEAT_EVERY_MS = 1000;

let worker: Worker | null = null;
let client: EngineClient | null = null;
const lostListeners = new Set<(reason: string) => void>();
let beat = 0;
let answered = 0;
let watchTimer: ReturnType<typeof setInterval> | null = null;

export function engine(): EngineClient {
  if (!client) {
    const started = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'ltd-engine' });
    started.addEventListener('error', (event) => {
      event.preventDefault();
      lose(started, `threw outside the engine (${event.message || 'an error event with no message'})`);
    });
    started.addEventListener('message', (event: MessageEvent) => {
      if (isHeartbeat(event.data)) answered = performance.now();
    });
    worker = started;
    client = Comlink.wrap<EngineApi>(started);
  }
  return client;
}

/** Terminate `lost` (if it is still the engine's worker) and tell the listeners why. */
function lose(lost: Worker, reason: string): void {
  if (worker !== lost) return;
  lost.terminate();
  worker = null;
  watch(false);
  client?.[Comlink.releaseProxy]();
  client = null;
  for (const listener of lostListeners) listener(reason);
}

/** Be told when the engine's worker is lost (and why); returns the unsubscribe. */
export function onEngineLost(listener: (reason: string) => void): () => void {
  lostListeners.add(listener);
  return () => lostListeners.delete(listener);
}

/**
 * Watch the worker with heartbeats while `busy` (a job runs), not otherwise: an idle worker that
 * is slow to answer (starting tfjs, loading a file) is not lost.
 */
export function watch(busy: boolean): void {
  if (!busy) {
    if (watchTimer !== null) clearInterval(watchTimer);
    watchTimer = null;
    return;
  }
  if (watchTimer !== null || !worker) return;
  answered = performance.now();
  watchTimer = setInterval(() => {
    if (!worker) return;
    if (performance.now() - answered > HEARTBEAT_TIMEOUT_MS) {
      lose(worker, `stopped answering (no heartbeat for ${HEARTBEAT_TIMEOUT_MS / 1000} s: out of memory, or stuck)`);
      return;
    }
    worker.postMessage({ heartbeat: ++beat });
  }, HEARTBEAT_EVERY_MS);
}

/** Test-only (src/page/fault-hook.ts, in a VITE_FAULTS=1 build): send the worker a fault to act out. */
export function injectFault(fault: FaultKind): void {
  engine();
  worker!.postMessage({ fault });
}

/** Wrap a callback so the worker can call it across the boundary. */
export const callback = Comlink.proxy;

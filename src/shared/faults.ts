/**
 * The messages of the page's watch on its worker (issue 21 §1–2), beside Comlink's own on the same
 * port: a heartbeat the worker answers between the engine's awaits, and the faults the e2e suite
 * injects (only in a build made with VITE_FAULTS=1: see src/page/fault-hook.ts).
 */

/** A heartbeat: the page sends `{ heartbeat: n }`, the worker answers the same. */
export interface HeartbeatMessage {
  heartbeat: number;
}

/**
 * A fault to inject into the worker: `throw` an exception outside the engine's own try (an
 * `error` event on the page's Worker); `hang` its thread (as out of memory or a runaway kernel
 * does: no more answers); `lose-device` destroy tfjs's WebGPU device (as a driver reset does);
 * `nan-loss` make the next optimiser step write NaN into the weights it updates (as a learning
 * rate far too high or a poisoned batch does), so the loss turns NaN.
 */
export type FaultKind = 'throw' | 'hang' | 'lose-device' | 'nan-loss';

export interface FaultMessage {
  fault: FaultKind;
}

export const isHeartbeat = (data: unknown): data is HeartbeatMessage =>
  typeof data === 'object' && data !== null && typeof (data as { heartbeat?: unknown }).heartbeat === 'number';

export const isFault = (data: unknown): data is FaultMessage =>
  typeof data === 'object' && data !== null && typeof (data as { fault?: unknown }).fault === 'string';

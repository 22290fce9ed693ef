/** The page's handle on the engine worker. */
import * as Comlink from 'comlink';
import type { EngineApi } from './api';

export type EngineClient = Comlink.Remote<EngineApi>;

let client: EngineClient | null = null;

export function engine(): EngineClient {
  if (!client) {
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'ltd-engine' });
    client = Comlink.wrap<EngineApi>(worker);
  }
  return client;
}

/** Wrap a callback so the worker can call it across the boundary. */
export const callback = Comlink.proxy;

/**
 * The engine in a Web Worker: one `EngineSession` behind Comlink. Thin glue: the session owns
 * the models, the data and the running experiment; this file only adds what exists in a
 * browser alone (the WebGPU backend, the wasm binaries' URLs, the embedded data sets' cached loaders)
 * and what the bundler gives it (the PyTorch export's Python as text, its own chunk, fetched on the first export).
 */
import '@tensorflow/tfjs-backend-webgpu';
import './wasm-files';
import * as Comlink from 'comlink';
import { EngineSession } from '../../engine/run/session';
import { registerEmbeddedSources } from './embedded-sources';
import { answerHeartbeats } from './heartbeat';

registerEmbeddedSources();
// Issue 21: the page's heartbeat is answered; faults are injected only in a VITE_FAULTS=1 build (e2e).
answerHeartbeats();
if (import.meta.env.VITE_FAULTS === '1') void import('./faults').then((m) => m.installFaults());
Comlink.expose(new EngineSession({ torchSource: async () => (await import('../../../python/ltd_torch.py?raw')).default }));

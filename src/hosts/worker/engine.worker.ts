/**
 * The engine in a Web Worker: one `EngineSession` behind Comlink. Thin glue: the session owns
 * the models, the data and the running experiment; this file only adds what exists in a
 * browser alone (the WebGPU backend, the embedded data sets' cached loaders).
 */
import '@tensorflow/tfjs-backend-webgpu';
import * as Comlink from 'comlink';
import { EngineSession } from '../../engine/run/session';
import { registerEmbeddedSources } from './embedded-sources';

registerEmbeddedSources();
Comlink.expose(new EngineSession());

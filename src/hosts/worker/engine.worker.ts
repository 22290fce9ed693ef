/**
 * The engine in a Web Worker: one `EngineSession` behind Comlink. Thin glue: the session owns
 * the models, the data and the running experiment; this file only adds what exists in a
 * browser alone (the WebGPU backend, the wasm binaries' URLs, the embedded MNIST's cached loader).
 */
import '@tensorflow/tfjs-backend-webgpu';
import './wasm-files';
import * as Comlink from 'comlink';
import { EngineSession } from '../../engine/run/session';
import { registerMnistSource } from './mnist-source';

registerMnistSource();
Comlink.expose(new EngineSession());

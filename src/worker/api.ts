/**
 * The typed API the page calls on the engine worker (through Comlink). Only plain data
 * crosses: configs in, events and numbers out — never a tensor.
 */
import type { BackendInfo, BackendName } from '../engine/backend';
import type { Config } from '../engine/config';
import type { EmitFn } from '../engine/events';

export interface DatasetPreview {
  inputShape: number[];
  numClasses: number;
  classNames: string[];
  /** For 2-D data: the training points (x0, y0, x1, y1, …) and their labels. */
  points?: Float32Array;
  labels?: Int32Array;
  trainSize: number;
  testSize: number;
}

export interface EngineApi {
  /** Choose the backend (webgpu → webgl → cpu, starting at `preferred`) and report it. */
  init(preferred?: BackendName): Promise<BackendInfo>;
  /** Describe the data set a config selects, with points to plot for 2-D data. */
  preview(config: Config): Promise<DatasetPreview>;
  /** Run one experiment; resolves when it ends (completed, stopped or failed). */
  train(config: Config, runId: number, onEvent: EmitFn): Promise<void>;
  pause(): void;
  resume(): void;
  stop(): void;
  /** Change τ or λ for the running experiment; takes effect at the next batch. */
  setLive(params: { tau?: number; lambda?: number }): void;
  /** Live tensor count, for leak checks from the page. */
  memory(): { numTensors: number; numBytes: number };
}

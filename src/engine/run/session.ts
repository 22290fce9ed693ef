/**
 * One engine session: the whole engine API (`EngineApi`) in one object that owns what lives
 * between calls — the cached teacher, the last run's student with its data, an imported model,
 * the running experiment's control. The page reaches it in a worker through Comlink
 * (`Comlink.expose(new EngineSession())`); Node tests, scripts and the command line create it
 * directly. No DOM here: the worker registers its browser-only data loaders itself.
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../backend';
import { DeviceLossWatch } from '../device-loss';
import { type Config, DATASET_INFO, validateConfig } from '../../shared/config';
import { pauseEvents, RunControl } from '../control';
import { loadDataset } from '../data';
import { DataNotLoadedError } from '../data/errors';
import { imageSamples } from '../data/samples';
import type { Dataset } from '../data/types';
import type { Emit, EventOf, JobLifecycleEvent, RunEvent } from '../../shared/events';
import { exportModel } from '../models/io';
import { runTemperatureSweep } from './temperature-sweep';
import { runLambdaSweep } from './lambda-sweep';
import { TeacherCache, teacherKey } from '../train/teacher-cache';
import { dataStatus, type ImportedModel, importModelFiles, loadDataFiles, loadFromUrl } from './data-files';
import type { DatasetPreview, EngineApi } from './engine-api';
import { runExperiment } from './experiment';
import { detect, evaluateFor, galleryFor, MISSING, type ModelResolver, SoftLabelCache, epsilonSweepFor } from './model-tasks';
import { RoleModels } from './role-models';
import { measureTeacherCalibration } from './teacher-calibration';
import { asClassifier } from '../models';
import { checkExportable, torchScript, torchScriptName } from '../export/torch-script';
import type { Scale } from '../../shared/torch-scale';
import { accuracy } from '../eval/accuracy';
import { Corpus, type CorpusModel } from './corpus';
import { SplitTensors } from '../data/batches';

/** Training images the page shows for an image data set ("Data samples"). */
const PREVIEW_IMAGES = 24;

type Begun = { config: Config; control: RunControl; keepStudent: (m: tf.LayersModel, d: Dataset) => void };

/** What the host gives the session that the engine may not fetch itself. */
export interface EngineSessionOptions {
  /**
   * The text of python/ltd_torch.py, the PyTorch export (../export/torch-script.ts): the worker
   * imports it with Vite's `?raw`, Node reads it from disk (src/hosts/node/torch-source.ts). Called
   * at each export, never before. Without it, `torchScript` refuses.
   */
  torchSource?: () => Promise<string>;
}

/** The host made a session without the PyTorch script's text. */
export class TorchSourceMissingError extends Error {
  constructor() {
    super('PyTorch export: this engine session was given no torchSource (the text of python/ltd_torch.py); its host must supply it');
    this.name = 'TorchSourceMissingError';
  }
}

/** How long a failed job waits for the WebGPU device's `lost` to settle before calling its error the job's own (device-loss.ts). */
const LOSS_WAIT_MS = 1000;

export class EngineSession implements EngineApi {
  private readonly teacherCache = new TeacherCache();
  private control: RunControl | null = null;
  /** Cancels the detector run in progress, if any. */
  private detectorAbort: AbortController | null = null;
  private imported: ImportedModel | null = null;
  /** The last run's student and teacher and an import, by role, each with the data it was trained on. */
  private readonly roles = new RoleModels({
    teacherFor: (config) => this.teacherCache.get(teacherKey(config)),
    imported: () => this.imported,
  });
  private readonly softLabelCache = new SoftLabelCache();
  /** The WebGPU device's loss, watched from each backend selection on (device-loss.ts). */
  private readonly device = new DeviceLossWatch();
  /** The calibration corpus's models the page has loaded as demos, and the one the 'demo' role is now. */
  private readonly corpus = new Corpus();
  private demo: CorpusModel | null = null;
  /** The models the detector, the ε sweep and the gallery can examine, by role. */
  private readonly resolveModel: ModelResolver = (role, config) => {
    if (role !== 'demo') return this.roles.resolve(role, config);
    const demo = this.demo;
    return demo && { model: demo.model, dataset: demo.dataset, config: demo.config, ...(demo.teacher ? { teacher: demo.teacher } : {}) };
  };

  constructor(private readonly options: EngineSessionOptions = {}) {}

  /** Choose the backend (webgpu → webgl → wasm → cpu, a software GPU after wasm; from `preferred` when given) and report it. */
  async init(preferred?: Parameters<EngineApi['init']>[0]) {
    const info = await selectBackend(preferred);
    this.device.arm(info);
    return info;
  }

  /**
   * After a job: if the WebGPU device was lost, drop every model that lived on it, move to the
   * next backend and return the error that says so; null when the device lives.
   */
  private async recoverDevice() {
    if ((await this.device.lossWithin(LOSS_WAIT_MS)) === null) return null;
    try {
      this.roles.clear();
      this.teacherCache.clear();
    } catch {
      // Freeing buffers of a destroyed device may throw; they are gone either way.
    }
    return this.device.recover();
  }

  /**
   * A job's events with its error held back until the job returns, so an error caused by a lost
   * device reaches the page as one event naming the loss and the backend now running.
   */
  private guarded<E extends { type: string }>(onEvent: Emit<E | EventOf<'error'>>) {
    let held: EventOf<'error'> | null = null;
    return {
      emit: (event: E | EventOf<'error'>) => (event.type === 'error' ? void (held = event as EventOf<'error'>) : onEvent(event)),
      flush: async () => {
        if (held === null) return;
        const lost = await this.recoverDevice();
        onEvent(lost ? { type: 'error', kind: 'device', message: lost.message, backend: lost.backend } : held);
      },
    };
  }

  async preview(config: Config): Promise<DatasetPreview> {
    let dataset: Dataset;
    try {
      dataset = await loadDataset(config);
    } catch (error) {
      if (!(error instanceof DataNotLoadedError)) throw error;
      const info = DATASET_INFO[config.dataset];
      return { inputShape: info.inputShape, numClasses: info.numClasses, classNames: [], trainSize: 0, testSize: 0, needsFiles: true };
    }
    const twoD = dataset.inputShape.length === 1 && dataset.inputShape[0] === 2;
    return {
      inputShape: dataset.inputShape,
      numClasses: dataset.numClasses,
      classNames: dataset.classNames,
      trainSize: dataset.train.n,
      testSize: dataset.test.n,
      ...(twoD ? { points: dataset.train.x, labels: dataset.train.y } : {}),
      ...(dataset.inputShape.length === 3 ? { samples: imageSamples(dataset.train, dataset, PREVIEW_IMAGES) } : {}),
    };
  }

  /**
   * Start of a run or a sweep: check the config again (it may have crossed a boundary), stop
   * whatever runs, and take a fresh control. Null, after an error event naming the fields, when refused.
   */
  private begin(raw: Config, onEvent: Emit<JobLifecycleEvent>): Begun | null {
    const checked = validateConfig(raw);
    if (!checked.ok) {
      onEvent({ type: 'error', kind: 'config', message: checked.issues.map((i) => i.message).join('; ') });
      return null;
    }
    this.control?.stop();
    // The previous student goes now (a failed run or a sweep keeps none): stop examining it first.
    this.detectorAbort?.abort();
    const keepStudent = this.roles.begin(checked.config);
    this.control = new RunControl({ tau: checked.config.tau, lambda: checked.config.lambda }, pauseEvents(onEvent));
    return { config: checked.config, control: this.control, keepStudent };
  }

  async train(raw: Config, runId: number, onEvent: Emit<RunEvent>): Promise<void> {
    const run = this.begin(raw, onEvent);
    if (!run) return;
    const events = this.guarded<RunEvent>(onEvent);
    const { student, dataset } = await runExperiment(run.config, { emit: events.emit, control: run.control, teacherCache: this.teacherCache, runId });
    if (student && dataset) run.keepStudent(student, dataset);
    await events.flush();
  }

  pause(): void {
    this.control?.pause();
  }

  resume(): void {
    this.control?.resume();
  }

  step(): void {
    this.control?.step();
  }

  stop(): void {
    this.control?.stop();
  }

  setLive(params: { tau?: number; lambda?: number }): void {
    // Same ranges as at the start of a run: a live τ of 0 or NaN must not reach the loss.
    const checked = this.roles.config && validateConfig({ ...this.roles.config, ...params });
    if (checked && !checked.ok) throw new Error(checked.issues.map((i) => i.message).join('; '));
    this.control?.setLive(params);
  }

  loadDataFiles: EngineApi['loadDataFiles'] = (dataset, files, onProgress) => loadDataFiles(dataset, files, onProgress);
  loadFromUrl: EngineApi['loadFromUrl'] = (dataset, url, onProgress) => loadFromUrl(dataset, url, onProgress);
  dataStatus: EngineApi['dataStatus'] = (dataset) => dataStatus(dataset);

  async exportModel(role: 'teacher' | 'student') {
    const model = role === 'student' ? this.roles.studentModel : this.roles.teacherModel;
    if (!model) throw new Error(`No ${role} to export: train a run${role === 'teacher' ? ' with a method that uses a teacher (LTD)' : ''} first`);
    return exportModel(model, role);
  }

  /** Import a model; a new import replaces (and frees) the previous one. */
  importModel: EngineApi['importModel'] = async (files, dataset) => {
    const imported = await importModelFiles(files, dataset);
    this.imported?.model.dispose();
    this.imported = imported;
    return imported.summary;
  };

  runDetector: EngineApi['runDetector'] = async (request, onEvent) => {
    this.detectorAbort?.abort();
    const abort = (this.detectorAbort = new AbortController());
    try {
      return await detect(this.resolveModel, request, (p) => onEvent({ type: 'detector-progress', ...p }), abort.signal);
    } catch (error) {
      throw (await this.recoverDevice()) ?? error;
    } finally {
      if (this.detectorAbort === abort) this.detectorAbort = null;
    }
  };

  cancelDetector(): void {
    this.detectorAbort?.abort();
  }

  loadCorpusModel: EngineApi['loadCorpusModel'] = async (id) => {
    // The page offers demos from the first paint, while the worker may still be choosing its backend.
    await tf.ready();
    const demo = await this.corpus.model(id);
    this.demo = demo;
    const test = new SplitTensors(demo.dataset.test, demo.dataset.inputShape);
    try {
      return { entry: demo.entry, config: demo.config, naturalAccuracy: await accuracy(demo.model, test.x, test.y), hasTeacher: demo.teacher !== null };
    } finally {
      test.dispose();
    }
  };

  epsilonSweep: EngineApi['epsilonSweep'] = (request, onProgress) => epsilonSweepFor(this.resolveModel, request, onProgress);
  adversarialExamples: EngineApi['adversarialExamples'] = (request) => galleryFor(this.resolveModel, request);
  softLabels: EngineApi['softLabels'] = (count) => this.softLabelCache.sample(this.roles.teacherModel, this.roles.config, count);

  teacherCalibration: EngineApi['teacherCalibration'] = async (request) => {
    const teacher = this.roles.teacherModel;
    const config = this.roles.config;
    if (!teacher || !config) throw new Error(`Teacher calibration: ${MISSING.teacher}`);
    return measureTeacherCalibration(asClassifier(teacher), await loadDataset(config), request);
  };

  temperatureSweep: EngineApi['temperatureSweep'] = async (raw, options, onEvent) => {
    // The sweep's teacher is the one in the cache afterwards: export and soft labels follow it.
    const run = this.begin(raw, onEvent);
    if (run) await runTemperatureSweep(run.config, options, { emit: onEvent, control: run.control, teacherCache: this.teacherCache });
  };

  lambdaSweep: EngineApi['lambdaSweep'] = async (raw, options, onEvent) => {
    const run = this.begin(raw, onEvent);
    if (run) await runLambdaSweep(run.config, options, { emit: onEvent, control: run.control, teacherCache: this.teacherCache });
  };

  evaluate: EngineApi['evaluate'] = (request, onProgress) => evaluateFor(this.resolveModel, request, onProgress);

  async torchScript(config: Config, scale?: Scale): Promise<{ name: string; text: string }> {
    checkExportable(config);
    if (!this.options.torchSource) throw new TorchSourceMissingError();
    return { name: torchScriptName(config, scale), text: torchScript(await this.options.torchSource(), config, scale) };
  }

  memory(): { numTensors: number; numBytes: number } {
    const { numTensors, numBytes } = tf.memory();
    return { numTensors, numBytes };
  }

  dispose(): void {
    this.control?.stop();
    this.detectorAbort?.abort();
    this.roles.clear();
    this.teacherCache.clear();
    this.imported?.model.dispose();
    this.imported = null;
    this.corpus.dispose();
    this.demo = null;
  }
}

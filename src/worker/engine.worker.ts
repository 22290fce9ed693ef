/**
 * The engine behind a Comlink API. Thin glue: it owns the tfjs backend, the running
 * experiment's control and the teacher cache; all science lives in src/engine.
 */
import '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs';
import * as Comlink from 'comlink';
import { selectBackend } from '../engine/backend';
import { DATASET_INFO, validateConfig, type Config } from '../engine/config';
import { pauseEvents, RunControl } from '../engine/control';
import { loadDataset } from '../engine/data';
import type { Dataset } from '../engine/data/types';
import type { EmitFn } from '../engine/events';
import { runExperiment } from '../engine/run/experiment';
import { runTemperatureSweep } from '../engine/sweep';
import { DataNotLoadedError } from '../engine/data/errors';
import { exportModel } from '../engine/models/io';
import { TeacherCache, teacherKey } from '../engine/train/teacher-cache';
import type { DatasetPreview, EngineApi } from './api';
import { dataStatus, importModelFiles, loadDataFiles, loadFromUrl, models, registerMnistSource } from './data-files';
import { detect, type ModelResolver, sweep } from './detector';
import { softLabelsFor } from './soft-labels';
import { galleryFor } from './gallery';
import { RoleModels } from './role-models';
import { imageSamples } from '../engine/data/samples';

const teacherCache = new TeacherCache();
let control: RunControl | null = null;
/** Cancels the detector run in progress, if any. */
let detectorAbort: AbortController | null = null;
/** The last run's student and teacher and an import, by role, each with the data it was trained on. */
const roles = new RoleModels({ teacherFor: (config) => teacherCache.get(teacherKey(config)), imported: () => models.imported });
registerMnistSource();

/** Training images the page shows for an image data set ("Data samples"). */
const PREVIEW_IMAGES = 24;

/** The models the detector can examine, by role: the last run's student and teacher, an import. */
const resolveModel: ModelResolver = (role, config) => roles.resolve(role, config);

/**
 * Start of a run or a sweep: check the config again (it crossed a boundary), stop whatever
 * runs, and take a fresh control. Null, after an error event naming the fields, when refused.
 */
function begin(raw: Config, onEvent: EmitFn): { config: Config; control: RunControl; keepStudent: (m: tf.LayersModel, d: Dataset) => void } | null {
  const checked = validateConfig(raw);
  if (!checked.ok) {
    onEvent({ type: 'error', kind: 'config', message: checked.issues.map((i) => i.message).join('; ') });
    return null;
  }
  control?.stop();
  // The previous student goes now (a failed run or a sweep keeps none): stop examining it first.
  detectorAbort?.abort();
  const keepStudent = roles.begin(checked.config);
  control = new RunControl({ tau: checked.config.tau, lambda: checked.config.lambda }, pauseEvents(onEvent));
  return { config: checked.config, control, keepStudent };
}

const api: EngineApi = {
  init: (preferred) => selectBackend(preferred),

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
  },

  async train(raw: Config, runId: number, onEvent: EmitFn): Promise<void> {
    const run = begin(raw, onEvent);
    if (!run) return;
    const { student, dataset } = await runExperiment(run.config, { emit: onEvent, control: run.control, teacherCache, runId });
    if (student && dataset) run.keepStudent(student, dataset);
  },

  pause: () => control?.pause(),
  resume: () => control?.resume(),
  stop: () => control?.stop(),
  setLive: (params) => {
    // Same ranges as at the start of a run: a live τ of 0 or NaN must not reach the loss.
    const checked = roles.config && validateConfig({ ...roles.config, ...params });
    if (checked && !checked.ok) throw new Error(checked.issues.map((i) => i.message).join('; '));
    control?.setLive(params);
  },
  loadDataFiles: (dataset, files, onProgress) => loadDataFiles(dataset, files, onProgress),
  loadFromUrl: (dataset, url, onProgress) => loadFromUrl(dataset, url, onProgress),
  dataStatus: (dataset) => dataStatus(dataset),
  async exportModel(role) {
    const model = role === 'student' ? roles.studentModel : roles.teacherModel;
    if (!model) throw new Error(`No ${role} to export: train a run${role === 'teacher' ? ' with a method that uses a teacher (LTD)' : ''} first`);
    return exportModel(model, role);
  },
  importModel: (files, dataset) => importModelFiles(files, dataset),
  async runDetector(request, onProgress) {
    detectorAbort?.abort();
    const abort = (detectorAbort = new AbortController());
    try {
      return await detect(resolveModel, request, onProgress, abort.signal);
    } finally {
      if (detectorAbort === abort) detectorAbort = null;
    }
  },
  cancelDetector: () => detectorAbort?.abort(),
  sweep: (request, onProgress) => sweep(resolveModel, request, onProgress),
  adversarialExamples: (request) => galleryFor(resolveModel, request),
  softLabels: (count) => softLabelsFor(roles.teacherModel, roles.config, count),
  async temperatureSweep(raw, options, onEvent) {
    // The sweep's teacher is the one in the cache afterwards: export and soft labels follow it.
    const run = begin(raw, onEvent);
    if (run) await runTemperatureSweep(run.config, options, { emit: onEvent, control: run.control, teacherCache });
  },
  memory: () => {
    const { numTensors, numBytes } = tf.memory();
    return { numTensors, numBytes };
  },
};

Comlink.expose(api);

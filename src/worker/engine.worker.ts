/**
 * The engine behind a Comlink API. Thin glue: it owns the tfjs backend, the running
 * experiment's control and the teacher cache; all science lives in src/engine.
 */
import '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs';
import * as Comlink from 'comlink';
import { selectBackend } from '../engine/backend';
import { validateConfig, type Config } from '../engine/config';
import { RunControl } from '../engine/control';
import { loadDataset } from '../engine/data';
import type { Dataset } from '../engine/data/types';
import type { EmitFn } from '../engine/events';
import { runExperiment } from '../engine/experiment';
import { TeacherCache } from '../engine/train/teacher-cache';
import type { DatasetPreview, EngineApi } from './api';

const teacherCache = new TeacherCache();
let control: RunControl | null = null;
/** The student of the last run that ended without error (for the detector and export). */
let lastStudent: { model: tf.LayersModel; dataset: Dataset } | null = null;

function keepStudent(model: tf.LayersModel, dataset: Dataset): void {
  if (lastStudent && lastStudent.model !== model) lastStudent.model.dispose();
  lastStudent = { model, dataset };
}

const api: EngineApi = {
  init: (preferred) => selectBackend(preferred),

  async preview(config: Config): Promise<DatasetPreview> {
    const dataset = await loadDataset(config);
    const twoD = dataset.inputShape.length === 1 && dataset.inputShape[0] === 2;
    return {
      inputShape: dataset.inputShape,
      numClasses: dataset.numClasses,
      classNames: dataset.classNames,
      trainSize: dataset.train.n,
      testSize: dataset.test.n,
      ...(twoD ? { points: dataset.train.x, labels: dataset.train.y } : {}),
    };
  },

  async train(raw: Config, runId: number, onEvent: EmitFn): Promise<void> {
    const checked = validateConfig(raw);
    if (!checked.ok) {
      onEvent({ type: 'error', kind: 'config', message: checked.issues.map((i) => i.message).join('; ') });
      return;
    }
    control?.stop();
    const config = checked.config;
    control = new RunControl({ tau: config.tau, lambda: config.lambda });
    await runExperiment(config, { emit: onEvent, control, teacherCache, runId, keepStudent });
  },

  pause: () => control?.pause(),
  resume: () => control?.resume(),
  stop: () => control?.stop(),
  setLive: (params) => control?.setLive(params),
  memory: () => {
    const { numTensors, numBytes } = tf.memory();
    return { numTensors, numBytes };
  },
};

Comlink.expose(api);

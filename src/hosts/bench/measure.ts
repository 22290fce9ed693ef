/**
 * What `npm run bench` measures inside the engine's own environment (a worker on WebGPU in
 * the browser, or Node on cpu). Ratios measured in one run are comparable across machines;
 * absolute times only on the same device.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIG, METHODS, needsTeacher, type Config, type MethodId } from '../../shared/config';
import { RunControl } from '../../engine/control';
import { loadDataset } from '../../engine/data';
import { SplitTensors } from '../../engine/data/batches';
import type { RunEvent } from '../../shared/events';
import { runExperiment } from '../../engine/run/experiment';
import { asClassifier, buildModel } from '../../engine/models';
import { Rng } from '../../shared/rng';
import { gradientRule } from '../../engine/train/awp';
import { studentObjective } from '../../engine/train/objectives';
import { WEIGHT_DECAY, makeOptimizer } from '../../engine/train/optimizer';
import { trainEpoch } from '../../engine/train/trainer';
import type { DataFileSource } from '../../engine/data/files';
import { attackRows, type BenchRow, fashionDecodeRow, mnistCnnStepRow } from './science';

export type { BenchRow };
import { measureScaling, type ScalingRow } from './scaling';
import { type MemoryRow, memoryRows } from './memory';

export interface LeakRow {
  method: string;
  /** tf.memory().numTensors after each student epoch. */
  tensorsPerEpoch: number[];
}

export interface BenchReport {
  backend: string;
  config: Partial<Config>;
  steps: BenchRow[];
  /** Attack throughput, the detector, image models and decoding. */
  science: BenchRow[];
  leaks: LeakRow[];
  /** Tensors and bytes over a 30-epoch run and 10 detector runs in a row (memory.ts). */
  memory: MemoryRow[];
  /** LTD epoch time against training-set size and training PGD steps, each with its line fit. */
  scaling: ScalingRow[];
  /** The engine's natural step may cost at most this many bare tfjs steps (issue 12 §4). */
  overheadLimit: number;
}

/** Student epochs of the leak check: numTensors after each must be the same. */
export const LEAK_EPOCHS = 10;
export const OVERHEAD_LIMIT = 1.15;
/** Steps the floor is timed over (the engine's natural step is timed over as many). */
const FLOOR_STEPS = 40;
/** Alternating floor/engine rounds behind the overhead ratio (its median). */
export const OVERHEAD_ROUNDS = 3;

/** The middle value (odd counts; the upper middle for even ones). */
function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

export interface BenchOptions {
  overrides?: Partial<Config>;
  /** The four Fashion-MNIST files, when the bench has them, to time their decoding. */
  fashionFiles?: DataFileSource[];
  log?: (line: string) => void;
  /** Only the training steps and the overhead ratio (minutes, not most of an hour, on SwiftShader). */
  stepsOnly?: boolean;
}

const now = () => performance.now();

/**
 * Time `epochs` epochs of the engine's training loop for one configured method; ms per batch.
 * `warmup` first runs one untimed epoch (shader compilation, kernel caches); a caller that has
 * just run the same shapes may skip it.
 */
async function engineStepMs(config: Config, epochs: number, warmup = true): Promise<number> {
  const dataset = await loadDataset(config);
  const data = new SplitTensors(dataset.train, dataset.inputShape);
  const rng = new Rng(config.seed);
  const model = buildModel(config, dataset, rng.fork('init'));
  // An untrained teacher costs the same forward pass as a trained one.
  const teacher = needsTeacher(config.method) ? buildModel(config, dataset, rng.fork('teacher')) : null;
  const optimizer = makeOptimizer(config);
  const control = new RunControl({ tau: config.tau, lambda: config.lambda });
  const epoch = (i: number) =>
    trainEpoch({
      model, optimizer, objective: studentObjective(config), gradients: gradientRule(config), data, batchSize: config.batchSize, numClasses: dataset.numClasses,
      teacher: teacher ? asClassifier(teacher) : null, epsilon: config.epsilon, pgdSteps: config.trainPgdSteps, epoch: i,
      rng: rng.fork(`epoch-${i}`), control, onProgress: () => {},
    });
  if (warmup) await epoch(0);
  const t0 = now();
  for (let i = 1; i <= epochs; i++) await epoch(i);
  const ms = (now() - t0) / (epochs * data.batchCount(config.batchSize));
  [model, teacher].forEach((m) => m?.dispose());
  optimizer.dispose();
  data.dispose();
  return ms;
}

/**
 * The floor: the same MLP and the same natural step written with bare tfjs ops, no engine
 * around it — the same math, so the ratio is the engine's own cost (Layers API, objective and
 * gradient-rule plumbing, readbacks) and not work the method requires: each step gathers a
 * shuffled batch from the whole training set, one-hot labels, cross-entropy, the paper's weight
 * decay as its gradient wd·w, Nesterov momentum.
 */
async function bareNaturalStepMs(config: Config, steps: number): Promise<number> {
  const dataset = await loadDataset(config);
  const h = config.hiddenUnits;
  const k = dataset.numClasses;
  const n = dataset.train.y.length;
  const init = (shape: number[], seed: number) => tf.variable(tf.randomNormal(shape, 0, Math.sqrt(2 / shape[0]), 'float32', seed));
  const weights = [init([2, h], 1), tf.variable(tf.zeros([h])), init([h, h], 2), tf.variable(tf.zeros([h])), init([h, k], 3), tf.variable(tf.zeros([k]))];
  const [w1, b1, w2, b2, w3, b3] = weights;
  const xAll = tf.tensor2d(dataset.train.x, [n, 2]);
  const yAll = tf.tensor1d(dataset.train.y, 'int32');
  const optimizer = tf.train.momentum(config.learningRate, 0.9, true);
  const order = new Rng(config.seed).permutation(n);
  const step = (i: number) => {
    const start = (i * config.batchSize) % Math.max(1, n - config.batchSize);
    const indices = tf.tensor1d(order.subarray(start, start + config.batchSize), 'int32');
    tf.tidy(() => {
      const x = tf.gather(xAll, indices);
      const y = tf.oneHot(tf.gather(yAll, indices), k);
      const { grads } = tf.variableGrads(() => {
        const logits = tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2)), w3), b3);
        return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
      }, weights);
      // The decay's gradient wd·w, added as PyTorch's SGD adds it.
      optimizer.applyGradients(Object.fromEntries(weights.map((w) => [w.name, tf.add(grads[w.name], tf.mul(WEIGHT_DECAY, w))])));
    });
    indices.dispose();
  };
  for (let i = 0; i < 5; i++) step(i);
  await w1.data();
  const t0 = now();
  for (let i = 0; i < steps; i++) step(i);
  await w1.data(); // wait for the GPU to finish
  const ms = (now() - t0) / steps;
  [...weights, xAll, yAll].forEach((t) => t.dispose());
  optimizer.dispose();
  return ms;
}

/** numTensors after each student epoch of a full experiment, per method. */
async function leakCheck(config: Config, method: MethodId): Promise<LeakRow> {
  const tensorsPerEpoch: number[] = [];
  const control = new RunControl({ tau: config.tau, lambda: config.lambda });
  const emit = (event: RunEvent) => {
    if (event.type === 'epoch' && event.phase === 'student') tensorsPerEpoch.push(tf.memory().numTensors);
  };
  const { student } = await runExperiment({ ...config, method, epochs: LEAK_EPOCHS, teacherEpochs: 1 }, { emit, control });
  student?.dispose();
  return { method, tensorsPerEpoch };
}

export async function runBench({ overrides = {}, fashionFiles, log = () => {}, stepsOnly = false }: BenchOptions = {}): Promise<BenchReport> {
  const config: Config = { ...DEFAULT_CONFIG, trainSize: 512, testSize: 256, ...overrides };
  const steps: BenchRow[] = [];
  // The overhead ratio, bare floor against the engine's natural step, in alternating rounds and
  // their median: on a shared CPU (SwiftShader) one pair swung from 0.8 to 1.7 between runs, as the
  // load moved between the two measurements; back to back, both see the same machine.
  const naturalEpochs = Math.ceil(FLOOR_STEPS / Math.ceil(config.trainSize / config.batchSize));
  const rounds: Array<{ bare: number; natural: number }> = [];
  for (let round = 1; round <= OVERHEAD_ROUNDS; round++) {
    log(`bare and engine natural step, round ${round} of ${OVERHEAD_ROUNDS}…`);
    const bare = await bareNaturalStepMs(config, FLOOR_STEPS);
    rounds.push({ bare, natural: await engineStepMs({ ...config, method: 'natural' }, naturalEpochs) });
  }
  const ratios = rounds.map((r) => r.natural / r.bare);
  const middle = rounds[ratios.indexOf(median(ratios))];
  const natural = middle.natural;
  steps.push({ name: 'bare tfjs natural step', ms: middle.bare, unit: 'step' });
  const variants: Array<[string, Partial<Config>]> = [
    ...METHODS.map((method): [string, Partial<Config>] => [method, { method }]),
    ['ltd + AWP', { method: 'ltd', awp: 'on' }],
  ];
  for (const [name, settings] of variants) {
    log(`engine step: ${name}…`);
    const ms = name === 'natural' ? natural : await engineStepMs({ ...config, ...settings }, 1);
    steps.push({ name: `engine ${name} step`, ms, unit: 'step' });
  }
  for (const row of steps.slice(1)) {
    row.ratio = row.ms / natural;
    row.relativeTo = 'engine natural step';
  }
  steps.push({
    name: 'engine natural step vs bare', ms: natural, unit: 'step', ratio: median(ratios), relativeTo: 'bare tfjs natural step',
    rounds: ratios,
  });

  const { trainSize, batchSize, hiddenUnits, trainPgdSteps } = config;
  const measured = { trainSize, batchSize, hiddenUnits, trainPgdSteps };
  if (stepsOnly) return { backend: tf.getBackend(), config: { ...overrides, ...measured }, steps, science: [], leaks: [], memory: [], scaling: [], overheadLimit: OVERHEAD_LIMIT };

  const science = [...(await attackRows(log)), await mnistCnnStepRow(log)];
  if (fashionFiles) science.push(await fashionDecodeRow(fashionFiles, log));

  const leaks: LeakRow[] = [];
  for (const method of METHODS) {
    log(`leak check: ${method}…`);
    leaks.push(await leakCheck({ ...config, trainSize: 128, testSize: 64 }, method));
  }
  const memory = await memoryRows({ ...config, trainSize: 128, testSize: 64 }, { log });
  const ltd: Config = { ...config, method: 'ltd' };
  // The scaling runs change only the batch count and PGD's loop length, not a shape: after the
  // first one, the shaders are compiled and a warm-up epoch per point would double the time.
  let warm = false;
  const scaling = await measureScaling(async (o) => {
    const ms = await engineStepMs({ ...ltd, ...o }, 1, !warm);
    warm = true;
    return ms;
  }, ltd.batchSize, log);
  return { backend: tf.getBackend(), config: { ...overrides, ...measured }, steps, science, leaks, memory, scaling, overheadLimit: OVERHEAD_LIMIT };
}

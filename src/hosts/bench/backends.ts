/**
 * The backend table's measurements on the backend tfjs runs now: the project's Small CNN (8 and
 * 16 channels, 64 hidden) on 128 MNIST digits — its natural training step, its LTD step (PGD-5,
 * a teacher's forward pass, the KL term), one PGD-10 craft of the batch, Square's 1000 queries on
 * a few digits — and the default MLP's natural step on blobs, where a kernel's fixed cost rules.
 * Each through the engine's own code (trainEpoch, pgd, square). Run in Node by backends-node.ts
 * (cpu, wasm) and in the bench page's worker (webgpu, wasm in a browser).
 */
import * as tf from '@tensorflow/tfjs';
import { pgd } from '../../engine/attacks/pgd';
import { square } from '../../engine/attacks/square';
import { RunControl } from '../../engine/control';
import { loadDataset } from '../../engine/data';
import { SplitTensors } from '../../engine/data/batches';
import { asClassifier, buildModel } from '../../engine/models';
import { gradientRule } from '../../engine/train/awp';
import { studentObjective } from '../../engine/train/objectives';
import { makeOptimizer } from '../../engine/train/optimizer';
import { trainEpoch } from '../../engine/train/trainer';
import { type Config, DEFAULT_CONFIG, needsTeacher } from '../../shared/config';
import { Rng } from '../../shared/rng';

/** What one backend measured, ms per unit; null where it was not measured. */
export interface BackendTimings {
  backend: string;
  /** Engine natural step, Small CNN, batch 128. */
  naturalStepMs: number | null;
  /** Engine LTD step (PGD-5 crafted on the batch, teacher forward, KL), batch 128. */
  ltdStepMs: number | null;
  /** One PGD-10 craft of a batch of 128 (the evaluation form: best iterate kept). */
  pgd10Ms: number | null;
  /** Square spending its whole budget of 1000 queries on each of `squarePoints` digits. */
  squareMs: number | null;
  /** The page's default MLP (2 × 64 hidden) natural step on blobs, batch 64. */
  mlpStepMs: number | null;
}

export interface BackendBenchOptions {
  /** Training steps timed per step figure (after one untimed warm-up epoch of as many). */
  steps?: number;
  /** Test digits Square attacks with its 1000 queries. */
  squarePoints?: number;
  /** Which figures to take (all by default): SwiftShader spends minutes on each. */
  only?: Array<keyof Omit<BackendTimings, 'backend'>>;
  log?: (line: string) => void;
}

export const CNN: Config = { ...DEFAULT_CONFIG, dataset: 'mnist', model: 'cnn', batchSize: 128, epsilon: 0.3, convChannels: 8, hiddenUnits: 64 };

const now = () => performance.now();

/** ms per training step of `config`'s method over `steps` batches, after a warm-up epoch. */
async function stepMs(config: Config, steps: number): Promise<number> {
  const dataset = await loadDataset({ ...config, trainSize: steps * config.batchSize });
  const data = new SplitTensors(dataset.train, dataset.inputShape);
  const rng = new Rng(config.seed);
  const model = buildModel(config, dataset, rng.fork('init'));
  // An untrained teacher costs the same forward pass as a trained one.
  const teacher = needsTeacher(config.method) ? buildModel(config, dataset, rng.fork('teacher')) : null;
  const optimizer = makeOptimizer(config);
  const control = new RunControl({ tau: config.tau, lambda: config.lambda });
  const epoch = (i: number) =>
    trainEpoch({
      model, optimizer, objective: studentObjective(config), gradients: gradientRule(config), data, batchSize: config.batchSize,
      numClasses: dataset.numClasses, teacher: teacher ? asClassifier(teacher) : null, epsilon: config.epsilon,
      pgdSteps: config.trainPgdSteps, epoch: i, rng: rng.fork(`epoch-${i}`), control, onProgress: () => {},
    });
  try {
    await epoch(0);
    const t0 = now();
    await epoch(1);
    return (now() - t0) / data.batchCount(config.batchSize);
  } finally {
    [model, teacher].forEach((m) => m?.dispose());
    optimizer.dispose();
    data.dispose();
  }
}

type Attack = (model: (x: tf.Tensor) => tf.Tensor2D, x: tf.Tensor, y: tf.Tensor1D) => Promise<tf.Tensor>;

/**
 * ms of one attack call on an untrained CNN (its cost does not depend on the weights' values),
 * after a warm-up call. The labels are the model's own predictions, so every point is attacked.
 */
async function attackMs(run: Attack, points: number, warmup: Attack = run): Promise<number> {
  const dataset = await loadDataset({ ...CNN, testSize: points });
  const model = buildModel(CNN, dataset, new Rng(1));
  const x = tf.tensor4d(dataset.test.x, [dataset.test.n, ...dataset.inputShape] as [number, number, number, number]);
  const y = tf.tidy(() => tf.argMax(asClassifier(model)(x), -1).toInt() as tf.Tensor1D);
  try {
    (await warmup(asClassifier(model), x, y)).dispose();
    const t0 = now();
    (await run(asClassifier(model), x, y)).dispose();
    return now() - t0;
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}

/** Every figure of the table on the backend tfjs runs now. */
export async function timeBackend({ steps = 4, squarePoints = 16, only, log = () => {} }: BackendBenchOptions = {}): Promise<BackendTimings> {
  const wanted = (key: keyof Omit<BackendTimings, 'backend'>) => !only || only.includes(key);
  const backend = tf.getBackend();
  const take = async (key: keyof Omit<BackendTimings, 'backend'>, label: string, measure: () => Promise<number>) => {
    if (!wanted(key)) return null;
    log(`${backend}: ${label}…`);
    return measure();
  };
  return {
    backend,
    naturalStepMs: await take('naturalStepMs', 'CNN natural step', () => stepMs({ ...CNN, method: 'natural' }, steps)),
    ltdStepMs: await take('ltdStepMs', 'CNN LTD step (PGD-5)', () => stepMs({ ...CNN, method: 'ltd', trainPgdSteps: 5 }, steps)),
    pgd10Ms: await take('pgd10Ms', 'CNN PGD-10 craft', () =>
      attackMs(async (m, x, y) => (await pgd(m, x, y, { epsilon: CNN.epsilon, steps: 10, seed: 1 })).xAdv, CNN.batchSize)),
    squareMs: await take('squareMs', `CNN Square, 1000 queries, ${squarePoints} digits`, () =>
      attackMs(
        // At ε = 0.001 no digit breaks, so Square spends the whole budget on every point.
        async (m, x, y) => (await square(m, x, y, { epsilon: 0.001, queries: 1000, seed: 1 })).xAdv, squarePoints,
        async (m, x, y) => (await square(m, x, y, { epsilon: 0.001, queries: 20, seed: 1 })).xAdv,
      )),
    mlpStepMs: await take('mlpStepMs', 'MLP natural step (blobs)', () => stepMs({ ...DEFAULT_CONFIG, method: 'natural' }, 8)),
  };
}

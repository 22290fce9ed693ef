/**
 * For tests only (python-fixtures.test.ts writes it to python/fixtures/engine-losses.json): each
 * method's objective as the engine computes it on one hand-made batch and a hand-made 2→4→3 ReLU
 * network — the training PGD's x', the batch loss, the step's gradients with the method's weight
 * decay, and with AWP where the method takes it — for python/test_ltd_torch.py to reproduce.
 */
import * as tf from '@tensorflow/tfjs';
import { AWP_METHODS, type Config, DEFAULT_CONFIG, teacherTemperature } from '../../shared/config';
import type { Classifier } from '../models';
import { awpGradients } from '../train/awp';
import { plainGradientsFor } from '../train/gradients';
import { type BatchContext, naturalObjective, type Objective, studentObjective } from '../train/objectives';

/** Weights in tfjs's layout ([in, out]), chosen so no unit sits at a ReLU kink and no gradient is tiny. */
const WEIGHTS = {
  w1: [[0.9, -1.3, 0.4, 1.1], [-0.7, 0.8, 1.5, -0.6]],
  b1: [0.1, 0.05, -0.2, 0.15],
  w2: [[1.2, -0.8, 0.3], [-0.5, 1.1, -0.9], [0.7, 0.2, -1.0], [-0.4, -0.6, 1.3]],
  b2: [0.05, -0.1, 0.02],
};

/** Six points of three classes, two near the box's edge (PGD's clipping to [0, 1] matters there). */
const BATCH = {
  x: [[0.2, 0.7], [0.85, 0.3], [0.5, 0.5], [0.03, 0.96], [0.6, 0.12], [0.35, 0.4]],
  y: [0, 1, 2, 0, 1, 2],
  teacherLogits: [[2.1, -0.4, 0.3], [-1.0, 1.7, 0.2], [0.1, -0.3, 1.4], [3.0, 0.5, -1.2], [-0.2, 2.4, 0.9], [0.4, 0.1, 0.8]],
};

/** The settings every case shares; each case changes only method, LTD base and inner maximisation. */
const SETTINGS = {
  ...DEFAULT_CONFIG, tau: 3, lambda: 2, smoothing: 0.2, distillTemperature: 4, awpGamma: 0.01,
  epsilon: 0.1, trainPgdSteps: 3, trainPgdStepSize: 0,
} satisfies Config;
const ATTACK_SEED = 4242;

const CASES: (Pick<Config, 'method' | 'ltdBase' | 'innerMax'> & Partial<Pick<Config, 'norm'>>)[] = [
  { method: 'natural', ltdBase: 'trades', innerMax: 'ce' },
  { method: 'pgd-at', ltdBase: 'trades', innerMax: 'ce' },
  ...(['ce', 'kl'] as const).flatMap((innerMax) => [
    { method: 'trades' as const, ltdBase: 'trades' as const, innerMax },
    { method: 'label-smoothing' as const, ltdBase: 'trades' as const, innerMax },
    { method: 'ltd' as const, ltdBase: 'trades' as const, innerMax },
    { method: 'ltd' as const, ltdBase: 'pgd-at' as const, innerMax },
  ]),
  { method: 'defensive-distillation', ltdBase: 'trades', innerMax: 'ce' },
  // Under L2 (ε the L2 radius): the uniform start in the L2 ball, TRADES' start, normalised-gradient steps, the exact projection.
  { method: 'pgd-at', ltdBase: 'trades', innerMax: 'ce', norm: 'l2' },
  { method: 'trades', ltdBase: 'trades', innerMax: 'kl', norm: 'l2' },
  { method: 'ltd', ltdBase: 'trades', innerMax: 'ce', norm: 'l2' },
];

const read = async (t: tf.Tensor) => t.array();

/** Gradients by weight name, in the fixture's names, read and freed. */
async function named(variables: Record<string, tf.Variable>, grads: tf.NamedTensorMap) {
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(variables)) out[name] = await read(grads[v.name]);
  tf.dispose(Object.values(grads));
  return out;
}

async function measure(objective: Objective, ctx: BatchContext, variables: Record<string, tf.Variable>, config: Config, awp: boolean) {
  const xAdv = objective.craft(ctx);
  const loss = objective.loss(ctx, xAdv);
  const list = Object.values(variables);
  const plain = plainGradientsFor(config.method)(list, () => objective.loss(ctx, xAdv));
  const result: Record<string, unknown> = {
    xAdv: xAdv ? await read(xAdv) : null,
    loss: (await loss.data())[0],
    gradients: await named(variables, plain.grads),
  };
  if (awp) {
    const step = awpGradients(config.awpGamma)(list, () => objective.loss(ctx, xAdv));
    result.awpGradients = await named(variables, step.grads);
    step.dataLoss.dispose();
  }
  tf.dispose([loss, plain.dataLoss, ...(xAdv ? [xAdv] : [])]);
  return result;
}

export async function lossesFixture() {
  const variables = Object.fromEntries(Object.entries(WEIGHTS).map(([name, w]) => [name, tf.variable(tf.tensor(w))])) as Record<keyof typeof WEIGHTS, tf.Variable>;
  const model: Classifier = (x) =>
    tf.tidy(() => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x as tf.Tensor2D, variables.w1), variables.b1)), variables.w2), variables.b2) as tf.Tensor2D);
  const x = tf.tensor2d(BATCH.x);
  const y = tf.tensor1d(BATCH.y, 'int32');
  const teacherLogits = tf.tensor2d(BATCH.teacherLogits);
  const ctx = (config: Config): BatchContext => ({
    model, attackModel: model, x, y, numClasses: 3, teacherLogits, tau: config.tau, lambda: config.lambda,
    epsilon: config.epsilon, pgdSteps: config.trainPgdSteps, pgdStepSize: config.trainPgdStepSize || undefined, seed: ATTACK_SEED,
    norm: config.norm,
  });
  try {
    const cases = [];
    for (const changes of CASES) {
      const config = { ...SETTINGS, ...changes };
      cases.push({ changes, ...(await measure(studentObjective(config), ctx(config), variables, config, AWP_METHODS.includes(config.method))) });
    }
    // The teacher's natural objective at its temperature: 1 for LTD, T_d for defensive distillation.
    const teachers = [];
    for (const method of ['ltd', 'defensive-distillation'] as const) {
      const config = { ...SETTINGS, method };
      const temperature = teacherTemperature(config);
      teachers.push({ method, temperature, ...(await measure(naturalObjective(temperature), ctx(config), variables, config, false)) });
    }
    return {
      about: 'Written by src/engine/export/python-fixtures.test.ts from the engine; read by python/test_ltd_torch.py.',
      weights: WEIGHTS, batch: BATCH, settings: SETTINGS, attackSeed: ATTACK_SEED, cases, teachers,
    };
  } finally {
    tf.dispose([x, y, teacherLogits, ...Object.values(variables)]);
  }
}

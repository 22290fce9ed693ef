/**
 * For tests only (python-fixtures.test.ts writes it to python/fixtures/engine-l2.json): the engine's L2
 * threat model on a small trained model, for python/test_l2_engine.py to hold python/ltd_torch.py to.
 * A 16→12→3 ReLU network is trained here (full-batch SGD, fixed seed) on three Gaussian clusters of
 * 4×4×1 "images" in [0, 1] — images, so Square-L2 moves real windows rather than single pixels — and
 * its weights, the test points and each L2 attack's per-point outcome on them are written down:
 * the exact projection on hand-made cases, FGM-L2 (deterministic: the Python side must agree point
 * for point), PGD-L2 (its random start is the engine's tf.randomNormal / tf.randomUniform, which the
 * script reproduces), APGD-L2 and Square-L2 (their random draws differ between the two: robust
 * accuracies must agree within sampling error), and the training PGD's last iterate from both starts.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../shared/rng';
import { apgd } from '../attacks/apgd';
import { fgsm } from '../attacks/fgsm';
import { pgd, pgdPerturb } from '../attacks/pgd';
import { square } from '../attacks/square';
import { projectL2 } from '../attacks/threat';
import type { Classifier } from '../models';

const SHAPE = [4, 4, 1];
const FEATURES = 16;
const HIDDEN = 12;
const CLASSES = 3;
const TRAIN = 240;
const TEST = 200;
const SPREAD = 0.16;
const STEPS = 300;
const LEARNING_RATE = 0.5;
/** The L2 radius: PGD-L2 leaves about two thirds of the points standing, so robust accuracy sits mid-range. */
const EPSILON = 0.3;
const SEED = 2026;
const PGD = { steps: 10, stepSize: (2.5 * EPSILON) / 10, seed: 77 };
const APGD = { steps: 20, seed: 78 };
const SQUARE = { queries: 300, seed: 79 };
/** The training PGD (pgdPerturb) on the first points, from each start a method uses. */
const TRAIN_PGD = { points: 16, steps: 5, stepSize: (2.5 * EPSILON) / 5, seed: 80 };

/** n points of class c around the class's centre, clipped to [0, 1]; labels cycle 0, 1, 2. */
function clusters(rng: Rng, centres: number[][], n: number) {
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % CLASSES;
    x.push(centres[c].map((m) => Math.min(1, Math.max(0, m + SPREAD * rng.normal()))));
    y.push(c);
  }
  return { x, y };
}

const round = (rows: number[][]) => rows.map((r) => r.map((v) => Math.fround(v)));

async function projectionCases(rng: Rng) {
  const x0 = Array.from({ length: 6 }, (_, i) => Array.from({ length: FEATURES }, (_, j) => (j < i ? (i % 2 ? 0 : 1) : rng.next())));
  const x = x0.map((row, i) => row.map((v) => v + (0.1 + 0.3 * i) * rng.normal()));
  const out = [];
  for (const epsilon of [0.2, 0.7]) {
    const projected = tf.tidy(() => projectL2(tf.tensor2d(x), tf.tensor2d(x0), epsilon));
    out.push({ epsilon, projected: await projected.array() });
    projected.dispose();
  }
  return { x: round(x), x0: round(x0), cases: out };
}

export async function l2Fixture() {
  const rng = new Rng(SEED);
  const centres = Array.from({ length: CLASSES }, () => Array.from({ length: FEATURES }, () => 0.2 + 0.6 * rng.next()));
  const train = clusters(rng, centres, TRAIN);
  const test = clusters(rng, centres, TEST);
  const initial = (rows: number, cols: number) => tf.tensor2d(Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.normal() * Math.sqrt(2 / rows))));
  const variables = {
    w1: tf.variable(initial(FEATURES, HIDDEN)), b1: tf.variable(tf.zeros([HIDDEN])),
    w2: tf.variable(initial(HIDDEN, CLASSES)), b2: tf.variable(tf.zeros([CLASSES])),
  };
  const model: Classifier = (x) =>
    tf.tidy(() => {
      const flat = tf.reshape(x, [x.shape[0], FEATURES]) as tf.Tensor2D;
      return tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(flat, variables.w1), variables.b1)), variables.w2), variables.b2) as tf.Tensor2D;
    });
  const xTrain = tf.tensor2d(train.x);
  const yTrain = tf.oneHot(tf.tensor1d(train.y, 'int32'), CLASSES);
  const xTest = tf.reshape(tf.tensor2d(test.x), [TEST, ...SHAPE]);
  const yTest = tf.tensor1d(test.y, 'int32');
  const optimizer = tf.train.sgd(LEARNING_RATE);
  try {
    for (let step = 0; step < STEPS; step++) {
      optimizer.minimize(() => tf.losses.softmaxCrossEntropy(yTrain, model(xTrain)) as tf.Scalar)?.dispose();
    }
    const outcome = async (result: { xAdv: tf.Tensor; cleanCorrect: Uint8Array; advCorrect: Uint8Array; queries?: Int32Array }, keep = false) => {
      const out = {
        cleanCorrect: Array.from(result.cleanCorrect), advCorrect: Array.from(result.advCorrect),
        ...(keep ? { xAdv: ((await tf.reshape(result.xAdv, [TEST, FEATURES]).array()) as number[][]).slice(0, 20) } : {}),
      };
      result.xAdv.dispose();
      return out;
    };
    const fgm = await outcome(await fgsm(model, xTest, yTest, { epsilon: EPSILON, norm: 'l2' }), true);
    const pgdL2 = await outcome(await pgd(model, xTest, yTest, { epsilon: EPSILON, norm: 'l2', restarts: 1, start: 'uniform', ...PGD }));
    const apgdL2 = await outcome(await apgd(model, xTest, yTest, { epsilon: EPSILON, norm: 'l2', loss: 'ce', restarts: 1, ...APGD }));
    const squareL2 = await outcome(await square(model, xTest, yTest, { epsilon: EPSILON, norm: 'l2', pInit: 0.8, ...SQUARE }));
    const trainPgd = [];
    for (const start of ['uniform', 'normal-small'] as const) {
      const xs = tf.slice(xTest, [0], [TRAIN_PGD.points]);
      const targets = tf.oneHot(tf.slice(yTest, [0], [TRAIN_PGD.points]), CLASSES);
      const loss = (input: tf.Tensor) => tf.losses.softmaxCrossEntropy(targets, model(input)) as tf.Scalar;
      const xAdv = pgdPerturb(loss, xs, { epsilon: EPSILON, norm: 'l2', start, ...TRAIN_PGD });
      trainPgd.push({ start, xAdv: await tf.reshape(xAdv, [TRAIN_PGD.points, FEATURES]).array() });
      tf.dispose([xs, targets, xAdv]);
    }
    const weights = Object.fromEntries(await Promise.all(Object.entries(variables).map(async ([k, v]) => [k, await v.array()])));
    return {
      about: 'Written by src/engine/export/python-fixtures.test.ts (test-fixture-l2.ts) from the engine; read by python/test_l2_engine.py.',
      shape: SHAPE, weights, x: round(test.x), y: test.y, epsilon: EPSILON,
      projection: await projectionCases(rng),
      fgm, pgd: { ...PGD, ...pgdL2 }, apgd: { ...APGD, loss: 'ce', ...apgdL2 }, square: { ...SQUARE, pInit: 0.8, ...squareL2 },
      trainPgd: { ...TRAIN_PGD, cases: trainPgd },
    };
  } finally {
    optimizer.dispose();
    tf.dispose([xTrain, yTrain, xTest, yTest, ...Object.values(variables)]);
  }
}

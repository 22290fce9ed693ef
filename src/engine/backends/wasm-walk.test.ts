/**
 * Every method × model trains one step and is evaluated by one PGD step on wasm, through the
 * page's own code path (runExperiment), and the detector runs once on a conv net: any kernel that
 * wasm lacks surfaces here as "Kernel '…' not registered for backend 'wasm'".
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, DEFAULT_CONFIG, METHODS, type ModelId } from '../../shared/config';
import type { EngineEvent } from '../../shared/events';
import { RunControl } from '../control';
import { imageSets } from '../data/registry';
import { DIGIT_CLASSES, type ImageSet } from '../data/image-set';
import { knownImages } from '../data/test-files';
import { runDetector } from '../eval/detector';
import { asClassifier } from '../models';
import { runExperiment } from '../run/experiment';
import './wasm-kernels';

/** A tiny stand-in for an image set (the kernels care about shapes, not digits). */
function fakeImages(id: ImageSet['id'], height: number, width: number, channels: number): ImageSet {
  const split = (n: number) => ({ ...knownImages(n, height * width * channels), n });
  return { id, source: 'test', height, width, channels, classNames: DIGIT_CLASSES, train: split(8), test: split(8) };
}

const VARIANTS: Array<[string, Partial<Config>]> = [
  ...METHODS.map((method): [string, Partial<Config>] => [method, { method }]),
  ['ltd + AWP', { method: 'ltd', awp: 'on' }],
  ['trades + AWP, KL inner maximisation', { method: 'trades', awp: 'on', innerMax: 'kl' }],
  ['pgd-at + AWP, augmented', { method: 'pgd-at', awp: 'on', augment: 'on' }],
];

/** The data set each model is walked on: 2-D blobs for the MLP, 28×28 grey and 32×32 colour images for the conv nets. */
const MODEL_DATA: Array<[ModelId, Config['dataset']]> = [['mlp', 'blobs'], ['cnn', 'mnist'], ['resnet', 'cifar10'], ['mlp', 'mnist']];

/** One training step (8 examples, batch 8), one PGD step in the evaluation. */
const ONE_STEP: Partial<Config> = {
  trainSize: 8, testSize: 8, evalSubset: 4, batchSize: 8, epochs: 1, teacherEpochs: 1, trainPgdSteps: 1, evalPgdSteps: 1,
  hiddenUnits: 4, convChannels: 2, resnetBlocks: 1, evalAttack: 'pgd',
};

describe('every method and model on wasm', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    imageSets.put(fakeImages('mnist', 28, 28, 1));
    imageSets.put(fakeImages('cifar10', 32, 32, 3));
  });
  afterAll(async () => {
    imageSets.clear();
    await tf.setBackend('cpu');
  });

  for (const [model, dataset] of MODEL_DATA) {
    it(`trains one step of every method on the ${model} (${dataset}) and attacks it with PGD`, async () => {
      for (const [name, settings] of VARIANTS) {
        const config: Config = { ...DEFAULT_CONFIG, dataset, model, epsilon: 0.1, ...ONE_STEP, ...settings };
        const events: EngineEvent[] = [];
        const { student } = await runExperiment(config, { control: new RunControl({ tau: config.tau, lambda: config.lambda }), emit: (e) => void events.push(e) });
        student?.dispose();
        const errors = events.flatMap((e) => (e.type === 'error' ? [`${name}: ${e.message}`] : []));
        expect(errors).toEqual([]);
        const epochs = events.filter((e) => e.type === 'epoch' && e.phase === 'student');
        expect(epochs, name).toHaveLength(1);
        expect(epochs[0]).toMatchObject({ robustAcc: expect.any(Number) });
      }
    });
  }

  it('runs the detector on a conv net (FGSM, PGD, Square, noise, the ε sweep, input gradients)', async () => {
    const config: Config = { ...DEFAULT_CONFIG, dataset: 'mnist', model: 'cnn', epsilon: 0.1, ...ONE_STEP, method: 'natural' };
    const { student, dataset } = await runExperiment(config, { control: new RunControl({ tau: 1, lambda: 1 }), emit: () => {} });
    const x = tf.tensor4d(dataset!.test.x, [dataset!.test.n, 28, 28, 1]);
    const y = tf.tensor1d(dataset!.test.y, 'int32');
    const report = await runDetector(asClassifier(student!), x, y, { epsilon: 0.1, seed: 1, pgdSteps: 2, squareQueries: 20, whiteBox: 'pgd' });
    expect(['clean', 'suspected', 'masked', 'no verdict']).toContain(report.verdict);
    tf.dispose([x, y]);
    student!.dispose();
  });
});

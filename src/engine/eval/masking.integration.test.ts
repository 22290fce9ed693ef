/**
 * The detector on models really trained on blobs (cpu, tiny): defensive distillation is
 * caught, TRADES and LTD τ = 5 pass, and saturating a plain model's softmax trips the
 * gradient check. ε = 0.15 for distillation: on 2-D data its PGD–Square gap only shows at
 * ε ≥ 0.1 (DESIGN.md §5).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { type Config, DEFAULT_CONFIG } from '../config';
import { RunControl } from '../control';
import { SplitTensors } from '../data/batches';
import type { Dataset } from '../data/types';
import { runExperiment } from '../experiment';
import { asClassifier, type Classifier } from '../models';
import { runDetector } from './masking';

const TINY: Partial<Config> = { trainSize: 512, testSize: 100, evalSubset: 20, epochs: 5, teacherEpochs: 5, hiddenUnits: 32 };
/** Few queries suffice on 2-D points: Square only moves between the 4 corners of the ε-box there. */
const DETECTOR = { squareQueries: 150, noiseDraws: 10, pgdSteps: 10, seed: 1 };

const owned: Array<{ dispose: () => void }> = [];
afterAll(() => owned.forEach((t) => t.dispose()));

async function trainOnBlobs(overrides: Partial<Config>): Promise<{ model: Classifier; test: SplitTensors }> {
  const config: Config = { ...DEFAULT_CONFIG, ...TINY, ...overrides };
  let kept: { model: tf.LayersModel; dataset: Dataset } | null = null;
  const errors: string[] = [];
  await runExperiment(config, {
    emit: (e) => void (e.type === 'error' && errors.push(e.message)),
    control: new RunControl({ tau: config.tau, lambda: config.lambda }),
    keepStudent: (model, dataset) => void (kept = { model, dataset }),
  });
  expect(errors).toEqual([]);
  const { model, dataset } = kept!;
  const test = new SplitTensors(dataset.test, dataset.inputShape);
  owned.push(model, test);
  return { model: asClassifier(model), test };
}

describe('gradient-masking detector on trained models', () => {
  it('judges a defensively distilled model (T_d = 50, Adam) masked, with Square beating PGD', async () => {
    const { model, test } = await trainOnBlobs({
      method: 'defensive-distillation', distillTemperature: 50, optimizer: 'adam', learningRate: 1e-3,
      lrSchedule: 'constant', epochs: 15, teacherEpochs: 15, trainSize: 1000, batchSize: 32, hiddenUnits: 64, testSize: 200,
    });
    const report = await runDetector(model, test.x, test.y, { ...DETECTOR, epsilon: 0.15 });
    const failed = report.checks.filter((c) => !c.passed).map((c) => c.id);
    expect(report.cleanAccuracy).toBeGreaterThan(50); // it learned something: a counter-example to judge
    expect(['masked', 'suspected']).toContain(report.verdict);
    expect(failed).toContain('vanishing-gradients');
    expect(failed.includes('square-vs-pgd') || failed.includes('noise-vs-pgd')).toBe(true);
    expect(report.attacks.square.successRate).toBeGreaterThan(report.attacks.pgd.successRate);
  });

  it('judges TRADES clean', async () => {
    const { model, test } = await trainOnBlobs({ method: 'trades' });
    const report = await runDetector(model, test.x, test.y, { ...DETECTOR, epsilon: 0.05 });
    expect(report.checks.filter((c) => !c.passed)).toEqual([]);
    expect(report.verdict).toBe('clean');
  });

  it('judges LTD at τ = 5 clean', async () => {
    const { model, test } = await trainOnBlobs({ method: 'ltd', tau: 5 });
    const report = await runDetector(model, test.x, test.y, { ...DETECTOR, epsilon: 0.05 });
    expect(report.checks.filter((c) => !c.passed)).toEqual([]);
    expect(report.verdict).toBe('clean');
  });

  it('trips the vanishing-gradient check when a natural model’s logits are multiplied by 1000', async () => {
    const { model, test } = await trainOnBlobs({ method: 'natural' });
    const saturated: Classifier = (x) => tf.tidy(() => tf.mul(model(x), 1000) as tf.Tensor2D);
    const options = { ...DETECTOR, epsilon: 0.05, squareQueries: 50, sweepMultiples: [1] };
    const plain = await runDetector(model, test.x, test.y, options);
    const scaled = await runDetector(saturated, test.x, test.y, options);
    const vanishing = (r: typeof plain) => r.checks.find((c) => c.id === 'vanishing-gradients')!;
    expect(vanishing(plain).passed).toBe(true);
    expect(vanishing(scaled).passed).toBe(false);
    expect(scaled.gradients.logitScale).toBeCloseTo(1000 * plain.gradients.logitScale, -1);
    expect(scaled.verdict).not.toBe('clean');
  });
});

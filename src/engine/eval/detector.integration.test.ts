/**
 * The detector on a model really trained on blobs (cpu, tiny): a defensively distilled student
 * stuck at chance gets no verdict. The calibration corpus (run/corpus.test.ts) judges the
 * trained honest, masked and broken models at the page's sizes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type Config, DEFAULT_CONFIG } from '../../shared/config';
import { RunControl } from '../control';
import { SplitTensors } from '../data/batches';
import type { Dataset } from '../data/types';
import type { Emit, RunEvent } from '../../shared/events';
import { runExperiment } from '../run/experiment';
import { asClassifier, type Classifier } from '../models';
import { runDetector } from './detector';

const TINY: Partial<Config> = { trainSize: 512, testSize: 100, evalSubset: 20, epochs: 5, teacherEpochs: 5, hiddenUnits: 32 };
/** Few queries suffice on 2-D points: Square only moves between the 4 corners of the ε-box there. */
const DETECTOR = { squareQueries: 150, noiseDraws: 10, pgdSteps: 10, seed: 1, aaBudget: 'quick' as const };

const owned: Array<{ dispose: () => void }> = [];
afterAll(() => owned.forEach((t) => t.dispose()));

async function trainOnBlobs(overrides: Partial<Config>, onEvent: Emit<RunEvent> = () => {}): Promise<{ model: Classifier; test: SplitTensors }> {
  const config: Config = { ...DEFAULT_CONFIG, ...TINY, ...overrides };
  const errors: string[] = [];
  const result = await runExperiment(config, {
    emit: (e) => {
      if (e.type === 'error') errors.push(e.message);
      onEvent(e);
    },
    control: new RunControl({ tau: config.tau, lambda: config.lambda }),
  });
  expect(errors).toEqual([]);
  const model = result.student!;
  const dataset: Dataset = result.dataset!;
  const test = new SplitTensors(dataset.test, dataset.inputShape);
  owned.push(model, test);
  return { model: asClassifier(model), test };
}

describe('gradient-masking detector on trained models', () => {
  it('gives no verdict on a student stuck at chance, whatever its checks say', async () => {
    // One epoch at the old recipe (Adam 1e-3): the student has not left chance yet.
    const { model, test } = await trainOnBlobs({
      method: 'defensive-distillation', optimizer: 'adam', learningRate: 1e-3, epochs: 1, teacherEpochs: 1, trainSize: 256,
    });
    const report = await runDetector(model, test.x, test.y, { ...DETECTOR, epsilon: 0.05, sweepMultiples: [1], squareQueries: 20 });
    expect(report.cleanAccuracy).toBeLessThan(45);
    expect(report.verdict).toBe('no verdict');
    expect(report.judgeable.reason).toMatch(/near-chance|one-class/);
  });
});

/**
 * The detector on models really trained on blobs (cpu, tiny): defensive distillation trains to
 * its teacher's accuracy and is caught by its vanishing gradients (on 2-D data its PGD–Square
 * gap only shows at ε ≥ 0.1, DESIGN.md §5); a student stuck at chance gets no verdict; TRADES
 * and LTD τ = 5 pass; saturating a plain model's softmax trips the gradient check.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { type Config, DEFAULT_CONFIG, defaultsFor } from '../../shared/config';
import { RunControl } from '../control';
import { SplitTensors } from '../data/batches';
import type { Dataset } from '../data/types';
import type { EmitFn } from '../../shared/events';
import { runExperiment } from '../run/experiment';
import { asClassifier, type Classifier } from '../models';
import { runDetector } from './detector';

const TINY: Partial<Config> = { trainSize: 512, testSize: 100, evalSubset: 20, epochs: 5, teacherEpochs: 5, hiddenUnits: 32 };
/** Few queries suffice on 2-D points: Square only moves between the 4 corners of the ε-box there. */
const DETECTOR = { squareQueries: 150, noiseDraws: 10, pgdSteps: 10, seed: 1, aaBudget: 'quick' as const };

const owned: Array<{ dispose: () => void }> = [];
afterAll(() => owned.forEach((t) => t.dispose()));

async function trainOnBlobs(overrides: Partial<Config>, onEvent: EmitFn = () => {}): Promise<{ model: Classifier; test: SplitTensors }> {
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
  it('trains defensive distillation on default blobs to its teacher’s accuracy, and flags its vanishing gradients', async () => {
    // The page's defaults for the method (T_d = 50, Adam 1e-2 constant, no weight decay, 8 + 8
    // epochs on 1000 points); a smaller test split and subset only make the evaluation cheaper.
    const accuracy = { teacher: 0, student: 0 };
    const { model, test } = await trainOnBlobs(
      { ...defaultsFor({ method: 'defensive-distillation' }), method: 'defensive-distillation', testSize: 200, evalSubset: 20 },
      (e) => void (e.type === 'epoch' && (accuracy[e.phase] = e.natAcc)),
    );
    const subset = test.head(100);
    owned.push(subset.x, subset.y);
    const report = await runDetector(model, subset.x, subset.y, { ...DETECTOR, epsilon: 0.05 });
    const failed = report.checks.filter((c) => !c.passed).map((c) => c.id);
    const number = (id: string, label: string) => report.checks.find((c) => c.id === id)!.numbers.find((n) => n.label === label)!.value;
    // Both on the whole test split, after the last epoch.
    expect(accuracy.teacher).toBeGreaterThan(90);
    expect(Math.abs(accuracy.student - accuracy.teacher)).toBeLessThanOrEqual(5);
    expect(report.judgeable.judgeable).toBe(true);
    expect(['masked', 'suspected']).toContain(report.verdict);
    // Why: most points have an exactly zero CE gradient (saturated softmax at logits ~100× a
    // natural model's). AA-lite's white-box part is not fooled by it — its margin APGD follows
    // logit differences, so from x at ε = 1 it breaks (almost) every point where a random start
    // alone breaks far fewer — so the strong checks pass and the warning signs name the cause:
    // the vanishing gradients, and at most Square pulling ahead at the sweep's largest ε.
    expect(failed).toContain('vanishing-gradients');
    expect(failed.every((id) => id === 'vanishing-gradients' || id === 'epsilon-growth')).toBe(true);
    expect(number('vanishing-gradients', 'points with ∇ₓL exactly 0 (sign(∇ₓL) = 0: gradient attacks cannot move)')).toBeGreaterThan(50);
    expect(number('unbounded', 'white-box success (from x, no random start)')).toBeGreaterThan(
      number('unbounded', 'random start alone (uniform in the ε-ball, no steps)'),
    );
    // AA-lite is never weaker than PGD-10 kept beside it for comparison.
    expect(report.attacks.aaLite!.robustAccuracy).toBeLessThanOrEqual(report.attacks.pgd.robustAccuracy);
    // With CE-PGD as the white-box side the same model fools the attack itself: from x at ε = 1
    // PGD cannot move where the gradient is zero, so the (strong) unbounded check fails too.
    const withPgd = await runDetector(model, subset.x, subset.y, { ...DETECTOR, epsilon: 0.05, whiteBox: 'pgd', sweepMultiples: [1] });
    expect(withPgd.verdict).toBe('masked');
    expect(withPgd.checks.filter((c) => !c.passed).map((c) => c.id)).toEqual(expect.arrayContaining(['unbounded', 'vanishing-gradients']));
  }, 180_000);

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

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../attacks/test-leaks';
import { randomMlp } from '../attacks/test-models';
import { attackName } from '../../shared/describe';
import { DetectorCancelled, runDetector } from './detector';

const TINY = {
  epsilon: 0.1, seed: 1, pgdSteps: 2, restarts: 1, squareQueries: 10, noiseDraws: 2, whiteBox: 'pgd' as const, aaBudget: 'quick' as const,
  evaluation: { attack: 'PGD' as const, steps: 2, restarts: 1 },
};

describe('the detector at ε = 8/255', () => {
  expectNoTensorLeaks();

  it('shows its own PGD and Square at the main ε in the sweep, spends nothing on them, and corrects z for its tests', async () => {
    const { model, dispose } = randomMlp(2, 2, 8, 3);
    const x = tf.randomUniform([6, 2], 0, 1, 'float32', 3);
    const y = tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32');
    const fractions = new Map<string, number>();
    const report = await runDetector(model, x, y, { ...TINY, epsilon: 8 / 255, sweepMultiples: [1] }, (p) => {
      if (!fractions.has(p.stage)) fractions.set(p.stage, p.fraction);
    });
    expect(report.sweep).toHaveLength(1);
    expect(report.sweep[0].epsilon).toBe(8 / 255);
    expect(report.sweep[0].pgd).toBe(report.attacks.whiteBox);
    expect(report.attacks.pgd).toBe(report.attacks.whiteBox); // PGD is the white-box side: no second run
    // The chart's attack is PGD-2 × 1 restart, the comparison's own settings: measured once.
    expect(report.attacks.evaluation).toBe(report.attacks.pgd);
    expect(fractions.has('PGD-2 (the accuracy chart\'s attack)')).toBe(false);
    // AA-lite's worst case runs whatever the white-box side, for the report's first line.
    expect(report.attacks.aaLite.settings).toMatchObject({ attack: 'AA-lite', budget: 'quick' });
    expect(report.headline).toMatchObject({ chartAttack: 'PGD-2', sameAttack: false, subset: 6, chart: report.attacks.pgd.robustAccuracy, aaLite: report.attacks.aaLite.robustAccuracy });
    expect(report.sweep[0].square).toBe(report.attacks.square);
    // The sweep stage costs nothing: the next stage starts where it started.
    expect(fractions.get('Unbounded PGD-2')).toBeCloseTo(fractions.get('ε sweep')!, 12);
    // One radius, the main one: m = 5 tests of the six signs, 3 of the chart comparison, doubling the chart's
    // PGD-2 and non-finite gradients (no teacher: no transfer test): 10, z = Φ⁻¹(1 − 0.05/10) = 2.576.
    expect(report.thresholds).toMatchObject({ tests: 10, alpha: 0.05, minGap: 10 });
    expect(report.thresholds.z).toBeCloseTo(2.575829, 5);
    tf.dispose([x, y]);
    dispose();
  });
});

describe('the detector with AA-lite as its white-box side (the default)', () => {
  expectNoTensorLeaks();

  it('judges against AA-lite’s gradient part, reports the full ensemble with its breakdown, and attacks from x at ε = 1', async () => {
    const { model, dispose } = randomMlp(6, 2, 12, 3, 4);
    const x = tf.randomUniform([12, 2], 0, 1, 'float32', 5);
    const y = tf.tidy(() => tf.argMax(model(x), -1) as tf.Tensor1D);
    const { whiteBox: _w, ...options } = TINY;
    const report = await runDetector(model, x, y, { ...options, aaBudget: 'quick', sweepMultiples: [1, 2] });
    const { aaLite, whiteBox, unbounded } = report.attacks;
    // Three classes: APGD-CE, then margin APGD (targeted DLR needs 4), then Square on what is left.
    expect(aaLite?.stages?.map((s) => attackName(s.settings))).toEqual(['APGD-CE', 'APGD-margin', 'Square']);
    expect(report.whiteBoxName).toBe('APGD-CE → APGD-margin');
    expect(whiteBox.settings).toMatchObject({ attack: 'AA-lite', part: 'white-box', budget: 'quick' });
    const [ce, margin, sq] = aaLite!.stages!;
    expect(whiteBox.broken).toBe(ce.broken + margin.broken);
    expect(aaLite!.broken).toBe(whiteBox.broken + sq.broken);
    expect(aaLite!.robustAccuracy).toBeLessThanOrEqual(whiteBox.robustAccuracy);
    expect(unbounded.settings).toMatchObject({ attack: 'AA-lite', part: 'white-box', start: 'input', epsilon: 1 });
    expect(report.sweep.find((p) => p.epsilon === 0.1)?.pgd).toBe(whiteBox);
    expect(report.sweep.find((p) => p.epsilon === 0.2)?.pgd.settings).toMatchObject({ part: 'white-box', epsilon: 0.2 });
    expect(report.checks[0].title).toBe('Square (black-box) vs APGD-CE → APGD-margin (white-box)');
    // PGD-2 is kept beside it for comparison.
    expect(report.attacks.pgd.settings).toMatchObject({ attack: 'PGD', steps: 2 });
    tf.dispose([x, y]);
    dispose();
  });
});

describe('cancelling the detector', () => {
  expectNoTensorLeaks();

  it('stops at the next stage with DetectorCancelled and frees what it made', async () => {
    const { model, dispose } = randomMlp(2, 2, 8, 3);
    const x = tf.randomUniform([12, 2], 0, 1, 'float32', 3);
    const y = tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], 'int32');
    const abort = new AbortController();
    const stages: string[] = [];
    const run = runDetector(model, x, y, TINY, (p) => {
      if (!stages.includes(p.stage)) stages.push(p.stage);
      if (p.stage.startsWith('PGD')) abort.abort();
    }, abort.signal);
    await expect(run).rejects.toBeInstanceOf(DetectorCancelled);
    // The census, the five passes, FGSM and PGD ran; nothing after the stage in which the cancel arrived.
    expect(stages).toEqual(['Predictions', 'Output stability (5 passes)', 'FGSM', 'PGD-2']);
    tf.dispose([x, y]);
    dispose();
  });

  it('does no work at all when cancelled before it starts', async () => {
    const { model, dispose } = randomMlp(2, 2, 8, 3);
    const x = tf.randomUniform([4, 2], 0, 1, 'float32', 3);
    const y = tf.tensor1d([0, 1, 2, 0], 'int32');
    const abort = new AbortController();
    abort.abort();
    let calls = 0;
    await expect(runDetector(model, x, y, TINY, () => calls++, abort.signal)).rejects.toBeInstanceOf(DetectorCancelled);
    expect(calls).toBe(0);
    tf.dispose([x, y]);
    dispose();
  });
});

describe('the detector’s curves', () => {
  expectNoTensorLeaks();

  it('traces AA-lite’s APGD members and PGD’s restarts to their own figures, Square’s queries, and the robustness curve only when asked', async () => {
    const { model, dispose } = randomMlp(6, 2, 12, 5, 4);
    const x = tf.randomUniform([16, 2], 0, 1, 'float32', 9);
    const y = tf.tidy(() => tf.argMax(model(tf.add(x, 0.05)), -1) as tf.Tensor1D);
    const options = { ...TINY, whiteBox: 'aa-lite' as const, restarts: 2, sweepMultiples: [1, 2] };
    const plain = await runDetector(model, x, y, options);
    expect(plain.curves?.robustness).toBeNull();
    const stages: string[] = [];
    const report = await runDetector(model, x, y, { ...options, robustnessCurve: true }, (p) => void (stages.includes(p.stage) || stages.push(p.stage)));
    const curves = report.curves!;
    const aa = curves.convergence.filter((c) => c.group === 'AA-lite');
    expect(aa[0].name).toBe('APGD-CE');
    expect(aa.slice(1).every((c) => c.name.startsWith('APGD-T target'))).toBe(true);
    // The chain ends at the white-box side's success; PGD's union at PGD's.
    expect(aa.at(-1)!.success.at(-1)).toBeCloseTo(report.attacks.whiteBox.successRate, 9);
    const union = curves.convergence.find((c) => c.name === 'PGD-2 (any restart)')!;
    expect(union.success.at(-1)).toBeCloseTo(report.attacks.pgd.successRate, 9);
    expect(curves.square!.broken).toBe(report.attacks.square.broken);
    expect(curves.square!.points.at(-1)![1]).toBeCloseTo(report.attacks.square.successRate, 9);
    const r = curves.robustness!;
    expect(r).toMatchObject({ attack: 'APGD-CE → APGD-T', epsilonMax: 0.2, bisections: 7 });
    expect(r.minEpsilon).toHaveLength(16);
    expect(stages.some((s) => s.startsWith('Robustness curve'))).toBe(true);
    tf.dispose([x, y]);
    dispose();
  });
});

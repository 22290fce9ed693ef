import { describe, expect, it } from 'vitest';
import { bonferroni } from '../../shared/stats';
import type { CheckResult } from './checks';
import { indicatorTests, MIN_RISE, nonFiniteGradients, notConverged, randomisedOutputs, silentSuccess, STILL_RISING, transferVsWhiteBox } from './indicators';
import type { Evaluated } from './robust';

/** The default detector's family with every indicator: z ≥ Φ⁻¹(1 − 0.05/18) = 2.77. */
const T = bonferroni(18);

/** 200 clean-correct points; the attack breaks points [from, from + broken). */
function evaluated(broken: number, from = 0): Evaluated {
  const brokenMask = Uint8Array.from({ length: 200 }, (_, i) => (i >= from && i < from + broken ? 1 : 0));
  return {
    figure: {
      n: 200, cleanAccuracy: 100, robustAccuracy: (200 - broken) / 2, successRate: broken / 2, broken, cleanCorrect: 200,
      settings: { attack: 'PGD', epsilon: 0.1, steps: 10, restarts: 1, subset: 200 },
    },
    brokenMask,
  };
}

const numberOf = (c: CheckResult, label: string) => c.numbers.find((n) => n.label.startsWith(label))?.value;

describe('the indicators’ share of the family', () => {
  it('adds the doubling test when there is an attack to double, the transfer test when there is a teacher, and non-finite gradients always', () => {
    expect(indicatorTests({ convergence: true, transfer: true })).toBe(3);
    expect(indicatorTests({ convergence: false, transfer: false })).toBe(1);
    expect(indicatorTests({ convergence: true, transfer: false })).toBe(2);
  });
});

describe('not converged', () => {
  const run = (trace: number[], doubledBroken = 0) =>
    notConverged({ name: 'PGD-10', trace, standing: 120, cleanCorrect: 200, doubled: { name: 'PGD-20', broken: doubledBroken } }, T);

  it('passes a loss that climbed and flattened out: 11 evaluations, the last step adds nothing', () => {
    const check = run([0.1, 0.5, 0.8, 1.0, 1.1, 1.15, 1.18, 1.19, 1.2, 1.2, 1.2]);
    expect(check.passed).toBe(true);
    expect(numberOf(check, 'pace')).toBe(0);
  });

  it('fails a loss still climbing at the end: a straight line has pace 1 (100 % of the average)', () => {
    const line = Array.from({ length: 11 }, (_, k) => 0.1 * k);
    const check = run(line);
    expect(check.passed).toBe(false);
    expect(numberOf(check, 'pace')).toBeCloseTo(100);
    expect(check.explanation).toMatch(/still climbing/);
    expect(STILL_RISING).toBe(0.5);
  });

  it('judges the last 10 % against the average: over 20 iterations the last 2 climbing at half the average pace fails, at a third passes', () => {
    // Total rise 1 over 20 iterations (average 0.05 a step); the last two rise 0.05 (pace ½) or 0.0333 (pace ⅓).
    const ending = (last2: number) => [...Array.from({ length: 19 }, (_, k) => ((1 - last2) * k) / 18), 1 - last2 / 2, 1];
    expect(run(ending(0.05)).passed).toBe(false);
    expect(run(ending(1 / 30)).passed).toBe(true);
  });

  it('fails when twice the iterations break clearly more: 30 of the 120 standing is 15 points of success, z = √30', () => {
    const flat = [0.1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    const check = run(flat, 30);
    expect(check.passed).toBe(false);
    expect(numberOf(check, 'their share')).toBeCloseTo(15);
    expect(numberOf(check, 'z')).toBeCloseTo(Math.sqrt(30));
    expect(check.explanation).toMatch(/^PGD-20, from a fresh start on the points PGD-10 left standing, breaks clearly more/);
    // 10 more is 5 points: within the effect size.
    expect(run(flat, 10).passed).toBe(true);
  });

  it('does not call a saturated softmax’s float noise a climb: the distilled preset’s 0 → 5·10⁻⁵ at nine times the average pace passes', () => {
    const noise = [...Array(11).fill(0), 5.34e-5];
    const check = run(noise);
    expect(numberOf(check, 'pace')).toBeGreaterThan(900);
    expect(check.passed).toBe(true);
    expect(MIN_RISE).toBe(0.01);
  });

  it('lets a climb count only when the standing points could move the figure by the effect size: 7 of 173 (the natural preset) cannot, 18 of 173 can', () => {
    const line = Array.from({ length: 11 }, (_, k) => 0.1 * k);
    const at = (standing: number) =>
      notConverged({ name: 'PGD-10', trace: line, standing, cleanCorrect: 173, doubled: { name: 'PGD-20', broken: 0 } }, T);
    expect(at(7).passed).toBe(true);
    expect(numberOf(at(7), 'standing points')).toBeCloseTo((100 * 7) / 173);
    expect(at(18).passed).toBe(false);
    expect(T.minGap).toBe(10);
  });

  it('has nothing to double when the chart’s attack is AA-lite, and a flat zero trace (nothing standing moved) is converged', () => {
    expect(notConverged(null, T).passed).toBe(true);
    expect(run(Array(11).fill(0)).passed).toBe(true);
  });
});

describe('silent success', () => {
  it('passes at zero, and fails on any point counted broken whose returned input is classified correctly, naming the attack', () => {
    expect(silentSuccess([{ name: 'PGD-10', silent: 0 }, { name: 'Square', silent: 0 }]).passed).toBe(true);
    const check = silentSuccess([{ name: 'PGD-10', silent: 0 }, { name: 'Square', silent: 2 }]);
    expect(check.passed).toBe(false);
    expect(check.numbers.map((n) => [n.label, n.value])).toEqual([
      ['points counted broken whose returned input is classified correctly (should be 0)', 2], ['Square', 2],
    ]);
  });
});

describe('transfer beats white-box', () => {
  it('is a strong check that fails when the teacher’s examples break many points the white-box missed', () => {
    // White-box breaks 0–39; transfer 20–99: 60 points only transfer breaks, 30 points, z = √60.
    const check = transferVsWhiteBox(evaluated(40), evaluated(80, 20), 'the teacher at T = 50', T, 'APGD-CE → APGD-T');
    expect(check).toMatchObject({ id: 'transfer', strong: true, passed: false });
    expect(numberOf(check, 'points broken by transfer but not')).toBe(60);
    expect(numberOf(check, 'z')).toBeCloseTo(Math.sqrt(60));
    expect(check.title).toBe('Transfer from the teacher at T = 50 vs APGD-CE → APGD-T');
  });

  it('passes when transfer finds nothing new, and without a teacher says so', () => {
    expect(transferVsWhiteBox(evaluated(80), evaluated(50, 10), 'the teacher', T, 'PGD-20').passed).toBe(true);
    const none = transferVsWhiteBox(evaluated(80), null, null, T, 'PGD-20');
    expect(none.passed).toBe(true);
    expect(none.explanation).toMatch(/^No teacher/);
  });
});

describe('randomised outputs and non-finite gradients', () => {
  it('calls a model randomised when any point’s logits differ over the passes', () => {
    expect(randomisedOutputs({ passes: 5, n: 100, differing: 0, maxDifference: 0, tolerance: 1e-5 }).passed).toBe(true);
    const noisy = randomisedOutputs({ passes: 5, n: 100, differing: 100, maxDifference: 0.7, tolerance: 1e-5 });
    expect(noisy.passed).toBe(false);
    expect(noisy.explanation).toMatch(/EOT/);
  });

  it('fails on a large, significant share of NaN or ±Inf gradients and shows the zero ones beside them', () => {
    const stats = (nonFinite: number) => ({ n: 200, vanishing: 7, nonFinite, medianNorm: 0.5, logitScale: 3 });
    expect(nonFiniteGradients(stats(0), T).passed).toBe(true);
    expect(nonFiniteGradients(stats(2), T).passed).toBe(true); // 1 %: below the 10-point effect size
    const check = nonFiniteGradients(stats(60), T);
    expect(check.passed).toBe(false);
    expect(numberOf(check, 'their share')).toBeCloseTo(30);
    expect(numberOf(check, 'points with ∇ₓL exactly 0')).toBe(7);
  });
});

import { describe, expect, it } from 'vitest';
import { type CheckResult, epsilonGrowth, LARGE_EPSILON, fgsmVsWhiteBox, noiseVsWhiteBox, squareVsWhiteBox, testsPerformed, unbounded, vanishingGradients, verdictOf } from './checks';
import type { Evaluated, RobustFigure } from './robust';
import { bonferroni } from '../../shared/stats';

/** The detector's default family: 11 tests, z ≥ Φ⁻¹(1 − 0.05/11) = 2.609, gap ≥ 10 points. */
const T = bonferroni(11);

/** A figure with `broken` of `cleanCorrect` clean-correct points broken, out of 200. */
function figure(broken: number, cleanCorrect = 200, epsilon = 0.1): RobustFigure {
  return {
    n: 200, cleanAccuracy: cleanCorrect / 2, robustAccuracy: (cleanCorrect - broken) / 2,
    successRate: (100 * broken) / cleanCorrect, broken, cleanCorrect,
    settings: { attack: 'PGD', epsilon, steps: 20, restarts: 1, subset: 200 },
  };
}

/**
 * An attack's outcome on 200 clean-correct points: it breaks points [from, from + broken).
 * Two attacks share their broken points where their ranges overlap.
 */
function evaluated(broken: number, from = 0): Evaluated {
  const brokenMask = Uint8Array.from({ length: 200 }, (_, i) => (i >= from && i < from + broken ? 1 : 0));
  return { figure: figure(broken), brokenMask };
}

const numberOf = (c: CheckResult, label: string) => c.numbers.find((n) => n.label === label)?.value;

describe('masking checks on synthetic outcomes', () => {
  it('passes Square vs PGD on the same broken points and fails it on a 30-point gap over 200 points', () => {
    expect(squareVsWhiteBox(evaluated(80), evaluated(80), T).passed).toBe(true);
    // PGD breaks 0–39, Square 0–99: b = 60, c = 0, gap 30 points, z = 60/√60 = 7.75.
    const failed = squareVsWhiteBox(evaluated(40), evaluated(100), T);
    expect(failed.passed).toBe(false);
    expect(numberOf(failed, 'gap (points)')).toBeCloseTo(30);
    expect(numberOf(failed, 'z')).toBeCloseTo(7.746, 3);
    expect(numberOf(failed, 'broken by Square only')).toBe(60);
    // Square weaker than PGD is no sign of masking.
    expect(squareVsWhiteBox(evaluated(100), evaluated(40), T).passed).toBe(true);
  });

  it('pairs the outcomes: z depends on the points the attacks disagree on, not on the rates alone', () => {
    // 30 vs 54 of 200: the pooled two-sample test would give z = 12/4.07 = 2.95 whatever the overlap.
    // Nested (PGD's 30 ⊂ Square's 54): b = 24, c = 0, z = √24 = 4.90 → fails.
    expect(squareVsWhiteBox(evaluated(30), evaluated(54), T).passed).toBe(false);
    // Disjoint (PGD 0–29, Square 100–153): b = 54, c = 30, z = 24/√84 = 2.62 → fails, just.
    expect(numberOf(squareVsWhiteBox(evaluated(30), evaluated(54, 100), T), 'z')).toBeCloseTo(2.619, 3);
    // Disjoint with PGD at 40: b = 54, c = 40, gap 7 points → passes on effect size.
    expect(squareVsWhiteBox(evaluated(40), evaluated(54, 100), T).passed).toBe(true);
  });

  it('fails FGSM vs PGD only when one step clearly beats many', () => {
    expect(fgsmVsWhiteBox(evaluated(60), evaluated(64), T).passed).toBe(true);
    expect(fgsmVsWhiteBox(evaluated(20), evaluated(80), T).passed).toBe(false);
  });

  it('fails the sweep on a significant drop of PGD success, or on Square pulling ahead at a larger ε', () => {
    const point = (epsilon: number, pgd: number, square: number) => ({ epsilon, pgd: evaluated(pgd), square: evaluated(square) });
    expect(epsilonGrowth([point(0.05, 20, 22), point(0.1, 60, 62), point(0.15, 120, 121)], T).passed).toBe(true);
    // PGD at 0.15 breaks 25 of the 60 it broke at 0.1: b = 35, c = 0, z = 5.92.
    const dropped = epsilonGrowth([point(0.05, 20, 22), point(0.1, 60, 62), point(0.15, 25, 121)], T);
    expect(dropped.passed).toBe(false);
    expect(numberOf(dropped, 'largest drop of white-box success as ε grows (points)')).toBeCloseTo(17.5);
    expect(epsilonGrowth([point(0.05, 20, 22), point(0.1, 30, 40), point(0.15, 40, 100)], T).passed).toBe(false);
  });

  it('fails a flat curve: success at the largest ε not clearly above the smallest', () => {
    const point = (epsilon: number, pgd: number) => ({ epsilon, pgd: evaluated(pgd), square: evaluated(pgd) });
    // 40 → 44 of 200: 2 points more, b = 4, z = 2 — neither large nor significant.
    const flat = epsilonGrowth([point(0.05, 40), point(0.1, 42), point(0.15, 44)], T);
    expect(flat.passed).toBe(false);
    expect(numberOf(flat, 'rise of white-box success from ε = 0.05 to ε = 0.15 (points)')).toBeCloseTo(2);
    expect(numberOf(flat, 'z of the rise')).toBeCloseTo(2);
    expect(flat.explanation).toMatch(/^PGD's success is flat/);
    // Flat at zero, the distilled model's signature: PGD never moves.
    expect(epsilonGrowth([point(0.05, 0), point(0.1, 0), point(0.15, 0)], T).passed).toBe(false);
    // A rising curve passes: 10 → 40 → 90 of 200.
    expect(epsilonGrowth([point(0.05, 10), point(0.1, 40), point(0.15, 90)], T).passed).toBe(true);
    // Nothing left to grow: 198 of 200 broken already at the smallest ε.
    expect(epsilonGrowth([point(0.05, 198), point(0.1, 199), point(0.15, 200)], T).passed).toBe(true);
    // One radius: no rise to judge.
    expect(epsilonGrowth([point(0.05, 10)], T).passed).toBe(true);
  });

  it(`fails a curve that stalls below 100 % at ε ≥ ${LARGE_EPSILON}, and judges the plateau only there`, () => {
    const point = (epsilon: number, pgd: number) => ({ epsilon, pgd: evaluated(pgd), square: evaluated(pgd) });
    const stalled = epsilonGrowth([point(0.3, 40), point(0.6, 120), point(0.9, 140)], T);
    expect(stalled.passed).toBe(false);
    expect(numberOf(stalled, `points the white-box leaves standing at ε = 0.9 (≥ ${LARGE_EPSILON}: should be ~0)`)).toBeCloseTo(30);
    expect(stalled.explanation).toMatch(/^PGD stalls/);
    expect(epsilonGrowth([point(0.3, 40), point(0.6, 120), point(0.9, 199)], T).passed).toBe(true);
    // The same 70 % at a largest ε of 0.15 is a robust model's right, not a stall.
    expect(epsilonGrowth([point(0.05, 40), point(0.1, 120), point(0.15, 140)], T).passed).toBe(true);
  });

  it('counts the tests: 5 single ones, 3 drops, 4 gaps less the main ε’s, the rise, and the plateau at large ε', () => {
    expect(testsPerformed([0.025, 0.05, 0.1, 0.15], true)).toBe(12);
    expect(testsPerformed([0.025, 0.05, 0.1, 0.15], false)).toBe(13);
    expect(testsPerformed([0.15, 0.3, 0.6, 0.9], true)).toBe(13);
    expect(testsPerformed([0.05], true)).toBe(5);
    expect(testsPerformed([], false)).toBe(5);
  });

  it('fails the unbounded check when many points survive ε = 1, and prints the random start beside it', () => {
    const start = figure(150, 200, 1);
    expect(unbounded(figure(200, 200, 1), start, T).passed).toBe(true);
    expect(unbounded(figure(198, 200, 1), start, T).passed).toBe(true);
    const failed = unbounded(figure(120, 200, 1), start, T);
    expect(failed.passed).toBe(false);
    expect(numberOf(failed, 'white-box success (from x, no random start)')).toBeCloseTo(60);
    expect(numberOf(failed, 'random start alone (uniform in the ε-ball, no steps)')).toBeCloseTo(75);
  });

  it('fails noise vs PGD when noise breaks many points PGD left standing', () => {
    expect(noiseVsWhiteBox(evaluated(50), evaluated(50), T).passed).toBe(true);
    expect(noiseVsWhiteBox(evaluated(50), evaluated(100), T).passed).toBe(false); // 50 more: 25 points, z = √50
  });

  it('the review example: 100 clean-correct, noise breaks PGD’s 50 and 10 more → z = √10 = 3.16, fails', () => {
    const on100 = (broken: number): Evaluated => ({
      figure: { ...figure(broken, 100), n: 100 },
      brokenMask: Uint8Array.from({ length: 100 }, (_, i) => (i < broken ? 1 : 0)),
    });
    const check = noiseVsWhiteBox(on100(50), on100(60), T);
    expect(numberOf(check, 'z')).toBeCloseTo(3.1623, 4);
    expect(numberOf(check, 'points broken by noise but not by the white-box')).toBe(10);
    expect(check.passed).toBe(false);
    // What PGD breaks and noise does not cannot hide what noise found: noise's 10 beyond a disjoint PGD 50.
    const elsewhere = { ...on100(10), brokenMask: Uint8Array.from({ length: 100 }, (_, i) => (i >= 90 ? 1 : 0)) };
    expect(noiseVsWhiteBox(on100(50), elsewhere, T).passed).toBe(false);
  });

  it('fails the gradient check when a large share of gradients is zero', () => {
    const stats = (vanishing: number) => ({ n: 200, vanishing, nonFinite: 0, medianNorm: 0.5, logitScale: 3 });
    expect(vanishingGradients(stats(0), T).passed).toBe(true);
    expect(vanishingGradients(stats(3), T).passed).toBe(true);
    expect(vanishingGradients(stats(180), T).passed).toBe(false);
  });

  it('rules: a strong failure or two failures mean masked, one weak failure suspected', () => {
    const check = (passed: boolean, strong: boolean): CheckResult => ({
      id: 'fgsm-vs-white-box', kind: 'warning-sign', title: '', passed, strong, numbers: [], explanation: '',
    });
    expect(verdictOf([check(true, true), check(true, false)])).toBe('clean');
    expect(verdictOf([check(true, true), check(false, false)])).toBe('suspected');
    expect(verdictOf([check(false, true), check(true, false)])).toBe('masked');
    expect(verdictOf([check(false, false), check(false, false)])).toBe('masked');
  });

  it('gives no verdict for a model that cannot be judged, whatever its checks say', () => {
    const check = (passed: boolean): CheckResult => ({ id: 'unbounded', kind: 'warning-sign', title: '', passed, strong: true, numbers: [], explanation: '' });
    expect(verdictOf([check(false)], false)).toBe('no verdict');
    expect(verdictOf([check(true)], false)).toBe('no verdict');
    expect(verdictOf([check(false)], true)).toBe('masked');
  });
});

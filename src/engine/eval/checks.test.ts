import { describe, expect, it } from 'vitest';
import { type CheckResult, epsilonGrowth, fgsmVsPgd, noiseVsPgd, squareVsPgd, unbounded, vanishingGradients, verdictOf } from './checks';
import type { RobustFigure } from './robust';
import { DEFAULT_THRESHOLDS as T } from './stats';

/** A figure with `broken` of `cleanCorrect` clean-correct points broken, out of 200. */
function figure(broken: number, cleanCorrect = 200, epsilon = 0.1): RobustFigure {
  return {
    n: 200, cleanAccuracy: cleanCorrect / 2, robustAccuracy: (cleanCorrect - broken) / 2,
    successRate: (100 * broken) / cleanCorrect, broken, cleanCorrect,
    settings: { attack: 'PGD', epsilon, steps: 20, restarts: 1, subset: 200 },
  };
}

describe('masking checks on synthetic counts', () => {
  it('passes Square vs PGD on equal counts and fails it on a 30-point gap over 200 points', () => {
    expect(squareVsPgd(figure(80), figure(80), T).passed).toBe(true);
    const failed = squareVsPgd(figure(40), figure(100), T);
    expect(failed.passed).toBe(false);
    expect(failed.numbers.find((n) => n.label === 'gap (points)')?.value).toBeCloseTo(30);
    // Square weaker than PGD is no sign of masking.
    expect(squareVsPgd(figure(100), figure(40), T).passed).toBe(true);
  });

  it('fails FGSM vs PGD only when one step clearly beats many', () => {
    expect(fgsmVsPgd(figure(60), figure(64), T).passed).toBe(true);
    expect(fgsmVsPgd(figure(20), figure(80), T).passed).toBe(false);
  });

  it('fails the sweep on a significant drop of PGD success, or on Square pulling ahead at a larger ε', () => {
    const point = (epsilon: number, pgd: number, square: number) => ({ epsilon, pgd: figure(pgd), square: figure(square) });
    expect(epsilonGrowth([point(0.05, 20, 22), point(0.1, 60, 62), point(0.15, 120, 121)], T).passed).toBe(true);
    expect(epsilonGrowth([point(0.05, 20, 22), point(0.1, 60, 62), point(0.15, 25, 121)], T).passed).toBe(false);
    expect(epsilonGrowth([point(0.05, 20, 22), point(0.1, 30, 40), point(0.15, 40, 100)], T).passed).toBe(false);
  });

  it('fails the unbounded check when many points survive ε = 1', () => {
    expect(unbounded(figure(200, 200, 1), T).passed).toBe(true);
    expect(unbounded(figure(198, 200, 1), T).passed).toBe(true);
    expect(unbounded(figure(120, 200, 1), T).passed).toBe(false);
  });

  it('fails noise vs PGD when noise breaks many points PGD left standing', () => {
    const pgd = Uint8Array.from({ length: 200 }, (_, i) => (i < 50 ? 1 : 0));
    const sameAsPgd = Uint8Array.from(pgd);
    const beyond = Uint8Array.from({ length: 200 }, (_, i) => (i < 100 ? 1 : 0)); // 50 more, 25 points
    expect(noiseVsPgd(pgd, sameAsPgd, 200, T).passed).toBe(true);
    expect(noiseVsPgd(pgd, beyond, 200, T).passed).toBe(false);
  });

  it('fails the gradient check when a large share of gradients is zero', () => {
    const stats = (vanishing: number) => ({ n: 200, vanishing, threshold: 1e-10, medianNorm: 0.5, logitScale: 3 });
    expect(vanishingGradients(stats(0), T).passed).toBe(true);
    expect(vanishingGradients(stats(3), T).passed).toBe(true);
    expect(vanishingGradients(stats(180), T).passed).toBe(false);
  });

  it('rules: a strong failure or two failures mean masked, one weak failure suspected', () => {
    const check = (passed: boolean, strong: boolean): CheckResult => ({
      id: 'fgsm-vs-pgd', title: '', passed, strong, numbers: [], explanation: '',
    });
    expect(verdictOf([check(true, true), check(true, false)])).toBe('clean');
    expect(verdictOf([check(true, true), check(false, false)])).toBe('suspected');
    expect(verdictOf([check(false, true), check(true, false)])).toBe('masked');
    expect(verdictOf([check(false, false), check(false, false)])).toBe('masked');
  });
});

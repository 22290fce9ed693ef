import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { sampleGamma, sampleLogDirichlet, sampleLogGamma } from './dirichlet';

const DRAWS = 20_000;

function moments(values: number[]): { mean: number; variance: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}

describe('sampleLogGamma (Marsaglia–Tsang)', () => {
  it.each([0.1, 0.5, 1, 2.5, 10])('has mean α and variance α for shape α = %s (within 4 standard errors)', (alpha) => {
    const rng = new Rng(17).fork(`gamma-${alpha}`);
    const draws = Array.from({ length: DRAWS }, () => sampleGamma(rng, alpha));
    const { mean, variance } = moments(draws);
    // se(mean) = √(α/n); Var of a Gamma's sample variance is (μ4 − σ⁴)/n with μ4 = 3α² + 6α.
    expect(Math.abs(mean - alpha)).toBeLessThan(4 * Math.sqrt(alpha / DRAWS));
    expect(Math.abs(variance - alpha)).toBeLessThan(4 * Math.sqrt((2 * alpha * alpha + 6 * alpha) / DRAWS));
  });

  it('is an Exp(1) at shape 1: P(X < 1) = 1 − e⁻¹ = 0.6321', () => {
    const rng = new Rng(5);
    let below = 0;
    for (let i = 0; i < DRAWS; i++) if (sampleGamma(rng, 1) < 1) below++;
    const p = 1 - Math.exp(-1);
    expect(Math.abs(below / DRAWS - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / DRAWS));
  });

  it('stays finite in log space for tiny shapes whose plain draws underflow', () => {
    const rng = new Rng(9);
    const logs = Array.from({ length: 2000 }, () => sampleLogGamma(rng, 0.005));
    expect(logs.every(Number.isFinite)).toBe(true);
    // E[ln G] for small α ≈ −1/α: ~ −200, far below ln(min double) ≈ −745 for some draws.
    expect(Math.min(...logs)).toBeLessThan(-745);
  });

  it('repeats its draws for the same seed and refuses a shape that is not positive', () => {
    const a = new Rng(3);
    const b = new Rng(3);
    for (let i = 0; i < 50; i++) expect(sampleLogGamma(a, 0.7)).toBe(sampleLogGamma(b, 0.7));
    expect(() => sampleLogGamma(new Rng(1), 0)).toThrow(/shape must be a finite number > 0, got 0/);
    expect(() => sampleLogGamma(new Rng(1), Infinity)).toThrow(RangeError);
  });
});

describe('sampleLogDirichlet', () => {
  it('has mean α_c / Σα per class (within 4 standard errors)', () => {
    const alpha = [3, 1, 0.5, 0.5];
    const total = 5;
    const rng = new Rng(11);
    const sums = new Float64Array(4);
    for (let i = 0; i < DRAWS; i++) sampleLogDirichlet(rng, alpha).forEach((v, c) => (sums[c] += Math.exp(v)));
    alpha.forEach((a, c) => {
      const m = a / total;
      const sd = Math.sqrt((m * (1 - m)) / (total + 1)); // Var of a Dirichlet component
      expect(Math.abs(sums[c] / DRAWS - m)).toBeLessThan(4 * sd / Math.sqrt(DRAWS));
    });
  });

  it('gives log-probabilities that sum to 1 for any concentrations (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.001, max: 1000, noNaN: true }), { minLength: 2, maxLength: 12 }), fc.integer(), (alpha, seed) => {
        const logs = sampleLogDirichlet(new Rng(seed), alpha);
        expect(logs.every((v) => v <= 1e-12 && !Number.isNaN(v))).toBe(true);
        expect(logs.reduce((a, v) => a + Math.exp(v), 0)).toBeCloseTo(1, 9);
      }),
    );
  });

  it('refuses fewer than two classes', () => {
    expect(() => sampleLogDirichlet(new Rng(1), [1])).toThrow(/at least 2 classes, got 1/);
  });
});

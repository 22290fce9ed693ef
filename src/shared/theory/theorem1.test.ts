import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { klDivergence } from '../softmax';
import { binarySoftLabel, theorem1, theorem1FromLogits } from './theorem1';

describe('theorem1 (Appendix C, condition (12))', () => {
  it('reproduces the first worked example: p = (0.999, 0.001), q = (0.99, 0.01) → right side ≈ 254, holds for y₂ᵖ > 0.004', () => {
    // ln(0.01/0.001) = ln 10 = 2.302585; ln(0.999/0.99) = 0.0090498; ratio 254.434.
    const at = (y2: number) => theorem1({ cold: [0.999, 0.001], hot: [0.99, 0.01], oracleMinor: y2 });
    expect(at(0.004).rhs).toBeCloseTo(254.434, 3);
    expect(Math.round(at(0.004).rhs)).toBe(254);
    // Threshold 1/(1 + 254.434) = 0.0039149: the paper's "0.004" rounds it up.
    expect(at(0.004).threshold).toBeCloseTo(0.0039149, 6);
    expect(at(0.004).holds).toBe(true);
    expect(at(0.0039).holds).toBe(false);
  });

  it('gives the exact values of the second example, (0.80, 0.20) vs (0.75, 0.25): right side 3.4575 and threshold 0.2243, not the quoted 3.88', () => {
    // ln(0.25/0.20) = 0.2231436; ln(0.80/0.75) = 0.0645385; ratio 3.457525.
    const r = theorem1({ cold: [0.8, 0.2], hot: [0.75, 0.25], oracleMinor: 0.23 });
    expect(r.rhs).toBeCloseTo(3.457525, 5);
    expect(r.threshold).toBeCloseTo(0.2243397, 6);
    // The issue quotes "≈ 3.88" for this example; the exact right side is not that (see theorem1.ts).
    expect(Math.abs(r.rhs - 3.88)).toBeGreaterThan(0.4);
    // "needs y₂ᵖ > 0.23" is consistent as a sufficient bound: 0.23 holds, 0.22 does not.
    expect(r.holds).toBe(true);
    expect(theorem1({ cold: [0.8, 0.2], hot: [0.75, 0.25], oracleMinor: 0.22 }).holds).toBe(false);
  });

  it('returns hand-computed KL terms of Eq. 7 for both labels', () => {
    // y = (0.7, 0.3): KL(y‖(0.8,0.2)) = 0.7 ln(0.7/0.8) + 0.3 ln(0.3/0.2) = −0.0934719 + 0.1216395 = 0.0281676.
    // KL(y‖(0.75,0.25)) = 0.7 ln(0.7/0.75) + 0.3 ln(0.3/0.25) = −0.0482953 + 0.0546965 = 0.0064012.
    const r = theorem1({ cold: [0.8, 0.2], hot: [0.75, 0.25], oracleMinor: 0.3 });
    expect(r.klCold).toBeCloseTo(0.0281676, 6);
    expect(r.klHot).toBeCloseTo(0.0064012, 6);
    expect(r.deltaKl).toBeCloseTo(0.0064012 - 0.0281676, 6);
    expect(r.lhs).toBeCloseTo(0.7 / 0.3, 12);
    expect(r.hotterIsCloser).toBe(true);
  });

  it('agrees with the direct KL comparison for any labels and oracle away from the threshold (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 0.9999, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (p1, shift, y2) => {
          const q1 = 0.5 + (p1 - 0.5) * (1 - shift); // hotter: closer to ½, still ≥ ½
          fc.pre(p1 - q1 > 1e-9);
          const r = theorem1({ cold: [p1, 1 - p1], hot: [q1, 1 - q1], oracleMinor: y2 });
          fc.pre(Math.abs(y2 - r.threshold) > 1e-9);
          const y: [number, number] = [1 - y2, y2];
          const direct = klDivergence(y, [q1, 1 - q1]) - klDivergence(y, [p1, 1 - p1]);
          expect(r.deltaKl).toBeCloseTo(direct, 9);
          expect(r.holds).toBe(direct < 0);
          expect(r.holds).toBe(y2 > r.threshold);
        },
      ),
    );
  });

  it('treats a one-hot cold label as always beaten when the oracle gives class 2 any mass', () => {
    const r = theorem1({ cold: [1, 0], hot: [0.9, 0.1], oracleMinor: 1e-6 });
    expect(r.rhs).toBe(Infinity);
    expect(r.threshold).toBe(0);
    expect(r.klCold).toBe(Infinity);
    expect(r.holds && r.hotterIsCloser).toBe(true);
    const sure = theorem1({ cold: [1, 0], hot: [0.9, 0.1], oracleMinor: 0 });
    expect(sure.holds || sure.hotterIsCloser).toBe(false);
  });

  it('refuses labels that are not distributions, a cold label whose class 1 is not the larger, and a hot label that is not hotter', () => {
    expect(() => theorem1({ cold: [0.8, 0.3], hot: [0.7, 0.3], oracleMinor: 0.1 })).toThrow(/cold label .* summing to 1, got \(0.8, 0.3\)/);
    expect(() => theorem1({ cold: [0.3, 0.7], hot: [0.4, 0.6], oracleMinor: 0.1 })).toThrow(/predicted class \(p₁ ≥ p₂\)/);
    expect(() => theorem1({ cold: [0.8, 0.2], hot: [0.8, 0.2], oracleMinor: 0.1 })).toThrow(/more mass than the cold one/);
    expect(() => theorem1({ cold: [0.8, 0.2], hot: [0.7, 0.3], oracleMinor: 1.5 })).toThrow(/y₂ᵖ must be in \[0, 1\], got 1.5/);
  });
});

describe('theorem1FromLogits', () => {
  it('turns logits and two temperatures into the first example’s labels (gap ln 999; t₂ = ln 999 / ln 99)', () => {
    const t2 = Math.log(999) / Math.log(99); // 1.50306: the temperature that turns 0.999 into 0.99
    const r = theorem1FromLogits([Math.log(999), 0], 1, t2, 0.004);
    expect(r.cold[0]).toBeCloseTo(0.999, 12);
    expect(r.hot[0]).toBeCloseTo(0.99, 12);
    expect(r.rhs).toBeCloseTo(254.434, 3);
    expect(r.holds).toBe(true);
  });

  it('refuses t₁ ≥ t₂ and logits whose first class is not the prediction', () => {
    expect(() => theorem1FromLogits([2, 0], 3, 3, 0.1)).toThrow(/0 < t₁ < t₂, got t₁ = 3, t₂ = 3/);
    expect(() => theorem1FromLogits([0, 2], 1, 3, 0.1)).toThrow(/z₁ ≥ z₂/);
  });
});

describe('binarySoftLabel', () => {
  it('is softmax(z/t) by hand and keeps class 2 finite and positive for a logit gap of 1000', () => {
    // gap 2 at t = 2 → σ(1) = 0.7310586.
    const [a, b] = binarySoftLabel([3, 1], 2);
    expect(a).toBeCloseTo(0.7310586, 7);
    expect(b).toBeCloseTo(0.2689414, 7);
    const [, tiny] = binarySoftLabel([1000, 0], 20); // e^{-50} = 1.9287e-22
    expect(tiny).toBeCloseTo(1.9287498e-22, 28);
  });
});

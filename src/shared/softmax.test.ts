import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { klDivergence, softmax } from './softmax';

describe('softmax', () => {
  it('matches hand values at τ = 1 and τ = 2', () => {
    // e^0, e^1, e^2 = 1, 2.71828, 7.38906; sum 11.10734.
    const p = softmax([0, 1, 2]);
    expect(p[0]).toBeCloseTo(0.0900306, 6);
    expect(p[1]).toBeCloseTo(0.2447285, 6);
    expect(p[2]).toBeCloseTo(0.6652410, 6);
    // τ = 2 halves the logits: [0, 0.5, 1] → 1, 1.64872, 2.71828; sum 5.36700.
    const q = softmax([0, 1, 2], 2);
    expect(q[0]).toBeCloseTo(0.1863237, 6);
    expect(q[1]).toBeCloseTo(0.3071959, 6);
    expect(q[2]).toBeCloseTo(0.5064804, 6);
  });

  it('tends to uniform as τ grows and to the arg-max one-hot as τ shrinks', () => {
    const logits = [3, -1, 0.5];
    softmax(logits, 1e6).forEach((v) => expect(v).toBeCloseTo(1 / 3, 5));
    const sharp = softmax(logits, 1e-3);
    expect(sharp[0]).toBe(1);
    expect(sharp[1]).toBe(0);
    expect(sharp[2]).toBe(0);
  });

  it('is numerically stable for logits around 1e3 (no overflow to NaN)', () => {
    // exp(1000) overflows a double; shifted by the max it is [e^-2, e^-1, 1] / sum.
    const p = softmax([1000, 1001, 1002]);
    expect(p.every(Number.isFinite)).toBe(true);
    expect(p[2]).toBeCloseTo(0.6652410, 6);
    const n = softmax([-1000, -1001, -1002]);
    expect(n[0]).toBeCloseTo(0.6652410, 6);
  });

  it('sums to 1 and keeps the order of the logits, for any logits and τ', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 10 }),
        fc.double({ min: 0.05, max: 100, noNaN: true }),
        (logits, tau) => {
          const p = softmax(logits, tau);
          expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
          for (let i = 0; i < logits.length; i++) {
            for (let j = 0; j < logits.length; j++) if (logits[i] > logits[j]) expect(p[i]).toBeGreaterThanOrEqual(p[j]);
          }
        },
      ),
    );
  });

  it('refuses a temperature that is not positive', () => {
    expect(() => softmax([1, 2], 0)).toThrow(/temperature must be > 0, got 0/);
    expect(() => softmax([1, 2], NaN)).toThrow(RangeError);
  });
});

describe('klDivergence', () => {
  it('matches a hand value, is 0 for equal distributions, and ∞ against a one-hot that misses mass', () => {
    // 0.5·ln(0.5/0.25) + 0.5·ln(0.5/0.75) = 0.5·0.693147 − 0.5·0.405465 = 0.143841.
    expect(klDivergence([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(0.143841, 6);
    expect(klDivergence([0.2, 0.3, 0.5], [0.2, 0.3, 0.5])).toBe(0);
    expect(klDivergence([0.9, 0.1], [1, 0])).toBe(Infinity);
    // Where p is 0 the term is 0, whatever q is: a one-hot p against any q is −ln q_label.
    expect(klDivergence([1, 0], [0.8, 0.2])).toBeCloseTo(-Math.log(0.8), 9);
  });

  it('is never negative (Gibbs’ inequality)', () => {
    const dist = fc.array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 })
      .map((v) => { const s = v.reduce((a, b) => a + b, 0); return v.map((x) => x / s); });
    fc.assert(fc.property(dist, dist, (p, q) => klDivergence(p, q) >= -1e-12));
  });
});

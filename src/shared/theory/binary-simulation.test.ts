import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { klDivergence } from '../softmax';
import { BINARY_SIMULATION_DEFAULTS as DEFAULTS, binaryKl, binarySimulation, binarySimulationAt, logSpaced } from './binary-simulation';

// Hand values below come from an independent Python computation of the same closed form with the
// defaults a = 0.03, γ = 0.3, ε = 0.001, δ = 1e-4, s₀ = γ/10 = 0.03:
//   d_a = ln(0.97/0.03) = 3.4760987, b = d_a − ln(0.7/0.3) = 2.6288008, d_c = ln(0.999/0.001) + b = 9.5355556.

describe('binaryKl', () => {
  it('matches the general KL on two classes and is 0 only for equal labels', () => {
    expect(binaryKl(0.3, 0.2)).toBeCloseTo(klDivergence([0.7, 0.3], [0.8, 0.2]), 12);
    expect(binaryKl(0.25, 0.25)).toBe(0);
    expect(binaryKl(0, 0.1)).toBeCloseTo(-Math.log(0.9), 12);
    fc.assert(fc.property(fc.double({ min: 1e-9, max: 0.999, noNaN: true }), fc.double({ min: 1e-9, max: 0.999, noNaN: true }), (y, m) => binaryKl(y, m) >= -1e-15));
  });
});

describe('binarySimulationAt (Appendix C, one s)', () => {
  it('puts the cold end at T = 1 with the teacher’s clear output σ(−d_c) = 7.2232e-5, and G = 0.0155223', () => {
    const p = binarySimulationAt(DEFAULTS, 0.03);
    expect(p.temperature).toBeCloseTo(1, 12);
    expect(p.clearMinor).toBeCloseTo(7.223197e-5, 10);
    expect(p.ambiguous).toBeCloseTo(0.01387274, 7);
    expect(p.clear).toBeCloseTo(0.00164952, 7);
    expect(p.g).toBeCloseTo(0.01552225, 7);
  });

  it('zeroes the ambiguous share at s = γ (T = 4.1026) and pays 0.0851403 on the clear points there', () => {
    const p = binarySimulationAt(DEFAULTS, 0.3);
    expect(p.temperature).toBeCloseTo(4.10257, 4);
    expect(p.ambiguous).toBe(0);
    expect(p.clearMinor).toBeCloseTo(0.0891313, 6);
    expect(p.g).toBeCloseTo(0.0851403, 6);
  });

  it('is infinitely hot at s = ½, where the clear points get ½ too', () => {
    const p = binarySimulationAt(DEFAULTS, 0.5);
    expect(p.temperature).toBe(Infinity);
    expect(p.clearMinor).toBe(0.5);
    expect(p.g).toBeCloseTo(0.6671512, 6);
  });

  it('refuses settings out of range, naming them', () => {
    expect(() => binarySimulationAt({ ...DEFAULTS, gamma: 0.5 }, 0.1)).toThrow(/gamma \(γ\) must be in \(0, ½\), got 0.5/);
    expect(() => binarySimulationAt({ ...DEFAULTS, ambiguousFraction: 1.2 }, 0.1)).toThrow(/ambiguousFraction must be in \[0, 1\], got 1.2/);
    expect(() => binarySimulationAt({ ...DEFAULTS, coldMinor: 0.4 }, 0.1)).toThrow(/coldMinor \(s₀\) must be in \(0, γ = 0.3\], got 0.4/);
    expect(() => binarySimulationAt(DEFAULTS, 0)).toThrow(/s must be in \(0, ½\], got 0/);
    expect(() => binarySimulation({ ...DEFAULTS, steps: 1 })).toThrow(/steps must be an integer ≥ 2, got 1/);
  });
});

describe('binarySimulation (Appendix C curve)', () => {
  const curve = binarySimulation(DEFAULTS);

  it('gives model 1 (δ everywhere) its hand value G = 0.0659301', () => {
    expect(curve.oneHot.ambiguous).toBeCloseTo(0.06456923, 7);
    expect(curve.oneHot.clear).toBeCloseTo(0.00136090, 7);
    expect(curve.oneHot.g).toBeCloseTo(0.06593013, 7);
  });

  it('runs s from γ/10 to ½ with the temperature rising from 1 to ∞', () => {
    expect(curve.s).toHaveLength(200);
    expect(curve.s[0]).toBeCloseTo(0.03, 15);
    expect(curve.s[199]).toBe(0.5);
    expect(curve.temperature[0]).toBeCloseTo(1, 12);
    expect(curve.temperature[199]).toBe(Infinity);
    for (let i = 1; i < 200; i++) {
      expect(curve.s[i]).toBeGreaterThan(curve.s[i - 1]);
      expect(curve.temperature[i]).toBeGreaterThan(curve.temperature[i - 1]);
      expect(curve.clearMinor[i]).toBeGreaterThan(curve.clearMinor[i - 1]);
      expect(curve.soft[i]).toBeCloseTo(curve.softAmbiguous[i] + curve.softClear[i], 15);
    }
  });

  it('is lowest at a low temperature (s ≈ 0.1092, T ≈ 1.656, G ≈ 0.005007) and beats one-hot only up to s ≈ 0.281', () => {
    // The optimum and the crossing from a 200 001-point grid in the independent computation;
    // the 200-point grid steps s by 1.4 %, so they match to that.
    expect(curve.best.s).toBeGreaterThan(0.1092 / 1.015);
    expect(curve.best.s).toBeLessThan(0.1092 * 1.015);
    expect(curve.best.temperature).toBeCloseTo(1.656, 1);
    expect(curve.best.g).toBeCloseTo(0.005007, 5);
    expect(curve.softBelowOneHot?.from).toBeCloseTo(0.03, 12);
    expect(curve.softBelowOneHot!.to).toBeLessThanOrEqual(0.28104);
    expect(curve.softBelowOneHot!.to).toBeGreaterThan(0.28104 / 1.015);
  });

  it('agrees with binarySimulationAt at every grid point', () => {
    [0, 57, 133, 199].forEach((i) => expect(binarySimulationAt(DEFAULTS, curve.s[i]).g).toBeCloseTo(curve.soft[i], 14));
  });

  it('finds no s where the teacher beats a model 1 that is exact on every point (nothing ambiguous, δ = ε)', () => {
    const c = binarySimulation({ ...DEFAULTS, ambiguousFraction: 0, oneHotMinor: DEFAULTS.epsilon });
    expect(c.oneHot.g).toBe(0);
    expect(c.softBelowOneHot).toBeNull();
  });
});

describe('logSpaced', () => {
  it('hits both ends and keeps a constant ratio', () => {
    expect(logSpaced(1, 100, 3)).toEqual([1, 10, 100].map((v, i) => (i === 1 ? expect.closeTo(v, 12) : v)));
    expect(() => logSpaced(0, 1, 3)).toThrow(/0 < from < to/);
  });
});

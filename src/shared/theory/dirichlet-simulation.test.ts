import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { klDivergence, softmax } from '../softmax';
import { BINARY_SIMULATION_DEFAULTS, binarySimulationAt, teacherBoost } from './binary-simulation';
import { DIRICHLET_SIMULATION_DEFAULTS as DEFAULTS, type DirichletOracle, dirichletSimulation, sampleDirichletOracle } from './dirichlet-simulation';

describe('sampleDirichletOracle', () => {
  it('draws the same labels for the same seed and different ones for another', () => {
    const a = sampleDirichletOracle(DEFAULTS, new Rng(4));
    const b = sampleDirichletOracle(DEFAULTS, new Rng(4));
    const c = sampleDirichletOracle(DEFAULTS, new Rng(5));
    const same = (x: Float64Array, y: Float64Array) => x.every((v, i) => v === y[i]);
    expect(same(a.logOracle, b.logOracle)).toBe(true);
    expect(same(a.logOracle, c.logOracle)).toBe(false);
  });

  it('marks round(3 % · n) points ambiguous and gives each group its mean off-class mass γ or ε', () => {
    const o = sampleDirichletOracle({ ...DEFAULTS, points: 4000 }, new Rng(8));
    const ambiguous = o.ambiguous.reduce((s, v) => s + v, 0);
    expect(ambiguous).toBe(120);
    const offTop = (i: number) => 1 - Math.exp(o.logOracle[i * o.classes + o.top[i]]);
    const mean = (rows: number[]) => rows.reduce((s, i) => s + offTop(i), 0) / rows.length;
    const rows = Array.from({ length: o.points }, (_, i) => i);
    // Clear points: Σα = 100, so the drawn class is the arg-max and 1 − y_top has mean ε = 0.001
    // and sd √(ε(1 − ε)/101) ≈ 0.0031; over 3 880 points the mean is within 4 · 0.0031/√3880 = 0.0002.
    expect(Math.abs(mean(rows.filter((i) => !o.ambiguous[i])) - 0.001)).toBeLessThan(2e-4);
    // Ambiguous points (Σα = 10): the arg-max can differ from the drawn class, which only lowers
    // the off-top mass, so it lies a little under γ = 0.3, never above it by more than noise.
    const amb = mean(rows.filter((i) => o.ambiguous[i]));
    expect(amb).toBeGreaterThan(0.2);
    expect(amb).toBeLessThan(0.3 + 4 * Math.sqrt(0.21 / 11 / 120));
  });

  it('refuses settings out of range, naming them', () => {
    expect(() => sampleDirichletOracle({ ...DEFAULTS, classes: 1 }, new Rng(1))).toThrow(/classes must be an integer ≥ 2, got 1/);
    expect(() => sampleDirichletOracle({ ...DEFAULTS, gamma: 0.95 }, new Rng(1))).toThrow(/gamma \(γ\) must be in \(0, 1 − 1\/k = 0.9\), got 0.95/);
    expect(() => sampleDirichletOracle({ ...DEFAULTS, clearConcentration: 0 }, new Rng(1))).toThrow(/clearConcentration must be a finite number > 0, got 0/);
  });
});

describe('dirichletSimulation', () => {
  it('computes KL(y ‖ softmax(z/T)) and the one-hot model’s KL as softmax.ts does, on a hand-made oracle', () => {
    const labels = [[0.7, 0.2, 0.1], [0.05, 0.9, 0.05]];
    const oracle: DirichletOracle = {
      classes: 3, points: 2,
      logOracle: Float64Array.from(labels.flat().map(Math.log)),
      top: Int32Array.from([0, 1]),
      ambiguous: Uint8Array.from([1, 0]),
    };
    const boost = 1.5;
    const curve = dirichletSimulation(oracle, { temperatures: [0.5, 2, 7], boost, oneHotMinor: 0.02 });
    [0.5, 2, 7].forEach((t, j) => {
      const kls = labels.map((y, i) => klDivergence(y, softmax(y.map((v, c) => Math.log(v) + (c === oracle.top[i] ? boost : 0)), t)));
      expect(curve.softAmbiguous[j]).toBeCloseTo(kls[0] / 2, 12);
      expect(curve.softClear[j]).toBeCloseTo(kls[1] / 2, 12);
      expect(curve.soft[j]).toBeCloseTo((kls[0] + kls[1]) / 2, 12);
    });
    const oneHot = (y: number[], top: number) => klDivergence(y, y.map((_, c) => (c === top ? 0.98 : 0.01)));
    expect(curve.oneHot.ambiguous).toBeCloseTo(oneHot(labels[0], 0) / 2, 12);
    expect(curve.oneHot.g).toBeCloseTo((oneHot(labels[0], 0) + oneHot(labels[1], 1)) / 2, 12);
  });

  it('is the binary simulation when k = 2 and the Dirichlet draws sit on their means', () => {
    const o = sampleDirichletOracle({ ...DEFAULTS, classes: 2, ambiguousConcentration: 1e9, clearConcentration: 1e9 }, new Rng(2));
    const points = [0.03, 0.1, 0.3].map((s) => binarySimulationAt(BINARY_SIMULATION_DEFAULTS, s));
    const curve = dirichletSimulation(o, {
      temperatures: points.map((p) => p.temperature),
      boost: teacherBoost(BINARY_SIMULATION_DEFAULTS.gamma),
      oneHotMinor: BINARY_SIMULATION_DEFAULTS.oneHotMinor,
    });
    points.forEach((p, j) => {
      expect(curve.softAmbiguous[j]).toBeCloseTo(p.ambiguous, 5);
      expect(curve.softClear[j]).toBeCloseTo(p.clear, 5);
    });
    expect(curve.oneHot.g).toBeCloseTo(0.0659301, 5); // binary-simulation.test.ts's hand value
  });

  it('stays finite with concentrations so small that oracle entries underflow a double', () => {
    const o = sampleDirichletOracle({ ...DEFAULTS, points: 200, clearConcentration: 0.05 }, new Rng(3));
    expect(Math.min(...o.logOracle)).toBeLessThan(-745);
    const curve = dirichletSimulation(o, { temperatures: [1, 5, 20], boost: 2, oneHotMinor: 1e-3 });
    expect(curve.soft.every((g) => Number.isFinite(g) && g >= 0)).toBe(true);
  });

  it('has its lowest G at a low temperature with the defaults, far below the one-hot model', () => {
    const o = sampleDirichletOracle(DEFAULTS, new Rng(1).fork('appendix-c'));
    const temperatures = [1, 1.5, 2, 3, 5, 10, 20];
    const curve = dirichletSimulation(o, { temperatures, boost: teacherBoost(0.3), oneHotMinor: 1e-4 });
    expect(curve.best.temperature).toBeGreaterThanOrEqual(1.5);
    expect(curve.best.temperature).toBeLessThanOrEqual(2);
    expect(curve.best.g).toBeLessThan(curve.oneHot.g / 5);
    expect(curve.soft[temperatures.length - 1]).toBeGreaterThan(curve.oneHot.g); // T = 20 is too hot
  });

  it('refuses bad temperatures and δ, naming them', () => {
    const o = sampleDirichletOracle({ ...DEFAULTS, points: 10 }, new Rng(1));
    expect(() => dirichletSimulation(o, { temperatures: [1, 0], boost: 1, oneHotMinor: 0.01 })).toThrow(/temperatures must be a non-empty list of numbers > 0, got \[1, 0\]/);
    expect(() => dirichletSimulation(o, { temperatures: [1], boost: 1, oneHotMinor: 0.95 })).toThrow(/oneHotMinor \(δ\) must be in/);
  });
});

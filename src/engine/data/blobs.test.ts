import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../shared/rng';
import { blobCentres, blobsPosterior, erf, makeBlobs } from './blobs';

/** Truncated-Gaussian class density p(x | c) inside the unit square, by Simpson integration of the mass. */
function densityByIntegration(x: number, y: number, centre: [number, number], std: number): number {
  const gauss1 = (t: number, mu: number) => Math.exp(-((t - mu) ** 2) / (2 * std * std)) / (std * Math.sqrt(2 * Math.PI));
  const mass = (mu: number) => {
    const n = 2000;
    let sum = 0;
    for (let i = 0; i <= n; i++) sum += (i === 0 || i === n ? 1 : i % 2 ? 4 : 2) * gauss1(i / n, mu);
    return sum / (3 * n);
  };
  return (gauss1(x, centre[0]) * gauss1(y, centre[1])) / (mass(centre[0]) * mass(centre[1]));
}

describe('blobs', () => {
  it('computes erf to 1e-6', () => {
    // Reference values of erf at 0.5, 1, 2 (tables).
    expect(erf(0.5)).toBeCloseTo(0.5204998778, 6);
    expect(erf(1)).toBeCloseTo(0.8427007929, 6);
    expect(erf(-2)).toBeCloseTo(-0.995322265, 6);
  });

  it('keeps every point inside [0, 1]² with balanced labels', () => {
    const data = makeBlobs(new Rng(3), { classes: 3, std: 0.2, trainSize: 300, testSize: 30 });
    expect(Math.min(...data.train.x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...data.train.x)).toBeLessThanOrEqual(1);
    const counts = [0, 0, 0];
    data.train.y.forEach((c) => counts[c]++);
    expect(counts).toEqual([100, 100, 100]);
  });

  it('gives an oracle posterior that sums to 1 and follows Bayes’ rule with equal priors', () => {
    const std = 0.12;
    const centres = blobCentres(3);
    const posterior = blobsPosterior(centres, std);
    fc.assert(
      fc.property(fc.float({ min: 0, max: 1, noNaN: true }), fc.float({ min: 0, max: 1, noNaN: true }), (x, y) => {
        const p = posterior(Float32Array.of(x, y), 1);
        expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        const likelihoods = centres.map((c) => densityByIntegration(Math.fround(x), Math.fround(y), c, std));
        const evidence = likelihoods.reduce((a, b) => a + b, 0);
        if (evidence < 1e-30) return; // both sides underflow far from every centre
        likelihoods.forEach((l, c) => expect(p[c]).toBeCloseTo(l / evidence, 4));
      }),
      { numRuns: 60 },
    );
  });

  it('is reproducible from its seed and changes with it', () => {
    const a = makeBlobs(new Rng(7), { classes: 3, std: 0.1, trainSize: 50, testSize: 10 });
    const b = makeBlobs(new Rng(7), { classes: 3, std: 0.1, trainSize: 50, testSize: 10 });
    const c = makeBlobs(new Rng(8), { classes: 3, std: 0.1, trainSize: 50, testSize: 10 });
    expect(b.train.x).toEqual(a.train.x);
    expect(c.train.x).not.toEqual(a.train.x);
  });
});

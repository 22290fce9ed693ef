/**
 * Blobs: k Gaussian classes in the unit square, with an exact Bayes posterior.
 *
 * Points are drawn by rejection inside [0, 1]² so every input is a valid attack input; the
 * class densities are therefore Gaussians truncated to the square, and the posterior divides
 * each class's Gaussian by its mass inside the square (computed with erf, not estimated).
 */
import { Rng } from '../../shared/rng';
import { sampleInSquare } from './toy-sampler';
import type { Dataset } from './types';

export interface BlobsOptions {
  classes: number;
  /** Standard deviation of every blob, in input units. */
  std: number;
  trainSize: number;
  testSize: number;
}

/** Class centres, evenly spaced on a circle of radius 0.25 around (0.5, 0.5). */
export function blobCentres(classes: number): Array<[number, number]> {
  return Array.from({ length: classes }, (_, c) => {
    const angle = (2 * Math.PI * c) / classes + Math.PI / 2;
    return [0.5 + 0.25 * Math.cos(angle), 0.5 + 0.25 * Math.sin(angle)];
  });
}

/** erf by Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7). */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-a * a));
}

/** Mass of N(mu, std²) inside [0, 1]. */
function unitMass(mu: number, std: number): number {
  const s = std * Math.SQRT2;
  return 0.5 * (erf((1 - mu) / s) - erf((0 - mu) / s));
}


/** The exact posterior p(c | x) ∝ π_c · N(x; μ_c, σ²I) / Z_c for truncated Gaussian classes. */
export function blobsPosterior(centres: Array<[number, number]>, std: number) {
  const logMass = centres.map(([mx, my]) => Math.log(unitMass(mx, std) * unitMass(my, std)));
  const k = centres.length;
  return (x: Float32Array, n: number): Float32Array => {
    const out = new Float32Array(n * k);
    const logits = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        const dx = x[2 * i] - centres[c][0];
        const dy = x[2 * i + 1] - centres[c][1];
        logits[c] = -(dx * dx + dy * dy) / (2 * std * std) - logMass[c];
        max = Math.max(max, logits[c]);
      }
      let sum = 0;
      for (let c = 0; c < k; c++) sum += (logits[c] = Math.exp(logits[c] - max));
      for (let c = 0; c < k; c++) out[i * k + c] = logits[c] / sum;
    }
    return out;
  };
}

export function makeBlobs(rng: Rng, options: BlobsOptions): Dataset {
  const centres = blobCentres(options.classes);
  return {
    id: 'blobs',
    inputShape: [2],
    numClasses: options.classes,
    classNames: centres.map((_, c) => `class ${c}`),
    train: sampleInSquare(rng.fork('train'), options.trainSize, centres.length, options.std, (c) => centres[c]),
    test: sampleInSquare(rng.fork('test'), options.testSize, centres.length, options.std, (c) => centres[c]),
    oracle: blobsPosterior(centres, options.std),
  };
}

/**
 * Two moons (as scikit-learn's make_moons): two interleaved half circles, mapped into the
 * unit square, with Gaussian noise. Points outside [0, 1]² are redrawn, so every input is a
 * valid attack input. No closed-form posterior: the oracle is left out.
 */
import { Rng } from '../../shared/rng';
import { sampleInSquare } from './toy-sampler';
import type { Dataset } from './types';

export interface ToyOptions {
  /** Standard deviation of the noise, in input units (the square is 1 wide). */
  noise: number;
  trainSize: number;
  testSize: number;
}

/** make_moons spans x ∈ [-1, 2], y ∈ [-0.5, 1]; this scale fits it into [0.1, 0.9] × [0.3, 0.7]. */
const SCALE = 0.8 / 3;

/** A noiseless moon point: class 0 the upper arc, class 1 the lower one; `t` ∈ [0, 1] along it. */
export function moonPoint(c: number, t: number): [number, number] {
  const angle = Math.PI * t;
  const [x, y] = c === 0 ? [Math.cos(angle), Math.sin(angle)] : [1 - Math.cos(angle), 0.5 - Math.sin(angle)];
  return [0.1 + (x + 1) * SCALE, 0.3 + (y + 0.5) * SCALE];
}


export function makeMoons(rng: Rng, options: ToyOptions): Dataset {
  return {
    id: 'moons',
    inputShape: [2],
    numClasses: 2,
    classNames: ['upper moon', 'lower moon'],
    train: sampleInSquare(rng.fork('train'), options.trainSize, 2, options.noise, (c, r) => moonPoint(c, r.next())),
    test: sampleInSquare(rng.fork('test'), options.testSize, 2, options.noise, (c, r) => moonPoint(c, r.next())),
  };
}

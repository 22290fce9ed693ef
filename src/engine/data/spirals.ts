/**
 * Interleaved spirals (the CS231n toy): `classes` arms winding out of the centre of the unit
 * square, each turning by `turns` revolutions, with Gaussian noise; points outside [0, 1]² are
 * redrawn. No closed-form posterior.
 */
import { Rng } from '../rng';
import type { ToyOptions } from './moons';
import type { Dataset, Split } from './types';

export interface SpiralOptions extends ToyOptions {
  classes: number;
}

const TURNS = 0.75;
const RADIUS = 0.42;

/** A noiseless point of arm `c` of `classes`, at `t` ∈ [0, 1] from the centre outwards. */
export function spiralPoint(c: number, classes: number, t: number): [number, number] {
  const angle = (2 * Math.PI * c) / classes + 2 * Math.PI * TURNS * t;
  return [0.5 + RADIUS * t * Math.cos(angle), 0.5 + RADIUS * t * Math.sin(angle)];
}

function sample(rng: Rng, n: number, classes: number, noise: number): Split {
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    let px: number, py: number;
    do {
      // √u spreads points evenly along the arm's area rather than crowding the centre.
      const [sx, sy] = spiralPoint(c, classes, Math.sqrt(rng.next()));
      px = sx + noise * rng.normal();
      py = sy + noise * rng.normal();
    } while (px < 0 || px > 1 || py < 0 || py > 1);
    x[2 * i] = px;
    x[2 * i + 1] = py;
    y[i] = c;
  }
  return { x, y, n };
}

export function makeSpirals(rng: Rng, options: SpiralOptions): Dataset {
  return {
    id: 'spirals',
    inputShape: [2],
    numClasses: options.classes,
    classNames: Array.from({ length: options.classes }, (_, c) => `arm ${c}`),
    train: sample(rng.fork('train'), options.trainSize, options.classes, options.noise),
    test: sample(rng.fork('test'), options.testSize, options.classes, options.noise),
  };
}

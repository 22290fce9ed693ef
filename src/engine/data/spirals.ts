/**
 * Interleaved spirals (the CS231n toy): `classes` arms winding out of the centre of the unit
 * square, each turning by `turns` revolutions, with Gaussian noise; points outside [0, 1]² are
 * redrawn. No closed-form posterior.
 */
import { Rng } from '../../shared/rng';
import type { ToyOptions } from './moons';
import { sampleInSquare } from './toy-sampler';
import type { Dataset } from './types';

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


/** √u spreads points evenly along the arm's area rather than crowding the centre. */
const armPoint = (classes: number) => (c: number, rng: Rng) => spiralPoint(c, classes, Math.sqrt(rng.next()));

export function makeSpirals(rng: Rng, options: SpiralOptions): Dataset {
  return {
    id: 'spirals',
    inputShape: [2],
    numClasses: options.classes,
    classNames: Array.from({ length: options.classes }, (_, c) => `arm ${c}`),
    train: sampleInSquare(rng.fork('train'), options.trainSize, options.classes, options.noise, armPoint(options.classes)),
    test: sampleInSquare(rng.fork('test'), options.testSize, options.classes, options.noise, armPoint(options.classes)),
  };
}

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Classifier } from '../models';
import type { Evaluated } from './robust';
import { measureSweep, sameEpsilon, sweepEpsilons } from './sweep';

describe('ε sweep radii', () => {
  it('keeps ε = 8/255 exactly (no rounding to 0.031373) and its multiples', () => {
    const epsilon = 8 / 255;
    const radii = sweepEpsilons(epsilon);
    expect(radii).toEqual([4 / 255, 8 / 255, 16 / 255, 3 * epsilon]);
    expect(radii[1]).toBe(epsilon);
  });

  it('caps at 1 and drops near-duplicates', () => {
    expect(sweepEpsilons(0.4, [1, 3, 4])).toEqual([0.4, 1]);
    expect(sweepEpsilons(0.1, [1, 1 + 1e-12])).toEqual([0.1]);
  });

  it('matches radii up to relative 1e-9, not beyond', () => {
    expect(sameEpsilon(8 / 255, (8 / 255) * (1 + 1e-12))).toBe(true);
    expect(sameEpsilon(8 / 255, 0.031373)).toBe(false);
  });
});

describe('reusing the main measurement', () => {
  it('takes the detector’s own PGD and Square at ε = 8/255 instead of attacking again', async () => {
    const untouchable: Classifier = () => {
      throw new Error('the sweep attacked again instead of reusing the main measurement');
    };
    const outcome = (): Evaluated => ({ figure: {} as Evaluated['figure'], brokenMask: new Uint8Array(2) });
    const main = { epsilon: 8 / 255, pgd: outcome(), square: outcome() };
    const x = tf.zeros([2, 2]);
    const y = tf.tensor1d([0, 1], 'int32');
    const points = await measureSweep(untouchable, x, y, { epsilons: sweepEpsilons(8 / 255, [1]), pgdSteps: 1, restarts: 1, seed: 1 }, undefined, [main]);
    expect(points).toHaveLength(1);
    expect(points[0]).toBe(main);
    tf.dispose([x, y]);
  });
});

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { randomMlp } from '../attacks/test-models';
import type { Classifier } from '../models';
import type { Evaluated } from './robust';
import { measureSweep, sameEpsilon, sweepEpsilons } from './epsilon-sweep';

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

describe('the white-box side of the sweep', () => {
  it('runs the given white-box attack at every ε (PGD-K when none is given)', async () => {
    const mlp = randomMlp(6, 2, 10, 4, 4);
    const x = tf.randomUniform([12, 2], 0, 1, 'float32', 3);
    const y = tf.tidy(() => tf.argMax(mlp.model(x), -1) as tf.Tensor1D);
    const base = { epsilons: [0.02, 0.04], pgdSteps: 2, restarts: 1, squareQueries: 5, seed: 1 };
    const apgd = await measureSweep(mlp.model, x, y, { ...base, whiteBox: { attack: 'APGD', loss: 'ce', steps: 3 } });
    expect(apgd.map((p) => p.pgd.figure.settings)).toEqual([0.02, 0.04].map((epsilon) => ({ attack: 'APGD', loss: 'ce', epsilon, steps: 3, restarts: 1, subset: 12 })));
    const pgd = await measureSweep(mlp.model, x, y, base);
    expect(pgd.map((p) => p.pgd.figure.settings.attack)).toEqual(['PGD', 'PGD']);
    tf.dispose([x, y]);
    mlp.dispose();
  });
});

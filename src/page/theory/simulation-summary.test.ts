import { describe, expect, it } from 'vitest';
import type { SimulationData } from './simulation-data';
import { describeSimulation } from './simulation-summary';

const BASE: SimulationData = {
  variant: 'binary', x: [0.03, 0.1, 0.5], temperature: [1, 1.8, Infinity], soft: [0.02, 0.005, 0.7], softAmbiguous: [0, 0, 0], softClear: [0, 0, 0],
  oneHot: 0.0659, best: { x: 0.1, temperature: 1.8, g: 0.005 }, softBelowOneHot: { from: 0.03, to: 0.1 }, points: null,
};

describe('describeSimulation', () => {
  it('says over which s the soft labels beat model 1, and where and at which temperature they are best', () => {
    expect(describeSimulation(BASE)).toBe(
      'Soft labels beat the one-hot-like model 1 (G = 0.0659 nats) from s = 0.03 to s = 0.1; the soft labels’ smallest G, 0.005 nats, is at s = 0.1 (T ≈ 1.8).',
    );
  });

  it('says so when the soft labels never beat model 1, and speaks of temperatures in the Dirichlet variant', () => {
    const never: SimulationData = { ...BASE, variant: 'dirichlet', x: [1, 2], temperature: [1, 2], best: { x: 2, temperature: 2, g: 0.08 }, softBelowOneHot: null };
    expect(describeSimulation(never)).toBe('At these settings the soft labels never beat model 1 (G = 0.0659 nats); the soft labels’ smallest G, 0.08 nats, is at T ≈ 2.');
  });
});

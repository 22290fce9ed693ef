import { describe, expect, it } from 'vitest';
import { describeSettings } from './describe';

describe('describeSettings', () => {
  it('puts every setting behind a figure into its caption', () => {
    expect(describeSettings({ attack: 'PGD', epsilon: 0.05, steps: 20, restarts: 3, subset: 200 })).toBe(
      'PGD-20, 3 restarts, ε = 0.05, 200 test points',
    );
    expect(describeSettings({ attack: 'Square', epsilon: 8 / 255, steps: 0, restarts: 1, subset: 100, queries: 5000 })).toBe(
      'Square, 5000 queries, ε = 0.0314, 100 test points',
    );
    expect(describeSettings({ attack: 'Noise', epsilon: 0.1, steps: 0, restarts: 1, subset: 50, queries: 20 })).toBe(
      'Noise, 20 draws, ε = 0.1, 50 test points',
    );
  });

  it('leaves ε out where ε is the axis', () => {
    expect(describeSettings({ attack: 'PGD', epsilon: 0.05, steps: 20, restarts: 3, subset: 200 }, { withEpsilon: false })).toBe(
      'PGD-20, 3 restarts, 200 test points',
    );
  });
});

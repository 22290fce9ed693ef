import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../shared/config';
import { chartAttackOf, evaluationCost, evaluationSpec } from './evaluation-attack';

describe('evaluation attack of a config', () => {
  it('keeps PGD exactly as before by default: K = evaluation steps, 1 restart, cross-entropy', () => {
    expect(DEFAULT_CONFIG.evalAttack).toBe('pgd');
    expect(evaluationSpec(DEFAULT_CONFIG, 7)).toEqual({ attack: 'PGD', epsilon: 0.05, steps: 10, restarts: 1, seed: 7 });
  });

  it('runs APGD-CE for the evaluation steps, and AA-lite at its budget', () => {
    expect(evaluationSpec({ ...DEFAULT_CONFIG, evalAttack: 'apgd-ce', evalPgdSteps: 50 }, 1)).toEqual({
      attack: 'APGD', loss: 'ce', epsilon: 0.05, steps: 50, restarts: 1, seed: 1,
    });
    expect(evaluationSpec({ ...DEFAULT_CONFIG, evalAttack: 'aa-lite', aaBudget: 'quick' }, 1)).toEqual({
      attack: 'AA-lite', budget: 'quick', epsilon: 0.05, seed: 1,
    });
    expect(evaluationSpec({ ...DEFAULT_CONFIG, evalAttack: 'aa-lite', aaBudget: 'quick', aaQueries: 50 }, 1)).toMatchObject({ queries: 50 });
  });

  it('gives the detector the chart’s attack without ε and seed, which are the detector’s', () => {
    expect(chartAttackOf({ ...DEFAULT_CONFIG, evalPgdSteps: 7 })).toEqual({ attack: 'PGD', steps: 7, restarts: 1 });
    expect(chartAttackOf({ ...DEFAULT_CONFIG, evalAttack: 'aa-lite', aaBudget: 'quick' })).toEqual({ attack: 'AA-lite', budget: 'quick' });
  });

  it('costs every pass an attack may make per point (hand-counted)', () => {
    expect(evaluationCost({ ...DEFAULT_CONFIG, evalPgdSteps: 10 }, 3)).toBe(11);
    expect(evaluationCost({ ...DEFAULT_CONFIG, evalAttack: 'apgd-ce', evalPgdSteps: 10 }, 3)).toBe(12);
    // Quick on 10 classes: clean 1 + APGD-CE 21 + APGD-T 3 × 21 + Square 1000 / 3.
    expect(evaluationCost({ ...DEFAULT_CONFIG, evalAttack: 'aa-lite', aaBudget: 'quick' }, 10)).toBeCloseTo(1 + 21 + 63 + 1000 / 3);
    // Standard on 3 classes: margin APGD replaces APGD-T: 1 + 101 + 101 + 5000 / 3.
    expect(evaluationCost({ ...DEFAULT_CONFIG, evalAttack: 'aa-lite', aaBudget: 'standard' }, 3)).toBeCloseTo(1 + 202 + 5000 / 3);
    expect(evaluationCost({ ...DEFAULT_CONFIG, evalAttack: 'aa-lite', aaBudget: 'standard', aaQueries: 300 }, 3)).toBeCloseTo(1 + 202 + 100);
  });
});

import { describe, expect, it } from 'vitest';
import { DETECTOR_BUDGET_DEFAULTS, detectorBudgetFromQuery, detectorMultiplesFromQuery } from './detector-url';

describe('the detector’s URL parameters', () => {
  it('give the defaults when none is present', () => {
    expect(detectorBudgetFromQuery('tau=2')).toEqual(DETECTOR_BUDGET_DEFAULTS);
  });

  it('read every budget parameter', () => {
    expect(detectorBudgetFromQuery('detectorSubset=32&detectorQueries=10&detectorSteps=2&detectorRestarts=1&detectorAttack=pgd&detectorBudget=quick')).toEqual({
      subset: 32, queries: 10, pgdSteps: 2, restarts: 1, attack: 'pgd', aaBudget: 'quick',
    });
  });

  it('keep the default for a value that is not a positive count or not an option', () => {
    const budget = detectorBudgetFromQuery('detectorSubset=-3&detectorQueries=abc&detectorAttack=fab&detectorBudget=huge&detectorSteps=2.6');
    expect(budget).toEqual({ ...DETECTOR_BUDGET_DEFAULTS, pgdSteps: 3 });
  });

  it('read the ε sweep’s multiples only when every one is a positive number', () => {
    expect(detectorMultiplesFromQuery('detectorMultiples=1,3')).toEqual([1, 3]);
    expect(detectorMultiplesFromQuery('detectorMultiples=1,-3')).toBeUndefined();
    expect(detectorMultiplesFromQuery('')).toBeUndefined();
  });
});

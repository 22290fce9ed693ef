import { describe, expect, it } from 'vitest';
import { configFromQuery } from '../../shared/config';
import { DETECTOR_BUDGET_DEFAULTS } from '../../shared/url-params';
import { describePreset } from './describe-preset';

describe('describePreset', () => {
  it('names data, model, method with its temperature, ε, budgets and both attacks', () => {
    const { config } = configFromQuery('dataset=mnist&method=ltd&tau=5&lambda=6&epsilon=0.1&trainSize=1000&epochs=4&teacherEpochs=3&evalSubset=100&evalPgdSteps=10');
    expect(describePreset(config, { ...DETECTOR_BUDGET_DEFAULTS, subset: 100, queries: 500, aaBudget: 'quick' })).toBe(
      'MNIST, Small CNN, LTD τ = 5, λ = 6, ε = 0.1 (25.5/255); 3 teacher + 4 student epochs on 1000 training images; ' +
        'each epoch PGD-10 on 100 test images; detector AA-lite (quick) and Square (500 queries) on 100.',
    );
  });

  it('gives defensive distillation its T and no λ, a natural run no teacher, and a default Square budget in words', () => {
    const dd = configFromQuery('method=defensive-distillation&distillTemperature=20').config;
    expect(describePreset(dd, DETECTOR_BUDGET_DEFAULTS)).toMatch(/^blobs, MLP, Defensive distillation T = 20, ε = 0\.05; 8 teacher \+ 8 student epochs on 1000 training points/);
    expect(describePreset(dd, DETECTOR_BUDGET_DEFAULTS)).toContain('Square (its default queries) on 200');
    const natural = configFromQuery('method=natural&evalAttack=aa-lite&aaBudget=quick').config;
    expect(describePreset(natural, { ...DETECTOR_BUDGET_DEFAULTS, attack: 'pgd' })).toMatch(/Natural, ε = 0\.05; 8 epochs on 1000 .*each epoch AA-lite \(quick\) .*detector PGD-20 and Square/);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../shared/config';
import { useConfig } from './config';

describe('the settings store', () => {
  beforeEach(() => useConfig.setState({ config: DEFAULT_CONFIG, issues: [] }));
  const { set } = useConfig.getState();

  it('switches to Adam at 1e-2, constant, for defensive distillation and back to SGD after it', () => {
    set('method', 'defensive-distillation');
    expect(useConfig.getState().config).toMatchObject({ optimizer: 'adam', learningRate: 1e-2, lrSchedule: 'constant' });
    set('method', 'ltd');
    expect(useConfig.getState().config).toMatchObject({ optimizer: 'sgd', learningRate: 0.05, lrSchedule: 'piecewise' });
  });

  it('brings each method’s inner maximisation: KL for TRADES, CE for LTD, whatever was chosen before', () => {
    set('method', 'trades');
    expect(useConfig.getState().config.innerMax).toBe('kl');
    set('innerMax', 'ce');
    expect(useConfig.getState().config.innerMax).toBe('ce');
    set('method', 'ltd');
    expect(useConfig.getState().config.innerMax).toBe('ce');
    set('innerMax', 'kl');
    set('method', 'pgd-at');
    expect(useConfig.getState()).toMatchObject({ config: { method: 'pgd-at', innerMax: 'ce' }, issues: [] });
  });

  it('keeps a chosen learning rate when moving between methods that share the optimiser', () => {
    set('learningRate', 0.02);
    set('method', 'trades');
    expect(useConfig.getState().config.learningRate).toBe(0.02);
  });

  it('brings the data set’s ε, model and PGD steps with it', () => {
    set('dataset', 'mnist');
    expect(useConfig.getState().config).toMatchObject({ epsilon: 0.3, model: 'cnn', trainPgdSteps: 5 });
    set('model', 'resnet');
    set('dataset', 'fashion-mnist');
    expect(useConfig.getState().config).toMatchObject({ epsilon: 0.1, model: 'resnet' });
    set('dataset', 'moons');
    expect(useConfig.getState().config).toMatchObject({ epsilon: 0.05, model: 'mlp', trainPgdSteps: 10 });
  });

  it('keeps a refused value out of the config and names the field', () => {
    set('epochs', 0);
    expect(useConfig.getState().config.epochs).toBe(DEFAULT_CONFIG.epochs);
    expect(useConfig.getState().issues).toEqual([{ field: 'epochs', message: 'Epochs (epochs) must be at least 1' }]);
    set('epochs', 3);
    expect(useConfig.getState().issues).toEqual([]);
  });
});

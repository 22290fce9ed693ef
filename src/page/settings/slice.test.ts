import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../shared/config';
import { useStore } from '../store';
import { setSlice } from '../testing/store';

describe('the settings store', () => {
  beforeEach(() => setSlice('settings', { config: DEFAULT_CONFIG, issues: [] }));
  const { set } = useStore.getState().settings;

  it('switches to Adam at 1e-2, constant, for defensive distillation and back to SGD after it', () => {
    set('method', 'defensive-distillation');
    expect(useStore.getState().settings.config).toMatchObject({ optimizer: 'adam', learningRate: 1e-2, lrSchedule: 'constant' });
    set('method', 'ltd');
    expect(useStore.getState().settings.config).toMatchObject({ optimizer: 'sgd', learningRate: 0.05, lrSchedule: 'piecewise' });
  });

  it('brings each method’s inner maximisation: KL for TRADES, CE for LTD, whatever was chosen before', () => {
    set('method', 'trades');
    expect(useStore.getState().settings.config.innerMax).toBe('kl');
    set('innerMax', 'ce');
    expect(useStore.getState().settings.config.innerMax).toBe('ce');
    set('method', 'ltd');
    expect(useStore.getState().settings.config.innerMax).toBe('ce');
    set('innerMax', 'kl');
    set('method', 'pgd-at');
    expect(useStore.getState().settings).toMatchObject({ config: { method: 'pgd-at', innerMax: 'ce' }, issues: [] });
  });

  it('keeps a chosen learning rate when moving between methods that share the optimiser', () => {
    set('learningRate', 0.02);
    set('method', 'trades');
    expect(useStore.getState().settings.config.learningRate).toBe(0.02);
  });

  it('brings the data set’s ε, model and PGD steps with it', () => {
    set('dataset', 'mnist');
    expect(useStore.getState().settings.config).toMatchObject({ epsilon: 0.3, model: 'cnn', trainPgdSteps: 5 });
    set('model', 'resnet');
    set('dataset', 'fashion-mnist');
    expect(useStore.getState().settings.config).toMatchObject({ epsilon: 0.1, model: 'resnet' });
    set('dataset', 'moons');
    expect(useStore.getState().settings.config).toMatchObject({ epsilon: 0.05, model: 'mlp', trainPgdSteps: 10 });
  });

  it('keeps a refused value out of the config and names the field', () => {
    set('epochs', 0);
    expect(useStore.getState().settings.config.epochs).toBe(DEFAULT_CONFIG.epochs);
    expect(useStore.getState().settings.issues).toEqual([{ field: 'epochs', message: 'Epochs (epochs) must be at least 1' }]);
    set('epochs', 3);
    expect(useStore.getState().settings.issues).toEqual([]);
  });
});

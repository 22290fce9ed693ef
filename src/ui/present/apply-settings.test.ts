import { describe, expect, it } from 'vitest';
import { configFromQuery, DEFAULT_CONFIG } from '../../shared/config';
import { useConfig } from '../../state/config';
import { applySettings } from './apply-settings';

describe('applying a tour step’s settings', () => {
  it('leaves the store with exactly the config the query opens the page with, whatever was set before', () => {
    useConfig.setState({ config: { ...DEFAULT_CONFIG, method: 'trades', lambda: 3, epochs: 7 }, issues: [] });
    const query = 'dataset=mnist&method=ltd&tau=8&epochs=2';
    expect(applySettings(query)).toEqual([]);
    expect(useConfig.getState().config).toEqual(configFromQuery(query).config);
    expect(useConfig.getState().config).toMatchObject({ dataset: 'mnist', method: 'ltd', tau: 8, epochs: 2, lambda: DEFAULT_CONFIG.lambda });
  });

  it('returns a refused value with the field named and keeps the rest', () => {
    useConfig.setState({ config: DEFAULT_CONFIG, issues: [] });
    const refused = applySettings('tau=500&epochs=2');
    expect(refused.map((i) => i.field)).toEqual(['tau']);
    expect(useConfig.getState().config.epochs).toBe(2);
  });
});

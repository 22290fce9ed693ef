import { describe, expect, it } from 'vitest';
import { configFromQuery, configToQuery, DEFAULT_CONFIG, epsilonScale, validateConfig } from './config';

describe('the threat-model setting (norm)', () => {
  it('defaults to L∞, and ?norm=l2 brings the data set’s L2 radius', () => {
    expect(DEFAULT_CONFIG.norm).toBe('linf');
    expect(configFromQuery('dataset=cifar10&norm=l2').config).toMatchObject({ norm: 'l2', epsilon: 0.5 });
    expect(configFromQuery('dataset=mnist&norm=l2').config.epsilon).toBe(2);
    expect(configFromQuery('dataset=fashion-mnist&norm=l2').config.epsilon).toBe(1.5);
    expect(configFromQuery('norm=l2').config.epsilon).toBe(epsilonScale('blobs', 'l2').default);
    expect(configFromQuery('dataset=cifar10').config.epsilon).toBeCloseTo(8 / 255, 10);
  });

  it('round-trips through the URL, and writes ε only when it is not the norm’s default', () => {
    const l2 = configFromQuery('dataset=mnist&norm=l2').config;
    expect(configToQuery(l2)).toBe('dataset=mnist&norm=l2');
    const custom = { ...l2, epsilon: 3 };
    expect(configFromQuery(configToQuery(custom)).config).toEqual(custom);
  });

  it('refuses an L∞ radius above 1, naming both settings, and allows it under L2', () => {
    const bad = validateConfig({ ...DEFAULT_CONFIG, epsilon: 1.5 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issues[0].field).toBe('epsilon');
      expect(bad.issues[0].message).toMatch(/Threat model \(norm\)/);
    }
    expect(validateConfig({ ...DEFAULT_CONFIG, norm: 'l2', epsilon: 1.5 }).ok).toBe(true);
    const unknown = validateConfig({ ...DEFAULT_CONFIG, norm: 'l1' });
    expect(!unknown.ok && unknown.issues[0].message).toBe('Threat model (norm) must be one of: linf, l2');
  });
});

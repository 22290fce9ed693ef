import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../shared/config';
import { captionAttack, describeSettings } from '../../shared/describe';
import { readRecord } from '../../shared/saved-run';
import { epsilonText } from '../epsilon';
import { useStore } from '../store';
import { setSlice } from '../testing/store';

describe('the threat model on the page', () => {
  beforeEach(() => setSlice('settings', { config: DEFAULT_CONFIG, issues: [] }));
  const { set } = useStore.getState().settings;
  const config = () => useStore.getState().settings.config;

  it('choosing L2 brings the data set’s L2 radius, a new data set its own under the chosen norm, and L∞ back its L∞ one', () => {
    set('dataset', 'mnist');
    expect(config().epsilon).toBe(0.3);
    set('norm', 'l2');
    expect(config()).toMatchObject({ norm: 'l2', epsilon: 2 });
    set('dataset', 'cifar10');
    expect(config().epsilon).toBe(0.5);
    set('norm', 'linf');
    expect(config().epsilon).toBeCloseTo(8 / 255, 10);
    expect(useStore.getState().settings.issues).toEqual([]);
  });

  it('shows an L2 radius without x/255 and with its norm; captions write ε₂ and FGM', () => {
    expect(epsilonText(8 / 255, 'cifar10')).toBe('0.0314 (8/255)');
    expect(epsilonText(0.5, 'cifar10', 'l2')).toBe('0.5 (L2)');
    const settings = { attack: 'PGD' as const, epsilon: 0.5, steps: 10, restarts: 1, subset: 100, norm: 'l2' as const };
    expect(describeSettings(settings)).toBe('PGD-10, 1 restart, ε₂ = 0.5, 100 test points');
    expect(describeSettings(settings, { withEpsilon: false })).toBe('PGD-10, 1 restart, L2, 100 test points');
    expect(captionAttack({ ...settings, attack: 'FGSM', steps: 1 })).toBe('FGM, ε₂ = 0.5, 100 test points');
    expect(captionAttack(settings, 'compact')).toBe('PGD-10 ε₂=0.5 on 100');
    const { norm: _n, ...linf } = settings;
    expect(describeSettings(linf)).toBe('PGD-10, 1 restart, ε = 0.5, 100 test points');
  });

  it('reads a run saved before the threat model existed as L∞', () => {
    const { norm: _n, ...old } = DEFAULT_CONFIG;
    const entry = readRecord(1, {
      version: 4, id: 1, savedAt: 1, label: 'old', config: old, teacher: [], student: [], robustAttack: null, teacherCached: false,
      liveChanges: [], outcome: 'completed', origin: { kind: 'trained' }, detector: null,
    });
    expect(entry.ok && entry.run.config.norm).toBe('linf');
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../shared/config';
import type { AttackSettings } from '../../shared/events';
import { sweepBusy } from './slice';
import { useStore } from '../store';
import { setSlice } from '../testing/store';
import { PLAIN_EXTRAS } from '../../shared/testing/figures';

const PGD: AttackSettings = { attack: 'PGD', epsilon: 0.05, steps: 2, restarts: 1, subset: 16 };

beforeEach(() => {
  setSlice('temperatureSweep', { status: 'running', points: [], substitutes: [], tauMax: null, chosen: null, progress: null, temperatures: '1, 2' });
  setSlice('alerts', { list: [] });
});

describe('sweep store', () => {
  it('keeps points, substitutes, τ_max, the chosen τ and progress (the inner runs’ epochs never reach it: its listener takes the sweep’s own events only)', () => {
    const { handle } = useStore.getState().temperatureSweep;
    handle({ type: 'sweep-substitute', tau: 1, natAcc: 90, points: 32, split: 'validation' });
    handle({ type: 'sweep-tau-max', tauMax: 8, baseline: 90, threshold: 85, taus: [1, 2] });
    handle({ type: 'sweep-progress', stage: 'student', tau: 2, index: 2, count: 2, repeat: 1, repeats: 1, fraction: 0.5, etaSeconds: 3 });
    const figures = { natAcc: 80, robustAcc: 60, squareAcc: null, worstCaseAcc: 60, subset: 16, robustAttack: PGD, square: null, cleanCorrect: 13, ...PLAIN_EXTRAS };
    handle({ type: 'sweep-point', tau: 2, split: 'validation', stage: 'grid', lambda: 6, epochs: 1, seed: 1, repeat: 1, repeats: 1, ...figures });
    handle({ type: 'sweep-chosen', tau: 2, validation: figures, test: { ...figures, natAcc: 78 }, trainPoints: 58, validationPoints: 6 });
    const s = useStore.getState().temperatureSweep;
    expect(s.substitutes).toEqual([{ tau: 1, natAcc: 90, points: 32, split: 'validation' }]);
    expect(s.chosen).toMatchObject({ tau: 2, test: { natAcc: 78 }, validation: { natAcc: 80 } });
    expect(s.tauMax).toEqual({ tauMax: 8, baseline: 90, threshold: 85, taus: [1, 2] });
    expect(s.progress).toMatchObject({ stage: 'student', fraction: 0.5 });
    expect(s.points.map((p) => [p.tau, p.robustAcc])).toEqual([[2, 60]]);
    expect(s.status).toBe('running');
  });

  it('ends as done or stopped, and is busy only while running or paused', () => {
    useStore.getState().temperatureSweep.handle({ type: 'done', reason: 'stopped', seconds: 2 });
    expect(useStore.getState().temperatureSweep.status).toBe('stopped');
    useStore.getState().temperatureSweep.handle({ type: 'done', reason: 'completed', seconds: 2 });
    expect(useStore.getState().temperatureSweep.status).toBe('done');
    expect((['idle', 'running', 'paused', 'done', 'stopped', 'error'] as const).filter(sweepBusy)).toEqual(['running', 'paused']);
  });

  it('turns an error into an alert naming the sweep', () => {
    useStore.getState().temperatureSweep.handle({ type: 'error', kind: 'config', message: 'Temperatures: τ = 60 is outside' });
    expect(useStore.getState().temperatureSweep.status).toBe('error');
    expect(useStore.getState().alerts.list.map((a) => a.message)).toEqual(['Temperature sweep: Temperatures: τ = 60 is outside']);
  });

  it('refuses a bad τ list before asking the engine, with the bad value in the alert', async () => {
    setSlice('temperatureSweep', { status: 'idle', temperatures: '1, x' });
    await useStore.getState().temperatureSweep.run(DEFAULT_CONFIG); // would need a Worker (absent in Node) if it got that far
    expect(useStore.getState().temperatureSweep.status).toBe('idle');
    expect(useStore.getState().alerts.list.map((a) => a.message)).toEqual(['Temperatures: "x" is not a number.']);
  });
});

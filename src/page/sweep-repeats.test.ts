import { beforeEach, describe, expect, it } from 'vitest';
import type { AttackSettings, SweepFigures, TemperatureSweepEvent } from '../shared/events';
import { lambdaGroups } from './lambda-sweep/slice';
import { tauGroups } from './temperature-sweep/slice';
import { useStore } from './store';
import { setSlice } from './testing/store';
import { PLAIN_EXTRAS } from '../shared/testing/figures';

const PGD: AttackSettings = { attack: 'PGD', epsilon: 0.05, steps: 2, restarts: 1, subset: 16 };
const figures = (natAcc: number, robustAcc: number): SweepFigures => ({ natAcc, robustAcc, squareAcc: null, worstCaseAcc: robustAcc, subset: 16, robustAttack: PGD, square: null, cleanCorrect: 14, ...PLAIN_EXTRAS });
const tag = (repeat: number) => ({ seed: 10 + repeat - 1, repeat, repeats: 3 });

beforeEach(() => {
  setSlice('temperatureSweep', { status: 'running', points: [], progress: null });
  setSlice('lambdaSweep', { status: 'running', points: [], progress: null });
});

describe('sweeps with repeats, in the store', () => {
  it('keeps every repeat’s τ point and groups them per τ with n, mean, s.d., min and max', () => {
    const { handle } = useStore.getState().temperatureSweep;
    const point = (tau: number, repeat: number, nat: number, pgd: number): TemperatureSweepEvent =>
      ({ type: 'sweep-point', tau, split: 'test', stage: 'grid', lambda: 6, epochs: 1, ...tag(repeat), ...figures(nat, pgd) });
    // Repeat by repeat, as the engine sends them: τ 2 and 8 at seed 10, then 11, then 12.
    for (const [repeat, nat2, nat8] of [[1, 80, 50], [2, 70, 54], [3, 90, 52]]) {
      handle(point(2, repeat, nat2, nat2 - 40));
      handle(point(8, repeat, nat8, 10));
    }
    const { points } = useStore.getState().temperatureSweep;
    expect(points.map((p) => [p.tau, p.seed])).toEqual([[2, 10], [8, 10], [2, 11], [8, 11], [2, 12], [8, 12]]);
    const groups = tauGroups(points);
    expect(groups.map((g) => [g.key, g.spread.natAcc.n])).toEqual([['2', 3], ['8', 3]]);
    expect(groups[0].spread.natAcc).toEqual({ n: 3, mean: 80, sd: 10, min: 70, max: 90 });
    expect(groups[0].spread.robustAcc).toEqual({ n: 3, mean: 40, sd: 10, min: 30, max: 50 });
    expect(groups[1].spread.natAcc).toEqual({ n: 3, mean: 52, sd: 2, min: 50, max: 54 });
    expect(groups[1].spread.robustAcc.sd).toBe(0);
  });

  it('gives a selector the same groups until a point arrives (no re-render loop), then new ones', () => {
    const { handle } = useStore.getState().lambdaSweep;
    handle({ type: 'lambda-point', method: 'ltd', lambda: 6, tau: 5, epochs: 1, ...tag(1), ...figures(80, 40) });
    const before = useStore.getState().lambdaSweep.points;
    expect(lambdaGroups(before)).toBe(lambdaGroups(useStore.getState().lambdaSweep.points));
    handle({ type: 'lambda-progress', method: 'trades', lambda: 6, index: 2, count: 2, repeat: 1, repeats: 3, fraction: 0.2, etaSeconds: 9 });
    expect(lambdaGroups(useStore.getState().lambdaSweep.points)).toBe(lambdaGroups(before));
    handle({ type: 'lambda-point', method: 'trades', lambda: 6, tau: null, epochs: 1, ...tag(1), ...figures(85, 45) });
    handle({ type: 'lambda-point', method: 'ltd', lambda: 6, tau: 5, epochs: 1, ...tag(2), ...figures(70, 30) });
    const groups = lambdaGroups(useStore.getState().lambdaSweep.points);
    expect(groups).not.toBe(lambdaGroups(before));
    // TRADES at λ = 6 is its own row, not pooled with LTD at λ = 6.
    expect(groups.map((g) => [g.key, g.spread.natAcc.n, g.spread.natAcc.mean])).toEqual([['ltd-6', 2, 75], ['trades-6', 1, 85]]);
    expect(groups[1].spread.natAcc.sd).toBeNull();
    expect(useStore.getState().lambdaSweep.progress).toMatchObject({ repeat: 1, repeats: 3 });
  });

  it('shares the end of a sweep between both slices: a completed one shows 100 %, a stopped one keeps its progress', () => {
    setSlice('temperatureSweep', { progress: { stage: 'student', tau: 2, index: 1, count: 2, repeat: 2, repeats: 3, fraction: 0.5, etaSeconds: 4 } });
    useStore.getState().temperatureSweep.handle({ type: 'done', reason: 'completed', seconds: 12 });
    expect(useStore.getState().temperatureSweep).toMatchObject({ status: 'done', finishedSeconds: 12, progress: { fraction: 1, etaSeconds: 0, repeat: 2 } });
    setSlice('lambdaSweep', { progress: { method: 'ltd', lambda: 3, index: 1, count: 2, repeat: 1, repeats: 1, fraction: 0.3, etaSeconds: 4 } });
    useStore.getState().lambdaSweep.handle({ type: 'paused' });
    expect(useStore.getState().lambdaSweep.status).toBe('paused');
    useStore.getState().lambdaSweep.handle({ type: 'resumed' });
    useStore.getState().lambdaSweep.handle({ type: 'done', reason: 'stopped', seconds: 3 });
    expect(useStore.getState().lambdaSweep).toMatchObject({ status: 'stopped', progress: { fraction: 0.3 } });
  });
});

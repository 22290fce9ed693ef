/** The run slice folding a run's events into its record: what the accuracy chart and the history read. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AttackSettings, RunEvent } from '../../shared/events';

vi.mock('../../hosts/worker/client', () => ({
  callback: <T>(f: T) => f,
  engine: () => ({ stop: async () => undefined, train: async () => undefined }),
}));

const { useStore } = await import('../store');
const { setSlice } = await import('../testing/store');
const { finishedRun } = await import('../testing/runs');

const PGD3: AttackSettings = { attack: 'PGD', epsilon: 0.05, steps: 3, restarts: 1, subset: 64 };
const epoch = (phase: 'teacher' | 'student', n: number, robustAttack: AttackSettings | null): RunEvent => ({
  type: 'epoch', phase, epoch: n, natAcc: 80, robustAcc: robustAttack ? 40 : null, robustAttack, loss: 1, lr: 0.05, tau: 5, lambda: 6, seconds: 1,
});

beforeEach(() => {
  useStore.getState().reset();
  setSlice('run', { runs: [finishedRun({ id: 7, outcome: 'running', teacher: [], student: [], robustAttack: null })], activeId: 7, status: 'running' });
});

describe('the run slice', () => {
  it('appends each epoch to its phase and keeps the evaluation attack’s settings of the last student epoch (the chart names them)', () => {
    const { handle } = useStore.getState().run;
    handle(epoch('teacher', 1, null));
    handle(epoch('student', 1, PGD3));
    handle(epoch('student', 2, { ...PGD3, steps: 5 }));
    const [run] = useStore.getState().run.runs;
    expect(run.teacher.map((p) => p.epoch)).toEqual([1]);
    expect(run.student.map((p) => p.epoch)).toEqual([1, 2]);
    expect(run.robustAttack).toEqual({ ...PGD3, steps: 5 });
    expect(run).not.toHaveProperty('pgd');
  });

});

describe('the run slice’s final AA-lite point', () => {
  it('keeps the final-aa-lite event on the run it belongs to, without its type', () => {
    const { handle } = useStore.getState().run;
    handle(epoch('student', 1, PGD3));
    const attack: AttackSettings = { attack: 'AA-lite', epsilon: 0.05, steps: 20, restarts: 1, subset: 64, budget: 'quick', queries: 1000 };
    handle({ type: 'final-aa-lite', epoch: 1, robustAcc: 25, attack, seconds: 3 });
    const [run] = useStore.getState().run.runs;
    expect(run.finalAaLite).toEqual({ epoch: 1, robustAcc: 25, attack, seconds: 3 });
  });
});

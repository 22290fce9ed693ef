/** A finished run for the saved-runs tests: hand-written figures, so a round trip can be checked field by field. */
import { DEFAULT_CONFIG } from '../shared/config';
import type { RunRecord } from './run';

export function finishedRun(change: Partial<RunRecord> = {}): RunRecord {
  const point = (epoch: number, natAcc: number, pgdAcc: number | null) => ({
    epoch, natAcc, pgdAcc, loss: 1.25 / epoch, lr: 0.05, tau: 5, lambda: 6, seconds: 2.5,
  });
  return {
    id: 3,
    label: 'LTD τ=5 λ=6 ε=0.05',
    config: { ...DEFAULT_CONFIG, tau: 5, lambda: 6, epochs: 2 },
    teacher: [point(1, 91, null)],
    student: [point(1, 80, 40), point(2, 85.25, 47.5)],
    pgd: { attack: 'PGD', epsilon: 0.05, steps: 10, restarts: 1, subset: 500 },
    teacherCached: false,
    liveChanges: [{ epoch: 2, batch: 3, batches: 16, label: 'τ→2' }],
    outcome: 'completed',
    ...change,
  };
}

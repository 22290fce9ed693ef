/** Runs and detector results for the run-history tests: hand-written figures, so a round trip can be checked field by field. */
import { DEFAULT_CONFIG } from '../../shared/config';
import type { AttackSettings } from '../../shared/events';
import type { DetectorReport } from '../../hosts/worker/api';
import type { DetectorFigures } from '../../shared/saved-run';
import type { RunRecord } from '../../shared/run-record';

export function finishedRun(change: Partial<RunRecord> = {}): RunRecord {
  const point = (epoch: number, natAcc: number, robustAcc: number | null) => ({
    epoch, natAcc, robustAcc, loss: 1.25 / epoch, lr: 0.05, tau: 5, lambda: 6, seconds: 2.5,
  });
  return {
    id: 3,
    label: 'LTD τ=5 λ=6 ε=0.05',
    config: { ...DEFAULT_CONFIG, tau: 5, lambda: 6, epochs: 2 },
    teacher: [point(1, 91, null)],
    student: [point(1, 80, 40), point(2, 85.25, 47.5)],
    robustAttack: { attack: 'PGD', epsilon: 0.05, steps: 10, restarts: 1, subset: 500 },
    teacherCached: false,
    liveChanges: [{ epoch: 2, batch: 3, batches: 16, label: 'τ→2' }],
    outcome: 'completed',
    ...change,
  };
}

/** Square with 100 queries and AA-lite (quick) at ε 0.05 on 64 test points, as the detector reports them. */
export const SQUARE_SETTINGS: AttackSettings = { attack: 'Square', epsilon: 0.05, steps: 0, restarts: 1, subset: 64, queries: 100 };
export const AA_LITE_SETTINGS: AttackSettings = {
  attack: 'AA-lite', epsilon: 0.05, steps: 20, restarts: 1, subset: 64, budget: 'quick',
  members: [{ attack: 'APGD', loss: 'ce', epsilon: 0.05, steps: 20, restarts: 1, subset: 64 }],
};

export function detectorFiguresOf({ verdict, square, whiteBox }: { verdict: DetectorFigures['verdict']; square: number; whiteBox: number }): DetectorFigures {
  return {
    verdict, measuredAt: 1_700_000_000_000,
    square: { robustAccuracy: square, settings: SQUARE_SETTINGS },
    whiteBox: { robustAccuracy: whiteBox, settings: AA_LITE_SETTINGS },
  };
}

/** The parts of a detector report the run history reads (the rest is not needed there). */
export function detectorReportOf({ verdict, square, aaLite }: { verdict: DetectorReport['verdict']; square: number; aaLite: number }): DetectorReport {
  const figure = (robustAccuracy: number, settings: AttackSettings) => ({ robustAccuracy, settings, n: 64, cleanAccuracy: 90, successRate: 0, broken: 0, cleanCorrect: 58 });
  return {
    verdict,
    sweep: [],
    attacks: {
      square: figure(square, SQUARE_SETTINGS),
      aaLite: figure(aaLite, AA_LITE_SETTINGS),
      whiteBox: figure(aaLite + 5, { ...AA_LITE_SETTINGS, part: 'white-box' }),
    },
  } as unknown as DetectorReport;
}

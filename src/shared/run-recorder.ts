/**
 * A run's record folded from its events, as the page's run store folds them — so the command
 * line's metrics JSON is the page's (src/shared/run-record.ts) and the page imports it unchanged.
 */
import type { Config } from './config';
import type { RunEvent } from './events';
import { type RunRecord, runLabel } from './run-record';

export class RunRecorder {
  readonly record: RunRecord;
  /** The first error the run reported, if any. */
  error: string | null = null;

  constructor(config: Config, id = 1) {
    this.record = { id, label: runLabel(config), config, teacher: [], student: [], robustAttack: null, teacherCached: false, liveChanges: [], outcome: 'running' };
  }

  fold(event: RunEvent): void {
    const r = this.record;
    switch (event.type) {
      case 'started':
        r.teacherCached = event.teacherCached;
        return;
      case 'epoch': {
        const { epoch, natAcc, robustAcc, loss, lr, tau, lambda, seconds } = event;
        r[event.phase].push({ epoch, natAcc, robustAcc, loss, lr, tau, lambda, seconds, ...(event.discrepancy ? { discrepancy: event.discrepancy } : {}) });
        if (event.phase === 'student' && event.robustAttack) r.robustAttack = event.robustAttack;
        return;
      }
      case 'final-aa-lite': {
        const { type: _type, ...point } = event;
        r.finalAaLite = point;
        return;
      }
      case 'done':
        r.outcome = event.reason;
        return;
      case 'error':
        r.outcome = 'failed';
        this.error ??= event.message;
        return;
      default:
        return;
    }
  }
}

/**
 * What every phase of a run (teacher, student, evaluation) is given, and what they share: the
 * events the page watches go out through `emit`; the answers the caller needs come back as each
 * phase's typed result.
 */
import type { Config } from '../../shared/config';
import { METHOD_LABELS } from '../../shared/config';
import type { LiveParams, RunControl } from '../control';
import type { Emit, EventOf, RunEvent } from '../../shared/events';
import type { ProgressTracker } from '../../shared/progress';
import type { Rng } from '../../shared/rng';
import { isAdversarial } from '../train/objectives';
import { NonFiniteLossError } from '../train/trainer';
import { errorText } from '../../shared/error-text';

export interface PhaseContext {
  /** Phase, epoch and live events for the page (a τ sweep passes its trace, or nothing). */
  emit: Emit<RunEvent>;
  /** Pause and stop; checked between batches and between attacks. */
  control: RunControl;
  /** The whole run's progress: each phase advances it by the work it does. */
  progress: ProgressTracker;
  /** τ and λ for the next batch: the control's live settings for a run, fixed ones for a sweep's. */
  params: () => LiveParams;
  /** The run's seeded generator; each phase forks its own streams from it. */
  rng: Rng;
}

export type EpochEvent = EventOf<'epoch'>;

/** Cost of one batch in forward+backward passes, for progress and ETA. */
export function batchCost(config: Pick<Config, 'method' | 'trainPgdSteps' | 'awp'>): number {
  if (!isAdversarial(config.method)) return 1;
  return 2 + config.trainPgdSteps + (config.awp === 'on' ? 1 : 0);
}

/** The `error` event a failed run reports: a NaN loss names the method; anything else as it came. */
export function failureEvent(config: Config, error: unknown): EventOf<'error'> {
  if (error instanceof NonFiniteLossError) {
    return { type: 'error', kind: 'nan', message: `${METHOD_LABELS[config.method]}: ${error.message}` };
  }
  return { type: 'error', kind: 'internal', message: errorText(error) };
}

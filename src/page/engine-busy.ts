/**
 * One job on the engine at a time (issue 21 §5). A run, a τ or λ sweep, the detector, the gallery
 * and the teacher calibration all drive the worker's one tfjs and read the models it holds: a
 * second job started beside the first would interleave on the same variables (a new run drops
 * the student the detector is attacking). So each job's action asks `refuseIfBusy` first, not
 * only its button: a keyboard shortcut, a URL-driven preset or a test calling the action gets the
 * same answer. Kept apart from store.ts so the slices can read it without a circle of imports.
 */
import { type SweepStatus, sweepBusy } from './sweep-fold';
import type { AlertsView } from './alerts';

/** `pausing`: Pause was pressed and the engine has not reached a batch boundary yet. */
export type RunStatus = 'idle' | 'running' | 'pausing' | 'paused' | 'done' | 'error';

/** What holds the engine; null when it is free. */
export type EngineUse = 'training' | 'sweep' | 'detector' | 'gallery' | 'calibration';

/** Whether a run holds the engine: training, or paused (or pausing) part-way. */
export const runActive = (status: RunStatus) => status === 'running' || status === 'pausing' || status === 'paused';

/** The fields of the store that say which job runs. */
export interface BusyView {
  run: { status: RunStatus };
  temperatureSweep: { status: SweepStatus };
  lambdaSweep: { status: SweepStatus };
  detector: { status: string };
  gallery: { status: string };
  calibration: { measuring: number | null };
}

/** What the engine is busy with, or null. A primitive, so it is a stable selector. */
export function engineBusy(s: BusyView): EngineUse | null {
  if (runActive(s.run.status)) return 'training';
  if (sweepBusy(s.temperatureSweep.status) || sweepBusy(s.lambdaSweep.status)) return 'sweep';
  if (s.detector.status === 'running') return 'detector';
  if (s.gallery.status === 'running') return 'gallery';
  if (s.calibration.measuring !== null) return 'calibration';
  return null;
}

const USE_TEXT: Record<EngineUse, string> = {
  training: 'a run is training (or paused)',
  sweep: 'a sweep is running',
  detector: 'the detector is running',
  gallery: 'the gallery is attacking its examples',
  calibration: "the teacher's calibration is being measured",
};

/**
 * Whether `job` must wait: true (and one alert naming what runs) while the engine is busy.
 * `job` is what a person asked for, e.g. "Train" or "Run detector".
 */
export function refuseIfBusy(s: BusyView & AlertsView, job: string): boolean {
  const use = engineBusy(s);
  if (use === null) return false;
  s.alerts.alert(`${job} refused: ${USE_TEXT[use]}. One job runs on the engine at a time: wait for it to finish or stop it first.`);
  return true;
}

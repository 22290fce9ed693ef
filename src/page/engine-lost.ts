/**
 * When the engine's worker is lost (client.ts: it threw outside the engine, or stopped answering
 * its heartbeat): the job in flight ends, in one change to the store, with what it had measured
 * kept — a run's epochs stay on the charts and go into the history as interrupted, a sweep keeps
 * its points — and one alert says what happened and what was kept. The next `engine()` call
 * starts a fresh worker; `init` picks its backend again. The page's settings and history stay.
 */
import type { CalibrationSlice } from './calibration/slice';
import type { DetectorSlice } from './detector/slice';
import type { GallerySlice } from './gallery/slice';
import type { LambdaSweepSlice } from './lambda-sweep/slice';
import { type RunSlice, keptText } from './run/slice';
import type { TemperatureSweepSlice } from './temperature-sweep/slice';
import { sweepBusy } from './sweep-fold';
import { runActive } from './engine-busy';

/** The slices a lost worker's job may be in (store.ts gives the whole store). */
export interface LostView {
  run: RunSlice;
  temperatureSweep: TemperatureSweepSlice;
  lambdaSweep: LambdaSweepSlice;
  detector: DetectorSlice;
  gallery: GallerySlice;
  calibration: CalibrationSlice;
}

/** The store after the loss (only the slices whose job was in flight change), and the alert's sentence. */
export function afterEngineLost(s: LostView, reason: string): { change: Partial<LostView>; message: string; runId: number | null } {
  const change: Partial<LostView> = {};
  const ended: string[] = [];
  let runId: number | null = null;
  if (runActive(s.run.status)) {
    runId = s.run.activeId;
    const run = s.run.runs.find((r) => r.id === runId);
    change.run = {
      ...s.run,
      status: 'error',
      group: s.run.group ? { ...s.run.group, stopped: true } : null,
      runs: s.run.runs.map((r) => (r.id === runId ? { ...r, outcome: 'interrupted' } : r)),
    };
    ended.push(`The run ended. ${keptText(run)}`);
  }
  if (sweepBusy(s.temperatureSweep.status)) {
    change.temperatureSweep = { ...s.temperatureSweep, status: 'error', progress: null };
    ended.push(`The τ sweep ended; its ${s.temperatureSweep.points.length} measured point(s) stay on its chart.`);
  }
  if (sweepBusy(s.lambdaSweep.status)) {
    change.lambdaSweep = { ...s.lambdaSweep, status: 'error', progress: null };
    ended.push(`The λ sweep ended; its ${s.lambdaSweep.points.length} measured point(s) stay on its chart.`);
  }
  if (s.detector.status === 'running') {
    change.detector = { ...s.detector, status: 'error', progress: null, etaSeconds: null };
    ended.push('The detector ended without a verdict; its last report, if any, stays.');
  }
  if (s.gallery.status === 'running') {
    change.gallery = { ...s.gallery, status: 'error' };
    ended.push('The gallery ended without new examples.');
  }
  if (s.calibration.measuring !== null) {
    change.calibration = { ...s.calibration, measuring: null };
    ended.push("The teacher's calibration ended unmeasured.");
  }
  const message = [`The engine worker ${reason}; a fresh worker has started, and the settings and the run history are as they were.`, ...ended].join(' ');
  return { change, message, runId };
}

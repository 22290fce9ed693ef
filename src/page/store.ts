/**
 * The page's one store, built from slices (zustand's slices pattern): run, temperature sweep,
 * detector, gallery, soft labels, saved runs and alerts, each under its own key and made by its
 * own file in `slices/`. An action may change several slices in one `set`, which is how Reset
 * works; a slice reaches another through `get()` (a failure anywhere is `get().alerts.alert`).
 * Components read it through the thin hooks beside this file (`useRun`, `useDetector`…), one
 * field or `useShallow` at a time. The settings (`config.ts`) stay a store of their own.
 */
import { create } from 'zustand';
import { engine } from '../hosts/worker/client';
import { type AlertSlice, createAlertSlice } from './alerts';
import { type DetectorSlice, createDetectorSlice } from './detector/slice';
import { type GallerySlice, createGallerySlice } from './gallery/slice';
import { type RunSlice, createRunSlice, runActive } from './run/slice';
import { type SavedSlice, createSavedSlice } from './history/slice';
import { type SoftLabelSlice, createSoftLabelSlice } from './soft-labels/slice';
import { type SweepSlice, createSweepSlice, sweepAfterReset, sweepBusy } from './temperature-sweep/slice';
import { type LambdaSweepSlice, createLambdaSweepSlice, lambdaSweepAfterReset } from './lambda-sweep/slice';

export interface Store {
  run: RunSlice;
  sweep: SweepSlice;
  lambdaSweep: LambdaSweepSlice;
  detector: DetectorSlice;
  gallery: GallerySlice;
  softLabels: SoftLabelSlice;
  saved: SavedSlice;
  alerts: AlertSlice;
  /**
   * The Reset button: stop whatever the engine's run control drives (a run or a τ sweep), then,
   * in one `set`, forget the runs, their progress and the alerts, and end a sweep in flight as
   * stopped. The detector, gallery, soft labels and saved runs are left alone: the engine's stop
   * does not reach the detector, and their results name the request they were made with.
   */
  reset: () => void;
}

export const useStore = create<Store>()((...a) => {
  const [set] = a;
  return {
    run: createRunSlice(...a),
    sweep: createSweepSlice(...a),
    lambdaSweep: createLambdaSweepSlice(...a),
    detector: createDetectorSlice(...a),
    gallery: createGallerySlice(...a),
    softLabels: createSoftLabelSlice(...a),
    saved: createSavedSlice(...a),
    alerts: createAlertSlice(...a),
    reset: () => {
      void engine().stop();
      set((s) => ({
        run: { ...s.run, activeId: 0, status: 'idle', progress: null, runs: [], grid: null, group: null },
        sweep: { ...s.sweep, ...sweepAfterReset(s.sweep) },
        lambdaSweep: { ...s.lambdaSweep, ...lambdaSweepAfterReset(s.lambdaSweep) },
        alerts: { ...s.alerts, list: [] },
      }));
    },
  };
});

/** What holds the engine: a run (training or paused), a τ or λ sweep, or the detector; null when it is free. */
export type EngineUse = 'training' | 'sweep' | 'detector';

/**
 * What the engine is busy with, or null: one job at a time, since a new run or sweep stops the
 * engine's run control and drops the student the detector examines. A primitive, so it is a
 * stable selector: `useStore(selectEngineBusy)`.
 */
export function selectEngineBusy(s: Store): EngineUse | null {
  if (runActive(s.run.status)) return 'training';
  if (sweepBusy(s.sweep.status) || sweepBusy(s.lambdaSweep.status)) return 'sweep';
  if (s.detector.status === 'running') return 'detector';
  return null;
}

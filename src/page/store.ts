/**
 * The page's one store, built from slices (zustand's slices pattern), each under its own key and
 * made by the slice file in its feature's folder. An action may change several slices in one
 * `set`, which is how Reset works; a slice reaches another through `get()` (a failure anywhere is
 * `get().alerts.alert`).
 *
 * Components read it one field at a time through the generated hooks (create-selectors.ts):
 * `useStore.use.run.status()`; a derived value with a selector that returns a primitive or a kept
 * reference, `useStore((s) => s.run.runs.length > 0)`; several fields with `useShallow`. Event
 * handlers read `useStore.getState()`. No component selects a whole slice (lint holds that).
 */
import { create } from 'zustand';
import { engine } from '../hosts/worker/client';
import { type AlertSlice, createAlertSlice } from './alerts';
import { type CalibrationSlice, createCalibrationSlice } from './calibration/slice';
import { createSelectors } from './create-selectors';
import { type DataSlice, createDataSlice } from './data/slice';
import { type DetectorSlice, createDetectorSlice } from './detector/slice';
import { type GallerySlice, createGallerySlice } from './gallery/slice';
import { type SavedSlice, createSavedSlice } from './history/slice';
import { type LambdaSweepSlice, createLambdaSweepSlice, lambdaSweepAfterReset } from './lambda-sweep/slice';
import { type ModelsSlice, createModelsSlice } from './models/slice';
import { type RunSlice, createRunSlice } from './run/slice';
import { type EngineUse, engineBusy } from './engine-busy';
import { type SettingsSlice, createSettingsSlice } from './settings/slice';
import { type SoftLabelSlice, createSoftLabelSlice } from './soft-labels/slice';
import { type SliceChange, patchSlice } from './store-slice';
import { type TemperatureSweepSlice, createTemperatureSweepSlice, temperatureSweepAfterReset } from './temperature-sweep/slice';

export interface Store {
  settings: SettingsSlice;
  run: RunSlice;
  temperatureSweep: TemperatureSweepSlice;
  lambdaSweep: LambdaSweepSlice;
  detector: DetectorSlice;
  gallery: GallerySlice;
  softLabels: SoftLabelSlice;
  calibration: CalibrationSlice;
  saved: SavedSlice;
  data: DataSlice;
  models: ModelsSlice;
  alerts: AlertSlice;
  /**
   * The Reset button: stop whatever the engine's run control drives (a run or a sweep), then, in
   * one `set`, forget the runs, their progress and the alerts, and end a sweep in flight as
   * stopped. The detector, gallery, soft labels and saved runs are left alone: the engine's stop
   * does not reach the detector, and their results name the request they were made with.
   */
  reset: () => void;
}

/** The store's slices (the root also has `reset`). */
export type SliceKey = Exclude<keyof Store, 'reset'>;

const useStoreBase = create<Store>()((set, get, api) => {
  const patch = <K extends SliceKey>(key: K) => (change: SliceChange<Store[K]>) => set((s) => patchSlice(s, key, change));
  const subscribe = (listener: () => void) => api.subscribe(listener);
  return {
    settings: createSettingsSlice(patch('settings'), get, subscribe),
    run: createRunSlice(patch('run'), get, subscribe),
    temperatureSweep: createTemperatureSweepSlice(patch('temperatureSweep'), get, subscribe),
    lambdaSweep: createLambdaSweepSlice(patch('lambdaSweep'), get, subscribe),
    detector: createDetectorSlice(patch('detector'), get, subscribe),
    gallery: createGallerySlice(patch('gallery'), get, subscribe),
    softLabels: createSoftLabelSlice(patch('softLabels'), get, subscribe),
    calibration: createCalibrationSlice(patch('calibration'), get, subscribe),
    saved: createSavedSlice(patch('saved'), get, subscribe),
    data: createDataSlice(patch('data'), get, subscribe),
    models: createModelsSlice(patch('models'), get, subscribe),
    alerts: createAlertSlice(patch('alerts'), get, subscribe),
    reset: () => {
      void engine().stop();
      set((s) => ({
        run: { ...s.run, activeId: 0, status: 'idle', progress: null, runs: [], grid: null, group: null },
        temperatureSweep: { ...s.temperatureSweep, ...temperatureSweepAfterReset(s.temperatureSweep) },
        lambdaSweep: { ...s.lambdaSweep, ...lambdaSweepAfterReset(s.lambdaSweep) },
        alerts: { ...s.alerts, list: [] },
      }));
    },
  };
});

export const useStore = createSelectors(useStoreBase);


export type { EngineUse };

/**
 * What the engine is busy with, or null (engine-busy.ts): one job at a time. A primitive, so it
 * is a stable selector: `useStore(selectEngineBusy)`.
 */
export const selectEngineBusy = (s: Store): EngineUse | null => engineBusy(s);

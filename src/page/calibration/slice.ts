/**
 * The teacher-calibration slice: the engine's measurement of a run's teacher (soft-label flatness
 * over every slider τ, reliability at τ = 1), or its refusal, kept with the run it was made for so
 * a newer run does not show an older teacher's figures.
 */
import { errorText } from '../../shared/error-text';
import type { TeacherCalibrationReport } from '../../hosts/worker/api';
import { engine } from '../../hosts/worker/client';
import { type BusyView, refuseIfBusy } from '../engine-busy';
import type { AlertsView } from '../alerts';
import type { SliceCreator } from '../store-slice';
import { TAU_GRID } from './calibration-reading';

/** Test points measured: the first 1000 of the test split (all of it on the 2-D sets' defaults). */
export const CALIBRATION_SUBSET = 1000;
/** Reliability bins: 10 equal-width bins keep a few points in each on a 1000-point subset. */
export const CALIBRATION_BINS = 10;

export type Measured = { runId: number; report: TeacherCalibrationReport } | { runId: number; error: string };

export interface CalibrationSlice {
  /** The run whose teacher is being measured (null: none). */
  measuring: number | null;
  measured: Measured | null;
  /** Measure run `runId`'s teacher (the one the engine holds). */
  measure: (runId: number) => Promise<void>;
}

/** What the calibration reads of the store: the alerts, and which job holds the engine. */
export type CalibrationView = AlertsView & BusyView;

export const createCalibrationSlice: SliceCreator<CalibrationSlice, CalibrationView> = (patch, get) => ({
  measuring: null,
  measured: null,
  async measure(runId) {
    if (refuseIfBusy(get(), "Measure the teacher's calibration")) return;
    patch({ measuring: runId });
    try {
      const report = await engine().teacherCalibration({ taus: TAU_GRID, subset: CALIBRATION_SUBSET, bins: CALIBRATION_BINS });
      patch({ measured: { runId, report } });
    } catch (error) {
      patch({ measured: { runId, error: errorText(error) } });
    } finally {
      patch({ measuring: null });
    }
  },
});

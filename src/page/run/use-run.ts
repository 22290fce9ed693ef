/** The run slice (slices/run.ts) as the panels read it: `useRun((s) => s.status)`. */
import { sliceHook } from '../slice-hook';

export const useRun = sliceHook('run');
export { currentRun, runActive, type Progress, type RunSlice, type RunStatus } from './slice';

// A run's record is shared vocabulary: the command line writes it and the page imports it.
export type { EpochPoint, LiveChangeMark, RunRecord } from '../../shared/run-record';
export { runLabel } from '../../shared/run-record';

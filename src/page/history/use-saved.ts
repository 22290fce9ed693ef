/** The run-history slice (slices/saved.ts) as its panel reads it; the IndexedDB records are saved-runs.ts. */
import { sliceHook } from '../slice-hook';

export const useSaved = sliceHook('saved');
export { canKeep, detectorFigures, readableRuns, type SavedSlice } from './slice';

/** The soft-label inspector's slice (slices/soft-labels.ts) as its panel reads it. */
import { sliceHook } from '../slice-hook';

export const useSoftLabels = sliceHook('softLabels');
export { INSPECTED_POINTS, type SoftLabelSlice } from './slice';

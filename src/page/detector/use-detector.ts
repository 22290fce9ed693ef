/** The detector's slice (slices/detector.ts) as the panels read it: `useDetector((s) => s.report)`. */
import { sliceHook } from '../slice-hook';

export const useDetector = sliceHook('detector');
export { detectorEta, detectorExport, type DetectorBudget, type DetectorReportRequest, type DetectorSlice } from './slice';

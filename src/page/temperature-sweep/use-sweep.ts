/** The temperature sweep's slice (slices/temperature-sweep.ts) as the panels read it: `useSweep((s) => s.points)`. */
import { sliceHook } from '../slice-hook';

export const useSweep = sliceHook('sweep');
export {
  sweepBusy, tauGroups, type ChosenTau, type SubstitutePoint, type SweepProgress, type SweepSlice, type SweepStatus, type TauMaxResult, type TauPoint,
} from './slice';

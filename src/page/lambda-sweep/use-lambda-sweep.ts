/** The λ sweep's slice (slices/lambda-sweep.ts) as the panel reads it: `useLambdaSweep((s) => s.points)`. */
import { sliceHook } from '../slice-hook';

export const useLambdaSweep = sliceHook('lambdaSweep');
export { lambdaGroups, parseLambdas, type LambdaPoint, type LambdaProgress, type LambdaSweepSlice } from './slice';

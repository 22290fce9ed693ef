/**
 * Learning-rate schedules, as a function of the epoch. The rate is set once per epoch (as
 * PyTorch's MultiStepLR / CosineAnnealingLR stepped per epoch in the paper's code).
 */
import type { Config } from '../../shared/config';
import { PIECEWISE_FACTOR, piecewiseMilestones } from '../../shared/lr-schedule';

// Where the drops fall is plain arithmetic the page captions too: it lives in shared/lr-schedule.ts.
export { PIECEWISE_FACTOR, PIECEWISE_MILESTONES, piecewiseMilestones } from '../../shared/lr-schedule';

/**
 * The learning rate of epoch `epoch` (1-based) of `epochs`:
 * - constant: the base rate;
 * - piecewise: base · 0.1^(milestones passed), a milestone m is passed once epoch > m
 *   (`piecewiseMilestones`: distinct epochs inside the run);
 * - cosine: base · ½(1 + cos(π·(epoch − 1)/epochs)), from the base rate towards 0.
 */
export function learningRateAt(
  config: Pick<Config, 'learningRate' | 'lrSchedule'>,
  epoch: number,
  epochs: number,
): number {
  const base = config.learningRate;
  switch (config.lrSchedule) {
    case 'constant':
      return base;
    case 'piecewise': {
      const passed = piecewiseMilestones(epochs).filter((m) => epoch > m).length;
      return base * PIECEWISE_FACTOR ** passed;
    }
    case 'cosine':
      return base * 0.5 * (1 + Math.cos((Math.PI * (epoch - 1)) / epochs));
  }
}

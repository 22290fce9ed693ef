/**
 * Learning-rate schedules, as a function of the epoch. The rate is set once per epoch (as
 * PyTorch's MultiStepLR / CosineAnnealingLR stepped per epoch in the paper's code).
 */
import type { Config } from '../../shared/config';

/** The paper's steps: ×0.1 after epoch 80 and again after 100, of 120 (scaled to the run). */
export const PIECEWISE_MILESTONES = [80 / 120, 100 / 120] as const;
export const PIECEWISE_FACTOR = 0.1;

/** Epochs after which the piecewise schedule multiplies the rate by 0.1, for a run of `epochs`. */
export function piecewiseMilestones(epochs: number): number[] {
  return PIECEWISE_MILESTONES.map((fraction) => Math.round(fraction * epochs));
}

/**
 * The learning rate of epoch `epoch` (1-based) of `epochs`:
 * - constant: the base rate;
 * - piecewise: base · 0.1^(milestones passed), a milestone m is passed once epoch > m;
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

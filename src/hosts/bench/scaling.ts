/**
 * Does the engine's cost grow as it should? An LTD epoch's time against the training-set size
 * (linear: the same batches, more of them) and against training PGD's steps K (linear: each step
 * is one forward+backward), with a least-squares line and its R² — a kink or a curve means some
 * work grows faster than the data (a leak, a readback, a recompiled shader per size).
 */
import { fitLine, type LineFit } from './fit';

export interface ScalingPoint {
  value: number;
  /** Milliseconds per epoch (size) or per training step (PGD steps). */
  ms: number;
}

export interface ScalingRow {
  variable: 'training examples' | 'training PGD steps';
  unit: 'epoch' | 'step';
  points: ScalingPoint[];
  fit: LineFit;
}

export const SCALING_SIZES = [256, 512, 1024];
export const SCALING_PGD_STEPS = [1, 3, 5, 10];

/**
 * Measure both scalings with `timePerBatch(overrides)` — ms per training batch of an LTD epoch
 * with those settings — and the batch count per size.
 */
export async function measureScaling(
  timePerBatch: (overrides: { trainSize?: number; trainPgdSteps?: number }) => Promise<number>,
  batchSize: number,
  log: (line: string) => void,
): Promise<ScalingRow[]> {
  const size: ScalingPoint[] = [];
  for (const trainSize of SCALING_SIZES) {
    log(`scaling: ${trainSize} training examples…`);
    size.push({ value: trainSize, ms: (await timePerBatch({ trainSize })) * Math.ceil(trainSize / batchSize) });
  }
  const steps: ScalingPoint[] = [];
  for (const trainPgdSteps of SCALING_PGD_STEPS) {
    log(`scaling: PGD-${trainPgdSteps} in training…`);
    steps.push({ value: trainPgdSteps, ms: await timePerBatch({ trainPgdSteps }) });
  }
  return [
    { variable: 'training examples', unit: 'epoch', points: size, fit: fitLine(size.map((p) => [p.value, p.ms])) },
    { variable: 'training PGD steps', unit: 'step', points: steps, fit: fitLine(steps.map((p) => [p.value, p.ms])) },
  ];
}

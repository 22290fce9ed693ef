/**
 * Robust accuracy against ε for a white-box attack (PGD-K, or the chosen evaluation attack:
 * APGD-CE, AA-lite) and Square. A sound evaluation gets stronger as ε grows and a white-box
 * attack keeps up with a black-box one at every ε (Carlini et al. 2019).
 */
import type * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../models';
import { type AttackSpec, evaluateAttack, type Evaluated, type RobustFigure } from './robust';

export interface EpsilonSweepOptions {
  /** The radii to measure, in input units. */
  epsilons: number[];
  /** PGD's steps and restarts, when `whiteBox` is not given. */
  pgdSteps: number;
  restarts: number;
  /** The white-box attack at every ε (e.g. `evaluationSpec(config)`, ε and seed replaced); default PGD-K. */
  whiteBox?: Omit<AttackSpec, 'epsilon' | 'seed'>;
  /** Square's query budget per example. */
  squareQueries?: number;
  seed: number;
  /** The threat model of both attacks (default L∞; `whiteBox` may carry it too). */
  norm?: 'linf' | 'l2';
}

export interface EpsilonPoint {
  epsilon: number;
  /** The white-box figure (named for PGD, the default; its settings say which attack). */
  pgd: RobustFigure;
  square: RobustFigure;
}

/** The sweep with the per-example outcomes, for the detector's comparisons. */
export interface SweepMeasured {
  epsilon: number;
  pgd: Evaluated;
  square: Evaluated;
}

/**
 * Whether two radii are the same ε up to floating-point error (relative 1e-9). ε is never
 * rounded: 8/255 rounded to 6 decimals is another radius, and a measurement at it would be
 * shown as if it were the one at 8/255.
 */
export function sameEpsilon(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * ε values around a chosen ε: its multiples, kept inside (0, cap], without near-duplicates. The
 * cap is 1 under L∞ (the whole box); under L2 the detector passes √d, the box's diameter.
 */
export function sweepEpsilons(epsilon: number, multiples: readonly number[] = [0.5, 1, 2, 3], cap = 1): number[] {
  const values = multiples.map((m) => (m === 1 ? epsilon : Math.min(cap, m * epsilon))).filter((e) => e > 0);
  return values.sort((a, b) => a - b).filter((e, i, sorted) => i === 0 || !sameEpsilon(e, sorted[i - 1]));
}

/**
 * Measure the white-box attack and Square at every ε. `reuse` supplies points already measured
 * (the detector's main ε), `onProgress` the fraction done.
 */
export async function measureSweep(
  model: Classifier,
  x: tf.Tensor,
  y: tf.Tensor1D,
  options: EpsilonSweepOptions,
  onProgress?: (fraction: number) => void,
  reuse: SweepMeasured[] = [],
): Promise<SweepMeasured[]> {
  const points: SweepMeasured[] = [];
  const todo = options.epsilons.length;
  for (const [i, epsilon] of options.epsilons.entries()) {
    const known = reuse.find((p) => sameEpsilon(p.epsilon, epsilon));
    if (known) {
      points.push(known);
      continue;
    }
    const whiteBox = options.whiteBox ?? { attack: 'PGD', steps: options.pgdSteps, restarts: options.restarts };
    const l2 = options.norm === 'l2' ? { norm: 'l2' as const } : {};
    const pgd = await evaluateAttack(model, x, y, { ...whiteBox, ...l2, epsilon, seed: options.seed });
    onProgress?.((i + 0.2) / todo);
    const square = await evaluateAttack(model, x, y, { attack: 'Square', ...l2, epsilon, queries: options.squareQueries, seed: options.seed }, (f) =>
      onProgress?.((i + 0.2 + 0.8 * f) / todo),
    );
    points.push({ epsilon, pgd, square });
    onProgress?.((i + 1) / todo);
  }
  return points;
}

/** The sweep as plain figures, for the chart and exports. */
export async function epsilonSweep(
  model: Classifier,
  x: tf.Tensor,
  y: tf.Tensor1D,
  options: EpsilonSweepOptions,
  onProgress?: (fraction: number) => void,
): Promise<EpsilonPoint[]> {
  const measured = await measureSweep(model, x, y, options, onProgress);
  return measured.map(({ epsilon, pgd, square }) => ({ epsilon, pgd: pgd.figure, square: square.figure }));
}

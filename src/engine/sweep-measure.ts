/**
 * One student of the τ sweep measured on a set of points: natural accuracy, the evaluation PGD,
 * Square when asked, and the per-point worst case over the attacks run — a point counts as
 * robust only if no attack broke it, as AutoAttack counts robust accuracy.
 */
import type * as tf from '@tensorflow/tfjs';
import { accuracy } from './eval/accuracy';
import { evaluateAttack } from './eval/robust';
import type { SweepFigures } from './events';
import type { Classifier } from './models';

export interface MeasureOptions {
  epsilon: number;
  /** Evaluation PGD steps K (1 restart) and the seed of its random start. */
  pgdSteps: number;
  pgdSeed: number;
  /** Square's budget and seed, or null to leave it out. */
  square: { queries?: number; seed: number; onProgress?: (fraction: number) => void } | null;
}

export async function measureStudent(model: Classifier, x: tf.Tensor, y: tf.Tensor1D, o: MeasureOptions): Promise<SweepFigures> {
  const natAcc = await accuracy(model, x, y);
  const pgd = await evaluateAttack(model, x, y, { attack: 'PGD', epsilon: o.epsilon, steps: o.pgdSteps, restarts: 1, seed: o.pgdSeed });
  const square = o.square
    ? await evaluateAttack(model, x, y, { attack: 'Square', epsilon: o.epsilon, queries: o.square.queries, seed: o.square.seed }, o.square.onProgress)
    : null;
  const n = x.shape[0];
  const broken = pgd.brokenMask.filter((b, i) => b || square?.brokenMask[i]).length;
  return {
    natAcc,
    pgdAcc: pgd.figure.robustAccuracy,
    squareAcc: square?.figure.robustAccuracy ?? null,
    robustAcc: (100 * (pgd.figure.cleanCorrect - broken)) / n,
    subset: n,
    pgd: pgd.figure.settings,
    square: square?.figure.settings ?? null,
  };
}

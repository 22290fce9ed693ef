/**
 * One student of the τ sweep measured on a set of points: natural accuracy, the config's
 * evaluation attack (PGD, APGD-CE or AA-lite), Square when asked, and the per-point worst case
 * over the attacks run — a point counts as robust only if no attack broke it, as AutoAttack
 * counts robust accuracy.
 */
import type * as tf from '@tensorflow/tfjs';
import { accuracy } from '../eval/accuracy';
import { type AttackSpec, evaluateAttack } from '../eval/robust';
import type { SweepFigures } from '../../shared/events';
import type { Classifier } from '../models';

export interface MeasureOptions {
  /** The white-box evaluation attack (`evaluationSpec` of the config), with its seed. */
  whiteBox: AttackSpec;
  /** Square's budget and seed, or null to leave it out. */
  square: { queries?: number; seed: number; onProgress?: (fraction: number) => void } | null;
  /** Awaited between AA-lite's members (a stop or pause). */
  checkpoint?: () => Promise<void>;
}

export async function measureStudent(model: Classifier, x: tf.Tensor, y: tf.Tensor1D, o: MeasureOptions): Promise<SweepFigures> {
  const natAcc = await accuracy(model, x, y);
  const pgd = await evaluateAttack(model, x, y, o.whiteBox, undefined, { checkpoint: o.checkpoint });
  const square = o.square
    ? await evaluateAttack(model, x, y, { attack: 'Square', epsilon: o.whiteBox.epsilon, queries: o.square.queries, seed: o.square.seed }, o.square.onProgress)
    : null;
  const n = x.shape[0];
  const broken = pgd.brokenMask.filter((b, i) => b || square?.brokenMask[i]).length;
  return {
    natAcc,
    robustAcc: pgd.figure.robustAccuracy,
    squareAcc: square?.figure.robustAccuracy ?? null,
    worstCaseAcc: (100 * (pgd.figure.cleanCorrect - broken)) / n,
    subset: n,
    robustAttack: pgd.figure.settings,
    square: square?.figure.settings ?? null,
  };
}

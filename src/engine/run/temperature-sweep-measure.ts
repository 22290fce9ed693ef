/**
 * One student of a sweep measured on a set of points: natural accuracy, the config's evaluation
 * attack (PGD, APGD-CE or AA-lite), AA-lite and Square when asked, the per-point worst case over
 * the attacks run — a point counts as robust only if no attack broke it, as AutoAttack counts
 * robust accuracy — and what the detector's cheapest checks read: the logit scale, the points
 * whose input gradient is exactly zero, and, for each extra attack, the points only it or only
 * the evaluation attack broke (McNemar's discordant pairs), so a gap between two attacks on the
 * same points can be judged against sampling error (shared/quick-checks.ts).
 */
import type * as tf from '@tensorflow/tfjs';
import { accuracy } from '../eval/accuracy';
import { gradientStats } from '../eval/gradients';
import { type AttackSpec, type Evaluated, evaluateAttack } from '../eval/robust';
import type { AaLiteBudget, Discordant, SweepFigures } from '../../shared/events';
import type { Classifier } from '../models';

export interface MeasureOptions {
  /** The white-box evaluation attack (`evaluationSpec` of the config), with its seed. */
  whiteBox: AttackSpec;
  /** Square's budget and seed, or null to leave it out. */
  square: { queries?: number; seed: number; onProgress?: (fraction: number) => void } | null;
  /** AA-lite (its Square member at Square's queries, when Square runs) besides the evaluation attack, or null. */
  aaLite?: { budget: AaLiteBudget; seed: number; onProgress?: (fraction: number) => void } | null;
  /** Awaited between AA-lite's members (a stop or pause). */
  checkpoint?: () => Promise<void>;
}

/** Points broken by `other` but not by the white-box attack, and the reverse. */
function discordant(other: Evaluated, white: Evaluated): Discordant {
  let onlyOther = 0;
  let onlyWhiteBox = 0;
  other.brokenMask.forEach((b, i) => {
    if (b && !white.brokenMask[i]) onlyOther++;
    else if (!b && white.brokenMask[i]) onlyWhiteBox++;
  });
  return { onlyOther, onlyWhiteBox };
}

export async function measureStudent(model: Classifier, x: tf.Tensor, y: tf.Tensor1D, o: MeasureOptions): Promise<SweepFigures> {
  const natAcc = await accuracy(model, x, y);
  const pgd = await evaluateAttack(model, x, y, o.whiteBox, undefined, { checkpoint: o.checkpoint });
  const queries = o.square?.queries;
  const aaLite = o.aaLite
    ? await evaluateAttack(model, x, y, { attack: 'AA-lite', budget: o.aaLite.budget, epsilon: o.whiteBox.epsilon, seed: o.aaLite.seed, ...(queries ? { queries } : {}) },
      o.aaLite.onProgress, { checkpoint: o.checkpoint })
    : null;
  const square = o.square
    ? await evaluateAttack(model, x, y, { attack: 'Square', epsilon: o.whiteBox.epsilon, queries, seed: o.square.seed }, o.square.onProgress)
    : null;
  const gradients = await gradientStats(model, x, y);
  const n = x.shape[0];
  const broken = pgd.brokenMask.filter((b, i) => b || square?.brokenMask[i] || aaLite?.brokenMask[i]).length;
  return {
    natAcc,
    robustAcc: pgd.figure.robustAccuracy,
    squareAcc: square?.figure.robustAccuracy ?? null,
    aaLiteAcc: aaLite?.figure.robustAccuracy ?? null,
    worstCaseAcc: (100 * (pgd.figure.cleanCorrect - broken)) / n,
    subset: n,
    cleanCorrect: pgd.figure.cleanCorrect,
    robustAttack: pgd.figure.settings,
    square: square?.figure.settings ?? null,
    aaLite: aaLite?.figure.settings ?? null,
    versusWhiteBox: { square: square ? discordant(square, pgd) : null, aaLite: aaLite ? discordant(aaLite, pgd) : null },
    logitScale: gradients.logitScale,
    zeroGradients: gradients.vanishing,
  };
}

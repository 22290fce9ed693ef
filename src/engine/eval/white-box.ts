/**
 * The detector's white-box side: the attack every check compares against, as strong as the
 * person asks — AA-lite (default), APGD-CE or PGD-K.
 *
 * AA-lite ends with Square, a black-box attack, so the ensemble as a whole cannot be the
 * white-box side of "does Square beat the white-box attack?". The white-box side is its
 * gradient part, APGD-CE → APGD-T (margin APGD below 4 classes); the full ensemble at the main ε
 * is reported beside it, with AutoAttack's breakdown, and its Square line is exactly the points
 * the gradients missed.
 */
import type { AaLiteBudget } from '../../shared/events';
import type { EvalAttackId } from '../../shared/catalog';
import type { AttackSpec, Evaluated, RobustFigure } from './robust';

export interface WhiteBoxChoice {
  /** Which attack: AA-lite's white-box part, APGD-CE or PGD. */
  attack: EvalAttackId;
  /** AA-lite's budget (quick or standard). */
  budget: AaLiteBudget;
  /** PGD steps, or APGD-CE iterations, and their restarts (AA-lite's come from its budget). */
  steps: number;
  restarts: number;
  /** AA-lite's Square queries instead of its budget's (the detector's one Square budget); absent: the budget's. */
  queries?: number;
}

/**
 * The white-box attack at `epsilon`. `fromInput` starts it at x itself (one restart: from x every
 * restart is the same run) for the unbounded check; `full` keeps AA-lite's Square (the ensemble).
 */
export function whiteBoxSpec(c: WhiteBoxChoice, epsilon: number, seed: number, { fromInput = false, full = false } = {}): AttackSpec {
  const start = fromInput ? { start: 'input' as const } : {};
  const restarts = fromInput ? 1 : c.restarts;
  switch (c.attack) {
    case 'pgd':
      return { attack: 'PGD', epsilon, steps: c.steps, restarts, seed, ...start };
    case 'apgd-ce':
      return { attack: 'APGD', loss: 'ce', epsilon, steps: c.steps, restarts, seed, ...start };
    case 'aa-lite':
      return { attack: 'AA-lite', budget: c.budget, blackBox: full, epsilon, seed, ...start, ...(full && c.queries ? { queries: c.queries } : {}) };
  }
}

/**
 * The white-box part of a full AA-lite run: the points its gradient members (every member but
 * Square) broke, as a figure of its own with `settings` (those of the white-box part's spec).
 */
export function whiteBoxPart(ensemble: Evaluated, settings: RobustFigure['settings']): Evaluated {
  const stages = ensemble.figure.stages ?? [];
  const brokenBy = ensemble.brokenBy;
  if (!brokenBy) throw new Error('white-box.ts: whiteBoxPart needs an AA-lite result with brokenBy');
  const brokenMask = Uint8Array.from(brokenBy, (b) => (b >= 0 && stages[b].settings.attack !== 'Square' ? 1 : 0));
  const broken = brokenMask.reduce((a, b) => a + b, 0);
  const { n, cleanAccuracy, cleanCorrect } = ensemble.figure;
  return {
    figure: {
      n, cleanAccuracy, cleanCorrect, broken, settings,
      robustAccuracy: n === 0 ? 0 : (100 * (cleanCorrect - broken)) / n,
      successRate: cleanCorrect === 0 ? 0 : (100 * broken) / cleanCorrect,
      stages: stages.filter((s) => s.settings.attack !== 'Square'),
    },
    brokenMask,
    brokenBy: Int8Array.from(brokenBy, (b, p) => (brokenMask[p] ? b : -1)),
  };
}

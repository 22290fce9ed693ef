/**
 * What each white-box attack runs, in names and numbers, without tfjs (captions on the page
 * import it): the loss a class count allows, what APGD-T becomes below 4 classes, and AA-lite's
 * budgets and members.
 */
import type { AaLiteBudget, AttackLoss, AttackSettings } from './events';

/** The loss names as attack names use them ("APGD-CE", "APGD-DLR"). */
export const LOSS_LABELS: Record<AttackLoss, string> = { ce: 'CE', dlr: 'DLR', 'dlr-targeted': 'targeted DLR', margin: 'margin' };

/** The fewest classes each loss is defined for (DLR needs z_π3, targeted DLR z_π4). */
export const MIN_CLASSES: Record<AttackLoss, number> = { ce: 2, margin: 2, dlr: 3, 'dlr-targeted': 4 };

/** The loss an attack really runs on `numClasses` classes: the CW margin where DLR is undefined. */
export function resolveLoss(loss: AttackLoss, numClasses: number): AttackLoss {
  return numClasses >= MIN_CLASSES[loss] ? loss : 'margin';
}

/**
 * The short name of what ran, as captions, legends and AutoAttack's log use it: "PGD",
 * "PGD (DLR)", "APGD-CE", "APGD-DLR", "APGD-margin", "APGD-T", "AA-lite", "AA-lite white-box part", "Square".
 */
export function attackName(s: Pick<AttackSettings, 'attack' | 'loss' | 'part'>): string {
  const loss = s.loss ?? 'ce';
  if (s.attack === 'PGD') return loss === 'ce' ? 'PGD' : `PGD (${LOSS_LABELS[loss]})`;
  if (s.attack === 'APGD') return `APGD-${LOSS_LABELS[loss]}`;
  if (s.attack === 'AA-lite' && s.part === 'white-box') return 'AA-lite white-box part';
  return s.attack;
}

/** What APGD-T runs on `numClasses` classes: targeted DLR on k = min(targets, C − 1) targets, or the margin once. */
export function apgdTargetedPlan(numClasses: number, targets = 9): { loss: 'dlr-targeted' | 'margin'; targets: number } {
  return resolveLoss('dlr-targeted', numClasses) === 'dlr-targeted'
    ? { loss: 'dlr-targeted', targets: Math.max(0, Math.min(targets, numClasses - 1)) }
    : { loss: 'margin', targets: 0 };
}

/** One AA-lite budget: APGD iterations and restarts (per target for APGD-T), target classes, Square's queries. */
export interface AaLiteBudgetSpec {
  steps: number;
  restarts: number;
  targets: number;
  queries: number;
}

/**
 * "standard" is AutoAttack's standard version (APGD-CE and APGD-T with 100 iterations and 1
 * restart, 9 target classes, Square with 5000 queries), without FAB-T. "quick" is for small
 * machines and per-epoch charts: a fifth of the iterations and queries, 3 targets.
 */
export const AA_LITE_BUDGETS: Record<AaLiteBudget, AaLiteBudgetSpec> = {
  standard: { steps: 100, restarts: 1, targets: 9, queries: 5000 },
  quick: { steps: 20, restarts: 1, targets: 3, queries: 1000 },
};

/**
 * AA-lite's members in the order they run, on a model with `numClasses` classes; `queries`
 * replaces the budget's Square queries (Square dominates the cost on small models).
 */
export function aaLiteMembers(budget: AaLiteBudget, epsilon: number, subset: number, numClasses: number, queries?: number): AttackSettings[] {
  const b = { ...AA_LITE_BUDGETS[budget], ...(queries ? { queries } : {}) };
  const plan = apgdTargetedPlan(numClasses, b.targets);
  const common = { epsilon, subset, restarts: b.restarts };
  return [
    { attack: 'APGD', loss: 'ce', steps: b.steps, ...common },
    plan.loss === 'margin'
      ? { attack: 'APGD', loss: 'margin', steps: b.steps, ...common }
      : { attack: 'APGD-T', loss: 'dlr-targeted', targets: plan.targets, steps: b.steps, ...common },
    { attack: 'Square', steps: 0, queries: b.queries, ...common, restarts: 1 },
  ];
}

/** The settings of an AA-lite figure: its budget's numbers (Square's `queries` if given) and its members. */
export function aaLiteSettings(budget: AaLiteBudget, epsilon: number, subset: number, numClasses: number, queries?: number): AttackSettings {
  const b = { ...AA_LITE_BUDGETS[budget], ...(queries ? { queries } : {}) };
  return {
    attack: 'AA-lite', epsilon, subset, budget, steps: b.steps, restarts: b.restarts, queries: b.queries,
    targets: apgdTargetedPlan(numClasses, b.targets).targets,
    members: aaLiteMembers(budget, epsilon, subset, numClasses, queries),
  };
}

/**
 * The evaluation attack a config asks for ("Evaluation attack": PGD, APGD-CE or AA-lite) as a
 * spec `evaluateAttack` runs, and its cost for progress bars and ETAs. No tfjs: the τ sweep's
 * planning and the page read it too.
 */
import { AA_LITE_BUDGETS, aaLiteMembers } from '../../shared/attack-plan';
import type { Config } from '../../shared/config';
import type { AttackSpec } from './robust';

type EvalConfig = Pick<Config, 'evalAttack' | 'evalPgdSteps' | 'aaBudget' | 'aaQueries' | 'epsilon'> & Partial<Pick<Config, 'norm'>>;

/**
 * The spec of the config's evaluation attack. PGD keeps today's settings exactly (K =
 * "Evaluation steps", 1 restart, CE); APGD-CE runs that many iterations; AA-lite its budget's
 * (with "AA-lite Square queries" instead of the budget's when it is not 0).
 */
export function evaluationSpec(config: EvalConfig, seed: number): AttackSpec {
  return config.norm === 'l2' ? { ...linfSpec(config, seed), norm: 'l2' } : linfSpec(config, seed);
}

function linfSpec(config: EvalConfig, seed: number): AttackSpec {
  switch (config.evalAttack) {
    case 'pgd':
      return { attack: 'PGD', epsilon: config.epsilon, steps: config.evalPgdSteps, restarts: 1, seed };
    case 'apgd-ce':
      return { attack: 'APGD', loss: 'ce', epsilon: config.epsilon, steps: config.evalPgdSteps, restarts: 1, seed };
    case 'aa-lite':
      return { attack: 'AA-lite', budget: config.aaBudget, epsilon: config.epsilon, seed, ...(config.aaQueries > 0 ? { queries: config.aaQueries } : {}) };
  }
}

/** The config's evaluation attack as the detector holds it against AA-lite (ε, seed and threat model are the detector's). */
export function chartAttackOf(config: EvalConfig): Omit<AttackSpec, 'epsilon' | 'seed' | 'norm'> {
  const { epsilon: _epsilon, seed: _seed, norm: _norm, ...attack } = evaluationSpec(config, 0);
  return attack;
}

/**
 * Forward+backward passes per evaluated point, at most: the clean pass and every iteration
 * (a Square query, a forward pass, counts a third). AA-lite's later members run only on the
 * points still standing, so on a weak model it finishes well under this bound.
 */
export function evaluationCost(config: EvalConfig, numClasses: number): number {
  switch (config.evalAttack) {
    case 'pgd':
      return config.evalPgdSteps + 1;
    case 'apgd-ce':
      return config.evalPgdSteps + 2; // the clean pass, the random start, then each iteration
    case 'aa-lite': {
      const b = AA_LITE_BUDGETS[config.aaBudget];
      const members = aaLiteMembers(config.aaBudget, config.epsilon, 1, numClasses);
      const apgdRuns = members.reduce((sum, m) => sum + (m.attack === 'Square' ? 0 : b.restarts * Math.max(1, m.targets ?? 1)), 0);
      return 1 + apgdRuns * (b.steps + 1) + (config.aaQueries || b.queries) / 3;
    }
  }
}

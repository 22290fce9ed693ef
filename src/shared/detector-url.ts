/**
 * The detector's settings as a URL query carries them: `detectorSubset`, `detectorQueries`,
 * `detectorSteps`, `detectorRestarts`, `detectorAttack` (aa-lite, apgd-ce, pgd), `detectorBudget`
 * (quick, standard) and `detectorMultiples` (the ε sweep's multiples of ε). Pure string handling,
 * no store: the detector store starts from it, a preset sets it, and the command line's `presets` reads a
 * preset's detector budget with it, so the page and the script run the same detector.
 */
import { AA_BUDGETS, EVAL_ATTACKS, type EvalAttackId } from './config';
import type { AaLiteBudget } from './events';

export interface DetectorBudget {
  /** Test points examined (the first N of the test split). */
  subset: number;
  /** Square's query budget per example; null: the attack's default (1000 on 2-D, 5000 on images). */
  queries: number | null;
  pgdSteps: number;
  restarts: number;
  /** The white-box side of every check: AA-lite's gradient part (default), APGD-CE or PGD. */
  attack: EvalAttackId;
  /** AA-lite's budget: standard (AutoAttack's) or quick. */
  aaBudget: AaLiteBudget;
}

/** The detector's settings when the URL names none (subset 200, AA-lite standard, PGD-20 × 3 beside it). */
export const DETECTOR_BUDGET_DEFAULTS: DetectorBudget = { subset: 200, queries: null, pgdSteps: 20, restarts: 3, attack: 'aa-lite', aaBudget: 'standard' };

/** Every parameter the detector reads starts with this; a preset replaces all of them. */
export const DETECTOR_PARAM_PREFIX = 'detector';

function choice<T extends string>(params: URLSearchParams, name: string, options: readonly T[]): T | undefined {
  const value = params.get(name);
  return options.find((o) => o === value);
}

/** A positive count, rounded; anything else is not a setting. */
function count(params: URLSearchParams, name: string): number | undefined {
  const value = Number(params.get(name) ?? NaN);
  return Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;
}

/** The detector budget a query sets, over the defaults; parameters that do not parse keep the default. */
export function detectorBudgetFromQuery(query: string): DetectorBudget {
  const params = new URLSearchParams(query);
  const d = DETECTOR_BUDGET_DEFAULTS;
  return {
    subset: count(params, 'detectorSubset') ?? d.subset,
    queries: count(params, 'detectorQueries') ?? d.queries,
    pgdSteps: count(params, 'detectorSteps') ?? d.pgdSteps,
    restarts: count(params, 'detectorRestarts') ?? d.restarts,
    attack: choice(params, 'detectorAttack', EVAL_ATTACKS) ?? d.attack,
    aaBudget: choice(params, 'detectorBudget', AA_BUDGETS) ?? d.aaBudget,
  };
}

/** `detectorMultiples=1,3`: the ε sweep's multiples of ε (default 0.5, 1, 2, 3), e.g. fewer for tests. */
export function detectorMultiplesFromQuery(query: string): number[] | undefined {
  const values = (new URLSearchParams(query).get('detectorMultiples') ?? '').split(',').filter(Boolean).map(Number);
  return values.length > 0 && values.every((v) => Number.isFinite(v) && v > 0) ? values : undefined;
}

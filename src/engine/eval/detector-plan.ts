/**
 * What one detector run will do, before it does it: every attack's spec, their names on screen,
 * the progress each stage is worth, and the family of tests the Bonferroni correction shares α
 * among — which grows with the indicators that apply (a chart attack to double, a teacher).
 */
import { aaLiteRunMembers, memberCost } from '../attacks/aa-lite';
import { defaultSquareQueries } from '../attacks/square';
import { AA_LITE_BUDGETS } from '../../shared/attack-plan';
import { attackName } from '../../shared/describe';
import { bonferroni, type Thresholds } from '../../shared/stats';
import { largeEpsilon, testsPerformed } from './checks';
import type { DetectorOptions } from './detector-types';
import { sameEpsilon, sweepEpsilons } from './epsilon-sweep';
import { doubledSpec } from './indicator-measures';
import { indicatorTests } from './indicators';
import { CHART_COMPARISON_TESTS } from './overstatement';
import { type AttackSpec, type RobustFigure, settingsOf } from './robust';
import { type WhiteBoxChoice, whiteBoxSpec } from './white-box';

/** Passes per point of a spec (a Square query counts a third). */
export function specCost(spec: AttackSpec, subset: number, numClasses: number): number {
  if (spec.attack !== 'AA-lite') return ((spec.steps ?? 10) + 1) * (spec.restarts ?? 1);
  return aaLiteRunMembers(spec.budget ?? 'standard', spec.epsilon, subset, numClasses, spec.blackBox, spec.queries).reduce((a, m) => a + memberCost(m), 1);
}

/** An attack's short name: "PGD-10", "APGD-DLR", or AA-lite's gradient members joined ("APGD-CE → APGD-T"). */
export function nameOf(settings: RobustFigure['settings']): string {
  if (settings.attack === 'PGD') return `PGD-${settings.steps}`;
  if (settings.attack === 'AA-lite') return (settings.members ?? []).map(attackName).join(' → ');
  return attackName(settings);
}

/** Two specs that run the same attack (the chart's attack may be the PGD comparison itself). */
function sameRun(a: AttackSpec, b: AttackSpec): boolean {
  return a.attack === b.attack && (a.loss ?? 'ce') === (b.loss ?? 'ce') && a.steps === b.steps && (a.restarts ?? 1) === (b.restarts ?? 1) && a.start === b.start;
}

export interface DetectorPlan {
  thresholds: Thresholds;
  epsilons: number[];
  sweepHasMain: boolean;
  queries: number;
  choice: WhiteBoxChoice;
  /** The white-box side at ε (from x itself for the unbounded check). */
  whiteAt: (epsilon: number, fromInput?: boolean) => AttackSpec;
  main: AttackSpec; aaLite: AttackSpec; pgd: AttackSpec; chart: AttackSpec; dlr: AttackSpec;
  /** The chart's attack is AA-lite (nothing to compare), or the PGD comparison run (measured once). */
  chartIsAaLite: boolean;
  chartIsPgd: boolean;
  /** Whether the chart's attack has iterations to double (PGD or APGD-CE), and whether a teacher is there to transfer from. */
  convergence: boolean;
  transfer: boolean;
  names: { chart: string; dlr: string };
  /** Progress units per stage. */
  costs: Record<string, number>;
}

export function planDetector(o: DetectorOptions, n: number, inputShape: number[], numClasses: number, transfer: boolean): DetectorPlan {
  const { epsilon, seed } = o;
  const queries = o.squareQueries ?? defaultSquareQueries(inputShape);
  const size = inputShape.reduce((a, b) => a * b, 1);
  const epsilons = sweepEpsilons(epsilon, o.sweepMultiples, o.norm === 'l2' ? Math.sqrt(size) : 1);
  const sweepHasMain = epsilons.some((e) => sameEpsilon(e, epsilon));
  const chartIsAaLite = o.evaluation.attack === 'AA-lite';
  const convergence = o.evaluation.attack === 'PGD' || o.evaluation.attack === 'APGD';
  const tests = testsPerformed(epsilons, sweepHasMain, largeEpsilon(o.norm, size)) + (chartIsAaLite ? 0 : CHART_COMPARISON_TESTS) + indicatorTests({ convergence, transfer });
  // One Square budget for the detector: the standalone Square's, and AA-lite's Square when it is set.
  const choice: WhiteBoxChoice = { attack: o.whiteBox, budget: o.aaBudget, steps: o.pgdSteps, restarts: o.restarts, queries: o.squareQueries };
  const aa = o.whiteBox === 'aa-lite';
  // Every attack of the detector runs in the threat model (L∞ specs stay as they were, without the field).
  const norm = (spec: AttackSpec): AttackSpec => (o.norm === 'l2' ? { ...spec, norm: 'l2' } : spec);
  const whiteAt = (e: number, fromInput = false) => norm(whiteBoxSpec(choice, e, seed, { fromInput }));
  const main = norm(whiteBoxSpec(choice, epsilon, seed, { full: aa }));
  const aaLite = norm(whiteBoxSpec({ ...choice, attack: 'aa-lite' }, epsilon, seed, { full: true }));
  const pgd: AttackSpec = norm({ attack: 'PGD', epsilon, steps: o.pgdSteps, restarts: o.restarts, seed });
  const chart: AttackSpec = norm({ ...o.evaluation, epsilon, seed });
  const chartIsPgd = sameRun(chart, pgd);
  const dlr: AttackSpec = norm({ attack: 'APGD', loss: 'dlr', epsilon, steps: AA_LITE_BUDGETS[o.aaBudget].steps, restarts: 1, seed });
  const cost = (spec: AttackSpec) => specCost(spec, n, numClasses);
  // The main ε's sweep point reuses the main white-box and Square runs: it costs nothing.
  const costs = {
    census: 1, stability: 5 / 3, fgsm: 2, main: cost(main), pgd: o.whiteBox !== 'pgd' ? cost(pgd) : 0,
    aaLite: aa ? 0 : cost(aaLite), chart: chartIsAaLite || chartIsPgd ? 0 : cost(chart), doubled: convergence ? cost(doubledSpec(chart)) : 0,
    dlr: cost(dlr), transfer: transfer ? cost(pgd) : 0, square: queries / 3, noise: o.noiseDraws / 3,
    sweep: (epsilons.length - (sweepHasMain ? 1 : 0)) * (cost(whiteAt(epsilon)) + queries / 3),
    unbounded: cost(whiteAt(o.unboundedEpsilon, true)) + 1, gradients: 2,
  };
  return {
    thresholds: bonferroni(tests, o.alpha, o.minGap), epsilons, sweepHasMain, queries, choice, whiteAt,
    main, aaLite, pgd, chart, dlr, chartIsAaLite, chartIsPgd, convergence, transfer,
    names: { chart: nameOf(settingsOf(chart, n, inputShape, numClasses)), dlr: nameOf(settingsOf(dlr, n, inputShape, numClasses)) },
    costs,
  };
}

/**
 * The gradient-masking detector: runs FGSM, the white-box attack (AA-lite's gradient part by
 * default, or APGD-CE, or PGD-K), Square and noise on the same test subset at the same ε, sweeps
 * ε, tries an unbounded white-box attack from x and looks at input gradients, then applies the
 * six checks of `checks.ts` — first asking whether the model is one to judge (judgeable.ts).
 * At the main ε it reports the full AA-lite ensemble with AutoAttack's breakdown, PGD-K beside it
 * for comparison, and — the report's first line — the accuracy chart's own attack against AA-lite
 * on the same points (overstatement.ts). Every number in the report carries the settings behind it.
 */
import * as tf from '@tensorflow/tfjs';
import { aaLiteRunMembers, memberCost } from '../attacks/aa-lite';
import { AA_LITE_BUDGETS } from '../../shared/attack-plan';
import type { ChartVsStrongest } from '../../shared/detector-headline';
import { CHART_COMPARISON_TESTS, chartVsStrongest, OVERSTATE_GAP } from './overstatement';
import { defaultSquareQueries } from '../attacks/square';
import type { EvalAttackId } from '../../shared/catalog';
import type { AaLiteBudget } from '../../shared/events';
import type { Classifier } from '../models';
import {
  type CheckResult, epsilonGrowth, fgsmVsWhiteBox, noiseVsWhiteBox, squareVsWhiteBox, testsPerformed, unbounded, vanishingGradients, type Verdict,
  verdictOf,
} from './checks';
import { attackName } from '../../shared/describe';
import { type GradientStats, gradientStats } from './gradients';
import { type Judgeability, judgeability, predictionCensus } from './judgeable';
import { type AttackSpec, type Evaluated, evaluateAttack, type RobustFigure, settingsOf } from './robust';
import { bonferroni, type Thresholds } from '../../shared/stats';
import { measureSweep, sameEpsilon, type EpsilonPoint, sweepEpsilons } from './epsilon-sweep';
import { type WhiteBoxChoice, whiteBoxPart, whiteBoxSpec } from './white-box';

/** An attack as the accuracy chart runs it, without its ε and seed (evaluation-attack.ts's spec). */
export type ChartAttack = Omit<AttackSpec, 'epsilon' | 'seed'>;

export interface DetectorOptions {
  /** L∞ radius every attack uses (the sweep goes around it). */
  epsilon: number;
  /** The run's Evaluation attack, whose figure the accuracy chart shows (default PGD-10, 1 restart: the config's default). */
  evaluation: ChartAttack;
  /** Smallest gap, in points of robust accuracy, at which the chart's figure overstates (overstatement.ts). */
  overstateGap: number;
  /** The white-box side of every check: AA-lite's gradient part (default), APGD-CE or PGD-K. */
  whiteBox: EvalAttackId;
  /** AA-lite's budget: standard (AutoAttack's) or quick (a fifth, for small machines). */
  aaBudget: AaLiteBudget;
  /** PGD steps K (step size 2.5·ε/K), or APGD-CE iterations, and restarts R (also PGD's comparison figure). */
  pgdSteps: number;
  restarts: number;
  /**
   * Square's query budget per example, for the Square run and AA-lite's Square member; absent:
   * 1000 for 2-D points, 5000 for images, and AA-lite's budget's (5000 standard, 1000 quick).
   */
  squareQueries?: number;
  /** Random sign-noise draws per example. */
  noiseDraws: number;
  /** Multiples of ε for the sweep. */
  sweepMultiples: readonly number[];
  /** ε of the unbounded attack: 1 spans the whole [0, 1] input box. */
  unboundedEpsilon: number;
  /** Family-wise one-sided significance level, shared by all z-tests (Bonferroni). */
  alpha: number;
  /** Smallest gap, in percentage points, that counts as a real effect. */
  minGap: number;
  seed: number;
}

export const DEFAULT_DETECTOR_OPTIONS: Omit<DetectorOptions, 'epsilon' | 'seed'> = {
  evaluation: { attack: 'PGD', steps: 10, restarts: 1 },
  overstateGap: OVERSTATE_GAP,
  // The strongest white-box side (DESIGN.md §2): a weak attack makes every defence look robust.
  whiteBox: 'aa-lite',
  aaBudget: 'standard',
  pgdSteps: 20,
  // Three restarts: the white-box side must be a real effort, or a plain model's 2-D corners
  // let Square win by ~9 points at 3ε (measured on blobs, natural MLP, PGD-20 with 1 restart).
  restarts: 3,
  noiseDraws: 20,
  sweepMultiples: [0.5, 1, 2, 3],
  unboundedEpsilon: 1,
  alpha: 0.05,
  minGap: 10,
};

export interface DetectorProgress {
  /** What runs now, in words ("Square attack", "ε sweep", …). */
  stage: string;
  /** Fraction of the whole detector done, 0–1. */
  fraction: number;
}

export interface DetectorReport {
  verdict: Verdict;
  /** The first line: the accuracy chart's attack beside AA-lite's worst case on the same points. */
  headline: ChartVsStrongest;
  /** Whether the model can be judged at all (not near chance, not one class), with its numbers. */
  judgeable: Judgeability;
  checks: CheckResult[];
  /** The effect size and the Bonferroni-corrected z every check used, with α and m. */
  thresholds: Thresholds;
  /** Test points used, and the model's natural accuracy on them (percent). */
  subset: number;
  cleanAccuracy: number;
  /** The white-box side's short name, as the checks use it ("APGD-CE → APGD-T", "PGD-20"). */
  whiteBoxName: string;
  attacks: {
    /** The checks' white-box side at the main ε. */
    whiteBox: RobustFigure;
    /** The full AA-lite ensemble at the main ε, with its breakdown: the worst case the chart's figure is held against. */
    aaLite: RobustFigure;
    /** The accuracy chart's attack on these points (AA-lite's figure itself when that is the chart's attack). */
    evaluation: RobustFigure;
    /** APGD on the scale-invariant DLR loss (the margin below 3 classes), AA-lite's budget's iterations. */
    dlr: RobustFigure;
    /** PGD-K, for comparison (the white-box side itself when it is PGD). */
    pgd: RobustFigure;
    fgsm: RobustFigure; square: RobustFigure; noise: RobustFigure;
    /** The white-box attack at the unbounded ε from x itself, and a uniform random start alone (no steps). */
    unbounded: RobustFigure; randomStart: RobustFigure;
  };
  /** White-box (`pgd`, named for the default of the ε-sweep chart) and Square at each ε. */
  sweep: EpsilonPoint[];
  gradients: GradientStats;
  seconds: number;
}

/** Passes per point of a white-box spec (a Square query counts a third). */
function specCost(spec: AttackSpec, subset: number, numClasses: number): number {
  if (spec.attack !== 'AA-lite') return ((spec.steps ?? 10) + 1) * (spec.restarts ?? 1);
  return aaLiteRunMembers(spec.budget ?? 'standard', spec.epsilon, subset, numClasses, spec.blackBox, spec.queries).reduce((a, m) => a + memberCost(m), 1);
}

/** The white-box side's short name: its attack, or AA-lite's gradient members joined. */
function nameOf(settings: RobustFigure['settings']): string {
  if (settings.attack === 'PGD') return `PGD-${settings.steps}`;
  if (settings.attack === 'AA-lite') return (settings.members ?? []).map(attackName).join(' → ');
  return attackName(settings);
}

/** The person cancelled the detector; it stopped between two stages. */
export class DetectorCancelled extends Error {
  constructor() {
    super('Detector cancelled: no verdict (the checks need every attack to finish).');
    this.name = 'DetectorCancelled';
  }
}

/**
 * Run every attack and check on the points `x` (labels `y`). `signal` cancels between stages
 * (and between AA-lite's members); each attack frees its tensors when it ends, so stopping
 * leaves nothing behind.
 */
export async function runDetector(
  model: Classifier,
  x: tf.Tensor,
  y: tf.Tensor1D,
  partial: Pick<DetectorOptions, 'epsilon' | 'seed'> & Partial<DetectorOptions>,
  onProgress: (p: DetectorProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<DetectorReport> {
  const started = performance.now();
  const o: DetectorOptions = { ...DEFAULT_DETECTOR_OPTIONS, ...partial };
  const { epsilon, seed } = o;
  const n = x.shape[0];
  const inputShape = x.shape.slice(1);
  const numClasses = tf.tidy(() => model(x.slice(0, 1)).shape[1]);
  const queries = o.squareQueries ?? defaultSquareQueries(inputShape);
  const epsilons = sweepEpsilons(epsilon, o.sweepMultiples);
  const sweepHasMain = epsilons.some((e) => sameEpsilon(e, epsilon));
  const sameAttack = o.evaluation.attack === 'AA-lite';
  const t = bonferroni(testsPerformed(epsilons, sweepHasMain) + (sameAttack ? 0 : CHART_COMPARISON_TESTS), o.alpha, o.minGap);
  // One Square budget for the detector: the standalone Square's, and AA-lite's Square when it is set.
  const choice: WhiteBoxChoice = { attack: o.whiteBox, budget: o.aaBudget, steps: o.pgdSteps, restarts: o.restarts, queries: o.squareQueries };
  const aa = o.whiteBox === 'aa-lite';
  const whiteAt = (e: number, fromInput = false) => whiteBoxSpec(choice, e, seed, { fromInput });
  const mainSpec = whiteBoxSpec(choice, epsilon, seed, { full: aa });
  const aaSpec = whiteBoxSpec({ ...choice, attack: 'aa-lite' }, epsilon, seed, { full: true });
  const pgdSpec: AttackSpec = { attack: 'PGD', epsilon, steps: o.pgdSteps, restarts: o.restarts, seed };
  const chartSpec: AttackSpec = { ...o.evaluation, epsilon, seed };
  const chartIsPgd = chartSpec.attack === 'PGD' && !chartSpec.loss && chartSpec.steps === o.pgdSteps && (chartSpec.restarts ?? 1) === o.restarts;
  const dlrSpec: AttackSpec = { attack: 'APGD', loss: 'dlr', epsilon, steps: AA_LITE_BUDGETS[o.aaBudget].steps, restarts: 1, seed };
  const whiteCost = specCost(whiteAt(epsilon), n, numClasses);
  // The main ε's sweep point reuses the main white-box and Square runs: it costs nothing.
  const costs = {
    census: 1, fgsm: 2, main: specCost(mainSpec, n, numClasses), pgd: o.whiteBox !== 'pgd' ? specCost(pgdSpec, n, numClasses) : 0,
    aaLite: aa ? 0 : specCost(aaSpec, n, numClasses), chart: sameAttack || chartIsPgd ? 0 : specCost(chartSpec, n, numClasses), dlr: specCost(dlrSpec, n, numClasses),
    square: queries / 3, noise: o.noiseDraws / 3, sweep: (epsilons.length - (sweepHasMain ? 1 : 0)) * (whiteCost + queries / 3),
    unbounded: specCost(whiteAt(o.unboundedEpsilon, true), n, numClasses) + 1, gradients: 2,
  };
  const total = Object.values(costs).reduce((a, b) => a + b, 0);
  let done = 0;
  const stage = async <T>(name: string, cost: number, work: (report: (f: number) => void) => Promise<T>): Promise<T> => {
    if (signal?.aborted) throw new DetectorCancelled();
    const report = (f: number) => onProgress({ stage: name, fraction: (done + f * cost) / total });
    report(0);
    const result = await work(report);
    done += cost;
    report(0);
    return result;
  };
  const checkpoint = async () => {
    if (signal?.aborted) throw new DetectorCancelled();
  };
  const attack = (spec: AttackSpec, report?: (f: number) => void): Promise<Evaluated> => evaluateAttack(model, x, y, spec, report, { checkpoint });

  const census = await stage('Predictions', costs.census, () => predictionCensus(model, x, y));
  const fgsm = await stage('FGSM', costs.fgsm, () => attack({ attack: 'FGSM', epsilon, seed }));
  const main = await stage(aa ? `AA-lite (${o.aaBudget})` : nameOf(settingsOf(mainSpec, n, inputShape, numClasses)), costs.main, (r) => attack(mainSpec, r));
  const white = aa ? whiteBoxPart(main, settingsOf(whiteAt(epsilon), n, inputShape, numClasses)) : main;
  const name = nameOf(white.figure.settings);
  const pgd = costs.pgd > 0 ? await stage(`PGD-${o.pgdSteps} (comparison)`, costs.pgd, () => attack(pgdSpec)) : white;
  const aaLite = aa ? main : await stage(`AA-lite (${o.aaBudget}), the worst case`, costs.aaLite, (r) => attack(aaSpec, r));
  const chartName = nameOf(settingsOf(chartSpec, n, inputShape, numClasses));
  const chart = sameAttack ? aaLite : chartIsPgd ? pgd : await stage(`${chartName} (the accuracy chart's attack)`, costs.chart, (r) => attack(chartSpec, r));
  const dlrName = nameOf(settingsOf(dlrSpec, n, inputShape, numClasses));
  const dlr = await stage(dlrName, costs.dlr, (r) => attack(dlrSpec, r));
  const square = await stage('Square attack', costs.square, (r) => attack({ attack: 'Square', epsilon, queries, seed }, r));
  const noise = await stage('Random noise', costs.noise, () => attack({ attack: 'Noise', epsilon, queries: o.noiseDraws, seed }));
  const { epsilon: _e, seed: _s, ...sweepWhiteBox } = whiteAt(epsilon);
  const sweep = await stage('ε sweep', costs.sweep, (r) =>
    measureSweep(model, x, y, { epsilons, pgdSteps: o.pgdSteps, restarts: o.restarts, whiteBox: sweepWhiteBox, squareQueries: queries, seed }, r, [
      { epsilon, pgd: white, square },
    ]),
  );
  const [unboundedWhite, randomStart] = await stage(`Unbounded ${name}`, costs.unbounded, async () => [
    await attack(whiteAt(o.unboundedEpsilon, true)),
    // The uniform start alone, PGD with no steps: what a random start at this ε already breaks.
    await attack({ ...pgdSpec, epsilon: o.unboundedEpsilon, steps: 0 }),
  ]);
  const gradients = await stage('Input gradients', costs.gradients, () => gradientStats(model, x, y));

  const sweepFigures = sweep.map((p) => ({ epsilon: p.epsilon, pgd: p.pgd.figure, square: p.square.figure }));
  const checks = [
    squareVsWhiteBox(white, square, t, name),
    fgsmVsWhiteBox(white, fgsm, t, name),
    epsilonGrowth(sweep, t, name),
    unbounded(unboundedWhite.figure, randomStart.figure, t, name),
    noiseVsWhiteBox(white, noise, t, name),
    vanishingGradients(gradients, t),
  ];
  const comparison = chartVsStrongest({ chart, aaLite, square, dlr, chartName, dlrName, sameAttack }, t, o.overstateGap);
  checks.push(comparison.check);
  const judged = judgeability(census, t);
  onProgress({ stage: 'done', fraction: 1 });
  return {
    verdict: verdictOf(checks, judged.judgeable),
    headline: comparison.headline,
    judgeable: judged,
    checks,
    thresholds: t,
    subset: n,
    cleanAccuracy: white.figure.cleanAccuracy,
    whiteBoxName: name,
    attacks: {
      whiteBox: white.figure, aaLite: aaLite.figure, evaluation: chart.figure, dlr: dlr.figure, pgd: pgd.figure,
      fgsm: fgsm.figure, square: square.figure, noise: noise.figure,
      unbounded: unboundedWhite.figure, randomStart: randomStart.figure,
    },
    sweep: sweepFigures,
    gradients,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * The gradient-masking detector: runs FGSM, PGD, Square and noise on the same test subset at
 * the same ε, sweeps ε, tries an unbounded attack and looks at input gradients, then applies
 * the six checks of `checks.ts`. Every number in the report carries the settings behind it.
 */
import type * as tf from '@tensorflow/tfjs';
import { inChunks } from '../attacks/chunked';
import { pgd } from '../attacks/pgd';
import { defaultSquareQueries } from '../attacks/square';
import type { Classifier } from '../models';
import {
  type CheckResult, epsilonGrowth, fgsmVsPgd, noiseVsPgd, squareVsPgd, testsPerformed, unbounded, vanishingGradients, type Verdict, verdictOf,
} from './checks';
import { type GradientStats, gradientStats } from './gradients';
import { type Judgeability, judgeability, predictionCensus } from './judgeable';
import { type Evaluated, evaluateAttack, figureOf, type RobustFigure } from './robust';
import { bonferroni, type Thresholds } from './stats';
import { measureSweep, sameEpsilon, type SweepPoint, sweepEpsilons } from './sweep';

export interface DetectorOptions {
  /** L∞ radius every attack uses (the sweep goes around it). */
  epsilon: number;
  /** PGD steps K (step size 2.5·ε/K) and restarts R. */
  pgdSteps: number;
  restarts: number;
  /** Square's query budget per example (default 1000 for 2-D points, 5000 for images). */
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
  /** Whether the model can be judged at all (not near chance, not one class), with its numbers. */
  judgeable: Judgeability;
  checks: CheckResult[];
  /** The effect size and the Bonferroni-corrected z every check used, with α and m. */
  thresholds: Thresholds;
  /** Test points used, and the model's natural accuracy on them (percent). */
  subset: number;
  cleanAccuracy: number;
  attacks: {
    fgsm: RobustFigure; pgd: RobustFigure; square: RobustFigure; noise: RobustFigure;
    /** PGD at the unbounded ε from x itself, and its uniform random start alone (no steps). */
    unbounded: RobustFigure; randomStart: RobustFigure;
  };
  sweep: SweepPoint[];
  gradients: GradientStats;
  seconds: number;
}

/** Relative cost of each stage (≈ forward passes per example), for the progress bar. */
function stageCosts(o: DetectorOptions, queries: number, sweepPoints: number) {
  const pgd = (o.pgdSteps + 1) * o.restarts;
  return {
    census: 1, fgsm: 2, pgd, square: queries, noise: o.noiseDraws, sweep: sweepPoints * (pgd + queries),
    unbounded: o.pgdSteps + 1 + o.restarts, gradients: 2,
  };
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
 * (each attack frees its tensors when it ends, so stopping there leaves nothing behind).
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
  const queries = o.squareQueries ?? defaultSquareQueries(x.shape.slice(1));
  const epsilons = sweepEpsilons(epsilon, o.sweepMultiples);
  const sweepHasMain = epsilons.some((e) => sameEpsilon(e, epsilon));
  const t = bonferroni(testsPerformed(epsilons, sweepHasMain), o.alpha, o.minGap);
  // The main ε's sweep point reuses the main PGD and Square runs: it costs nothing.
  const costs = stageCosts(o, queries, epsilons.length - (sweepHasMain ? 1 : 0));
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
  const attack = (spec: Parameters<typeof evaluateAttack>[3], report?: (f: number) => void): Promise<Evaluated> =>
    evaluateAttack(model, x, y, spec, report);

  const pgdSpec = { attack: 'PGD' as const, epsilon, steps: o.pgdSteps, restarts: o.restarts, seed };
  const census = await stage('Predictions', costs.census, () => predictionCensus(model, x, y));
  const fgsm = await stage('FGSM', costs.fgsm, () => attack({ attack: 'FGSM', epsilon, seed }));
  const pgd = await stage(`PGD-${o.pgdSteps}`, costs.pgd, () => attack(pgdSpec));
  const square = await stage('Square attack', costs.square, (r) => attack({ attack: 'Square', epsilon, queries, seed }, r));
  const noise = await stage('Random noise', costs.noise, () => attack({ attack: 'Noise', epsilon, queries: o.noiseDraws, seed }));
  const sweep = await stage('ε sweep', costs.sweep, (r) =>
    measureSweep(model, x, y, { epsilons, pgdSteps: o.pgdSteps, restarts: o.restarts, squareQueries: queries, seed }, r, [{ epsilon, pgd, square }]),
  );
  const [unboundedPgd, randomStart] = await stage('Unbounded PGD', costs.unbounded, async () => [
    await fromInput(model, x, y, o.unboundedEpsilon, o.pgdSteps, seed),
    // The uniform start alone, PGD with no steps: what a random start at this ε already breaks.
    await attack({ ...pgdSpec, epsilon: o.unboundedEpsilon, steps: 0 }),
  ]);
  const gradients = await stage('Input gradients', costs.gradients, () => gradientStats(model, x, y));

  const sweepFigures = sweep.map((p) => ({ epsilon: p.epsilon, pgd: p.pgd.figure, square: p.square.figure }));
  const checks = [
    squareVsPgd(pgd, square, t),
    fgsmVsPgd(pgd, fgsm, t),
    epsilonGrowth(sweep, t),
    unbounded(unboundedPgd.figure, randomStart.figure, t),
    noiseVsPgd(pgd, noise, t),
    vanishingGradients(gradients, t),
  ];
  const judged = judgeability(census, t);
  onProgress({ stage: 'done', fraction: 1 });
  return {
    verdict: verdictOf(checks, judged.judgeable),
    judgeable: judged,
    checks,
    thresholds: t,
    subset: x.shape[0],
    cleanAccuracy: pgd.figure.cleanAccuracy,
    attacks: {
      fgsm: fgsm.figure, pgd: pgd.figure, square: square.figure, noise: noise.figure,
      unbounded: unboundedPgd.figure, randomStart: randomStart.figure,
    },
    sweep: sweepFigures,
    gradients,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * PGD-K at `epsilon` starting at x itself (no random start, so one restart: every restart would
 * be the same). The unbounded check's attack: it must find its way by the gradient alone.
 */
async function fromInput(model: Classifier, x: tf.Tensor, y: tf.Tensor1D, epsilon: number, steps: number, seed: number): Promise<Evaluated> {
  const result = await inChunks(pgd, model, x, y, { epsilon, steps, restarts: 1, start: 'none', seed });
  result.xAdv.dispose();
  return figureOf(result, { attack: 'PGD', epsilon, steps, restarts: 1, subset: x.shape[0] });
}

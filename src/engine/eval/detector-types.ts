/**
 * The detector's settings and its report: plain data, so the report crosses the worker boundary
 * and is exported as JSON as it is.
 */
import type { EvalAttackId } from '../../shared/catalog';
import type { DetectorCurves } from '../../shared/curves';
import type { ChartVsStrongest } from '../../shared/detector-headline';
import type { AaLiteBudget, DetectorEvent } from '../../shared/events';
import type { Thresholds } from '../../shared/stats';
import type { CheckResult, Verdict } from './checks';
import type { EpsilonPoint } from './epsilon-sweep';
import type { GradientStats } from './gradients';
import type { TransferSource } from './indicator-measures';
import type { OutputStability } from './indicators';
import type { Judgeability } from './judgeable';
import { OVERSTATE_GAP } from './overstatement';
import type { AttackSpec, RobustFigure } from './robust';

/** An attack as the accuracy chart runs it, without its ε and seed (evaluation-attack.ts's spec). */
export type ChartAttack = Omit<AttackSpec, 'epsilon' | 'seed'>;

export interface DetectorOptions {
  /** Radius every attack uses, in the threat model's norm (the sweep goes around it). */
  epsilon: number;
  /** The threat model (default L∞). Under L2 the unbounded ε defaults to √d and the sweep's cap too. */
  norm?: 'linf' | 'l2';
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
  /** ε of the unbounded attack: 1 spans the whole [0, 1] input box under L∞ (under L2 it is √d when not given). */
  unboundedEpsilon: number;
  /** Family-wise one-sided significance level, shared by all z-tests (Bonferroni). */
  alpha: number;
  /** Smallest gap, in percentage points, that counts as a real effect. */
  minGap: number;
  seed: number;
  /**
   * Also measure the robustness curve (robustness-curve.ts): each point's smallest breaking ε by
   * bisection with AA-lite's gradient part. Opt-in: it costs that attack × 8 runs.
   */
  robustnessCurve: boolean;
  /**
   * A model to craft transfer attacks on — the student's teacher (LTD's, or defensive
   * distillation's at its temperature) — for the transfer indicator; absent: no teacher. Engine
   * side only: a model cannot cross the worker boundary (engine-api.ts leaves it out).
   */
  transfer?: TransferSource;
}

export const DEFAULT_DETECTOR_OPTIONS: Omit<DetectorOptions, 'epsilon' | 'seed' | 'transfer'> = {
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
  robustnessCurve: false,
};

/** The detector's progress as its stages report it; the session sends it on as a `DetectorEvent`. */
export type DetectorProgress = Omit<DetectorEvent, 'type'>;

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
    /** PGD crafted on the teacher, tried on the model; null without a teacher. */
    transfer: RobustFigure | null;
  };
  /** Five forward passes of the same points: whether the model is randomised (then no verdict). */
  stability: OutputStability;
  /** White-box (`pgd`, named for the default of the ε-sweep chart) and Square at each ε. */
  sweep: EpsilonPoint[];
  gradients: GradientStats;
  /** Convergence per iteration of the traced white-box runs, Square’s success against queries, and the robustness curve when asked for; absent in reports made before the curves. */
  curves?: DetectorCurves;
  seconds: number;
}

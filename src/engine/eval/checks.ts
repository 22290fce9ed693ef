/**
 * The six warning signs of gradient masking (Athalye, Carlini & Wagner 2018; Carlini et al.
 * 2019), each judged from measured outcomes: pass/fail, the numbers, and one sentence a
 * student understands. Pure functions of counts and per-example masks, so they are tested on
 * synthetic ones. Two attacks on the same points are compared pairwise (McNemar).
 */
import type { GradientStats } from './gradients';
import type { Evaluated, RobustFigure } from './robust';
import { type Excess, excessOverZero, type PairedExcess, pairedExcess, percent, type Proportion, type Thresholds } from './stats';

export type CheckId = 'square-vs-pgd' | 'fgsm-vs-pgd' | 'epsilon-growth' | 'unbounded' | 'noise-vs-pgd' | 'vanishing-gradients';

export interface CheckNumber {
  label: string;
  value: number;
  /** '%' for rates and shares in percent, 'z' for z-scores, '' for plain numbers. */
  unit: '%' | 'z' | '';
}

export interface CheckResult {
  id: CheckId;
  title: string;
  passed: boolean;
  /** A failure of a strong check alone means `masked`: a weaker attack beat the white-box one. */
  strong: boolean;
  numbers: CheckNumber[];
  explanation: string;
}

export type Verdict = 'clean' | 'suspected' | 'masked';

const success = (f: RobustFigure): Proportion => ({ count: f.broken, n: f.cleanCorrect });
const rate = (label: string, value: number): CheckNumber => ({ label, value, unit: '%' });
const count = (label: string, value: number): CheckNumber => ({ label, value, unit: '' });
const gapNumbers = (e: Excess): CheckNumber[] => [rate('gap (points)', e.gap), { label: 'z', value: e.z, unit: 'z' }];

/** McNemar's test of "a breaks more of the same clean-correct points than b". */
const paired = (a: Evaluated, b: Evaluated, t: Thresholds): PairedExcess => pairedExcess(a.brokenMask, b.brokenMask, b.figure.cleanCorrect, t);

/**
 * The z-tests the six checks perform, m of the Bonferroni correction: one each for checks 1,
 * 2, 4, 5 and 6, and in the sweep of `sweepSize` radii one PGD drop per consecutive pair and
 * one Square − PGD gap per radius — less one when the sweep contains the main ε, whose gap is
 * check 1's very test (same masks), not a new one.
 */
export function testsPerformed(sweepSize: number, sweepHasMainEpsilon: boolean): number {
  return 5 + Math.max(0, sweepSize - 1) + sweepSize - (sweepHasMainEpsilon && sweepSize > 0 ? 1 : 0);
}

/** 1. A black-box attack that sees only outputs should never beat one that sees gradients. */
export function squareVsPgd(pgd: Evaluated, square: Evaluated, t: Thresholds): CheckResult {
  const e = paired(square, pgd, t);
  return {
    id: 'square-vs-pgd', title: 'Square (black-box) vs PGD (white-box)', passed: !e.exceeds, strong: true,
    numbers: [
      rate('PGD success', percent(success(pgd.figure))), rate('Square success', percent(success(square.figure))),
      count('broken by Square only', e.onlyA), count('by PGD only', e.onlyB), ...gapNumbers(e),
    ],
    explanation: e.exceeds
      ? 'Square, which never sees a gradient, breaks clearly more points than PGD: the gradients are misleading PGD.'
      : 'PGD, which follows gradients, does at least as well as the black-box Square attack (within sampling error).',
  };
}

/** 2. One gradient step should not beat many. */
export function fgsmVsPgd(pgd: Evaluated, fgsm: Evaluated, t: Thresholds): CheckResult {
  const e = paired(fgsm, pgd, t);
  return {
    id: 'fgsm-vs-pgd', title: 'FGSM (one step) vs PGD (many steps)', passed: !e.exceeds, strong: false,
    numbers: [
      rate('PGD success', percent(success(pgd.figure))), rate('FGSM success', percent(success(fgsm.figure))),
      count('broken by FGSM only', e.onlyA), count('by PGD only', e.onlyB), ...gapNumbers(e),
    ],
    explanation: e.exceeds
      ? 'A single big step beats many small ones: the loss surface is jagged near the data, so small steps get stuck.'
      : 'Many PGD steps do at least as well as one FGSM step, as they should.',
  };
}

/**
 * 3. Success should grow with ε, and PGD should keep up with Square at every ε of the sweep.
 * Every comparison is on the same points: PGD at the smaller ε against PGD at the next one,
 * Square against PGD at each ε.
 */
export function epsilonGrowth(sweep: Array<{ epsilon: number; pgd: Evaluated; square: Evaluated }>, t: Thresholds): CheckResult {
  let worstDrop: Excess = { gap: 0, se: 0, z: 0, exceeds: false };
  let worstGap: Excess & { epsilon: number } = { gap: -Infinity, se: 0, z: 0, exceeds: false, epsilon: sweep[0]?.epsilon ?? 0 };
  sweep.forEach((point, i) => {
    if (i > 0) {
      const drop = paired(sweep[i - 1].pgd, point.pgd, t);
      if (drop.exceeds > worstDrop.exceeds || (drop.exceeds === worstDrop.exceeds && drop.gap > worstDrop.gap)) worstDrop = drop;
    }
    const gap = paired(point.square, point.pgd, t);
    if (gap.exceeds > worstGap.exceeds || (gap.exceeds === worstGap.exceeds && gap.gap > worstGap.gap)) worstGap = { ...gap, epsilon: point.epsilon };
  });
  const passed = !worstDrop.exceeds && !worstGap.exceeds;
  return {
    id: 'epsilon-growth', title: 'Success grows with ε, and PGD keeps up with Square', passed, strong: false,
    numbers: [
      ...sweep.map((p) => rate(`PGD success at ε = ${+p.epsilon.toFixed(4)}`, percent(success(p.pgd.figure)))),
      ...sweep.map((p) => rate(`Square success at ε = ${+p.epsilon.toFixed(4)}`, percent(success(p.square.figure)))),
      rate('largest drop of PGD success as ε grows (points)', Math.max(0, worstDrop.gap)),
      rate(`largest Square − PGD gap (points, at ε = ${+worstGap.epsilon.toFixed(4)})`, Number.isFinite(worstGap.gap) ? worstGap.gap : 0),
    ],
    explanation: passed
      ? 'A bigger budget ε never makes PGD weaker, and PGD stays level with Square across the sweep.'
      : worstDrop.exceeds
        ? 'PGD breaks fewer points at a larger ε — impossible for a sound attack, so its gradients are unreliable.'
        : 'As ε grows, PGD falls behind the black-box Square attack: the gradients stop pointing the way out.',
  };
}

/** 4. With ε = 1 any input is reachable, so a working attack breaks (almost) everything. */
export function unbounded(figure: RobustFigure, t: Thresholds): CheckResult {
  const survivors = excessOverZero({ count: figure.cleanCorrect - figure.broken, n: figure.cleanCorrect }, t);
  return {
    id: 'unbounded', title: `Unbounded attack (ε = ${figure.settings.epsilon}) reaches ~100 %`, passed: !survivors.exceeds, strong: true,
    numbers: [rate('PGD success', percent(success(figure))), rate('survivors', survivors.gap), { label: 'z', value: survivors.z, unit: 'z' }],
    explanation: survivors.exceeds
      ? 'Even when PGD may change the input completely it fails on many points: it is not really searching.'
      : 'With no limit on the change, PGD breaks (almost) every point, as any working attack must.',
  };
}

/**
 * 5. Random noise should never find what PGD misses. McNemar of "PGD or noise" against PGD
 * alone on the same points: b = points noise breaks and PGD does not, c = 0, so z = √b — what
 * PGD breaks and noise does not is no excuse for the points it missed.
 */
export function noiseVsPgd(pgd: Evaluated, noise: Evaluated, t: Thresholds): CheckResult {
  const either = pgd.brokenMask.map((b, i) => (b || noise.brokenMask[i] ? 1 : 0));
  const e = pairedExcess(either, pgd.brokenMask, pgd.figure.cleanCorrect, t);
  return {
    id: 'noise-vs-pgd', title: 'Random noise vs PGD', passed: !e.exceeds, strong: true,
    numbers: [
      rate('PGD success', percent(success(pgd.figure))),
      count('points broken by noise but not by PGD', e.onlyA),
      rate('their share (points)', e.gap),
      { label: 'z', value: e.z, unit: 'z' },
    ],
    explanation: e.exceeds
      ? 'Random noise breaks points that PGD could not: PGD is not finding the adversarial examples that exist.'
      : 'Random noise finds nothing that PGD missed.',
  };
}

/** 6. A large share of exactly-zero input gradients means a saturated softmax hides the way out. */
export function vanishingGradients(stats: GradientStats, t: Thresholds): CheckResult {
  const e = excessOverZero({ count: stats.vanishing, n: stats.n }, t);
  return {
    id: 'vanishing-gradients', title: 'Input gradients do not vanish', passed: !e.exceeds, strong: false,
    numbers: [
      rate('points with ∇ₓL exactly 0 (sign(∇ₓL) = 0: PGD cannot move)', e.gap),
      { label: 'median ‖∇ₓL‖₂', value: stats.medianNorm, unit: '' },
      { label: 'logit scale (mean max |z|)', value: stats.logitScale, unit: '' },
    ],
    explanation: e.exceeds
      ? 'Many points have a zero gradient: the softmax is saturated (huge logits), so PGD has no direction to follow.'
      : 'Gradients are non-zero at the test points, so PGD has a direction to follow.',
  };
}

/** masked: a strong check fails, or two checks fail; suspected: one weak check fails; else clean. */
export function verdictOf(checks: CheckResult[]): Verdict {
  const failed = checks.filter((c) => !c.passed);
  if (failed.some((c) => c.strong) || failed.length >= 2) return 'masked';
  return failed.length === 1 ? 'suspected' : 'clean';
}

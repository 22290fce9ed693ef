/**
 * The six warning signs of gradient masking (Athalye, Carlini & Wagner 2018; Carlini et al.
 * 2019), each judged from measured outcomes: pass/fail, the numbers, and one sentence a
 * student understands. Pure functions of counts and per-example masks, so they are tested on
 * synthetic ones. Two attacks on the same points are compared pairwise (McNemar).
 */
import type { GradientStats } from './gradients';
import type { Evaluated, RobustFigure } from './robust';
import { type Excess, excessOverZero, type PairedExcess, pairedExcess, percent, type Proportion, type Thresholds } from '../../shared/stats';

export type CheckId =
  | 'square-vs-white-box' | 'fgsm-vs-white-box' | 'epsilon-growth' | 'unbounded' | 'noise-vs-white-box' | 'vanishing-gradients'
  // The indicators of attack failure (Pintor et al. 2022), after the six: indicators.ts, overstatement.ts.
  | 'chart-vs-aa-lite' | 'not-converged' | 'silent-success' | 'transfer' | 'randomised-outputs' | 'non-finite-gradients';

/**
 * The six warning signs of masking (Athalye et al. 2018), or an indicator that an attack failed
 * (Pintor et al. 2022, Carlini et al. 2019's checklist): the page lists them apart.
 */
export type CheckKind = 'warning-sign' | 'attack-failure';

/**
 * How the checks name the white-box side in titles and sentences ("PGD-20", "APGD-CE",
 * "APGD-CE → APGD-T"); their numbers say "white-box", so labels read the same whichever it is.
 */
export type WhiteBoxName = string;

export interface CheckNumber {
  label: string;
  value: number;
  /** '%' for rates and shares in percent, 'z' for z-scores, '' for plain numbers. */
  unit: '%' | 'z' | '';
}

export interface CheckResult {
  id: CheckId;
  kind: CheckKind;
  title: string;
  passed: boolean;
  /** A failure of a strong check alone means `masked`: a weaker attack beat the white-box one. */
  strong: boolean;
  numbers: CheckNumber[];
  explanation: string;
}

/** `no verdict`: the model is near chance or predicts one class (judgeable.ts), so nothing is judged. */
export type Verdict = 'clean' | 'suspected' | 'masked' | 'no verdict';

/**
 * ε from which the sweep's success must approach 100 %: half the input range [0, 1], where any
 * input can be moved to mid-grey. Below it a robust model may keep points legitimately.
 */
export const LARGE_EPSILON = 0.5;

/**
 * The radius that counts as large in a threat model on inputs of `size` coordinates: L∞ 0.5;
 * L2 0.5·√d, the L2 distance within which any input reaches mid-grey (the same argument).
 */
export function largeEpsilon(norm: 'linf' | 'l2' | undefined, size: number): number {
  return norm === 'l2' ? LARGE_EPSILON * Math.sqrt(size) : LARGE_EPSILON;
}

const success = (f: RobustFigure): Proportion => ({ count: f.broken, n: f.cleanCorrect });
const rate = (label: string, value: number): CheckNumber => ({ label, value, unit: '%' });
const count = (label: string, value: number): CheckNumber => ({ label, value, unit: '' });
const gapNumbers = (e: Excess): CheckNumber[] => [rate('gap (points)', e.gap), { label: 'z', value: e.z, unit: 'z' }];

/** McNemar's test of "a breaks more of the same clean-correct points than b". */
const paired = (a: Evaluated, b: Evaluated, t: Thresholds): PairedExcess => pairedExcess(a.brokenMask, b.brokenMask, b.figure.cleanCorrect, t);

/**
 * The z-tests the six checks perform, m of the Bonferroni correction: one each for checks 1,
 * 2, 4, 5 and 6, and in the sweep of radii `epsilons` one white-box drop per consecutive pair, one
 * Square − white-box gap per radius — less one when the sweep contains the main ε, whose gap is check
 * 1's very test (same masks), not a new one — one rise from the smallest to the largest radius
 * (when there are two), and one "approaches 100 %" at the largest when it is ≥ LARGE_EPSILON.
 */
export function testsPerformed(epsilons: readonly number[], sweepHasMainEpsilon: boolean, large = LARGE_EPSILON): number {
  const n = epsilons.length;
  const largest = n > 0 ? Math.max(...epsilons) : 0;
  return 5 + Math.max(0, n - 1) + n - (sweepHasMainEpsilon && n > 0 ? 1 : 0) + (n >= 2 ? 1 : 0) + (largest >= large ? 1 : 0);
}

/** 1. A black-box attack that sees only outputs should never beat one that sees gradients. */
export function squareVsWhiteBox(white: Evaluated, square: Evaluated, t: Thresholds, name: WhiteBoxName = 'PGD'): CheckResult {
  const e = paired(square, white, t);
  return {
    id: 'square-vs-white-box', kind: 'warning-sign', title: `Square (black-box) vs ${name} (white-box)`, passed: !e.exceeds, strong: true,
    numbers: [
      rate('white-box success', percent(success(white.figure))), rate('Square success', percent(success(square.figure))),
      count('broken by Square only', e.onlyA), count('by the white-box only', e.onlyB), ...gapNumbers(e),
    ],
    explanation: e.exceeds
      ? `Square, which never sees a gradient, breaks clearly more points than ${name}: the gradients are misleading it.`
      : `${name}, which follows gradients, does at least as well as the black-box Square attack (within sampling error).`,
  };
}

/** 2. One gradient step should not beat many. */
export function fgsmVsWhiteBox(white: Evaluated, fgsm: Evaluated, t: Thresholds, name: WhiteBoxName = 'PGD'): CheckResult {
  const e = paired(fgsm, white, t);
  return {
    id: 'fgsm-vs-white-box', kind: 'warning-sign', title: `FGSM (one step) vs ${name} (many steps)`, passed: !e.exceeds, strong: false,
    numbers: [
      rate('white-box success', percent(success(white.figure))), rate('FGSM success', percent(success(fgsm.figure))),
      count('broken by FGSM only', e.onlyA), count('by the white-box only', e.onlyB), ...gapNumbers(e),
    ],
    explanation: e.exceeds
      ? 'A single big step beats many small ones: the loss surface is jagged near the data, so small steps get stuck.'
      : `${name}'s many steps do at least as well as one FGSM step, as they should.`,
  };
}

/**
 * 3. Success should grow with ε and reach (almost) everything at large ε, and the white-box
 * attack should keep up with Square at every ε of the sweep (Carlini et al. 2019, §5). Every
 * comparison is on the same points. It fails when
 * - the white-box success drops significantly from one radius to the next (impossible for a sound attack);
 * - Square beats the white-box attack clearly at some radius;
 * - the curve is flat: success at the largest radius is not clearly above success at the
 *   smallest (McNemar, gap ≥ minGap and z ≥ the threshold) — unless the smallest radius already
 *   breaks (almost) every point, leaving nothing to grow;
 * - the curve stalls: at a largest radius ≥ LARGE_EPSILON, the points left standing are clearly
 *   above zero (the unbounded check's test: share ≥ minGap points and significant).
 * (`pgd` in a sweep point is its white-box figure, whichever attack that is.)
 */
export function epsilonGrowth(
  sweep: Array<{ epsilon: number; pgd: Evaluated; square: Evaluated }>, t: Thresholds, name: WhiteBoxName = 'PGD', large = LARGE_EPSILON,
): CheckResult {
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
  const first = sweep[0];
  const last = sweep.at(-1);
  const survivorsOf = (p: { pgd: Evaluated }) => excessOverZero({ count: p.pgd.figure.cleanCorrect - p.pgd.figure.broken, n: p.pgd.figure.cleanCorrect }, t);
  const rise = first && last && first !== last ? paired(last.pgd, first.pgd, t) : null;
  const saturatedAtFirst = first ? !survivorsOf(first).exceeds : false;
  const flat = rise !== null && !rise.exceeds && !saturatedAtFirst;
  const stall = last && last.epsilon >= large ? survivorsOf(last) : null;
  const stalled = stall?.exceeds ?? false;
  const passed = !worstDrop.exceeds && !worstGap.exceeds && !flat && !stalled;
  const at = (e: number) => `ε = ${+e.toFixed(4)}`;
  const numbers: CheckNumber[] = [
    ...sweep.map((p) => rate(`white-box success at ${at(p.epsilon)}`, percent(success(p.pgd.figure)))),
    ...sweep.map((p) => rate(`Square success at ${at(p.epsilon)}`, percent(success(p.square.figure)))),
    rate('largest drop of white-box success as ε grows (points)', Math.max(0, worstDrop.gap)),
    rate(`largest Square − white-box gap (points, at ${at(worstGap.epsilon)})`, Number.isFinite(worstGap.gap) ? worstGap.gap : 0),
  ];
  if (rise && first && last) {
    numbers.push(rate(`rise of white-box success from ${at(first.epsilon)} to ${at(last.epsilon)} (points)`, rise.gap), { label: 'z of the rise', value: rise.z, unit: 'z' });
  }
  if (stall && last) numbers.push(rate(`points the white-box leaves standing at ${at(last.epsilon)} (≥ ${+large.toFixed(4)}: should be ~0)`, stall.gap));
  return {
    id: 'epsilon-growth', kind: 'warning-sign', title: `Success grows with ε towards 100 %, and ${name} keeps up with Square`, passed, strong: false,
    numbers,
    explanation: passed
      ? `A bigger budget ε makes ${name} stronger, never weaker, and it stays level with Square across the sweep.`
      : worstDrop.exceeds
        ? `${name} breaks fewer points at a larger ε — impossible for a sound attack, so its gradients are unreliable.`
        : worstGap.exceeds
          ? `As ε grows, ${name} falls behind the black-box Square attack: the gradients stop pointing the way out.`
          : flat
            ? `${name}'s success is flat: ${rise!.gap.toFixed(1)} points more at the largest ε than at the smallest is not clearly more (needs ${t.minGap} points and z ≥ ${t.z.toFixed(2)}). A working attack gains as its budget grows.`
            : `${name} stalls: at ε ≥ ${+large.toFixed(4)} it still leaves ${stall!.gap.toFixed(1)} % of the points standing, where a working attack breaks almost all.`,
  };
}

/**
 * 4. With ε = 1 any input is reachable, so a working attack breaks (almost) everything. The
 * attack starts at x itself: from a uniform start in the ε = 1 ball the start alone breaks most
 * points (it is nearly a random input), and the check would test the start, not the gradient.
 * `randomStart` is that start alone (uniform in the ε = 1 ball, no steps), printed beside it.
 */
export function unbounded(figure: RobustFigure, randomStart: RobustFigure, t: Thresholds, name: WhiteBoxName = 'PGD'): CheckResult {
  const survivors = excessOverZero({ count: figure.cleanCorrect - figure.broken, n: figure.cleanCorrect }, t);
  return {
    id: 'unbounded', kind: 'warning-sign', title: `Unbounded ${name} (ε = ${figure.settings.epsilon}, from x) reaches ~100 %`, passed: !survivors.exceeds, strong: true,
    numbers: [
      rate('white-box success (from x, no random start)', percent(success(figure))),
      rate('random start alone (uniform in the ε-ball, no steps)', percent(success(randomStart))),
      rate('survivors', survivors.gap),
      { label: 'z', value: survivors.z, unit: 'z' },
    ],
    explanation: survivors.exceeds
      ? `Even when ${name} may change the input completely it fails on many points: it is not really searching.`
      : `With no limit on the change, ${name} breaks (almost) every point, as any working attack must.`,
  };
}

/**
 * 5. Random noise should never find what the white-box attack misses. McNemar of "white-box or
 * noise" against the white-box alone on the same points: b = points noise breaks and the
 * white-box does not, c = 0, so z = √b — what the white-box breaks and noise does not is no
 * excuse for the points it missed.
 */
export function noiseVsWhiteBox(white: Evaluated, noise: Evaluated, t: Thresholds, name: WhiteBoxName = 'PGD'): CheckResult {
  const either = white.brokenMask.map((b, i) => (b || noise.brokenMask[i] ? 1 : 0));
  const e = pairedExcess(either, white.brokenMask, white.figure.cleanCorrect, t);
  return {
    id: 'noise-vs-white-box', kind: 'warning-sign', title: `Random noise vs ${name}`, passed: !e.exceeds, strong: true,
    numbers: [
      rate('white-box success', percent(success(white.figure))),
      count('points broken by noise but not by the white-box', e.onlyA),
      rate('their share (points)', e.gap),
      { label: 'z', value: e.z, unit: 'z' },
    ],
    explanation: e.exceeds
      ? `Random noise breaks points that ${name} could not: it is not finding the adversarial examples that exist.`
      : `Random noise finds nothing that ${name} missed.`,
  };
}

/** 6. A large share of exactly-zero input gradients means a saturated softmax hides the way out. */
export function vanishingGradients(stats: GradientStats, t: Thresholds): CheckResult {
  const e = excessOverZero({ count: stats.vanishing, n: stats.n }, t);
  return {
    id: 'vanishing-gradients', kind: 'warning-sign', title: 'Input gradients do not vanish', passed: !e.exceeds, strong: false,
    numbers: [
      rate('points with ∇ₓL exactly 0 (sign(∇ₓL) = 0: gradient attacks cannot move)', e.gap),
      { label: 'median ‖∇ₓL‖₂', value: stats.medianNorm, unit: '' },
      { label: 'logit scale (mean max |z|)', value: stats.logitScale, unit: '' },
    ],
    explanation: e.exceeds
      ? 'Many points have a zero gradient: the softmax is saturated (huge logits), so a gradient attack has no direction to follow.'
      : 'Gradients are non-zero at the test points, so a gradient attack has a direction to follow.',
  };
}

/**
 * no verdict: the model cannot be judged (near chance, one class: judgeable.ts), whatever the
 * checks say; masked: a strong check fails, or two checks fail; suspected: one weak check
 * fails; else clean.
 */
export function verdictOf(checks: CheckResult[], judgeable = true): Verdict {
  if (!judgeable) return 'no verdict';
  const failed = checks.filter((c) => !c.passed);
  if (failed.some((c) => c.strong) || failed.length >= 2) return 'masked';
  return failed.length === 1 ? 'suspected' : 'clean';
}

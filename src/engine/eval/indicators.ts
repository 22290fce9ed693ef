/**
 * Indicators that an attack failed (Pintor et al. 2022, "Indicators of Attack Failure"; Carlini
 * et al. 2019's checklist; AutoAttack's `checks.py`), beside the six warning signs of checks.ts:
 * the attack had not converged, it found an adversarial point and did not return it, a teacher's
 * adversarial examples break what the white-box attack missed, the model's outputs are random
 * (the attack needs EOT), the gradients are not numbers. Pure functions of counts and traces, so
 * they are tested on synthetic ones; indicator-measures.ts measures them on a model.
 */
import type { GradientStats } from './gradients';
import type { CheckNumber, CheckResult, WhiteBoxName } from './checks';
import type { Evaluated } from './robust';
import { excessOverZero, pairedExcess, percent, type Thresholds } from '../../shared/stats';

const rate = (label: string, value: number): CheckNumber => ({ label, value, unit: '%' });
const plain = (label: string, value: number): CheckNumber => ({ label, value, unit: '' });
const zOf = (value: number): CheckNumber => ({ label: 'z', value, unit: 'z' });

/**
 * The z-tests the indicators add to the detector's family: doubling the chart's attack (when it
 * has one to double: PGD or APGD-CE), transfer from a teacher (when there is one) and non-finite
 * gradients. The chart comparison's three are counted by overstatement.ts; silent successes and
 * randomised outputs are counts that must be 0, not tests.
 */
export function indicatorTests({ convergence, transfer }: { convergence: boolean; transfer: boolean }): number {
  return (convergence ? 1 : 0) + (transfer ? 1 : 0) + 1;
}

/** Share of the last 10 % of iterations at which a trace counts as still rising (see `notConverged`). */
export const STILL_RISING = 0.5;

/**
 * Smallest rise of the mean best loss over the whole run that can count as climbing, in the
 * loss's units (nats of CE). Below it the softmax is saturated and the "climb" is float noise: on
 * the distilled MNIST preset the standing points' CE went from 0 to 5·10⁻⁵, its last step nine
 * times the average pace, while twice the iterations broke 3 of 56 more.
 */
export const MIN_RISE = 0.01;

/** What the not-converged indicator looks at. */
export interface Convergence {
  /** The attack ("PGD-10"), and its trace: the mean best loss of the points it left standing, per iteration (0 = start). */
  name: string;
  trace: number[];
  /** Points the trace averages over (the standing ones). */
  standing: number;
  /** The same attack with twice the iterations, run on those standing points: its name and how many it broke. */
  doubled: { name: string; broken: number };
  /** Clean-correct points: the success rate's denominator. */
  cleanCorrect: number;
}

/**
 * 8. Not converged. Fails when (a) the best loss of the points left standing still rises over the
 * last 10 % of the iterations at least STILL_RISING times as fast as over the whole run (a
 * saturating climb has flattened out well before that), having risen by MIN_RISE at least, or (b) twice the iterations break clearly
 * more points (gap ≥ minGap points of success, McNemar z = √b ≥ the threshold: the doubled run
 * only sees points the first left standing, so c = 0). The doubled run draws its own random start,
 * so (b) also catches a figure that one start was too few for; the sentence says both. A climbing
 * loss (a) counts only when the standing points could move the figure by the effect size: breaking
 * every one of them lowers the success-rate reading by standing / clean-correct, and below minGap
 * points no further iteration can change what the report says (a natural model PGD-10 leaves 7 of
 * 173 points standing on, whose loss still climbs, is not a robustness claim anyone could overstate).
 * `null`: the chart's attack is AA-lite, whose budget is its own.
 */
export function notConverged(c: Convergence | null, t: Thresholds): CheckResult {
  const base = { id: 'not-converged', kind: 'attack-failure', strong: false } as const;
  if (!c) {
    return { ...base, title: 'The chart\'s attack had converged', passed: true, numbers: [], explanation: 'The chart\'s attack is AA-lite, which runs its own budget: there is nothing to double.' };
  }
  const last = c.trace.length - 1;
  const window = Math.max(1, Math.round(0.1 * last));
  const total = last > 0 ? c.trace[last] - c.trace[0] : 0;
  const recent = last >= window ? c.trace[last] - c.trace[last - window] : 0;
  // The last window's rate against the whole run's: 1 for a straight climb, near 0 once flat.
  const pace = total > 0 ? recent / window / (total / last) : 0;
  // The most the figure could fall if more iterations broke every standing point, in points of success.
  const room = percent({ count: c.standing, n: c.cleanCorrect });
  const rising = c.standing > 0 && total >= MIN_RISE && pace >= STILL_RISING && room >= t.minGap;
  const doubled = excessOverZero({ count: c.doubled.broken, n: c.cleanCorrect }, t);
  const z = Math.sqrt(c.doubled.broken);
  const more = doubled.gap >= t.minGap && z >= t.z;
  return {
    ...base, title: `${c.name} (the chart's attack) had converged`, passed: !rising && !more,
    numbers: [
      plain('mean best loss of the standing points at the start', c.trace[0] ?? 0), plain('at the end', c.trace[last] ?? 0),
      rate(`pace over the last ${window} of ${last} iterations (share of the average; fails at ≥ ${100 * STILL_RISING})`, 100 * pace),
      rate(`standing points' share of the clean-correct ones (a climb counts at ≥ ${t.minGap})`, room),
      plain(`points ${c.doubled.name} breaks of the ${c.standing} left standing`, c.doubled.broken), rate('their share of the clean-correct points', doubled.gap), zOf(z),
    ],
    explanation: rising
      ? `The loss of the points ${c.name} leaves standing is still climbing at its last iterations: more iterations would break more, so its figure is too high.`
      : more
        ? `${c.doubled.name}, from a fresh start on the points ${c.name} left standing, breaks clearly more of them: ${c.name} stopped too early (or one start was too few), and its figure is too high.`
        : `${c.name}'s loss has flattened out, and twice the iterations break nothing that matters (within sampling error).`,
  };
}

/**
 * 9. Silent success: an attack whose path reached a misclassified point but returned a point the
 * model classifies correctly (it kept the last iterate, not the best). Not a test: every attack
 * here returns its first adversarial iterate, so any count is a bug, or a model that answers
 * differently each time (11).
 */
export function silentSuccess(counts: Array<{ name: string; silent: number }>): CheckResult {
  const total = counts.reduce((a, c) => a + c.silent, 0);
  return {
    id: 'silent-success', kind: 'attack-failure', title: 'Every attack returns the adversarial point it found', passed: total === 0, strong: false,
    numbers: [plain('points counted broken whose returned input is classified correctly (should be 0)', total), ...counts.filter((c) => c.silent > 0).map((c) => plain(c.name, c.silent))],
    explanation: total === 0
      ? `Each attack's returned inputs were classified again: every point counted broken is misclassified there (${counts.length} attacks checked).`
      : 'Some attacks counted a point broken but returned an input the model gets right: robust accuracy from the returned points would differ from the one reported.',
  };
}

/**
 * 10. Transfer beats white-box: adversarial examples crafted on a teacher (LTD's natural one, the
 * distilled student's teacher at its temperature) break points the student's own white-box attack
 * missed. A strong check, like noise (5): an attack that never saw the student's gradient finding
 * what its gradient hid. `null` transfer: no teacher to craft on.
 */
export function transferVsWhiteBox(white: Evaluated, transfer: Evaluated | null, source: string | null, t: Thresholds, name: WhiteBoxName): CheckResult {
  const base = { id: 'transfer', kind: 'attack-failure', strong: true, title: `Transfer from ${source ?? 'a teacher'} vs ${name}` } as const;
  if (!transfer) {
    return { ...base, passed: true, numbers: [], explanation: 'No teacher to craft adversarial examples on (this method trains none, or it is not the last run\'s).' };
  }
  const either = white.brokenMask.map((b, i) => (b || transfer.brokenMask[i] ? 1 : 0));
  const e = pairedExcess(either, white.brokenMask, white.figure.cleanCorrect, t);
  return {
    ...base, passed: !e.exceeds,
    numbers: [
      rate('transfer success', percent({ count: transfer.figure.broken, n: transfer.figure.cleanCorrect })), rate('white-box success', percent({ count: white.figure.broken, n: white.figure.cleanCorrect })),
      plain('points broken by transfer but not by the white-box', e.onlyA), rate('their share (points)', e.gap), zOf(e.z),
    ],
    explanation: e.exceeds
      ? `Examples crafted on ${source} break points ${name} could not break on the model itself: its own gradients hide adversarial examples that exist.`
      : `Examples crafted on ${source} find nothing that ${name} missed.`,
  };
}

/** What five forward passes of the same inputs gave. */
export interface OutputStability {
  passes: number;
  /** Points whose logits differed between passes by more than the tolerance. */
  differing: number;
  n: number;
  /** Largest difference of a logit between two passes, and the tolerance it was held to. */
  maxDifference: number;
  tolerance: number;
}

/**
 * 11. Randomised outputs: the same input gives different logits from pass to pass (dropout left
 * on, input noise, a stochastic defence). A gradient through one draw is not the gradient of what
 * the model computes on average, so an attack needs EOT (expectation over transformation), and
 * the detector says so instead of judging (judgeable.ts gives no verdict).
 */
export function randomisedOutputs(s: OutputStability): CheckResult {
  const randomised = s.differing > 0;
  return {
    id: 'randomised-outputs', kind: 'attack-failure', title: `The model answers the same input the same way (${s.passes} passes)`, passed: !randomised, strong: false,
    numbers: [plain(`points whose logits differ between passes (of ${s.n})`, s.differing), plain('largest difference of a logit', s.maxDifference), plain('tolerance', s.tolerance)],
    explanation: randomised
      ? 'The model is randomised: its logits change from one pass to the next. Attacks must average gradients over draws (EOT) before their figures mean anything, so there is no verdict.'
      : `${s.passes} forward passes gave the same logits: the model is deterministic, and one gradient is its gradient.`,
  };
}

/** 12. Non-finite input gradients (NaN or ±Inf), counted beside the zero ones of check 6. */
export function nonFiniteGradients(stats: GradientStats, t: Thresholds): CheckResult {
  const e = excessOverZero({ count: stats.nonFinite, n: stats.n }, t);
  return {
    id: 'non-finite-gradients', kind: 'attack-failure', title: 'Input gradients are finite numbers', passed: !e.exceeds, strong: false,
    numbers: [
      plain('points with a NaN or ±Inf in ∇ₓL', stats.nonFinite), rate('their share', e.gap), zOf(e.z),
      plain('points with ∇ₓL exactly 0 (check 6)', stats.vanishing), plain('clean-correct points looked at', stats.n),
    ],
    explanation: e.exceeds
      ? 'Many input gradients are NaN or infinite (a division by zero, a log of 0, an overflow): a gradient attack steps nowhere meaningful there.'
      : 'The input gradients are finite numbers.',
  };
}

/**
 * The detector's cheapest checks on a sweep point, from what the sweep measured anyway: the full
 * detector (FGSM, an ε sweep, an unbounded attack, noise) per τ would cost several times the
 * sweep, so each point gets only the checks its own attacks can answer, judged the detector's way
 * (eval/checks.ts): McNemar on the points the evaluation attack and Square (or AA-lite) disagree
 * on, the binomial error of the share of exactly-zero input gradients, Bonferroni over the three
 * tests, and an effect of at least 10 points on the clean-correct points' success rate.
 *
 *   1. Square (black-box) breaks more than the evaluation attack (the detector's check 1);
 *   2. AA-lite breaks more than the evaluation attack: the evaluation attack overstates robustness;
 *   6. input gradients vanish (the detector's check 6).
 */
import type { SweepFigures } from './events';
import { bonferroni, discordantExcess, type Excess, excessOverZero, type Thresholds } from './stats';

/** The detector's effect size and family-wise level (eval/detector.ts DEFAULT_DETECTOR_OPTIONS). */
export const SWEEP_CHECK_THRESHOLDS: Thresholds = bonferroni(3, 0.05, 10);

export interface SweepCheck {
  id: 'square-beats-white-box' | 'aa-lite-beats-white-box' | 'vanishing-gradients';
  /** The excess (success-rate points over the clean-correct points, or the share of zero gradients) and its z. */
  excess: Excess;
  fires: boolean;
}

export interface SweepChecks {
  /** Near chance (natural accuracy within 10 points of 1/C): nothing to judge, as the detector says "no verdict". */
  judgeable: boolean;
  checks: SweepCheck[];
}

/** The checks one sweep point's figures answer (Square's and AA-lite's only when they ran). */
export function sweepChecks(f: SweepFigures, numClasses: number, t: Thresholds = SWEEP_CHECK_THRESHOLDS): SweepChecks {
  const checks: SweepCheck[] = [];
  const versus = (id: SweepCheck['id'], d: SweepFigures['versusWhiteBox']['square']) => {
    if (!d) return;
    const excess = discordantExcess(d.onlyOther, d.onlyWhiteBox, f.cleanCorrect, t);
    checks.push({ id, excess, fires: excess.exceeds });
  };
  versus('square-beats-white-box', f.versusWhiteBox.square);
  versus('aa-lite-beats-white-box', f.versusWhiteBox.aaLite);
  const zero = excessOverZero({ count: f.zeroGradients, n: f.cleanCorrect }, t);
  checks.push({ id: 'vanishing-gradients', excess: zero, fires: zero.exceeds });
  return { judgeable: f.natAcc >= 100 / numClasses + t.minGap, checks };
}

const NAMES: Record<SweepCheck['id'], string> = {
  'square-beats-white-box': 'Square beats',
  'aa-lite-beats-white-box': 'AA-lite beats',
  'vanishing-gradients': 'zero gradients',
};

/** One cell: "no verdict (near chance)", "none fire", or what fires with its gap and z, e.g. "Square beats PGD: +14 pts, z 3.7". */
export function sweepChecksText(result: SweepChecks, whiteBox: string): string {
  if (!result.judgeable) return 'no verdict (near chance)';
  const fired = result.checks.filter((c) => c.fires);
  if (fired.length === 0) return 'none fire';
  return fired.map((c) => {
    const what = c.id === 'vanishing-gradients' ? NAMES[c.id] : `${NAMES[c.id]} ${whiteBox}`;
    const z = Number.isFinite(c.excess.z) ? c.excess.z.toFixed(1) : '∞';
    return `${what}: ${c.id === 'vanishing-gradients' ? '' : '+'}${c.excess.gap.toFixed(0)} ${c.id === 'vanishing-gradients' ? '%' : 'pts'}, z ${z}`;
  }).join('; ');
}

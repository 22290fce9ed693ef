/**
 * The robustness curve: for each point the smallest L∞ ε at which the strongest white-box attack
 * the detector has — AA-lite's gradient part, APGD-CE then APGD-T on the targeted DLR loss (the
 * margin below 4 classes) — breaks it, found by bisection, and robust accuracy against ε drawn
 * from those: the curve the four-radius sweep only samples.
 *
 * One run at ε_max first: a point still standing there is robust over the whole range (null).
 * Then `bisections` halvings of each broken point's interval [lo, hi] (broken at the midpoint:
 * hi = mid, else lo = mid), so a point's reported ε is an ε where the attack did break it and its
 * true breaking ε (for this attack) lies within ε_max / 2^bisections below it. Every step runs
 * all points at once, each at its own ε (apgd.ts takes a per-point ε), in chunks. Bisection
 * assumes an attack that breaks a point at ε also breaks it at any larger ε — true of the exact
 * minimal ε, approximately of a fixed-budget attack.
 */
import * as tf from '@tensorflow/tfjs';
import { AA_LITE_BUDGETS, apgdTargetedPlan } from '../../shared/attack-plan';
import { type RobustnessCurve, robustnessPoints } from '../../shared/curves';
import type { AaLiteBudget } from '../../shared/events';
import { Rng } from '../../shared/rng';
import { apgdOnPoints } from '../attacks/apgd';
import { DEFAULT_ATTACK_CHUNK } from '../attacks/chunked';
import { cleanPass } from '../attacks/standing';
import type { Norm } from '../attacks/threat';
import type { Classifier } from '../models';

/** Halvings after the run at ε_max: resolution ε_max / 128. */
export const ROBUSTNESS_BISECTIONS = 7;

export interface RobustnessOptions {
  /** Top of the searched range (the detector: its sweep's largest ε). */
  epsilonMax: number;
  /** AA-lite's budget: APGD iterations and target classes per run. */
  budget: AaLiteBudget;
  bisections?: number;
  seed: number;
  chunkSize?: number;
  /** Fraction done, 0–1, after each member run of each step. */
  onProgress?: (fraction: number) => void;
  /** Awaited between steps; may throw to cancel. */
  checkpoint?: () => Promise<void>;
  /** The threat model the radii are measured in (default L∞). */
  norm?: Norm;
}

/** Passes per point of the whole curve, for progress (an upper bound: later members see fewer points). */
export function robustnessCost(budget: AaLiteBudget, numClasses: number, bisections = ROBUSTNESS_BISECTIONS): number {
  const b = AA_LITE_BUDGETS[budget];
  const plan = apgdTargetedPlan(numClasses, b.targets);
  return (bisections + 1) * b.steps * b.restarts * (1 + Math.max(1, plan.targets));
}

/** The attack's name as captions show it. */
export function robustnessAttackName(numClasses: number): string {
  return apgdTargetedPlan(numClasses).loss === 'margin' ? 'APGD-CE → APGD-margin' : 'APGD-CE → APGD-T';
}

export async function robustnessCurve(model: Classifier, x: tf.Tensor, y: tf.Tensor1D, o: RobustnessOptions): Promise<RobustnessCurve> {
  const { epsilonMax, budget } = o;
  const bisections = o.bisections ?? ROBUSTNESS_BISECTIONS;
  if (!(epsilonMax > 0)) throw new RangeError(`robustness curve: epsilonMax must be positive, got ${epsilonMax}`);
  if (!Number.isInteger(bisections) || bisections < 0) throw new RangeError(`robustness curve: bisections must be a whole number ≥ 0, got ${bisections}`);
  const n = x.shape[0];
  const { cleanCorrect, numClasses } = await cleanPass(model, x, y);
  const b = AA_LITE_BUDGETS[budget];
  const plan = apgdTargetedPlan(numClasses, b.targets);
  const members = plan.loss === 'margin' ? 1 : plan.targets;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n).fill(epsilonMax);
  const runs = (bisections + 1) * (1 + members);
  let runsDone = 0;
  const rng = new Rng(o.seed);
  // The clean logits' ranking gives APGD-T its targets (columns 1..k), as apgd-targeted.ts does.
  const ranking = plan.loss === 'margin' ? null : tf.tidy(() => tf.topk(model(x), plan.targets + 1).indices);
  /** Attack each point of `at` at its ε `eps[i]`; 1 where some member broke it. */
  const brokenAt = async (at: number[], eps: Float64Array, step: number): Promise<Uint8Array> => {
    const broken = new Uint8Array(n);
    const member = async (index: number, loss: 'ce' | 'margin' | 'dlr-targeted', target: number | null) => {
      const standing = at.filter((i) => !broken[i]);
      const seed = rng.fork(`step-${step}-member-${index}`).seed();
      const chunk = o.chunkSize ?? DEFAULT_ATTACK_CHUNK;
      for (let start = 0; start < standing.length; start += chunk) {
        const part = standing.slice(start, start + chunk);
        const idx = tf.tensor1d(part, 'int32');
        const xs = tf.gather(x, idx);
        const ys = tf.gather(y, idx) as tf.Tensor1D;
        const epsilon = tf.tensor1d(part.map((i) => eps[i]), 'float32');
        const targets = ranking && target !== null ? tf.tidy(() => tf.reshape(tf.slice(tf.gather(ranking, idx), [0, target], [part.length, 1]), [part.length]) as tf.Tensor1D) : null;
        try {
          const result = await apgdOnPoints(model, xs, ys, loss, targets, { epsilon, steps: b.steps, seed: seed + start, norm: o.norm });
          result.xAdv.dispose();
          part.forEach((i, j) => void (result.advCorrect[j] || (broken[i] = 1)));
        } finally {
          tf.dispose([idx, xs, ys, epsilon, ...(targets ? [targets] : [])]);
        }
      }
      o.onProgress?.(++runsDone / runs);
    };
    await member(0, 'ce', null);
    if (plan.loss === 'margin') await member(1, 'margin', null);
    else for (let t = 1; t <= plan.targets; t++) await member(t, 'dlr-targeted', t);
    return broken;
  };

  try {
    const attacked = Array.from({ length: n }, (_, i) => i).filter((i) => cleanCorrect[i]);
    await o.checkpoint?.();
    const atMax = await brokenAt(attacked, hi, 0);
    const searched = attacked.filter((i) => atMax[i]);
    for (let s = 1; s <= bisections; s++) {
      await o.checkpoint?.();
      const mid = Float64Array.from(lo, (l, i) => (l + hi[i]) / 2);
      const broken = await brokenAt(searched, mid, s);
      for (const i of searched) (broken[i] ? hi : lo)[i] = mid[i];
    }
    const minEpsilon = Array.from({ length: n }, (_, i) => (!cleanCorrect[i] ? 0 : atMax[i] ? hi[i] : null))
      .sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b));
    return {
      attack: robustnessAttackName(numClasses), steps: b.steps, epsilonMax, bisections, resolution: epsilonMax / 2 ** bisections, subset: n,
      minEpsilon, points: robustnessPoints(minEpsilon, epsilonMax),
    };
  } finally {
    ranking?.dispose();
  }
}

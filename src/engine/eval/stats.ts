/**
 * When is a difference between two attack success rates more than sampling noise? Each rate
 * is a count out of n test points, so it carries a binomial standard error; the detector
 * raises an alarm only when a gap is both *significant* (z at least `z`) and *large* (at least
 * `minGap` percentage points) — a 2-point wobble on 100 points is neither, a 30-point gap on 200 is both.
 */

/** `count` successes out of `n` trials. */
export interface Proportion {
  count: number;
  n: number;
}

export interface Thresholds {
  /** Smallest gap, in percentage points, that counts as a real effect. */
  minGap: number;
  /** Smallest z-score that counts as significant (1.96: two-sided 5 %). */
  z: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { minGap: 10, z: 1.96 };

/** A judged excess of one rate over another (or over zero). */
export interface Excess {
  /** The excess, in percentage points (negative when the first rate is lower). */
  gap: number;
  /** Its standard error, in percentage points. */
  se: number;
  /** gap / se; ±Infinity when se is 0 and the gap is not. */
  z: number;
  /** Both large and significant: the alarm. */
  exceeds: boolean;
}

export function percent(p: Proportion): number {
  return p.n === 0 ? 0 : (100 * p.count) / p.n;
}

function judge(gap: number, se: number, thresholds: Thresholds): Excess {
  const z = gap === 0 ? 0 : se === 0 ? Math.sign(gap) * Infinity : gap / se;
  return { gap, se, z, exceeds: gap >= thresholds.minGap && z >= thresholds.z };
}

/**
 * Two-proportion z-test of "a's rate exceeds b's", with the pooled standard error
 * √(p̂(1 − p̂)(1/n_a + 1/n_b)).
 */
export function excessOver(a: Proportion, b: Proportion, thresholds: Thresholds = DEFAULT_THRESHOLDS): Excess {
  if (a.n === 0 || b.n === 0) return { gap: 0, se: 0, z: 0, exceeds: false };
  const pooled = (a.count + b.count) / (a.n + b.n);
  const se = 100 * Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  return judge(percent(a) - percent(b), se, thresholds);
}

/**
 * One-sample test of "this rate is above zero" — for things that should never happen (a point
 * surviving an unbounded attack, an exactly zero gradient), with the Wald error √(p̂(1 − p̂)/n).
 */
export function excessOverZero(a: Proportion, thresholds: Thresholds = DEFAULT_THRESHOLDS): Excess {
  if (a.n === 0) return { gap: 0, se: 0, z: 0, exceeds: false };
  const p = a.count / a.n;
  return judge(100 * p, 100 * Math.sqrt((p * (1 - p)) / a.n), thresholds);
}

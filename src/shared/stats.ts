/**
 * When is a difference between two attacks more than sampling noise? The detector raises an
 * alarm only when a gap is both *significant* (z at least `z`) and *large* (at least `minGap`
 * percentage points) — a 2-point wobble on 100 points is neither, a 30-point gap on 200 is both.
 * Two attacks run on the SAME clean-correct points, so their outcomes are paired: McNemar's
 * test on the points only one of them breaks. The detector performs several tests, so the
 * significance level is shared among them (Bonferroni).
 */

/** `count` successes out of `n` trials. */
export interface Proportion {
  count: number;
  n: number;
}

export interface Thresholds {
  /** Smallest gap, in percentage points, that counts as a real effect. */
  minGap: number;
  /** Smallest z-score that counts as significant: Φ⁻¹(1 − alpha / tests). */
  z: number;
  /** Family-wise one-sided significance level: chance that any check fails on a sound model. */
  alpha: number;
  /** Number of z-tests the level is shared among (m in the Bonferroni correction). */
  tests: number;
}

/**
 * Φ⁻¹(p), the standard normal quantile, by Acklam's rational approximation (relative error
 * below 1.2·10⁻⁹ over (0, 1)): a central rational function and one for each tail.
 */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`stats.ts: inverseNormalCdf needs 0 < p < 1, got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) =>
    (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  const low = 0.02425;
  if (p < low) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - low) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * Thresholds for `tests` one-sided z-tests sharing the family-wise level `alpha` (Bonferroni:
 * each test at alpha / tests), and the effect size `minGap` in points.
 */
export function bonferroni(tests: number, alpha = 0.05, minGap = 10): Thresholds {
  if (!Number.isInteger(tests) || tests < 1) throw new RangeError(`stats.ts: bonferroni needs a whole number of tests ≥ 1, got ${tests}`);
  return { minGap, z: inverseNormalCdf(1 - alpha / tests), alpha, tests };
}

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

/** McNemar's comparison of two attacks on the same points, with its discordant counts. */
export interface PairedExcess extends Excess {
  /** Points broken by the first attack only (b) and by the second only (c). */
  onlyA: number;
  onlyB: number;
}

export function percent(p: Proportion): number {
  return p.n === 0 ? 0 : (100 * p.count) / p.n;
}

/** A gap and its standard error (both in points) judged against `thresholds`: large *and* significant. */
export function judge(gap: number, se: number, thresholds: Thresholds): Excess {
  const z = gap === 0 ? 0 : se === 0 ? Math.sign(gap) * Infinity : gap / se;
  return { gap, se, z, exceeds: gap >= thresholds.minGap && z >= thresholds.z };
}

/**
 * McNemar's test of "attack a breaks more of the same points than attack b": with b = points
 * only a breaks and c = points only b breaks, z = (b − c)/√(b + c) (0 when b + c = 0), and the
 * effect is the success-rate gap (b − c)/n · 100 points. `a` and `b` are per-example masks
 * (1 = broken) over the same test points; `n` is the clean-correct count, the rates' denominator.
 */
export function pairedExcess(a: Uint8Array, b: Uint8Array, n: number, thresholds: Thresholds): PairedExcess {
  const { b: onlyA, c: onlyB } = discordant(a, b);
  return discordantExcess(onlyA, onlyB, n, thresholds);
}

/** McNemar's test from the discordant counts alone (as a sweep reports them): `onlyA` points only a breaks, `onlyB` only b, of `n`. */
export function discordantExcess(onlyA: number, onlyB: number, n: number, thresholds: Thresholds): PairedExcess {
  if (n === 0) return { gap: 0, se: 0, z: 0, exceeds: false, onlyA, onlyB };
  // z = gap / se = (b − c)/√(b + c); se = 0 only when b = c = 0, and then the gap is 0 too.
  return { ...judge((100 * (onlyA - onlyB)) / n, (100 * Math.sqrt(onlyA + onlyB)) / n, thresholds), onlyA, onlyB };
}

/**
 * Two rates measured on different models (two runs' test points), a minus b, with the binomial
 * standard error √(p̂a(1 − p̂a)/na + p̂b(1 − p̂b)/nb): no pairing to lean on, so it asks more of a gap than McNemar does.
 */
export function proportionGap(a: Proportion, b: Proportion, thresholds: Thresholds): Excess {
  if (a.n === 0 || b.n === 0) return { gap: 0, se: 0, z: 0, exceeds: false };
  const [pa, pb] = [a.count / a.n, b.count / b.n];
  return judge(100 * (pa - pb), 100 * Math.sqrt((pa * (1 - pa)) / a.n + (pb * (1 - pb)) / b.n), thresholds);
}

/**
 * One-sample test of "this rate is above zero" — for things that should never happen (a point
 * surviving an unbounded attack, an exactly zero gradient), with the Wald error √(p̂(1 − p̂)/n).
 */
export function excessOverZero(a: Proportion, thresholds: Thresholds): Excess {
  if (a.n === 0) return { gap: 0, se: 0, z: 0, exceeds: false };
  const p = a.count / a.n;
  return judge(100 * p, 100 * Math.sqrt((p * (1 - p)) / a.n), thresholds);
}

/**
 * P(X ≥ k) for X ~ Binomial(n, p), summed in log space so that n in the thousands does not
 * underflow ((1 − p)^n is below float64's range for n = 10 000, p = 0.1).
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const logPmf = new Array<number>(n + 1);
  logPmf[0] = n * Math.log1p(-p);
  const ratio = Math.log(p) - Math.log1p(-p);
  for (let i = 0; i < n; i++) logPmf[i + 1] = logPmf[i] + Math.log(n - i) - Math.log(i + 1) + ratio;
  const tail = logPmf.slice(k);
  const top = Math.max(...tail);
  return Math.min(1, Math.exp(top) * tail.reduce((s, l) => s + Math.exp(l - top), 0));
}

/**
 * 1 − Φ(z), the standard normal upper tail, from erfc by Numerical Recipes' Chebyshev fit
 * (fractional error below 1.2·10⁻⁷ everywhere): p-values of the continuity-corrected test.
 */
export function normalUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/**
 * McNemar's test of "the first of two paired outcomes happens more often", from its discordant
 * counts alone: b = pairs where only the first happens, c = only the second. Under the null
 * each discordant pair goes either way with probability ½, so b ~ Binomial(b + c, ½).
 */
export interface McNemar {
  b: number;
  c: number;
  /** Exact one-sided p = P(X ≥ b | X ~ Binomial(b + c, ½)); 1 when b + c = 0. */
  exactP: number;
  /** Edwards' continuity-corrected statistic (|b − c| − 1)² / (b + c), χ² with 1 degree of freedom; 0 when b + c = 0. */
  chiSquare: number;
  /** Its one-sided p for b > c: 1 − Φ((b − c − 1)/√(b + c)). */
  correctedP: number;
}

export function mcnemar(b: number, c: number): McNemar {
  if (!(Number.isInteger(b) && Number.isInteger(c) && b >= 0 && c >= 0)) {
    throw new RangeError(`stats.ts: McNemar needs whole discordant counts ≥ 0, got b = ${b}, c = ${c}`);
  }
  const n = b + c;
  if (n === 0) return { b, c, exactP: 1, chiSquare: 0, correctedP: 1 };
  const corrected = Math.max(0, Math.abs(b - c) - 1);
  return {
    b, c,
    exactP: binomialUpperTail(b, n, 0.5),
    chiSquare: (corrected * corrected) / n,
    correctedP: normalUpperTail((b - c - 1) / Math.sqrt(n)),
  };
}

/** The discordant counts of two per-point masks over the same points: b = only `a`, c = only `b`. */
export function discordant(a: Uint8Array, b: Uint8Array): { b: number; c: number } {
  if (a.length !== b.length) throw new RangeError(`stats.ts: McNemar needs masks over the same points, got ${a.length} and ${b.length}`);
  let onlyA = 0;
  let onlyB = 0;
  a.forEach((x, i) => {
    if (x && !b[i]) onlyA++;
    else if (!x && b[i]) onlyB++;
  });
  return { b: onlyA, c: onlyB };
}

/** A figure measured several times (a sweep point or an epoch over repeated seeds). */
export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator); null for a single value, which has none. */
  sd: number | null;
  min: number;
  max: number;
}

/**
 * n, mean, sample s.d., min and max of `values`. The sample s.d. (Bessel's n − 1), because the
 * repeats are a few draws of the seed, not the whole population of seeds.
 */
export function summarise(values: readonly number[]): Summary {
  const n = values.length;
  if (n === 0) throw new RangeError('stats.ts: summarise needs at least one value');
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2 ? null : Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return { n, mean, sd, min: Math.min(...values), max: Math.max(...values) };
}

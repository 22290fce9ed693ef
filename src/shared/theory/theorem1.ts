/**
 * Theorem 1 of the paper's Appendix C (Chen & Lee, arXiv 2111.02331), binary case: when does
 * a hotter soft label sit closer to the oracle than a colder one?
 *
 * Notation. The teacher's soft labels at temperatures t₁ < t₂ are p = p^{t₁} = (p₁, p₂) and
 * q = p^{t₂} = (q₁, q₂); class 1 is the teacher's predicted class, so heating moves mass from
 * class 1 to class 2 (q₁ < p₁, q₂ > p₂). The oracle's label is yᵖ = (y₁ᵖ, y₂ᵖ). The discrepancy
 * of one label is its summand in paper Eq. 7, KL(yᵖ ‖ label). Then
 *
 *   KL(yᵖ ‖ q) − KL(yᵖ ‖ p) = y₁ᵖ ln(p₁/q₁) − y₂ᵖ ln(q₂/p₂),
 *
 * and, both logarithms being positive, the hotter label is closer exactly when
 *
 *   y₁ᵖ / y₂ᵖ  <  ln(q₂/p₂) / ln(p₁/q₁)          (condition (12): left side, right side)
 *   ⟺  y₂ᵖ  >  1 / (1 + ln(q₂/p₂)/ln(p₁/q₁)).    (the threshold on the oracle)
 *
 * The paper's own text of (12) could not be retrieved here; this is the ratio form that gives
 * the paper's first worked example (right side ≈ 254, holds for y₂ᵖ > 0.004). It involves no
 * approximation, so the condition and the direct KL comparison always agree.
 *
 * The second worked example as quoted, p = (0.80, 0.20), q = (0.75, 0.25) → "≈ 3.88, needs
 * y₂ᵖ > 0.23", is not reproduced: the exact right side is ln 1.25 / ln(0.80/0.75) = 3.4575 and
 * the threshold 0.2243. "y₂ᵖ > 0.23" is still true as a sufficient bound; 3.88 is not the exact
 * value of this (or the equivalent logit) form. The tests check the exact values.
 */

/** A binary label (class 1, class 2), each in [0, 1], summing to 1. */
export type BinaryLabel = readonly [number, number];

export interface Theorem1Input {
  /** p^{t₁}: the soft label at the lower temperature; class 1 (first) is the teacher's predicted class. */
  cold: BinaryLabel;
  /** p^{t₂}: the soft label at the higher temperature t₂ > t₁, same class order. */
  hot: BinaryLabel;
  /** y₂ᵖ: the oracle's probability of class 2 (the class the teacher did not predict), in [0, 1]. */
  oracleMinor: number;
}

export interface Theorem1Result {
  /** Condition (12)'s left side, y₁ᵖ / y₂ᵖ (+∞ when y₂ᵖ = 0). */
  lhs: number;
  /** Condition (12)'s right side, ln(q₂/p₂) / ln(p₁/q₁) (+∞ when the cold label is one-hot). */
  rhs: number;
  /** lhs < rhs: the hotter label lowers the discrepancy. */
  holds: boolean;
  /** The y₂ᵖ above which the condition holds, 1 / (1 + rhs). */
  threshold: number;
  /** KL(yᵖ ‖ p^{t₁}) in nats: the cold label's term of paper Eq. 7. */
  klCold: number;
  /** KL(yᵖ ‖ p^{t₂}) in nats. */
  klHot: number;
  /** klHot − klCold, computed as y₁ᵖ ln(p₁/q₁) − y₂ᵖ ln(q₂/p₂) (no ∞ − ∞); negative when heating helps. */
  deltaKl: number;
  /** deltaKl < 0, from the KL values directly: the check the condition is a shortcut for. */
  hotterIsCloser: boolean;
}

const SUM_TOLERANCE = 1e-6;

function checkLabel(name: string, label: BinaryLabel): void {
  const [a, b] = label;
  if (!(a >= 0 && b >= 0 && Math.abs(a + b - 1) <= SUM_TOLERANCE)) {
    throw new RangeError(`theorem1: ${name} must be two probabilities summing to 1, got (${a}, ${b})`);
  }
}

/** y ln(y / x) with 0 · ln(0 / x) = 0 (one term of a KL divergence). */
function klTerm(y: number, x: number): number {
  return y > 0 ? y * (Math.log(y) - Math.log(x)) : 0;
}

/**
 * Both sides of condition (12) and the exact KL comparison it stands for.
 *
 * @param input  the two soft labels (class 1 = the teacher's predicted class) and y₂ᵖ
 * @throws RangeError naming the argument when a label is not a distribution, class 1 is not the
 *         cold label's larger class, or the hot label is not hotter (q₂ ≤ p₂: t₁ = t₂, or
 *         logits that tie, leave nothing to compare)
 */
export function theorem1(input: Theorem1Input): Theorem1Result {
  const { cold, hot, oracleMinor } = input;
  checkLabel('the cold label p^{t₁}', cold);
  checkLabel('the hot label p^{t₂}', hot);
  if (!(oracleMinor >= 0 && oracleMinor <= 1)) throw new RangeError(`theorem1: the oracle's y₂ᵖ must be in [0, 1], got ${oracleMinor}`);
  const [p1, p2] = cold;
  const [q1, q2] = hot;
  if (p1 < p2) throw new RangeError(`theorem1: class 1 must be the teacher's predicted class (p₁ ≥ p₂), got p^{t₁} = (${p1}, ${p2})`);
  if (!(q2 > p2)) {
    throw new RangeError(`theorem1: the hot label must give class 2 more mass than the cold one (q₂ > p₂), got ${q2} ≤ ${p2}: use t₁ < t₂ and logits that differ`);
  }
  const y2 = oracleMinor;
  const y1 = 1 - y2;
  const towardsClass2 = Math.log(q2) - Math.log(p2); // ln(q₂/p₂) > 0, +∞ for a one-hot cold label
  const awayFromClass1 = Math.log(p1) - Math.log(q1); // ln(p₁/q₁) > 0
  const rhs = towardsClass2 / awayFromClass1;
  const lhs = y2 > 0 ? y1 / y2 : Infinity;
  const klCold = klTerm(y1, p1) + klTerm(y2, p2);
  const klHot = klTerm(y1, q1) + klTerm(y2, q2);
  const deltaKl = (y1 > 0 ? y1 * awayFromClass1 : 0) - (y2 > 0 ? y2 * towardsClass2 : 0);
  return { lhs, rhs, holds: lhs < rhs, threshold: 1 / (1 + rhs), klCold, klHot, deltaKl, hotterIsCloser: klHot < klCold };
}

/**
 * The binary soft label softmax(z / t) as (class 1, class 2), from the logit gap so that large
 * logits neither overflow nor round class 2 to exactly 0 before they must.
 */
export function binarySoftLabel(logits: readonly [number, number], temperature: number): [number, number] {
  if (!(temperature > 0)) throw new RangeError(`binarySoftLabel: the temperature must be > 0, got ${temperature}`);
  const gap = (logits[0] - logits[1]) / temperature;
  const p1 = 1 / (1 + Math.exp(-gap));
  const p2 = 1 / (1 + Math.exp(gap));
  return [p1, p2];
}

/**
 * Theorem 1 from the teacher's two logits and two temperatures (soft labels by paper Eq. 4).
 *
 * @param logits       the teacher's logits (z₁, z₂) on one input; z₁ ≥ z₂ (class 1 is its prediction)
 * @param t1           the lower temperature, > 0
 * @param t2           the higher temperature, > t₁
 * @param oracleMinor  y₂ᵖ, the oracle's probability of class 2
 */
export function theorem1FromLogits(logits: readonly [number, number], t1: number, t2: number, oracleMinor: number): Theorem1Result & { cold: [number, number]; hot: [number, number] } {
  if (!(t1 > 0 && t2 > t1)) throw new RangeError(`theorem1FromLogits: need 0 < t₁ < t₂, got t₁ = ${t1}, t₂ = ${t2}`);
  if (logits[0] < logits[1]) throw new RangeError(`theorem1FromLogits: class 1 must be the teacher's predicted class (z₁ ≥ z₂), got (${logits[0]}, ${logits[1]})`);
  const cold = binarySoftLabel(logits, t1);
  const hot = binarySoftLabel(logits, t2);
  return { ...theorem1({ cold, hot, oracleMinor }), cold, hot };
}

/**
 * The binary simulation of the paper's Appendix C (Chen & Lee, arXiv 2111.02331), computed in
 * closed form: the discrepancy G of paper Eq. 7 for a model trained on one-hot labels and for a
 * teacher's soft labels as their temperature rises.
 *
 * The data: a share `ambiguousFraction` (the paper's 3 %) of points are ambiguous, with oracle
 * label (1 − γ, γ); the rest are clear, with oracle (1 − ε, ε). Class 1 is every point's
 * predicted class, so every term is a binary KL and G is an exact two-term average — no sampling.
 *
 * Model 1 ("one-hot-like") outputs (1 − δ, δ) on every point, ambiguous or not.
 * Model 2 outputs (1 − s, s) on the ambiguous points, with s running from γ/10 (cold) to ½ (hot).
 *
 * What model 2 outputs on the clear points is our modelling choice (the paper's text of this
 * appendix could not be retrieved here): it is the same teacher at the same temperature. The
 * teacher is over-confident by a fixed log-odds boost b on its predicted class — its logit gap
 * is the oracle's plus b, on every point — with b set so that at T = 1 an ambiguous point gets
 * s = γ/10. Heating to T divides every gap by T, so each s has one temperature
 *   T(s) = ln((1 − s₀)/s₀) / ln((1 − s)/s)          (s₀ = γ/10: T = 1; s = ½: T = ∞)
 * and the clear points' output at that T is σ(−d_c / T) with d_c = ln((1 − ε)/ε) + b.
 * So heating helps the ambiguous points (their term is 0 at s = γ) and costs on the clear ones;
 * the curve shows where the balance lies.
 */

/** The simulation's settings. */
export interface BinarySimulationParams {
  /** Share of ambiguous points, in [0, 1]; the paper's 3 % is 0.03. */
  ambiguousFraction: number;
  /** γ: the oracle's class-2 probability on an ambiguous point, in (0, ½). */
  gamma: number;
  /** ε: the oracle's class-2 probability on a clear point, in (0, ½). */
  epsilon: number;
  /** δ: model 1's class-2 probability on every point (its near one-hot output), in (0, ½). */
  oneHotMinor: number;
  /** s₀: model 2's class-2 probability on ambiguous points at T = 1, in (0, γ]; default γ/10. */
  coldMinor?: number;
  /** How many values of s, log-spaced from s₀ to ½ inclusive; default 200. */
  steps?: number;
}

/**
 * Defaults. The 3 % share and s₀ = γ/10 are the (after the paper); γ = 0.3, ε = 0.001
 * and δ = 1e-4 are our choice: an ambiguous point split 70/30, clear points 99.9 % sure, and a
 * one-hot-trained model about as sure as the cold teacher is on clear points (7e-5 there).
 */
export const BINARY_SIMULATION_DEFAULTS: Required<Omit<BinarySimulationParams, 'coldMinor'>> = {
  ambiguousFraction: 0.03,
  gamma: 0.3,
  epsilon: 0.001,
  oneHotMinor: 1e-4,
  steps: 200,
};

/** G of each model and its two shares, as plain arrays for a chart (one entry per s). */
export interface BinarySimulationCurve {
  /** Model 2's class-2 probability on the ambiguous points, increasing from s₀ to ½. */
  s: number[];
  /** The teacher's temperature for each s, relative to T = 1 at s₀; +∞ at s = ½. */
  temperature: number[];
  /** Model 2's class-2 probability on the clear points at the same temperature. */
  clearMinor: number[];
  /** G of model 2 (nats): softAmbiguous + softClear. */
  soft: number[];
  /** The ambiguous points' share of G: ambiguousFraction · KL((1 − γ, γ) ‖ (1 − s, s)). */
  softAmbiguous: number[];
  /** The clear points' share of G: (1 − ambiguousFraction) · KL((1 − ε, ε) ‖ output). */
  softClear: number[];
  /** G of model 1 (nats), the same at every s, and its two shares. */
  oneHot: { g: number; ambiguous: number; clear: number };
  /** The s with the smallest G of model 2 on the grid. */
  best: { index: number; s: number; temperature: number; g: number };
  /** The first and last s on the grid where model 2's G is below model 1's; null if nowhere. */
  softBelowOneHot: { from: number; to: number } | null;
}

/** KL((1 − y, y) ‖ (1 − m, m)) in nats, with ln(1 − ·) through log1p for small y and m. */
export function binaryKl(y: number, m: number): number {
  const minor = y > 0 ? y * (Math.log(y) - Math.log(m)) : 0;
  const major = y < 1 ? (1 - y) * (Math.log1p(-y) - Math.log1p(-m)) : 0;
  return minor + major;
}

/** ln((1 − p)/p): the logit gap that gives class 2 probability p. */
function logitGap(p: number): number {
  return Math.log1p(-p) - Math.log(p);
}

function inOpenHalf(name: string, v: number): void {
  if (!(v > 0 && v < 0.5)) throw new RangeError(`binarySimulation: ${name} must be in (0, ½), got ${v}`);
}

/** `count` values from `from` to `to` inclusive, evenly spaced in ln. */
export function logSpaced(from: number, to: number, count: number): number[] {
  if (!(from > 0 && to > from && Number.isInteger(count) && count >= 2)) {
    throw new RangeError(`logSpaced: need 0 < from < to and an integer count ≥ 2, got ${from}, ${to}, ${count}`);
  }
  const step = (Math.log(to) - Math.log(from)) / (count - 1);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? to : Math.exp(Math.log(from) + i * step)));
}

/** One point of the curve: model 2 at ambiguous-point output s. */
export interface BinarySimulationPoint {
  /** Model 2's class-2 probability on the ambiguous points. */
  s: number;
  /** The teacher's temperature that gives it (1 at s₀, +∞ at ½). */
  temperature: number;
  /** Model 2's class-2 probability on the clear points at that temperature. */
  clearMinor: number;
  /** The ambiguous and clear points' shares of G, and G itself (nats). */
  ambiguous: number;
  clear: number;
  g: number;
}

interface Teacher {
  /** d_a: the logit gap on ambiguous points at T = 1. */
  ambiguousGap: number;
  /** d_c: the logit gap on clear points at T = 1 (the oracle's plus the same boost b). */
  clearGap: number;
}

function checkParams(params: BinarySimulationParams): { coldMinor: number; steps: number } {
  const { ambiguousFraction: a, gamma, epsilon, oneHotMinor } = params;
  const coldMinor = params.coldMinor ?? gamma / 10;
  const steps = params.steps ?? BINARY_SIMULATION_DEFAULTS.steps;
  if (!(a >= 0 && a <= 1)) throw new RangeError(`binarySimulation: ambiguousFraction must be in [0, 1], got ${a}`);
  inOpenHalf('gamma (γ)', gamma);
  inOpenHalf('epsilon (ε)', epsilon);
  inOpenHalf('oneHotMinor (δ)', oneHotMinor);
  if (!(coldMinor > 0 && coldMinor <= gamma)) throw new RangeError(`binarySimulation: coldMinor (s₀) must be in (0, γ = ${gamma}], got ${coldMinor}`);
  if (!(Number.isInteger(steps) && steps >= 2)) throw new RangeError(`binarySimulation: steps must be an integer ≥ 2, got ${steps}`);
  return { coldMinor, steps };
}

/**
 * b: the teacher's over-confidence as a log-odds boost on its predicted class, chosen so that an
 * ambiguous point with oracle minor mass γ gets s₀ at T = 1 (ln((1 − s₀)/s₀) − ln((1 − γ)/γ)).
 *
 * @param gamma      γ, the oracle's minor-class mass on an ambiguous point
 * @param coldMinor  s₀, the teacher's minor-class mass there at T = 1; default γ/10
 */
export function teacherBoost(gamma: number, coldMinor = gamma / 10): number {
  return logitGap(coldMinor) - logitGap(gamma);
}

function teacherOf(params: BinarySimulationParams, coldMinor: number): Teacher {
  return { ambiguousGap: logitGap(coldMinor), clearGap: logitGap(params.epsilon) + teacherBoost(params.gamma, coldMinor) };
}

function pointAt(params: BinarySimulationParams, teacher: Teacher, s: number): BinarySimulationPoint {
  const a = params.ambiguousFraction;
  const gap = logitGap(s); // d_a / T
  const temperature = gap > 0 ? teacher.ambiguousGap / gap : Infinity;
  const clearMinor = 1 / (1 + Math.exp((teacher.clearGap * gap) / teacher.ambiguousGap)); // σ(−d_c / T)
  const ambiguous = a * binaryKl(params.gamma, s);
  const clear = (1 - a) * binaryKl(params.epsilon, clearMinor);
  return { s, temperature, clearMinor, ambiguous, clear, g: ambiguous + clear };
}

/**
 * Model 2 at one s in (0, ½]: its temperature, its clear-point output and G with both shares.
 *
 * @param params  as for binarySimulation (steps is ignored)
 * @param s       model 2's class-2 probability on the ambiguous points
 */
export function binarySimulationAt(params: BinarySimulationParams, s: number): BinarySimulationPoint {
  const { coldMinor } = checkParams(params);
  if (!(s > 0 && s <= 0.5)) throw new RangeError(`binarySimulationAt: s must be in (0, ½], got ${s}`);
  return pointAt(params, teacherOf(params, coldMinor), s);
}

/**
 * G of both models for every s (paper Eq. 7 on the Appendix C data), in closed form.
 *
 * @param params  the data and models; see BinarySimulationParams (defaults in BINARY_SIMULATION_DEFAULTS)
 * @throws RangeError naming the setting that is out of range
 */
export function binarySimulation(params: BinarySimulationParams): BinarySimulationCurve {
  const { coldMinor, steps } = checkParams(params);
  const { ambiguousFraction: a, gamma, epsilon, oneHotMinor } = params;
  const teacher = teacherOf(params, coldMinor);
  const oneHot = { ambiguous: a * binaryKl(gamma, oneHotMinor), clear: (1 - a) * binaryKl(epsilon, oneHotMinor), g: 0 };
  oneHot.g = oneHot.ambiguous + oneHot.clear;

  const s = logSpaced(coldMinor, 0.5, steps);
  const curve: BinarySimulationCurve = {
    s, temperature: [], clearMinor: [], soft: [], softAmbiguous: [], softClear: [], oneHot,
    best: { index: 0, s: s[0], temperature: 1, g: Infinity },
    softBelowOneHot: null,
  };
  s.forEach((si, i) => {
    const p = pointAt(params, teacher, si);
    curve.temperature.push(p.temperature);
    curve.clearMinor.push(p.clearMinor);
    curve.softAmbiguous.push(p.ambiguous);
    curve.softClear.push(p.clear);
    curve.soft.push(p.g);
    if (p.g < curve.best.g) curve.best = { index: i, s: si, temperature: p.temperature, g: p.g };
    if (p.g < oneHot.g) curve.softBelowOneHot = { from: curve.softBelowOneHot?.from ?? si, to: si };
  });
  return curve;
}

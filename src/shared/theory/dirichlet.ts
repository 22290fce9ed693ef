/**
 * Seeded Gamma and Dirichlet draws on the engine's Rng, for the k-class variant of the paper's
 * Appendix C simulation (oracle labels drawn from a Dirichlet distribution).
 *
 * Draws come back as logarithms. A Dirichlet with small concentrations (0.01 on the classes a
 * clear image does not belong to) puts mass like 1e-300 on those classes; as plain numbers they
 * underflow to 0, and a model's KL to them, or a softmax of their log, would lose them. In log
 * space they stay exact.
 */
import type { Rng } from '../rng';

/**
 * ln of one Gamma(shape, 1) draw, by Marsaglia & Tsang (2000), "A simple method for generating
 * gamma variables": for shape ≥ 1, d = shape − ⅓, c = 1/√(9d), draw x ~ N(0, 1), v = (1 + cx)³,
 * accept d·v when ln u < x²/2 + d − d·v + d·ln v (with the cheap squeeze u < 1 − 0.0331 x⁴ first).
 * For shape < 1, Gamma(shape) = Gamma(shape + 1) · U^{1/shape} (their §6), added here as ln U / shape.
 *
 * @param rng    the stream to draw from (Box–Muller normals and uniforms)
 * @param shape  the shape α > 0; the mean and variance of the draw are both α
 */
export function sampleLogGamma(rng: Rng, shape: number): number {
  if (!(shape > 0 && Number.isFinite(shape))) throw new RangeError(`sampleLogGamma: the shape must be a finite number > 0, got ${shape}`);
  if (shape < 1) return sampleLogGamma(rng, shape + 1) + Math.log(1 - rng.next()) / shape;
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = 1 - rng.next(); // in (0, 1], so ln u is finite
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return Math.log(d) + Math.log(v);
  }
}

/** One Gamma(shape, 1) draw as a plain number (may underflow to 0 for shapes well below 1). */
export function sampleGamma(rng: Rng, shape: number): number {
  return Math.exp(sampleLogGamma(rng, shape));
}

/**
 * ln of one Dirichlet(α) draw: ln G_c − ln Σ G with G_c ~ Gamma(α_c), normalised by log-sum-exp.
 *
 * @param rng    the stream to draw from
 * @param alpha  the concentrations α_c > 0, one per class; the mean is α / Σα, and a larger Σα
 *               concentrates the draws around it
 * @param out    where to write the k logarithms (allocated when absent)
 */
export function sampleLogDirichlet(rng: Rng, alpha: ArrayLike<number>, out = new Float64Array(alpha.length)): Float64Array {
  if (alpha.length < 2) throw new RangeError(`sampleLogDirichlet: need at least 2 classes, got ${alpha.length}`);
  let max = -Infinity;
  for (let c = 0; c < alpha.length; c++) {
    out[c] = sampleLogGamma(rng, alpha[c]);
    max = Math.max(max, out[c]);
  }
  let sum = 0;
  for (let c = 0; c < alpha.length; c++) sum += Math.exp(out[c] - max);
  const logTotal = max + Math.log(sum);
  for (let c = 0; c < alpha.length; c++) out[c] -= logTotal;
  return out;
}

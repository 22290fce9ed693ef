/**
 * The threat model: what "within ε of x" means, per norm, so that an attack body changes in a
 * few lines. For each norm: the projection onto the ε-ball ∩ [0, 1]^d, the steepest-ascent
 * direction (sign(∇) for L∞, ∇/‖∇‖₂ per example for L2), and the random start.
 *
 * L∞ keeps the exact ops the attacks always used (projectLinf, sign), so L∞ runs are unchanged.
 *
 * The exact L2 projection. Projecting v = z − x0 onto {‖δ‖₂ ≤ ε} ∩ {lo ≤ δ ≤ hi}, lo = −x0 ≤ 0 ≤
 * hi = 1 − x0: with a multiplier μ ≥ 0 for the ball, the Lagrangian ‖δ − v‖² + μ(‖δ‖² − ε²) is
 * separable over coordinates, and each 1-D quadratic (δᵢ − vᵢ)² + μδᵢ² on [loᵢ, hiᵢ] is
 * minimised by clipping its free minimiser vᵢ/(1 + μ). So δ(t) = clip(t·v, lo, hi) with
 * t = 1/(1 + μ) ∈ (0, 1]: t = 1 if ‖clip(v)‖ ≤ ε (the ball is inactive), else the t with
 * ‖δ(t)‖ = ε (complementary slackness). ‖δ(t)‖ is non-decreasing in t, and t = ε/‖v‖ already
 * gives ‖δ‖ ≤ ε, so bisection on [min(1, ε/‖v‖), 1] keeping the feasible end finds it, and every
 * answer is inside the ball. "Scale then clip" (AutoAttack's APGD-L2 and Square-L2) is δ(ε/‖v‖):
 * feasible, but not the nearest point once the clip bites.
 */
import * as tf from '@tensorflow/tfjs';
import { projectLinf } from './types';

export type Norm = 'linf' | 'l2';

/** Bisection steps of the exact L2 projection: the bracket shrinks 2^-30, below float32's resolution. */
const BISECTION_STEPS = 30;

/** ‖t_i‖₂ of each example of a batch [n, ...]. */
export function l2Norms(t: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => tf.sqrt(tf.sum(tf.square(tf.reshape(t, [t.shape[0], -1])), -1)) as tf.Tensor1D);
}

/** ‖t_i‖∞ of each example. */
export function linfNorms(t: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => tf.max(tf.abs(tf.reshape(t, [t.shape[0], -1])), -1) as tf.Tensor1D);
}

/** The norm of each example's perturbation in the threat model's norm. */
export function norms(norm: Norm, t: tf.Tensor): tf.Tensor1D {
  return norm === 'l2' ? l2Norms(t) : linfNorms(t);
}

/** Per-example [n] scalars reshaped to broadcast over a batch [n, ...]. */
function perExample(v: tf.Tensor1D, like: tf.Tensor): tf.Tensor {
  return tf.reshape(v, [like.shape[0], ...like.shape.slice(1).map(() => 1)]);
}

/** t_i / (‖t_i‖₂ + 1e-12) per example (AutoAttack's `normalize` for L2). */
export function normalizeL2(t: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.div(t, tf.add(perExample(l2Norms(t), t), 1e-12)));
}

/**
 * AutoAttack's L2 projection, x0 + δ·min(ε, ‖δ‖)/‖δ‖ then clipped to [0, 1]: inside the ball
 * (clipping towards x0's box only shortens δ) but not the nearest point when the clip bites.
 */
export function projectL2ScaleClip(x: tf.Tensor, x0: tf.Tensor, epsilon: number): tf.Tensor {
  return tf.tidy(() => {
    const delta = tf.sub(x, x0);
    const n = perExample(l2Norms(delta), delta);
    return tf.clipByValue(tf.add(x0, tf.mul(tf.div(delta, tf.add(n, 1e-12)), tf.minimum(n, epsilon))), 0, 1);
  });
}

/** The exact Euclidean projection of x onto {‖δ‖₂ ≤ ε around x0} ∩ [0, 1]^d, per example (module comment). */
export function projectL2(x: tf.Tensor, x0: tf.Tensor, epsilon: number): tf.Tensor {
  return tf.tidy(() => {
    const v = tf.sub(x, x0);
    const lo = tf.neg(x0);
    const hi = tf.sub(1, x0);
    const clipAt = (t: tf.Tensor1D) => tf.minimum(tf.maximum(tf.mul(v, perExample(t, v)), lo), hi);
    const vNorm = l2Norms(v);
    const n = v.shape[0];
    // Feasible end: ε/‖v‖ (capped at 1), or 1 where clip(v) is already inside the ball.
    const inside = tf.lessEqual(l2Norms(clipAt(tf.ones([n]) as tf.Tensor1D)), epsilon) as tf.Tensor1D;
    let low = tf.where(inside, tf.ones([n]), tf.minimum(tf.div(epsilon, tf.maximum(vNorm, 1e-30)), 1)) as tf.Tensor1D;
    let high = tf.ones([n]) as tf.Tensor1D;
    for (let k = 0; k < BISECTION_STEPS; k++) {
      const mid = tf.div(tf.add(low, high), 2) as tf.Tensor1D;
      const ok = tf.lessEqual(l2Norms(clipAt(mid)), epsilon) as tf.Tensor1D;
      low = tf.where(ok, mid, low) as tf.Tensor1D;
      high = tf.where(ok, high, mid) as tf.Tensor1D;
    }
    // The box bounds are exact in x's units: add back and clip so rounding cannot step outside [0, 1].
    return tf.clipByValue(tf.add(x0, clipAt(low)), 0, 1);
  });
}

/** Projection onto the ε-ball of the norm ∩ [0, 1] (exact for both norms). */
export function project(norm: Norm, x: tf.Tensor, x0: tf.Tensor, epsilon: number): tf.Tensor {
  return norm === 'l2' ? projectL2(x, x0, epsilon) : projectLinf(x, x0, epsilon);
}

/** The steepest-ascent direction of unit norm: sign(∇) for L∞, ∇/‖∇‖₂ per example for L2. */
export function ascentDirection(norm: Norm, gradient: tf.Tensor): tf.Tensor {
  return norm === 'l2' ? normalizeL2(gradient) : tf.sign(gradient);
}

/** One projected steepest-ascent step of size α from `x` (PGD's and FGSM/FGM's step). */
export function ascentStep(norm: Norm, x: tf.Tensor, gradient: tf.Tensor, alpha: number, x0: tf.Tensor, epsilon: number): tf.Tensor {
  return tf.tidy(() => project(norm, tf.add(x, tf.mul(ascentDirection(norm, gradient), alpha)), x0, epsilon));
}

/**
 * A uniform random point of the ε-ball around x (then projected onto [0, 1]): for L∞ each
 * coordinate U(−ε, ε) (Madry); for L2 a uniform direction (a normalised Gaussian) at radius
 * ε·u^{1/d}, u ~ U(0, 1), which is uniform in the ball.
 */
export function uniformStart(norm: Norm, x: tf.Tensor, epsilon: number, seed: number): tf.Tensor {
  return tf.tidy(() => {
    if (norm === 'linf') return projectLinf(tf.add(x, tf.randomUniform(x.shape, -epsilon, epsilon, 'float32', seed)), x, epsilon);
    const n = x.shape[0];
    const d = x.size / n;
    const direction = normalizeL2(tf.randomNormal(x.shape, 0, 1, 'float32', seed));
    const radius = tf.mul(tf.pow(tf.randomUniform([n], 0, 1, 'float32', seed + 1), 1 / d), epsilon) as tf.Tensor1D;
    return projectL2(tf.add(x, tf.mul(direction, perExample(radius, x))), x, epsilon);
  });
}

/** AutoAttack's APGD-L2 start: x + ε·t/‖t‖₂ with t ~ N(0, I), clipped to [0, 1] (on the sphere before the clip). */
export function sphereStartL2(x: tf.Tensor, epsilon: number, seed: number): tf.Tensor {
  return tf.tidy(() => tf.clipByValue(tf.add(x, tf.mul(normalizeL2(tf.randomNormal(x.shape, 0, 1, 'float32', seed)), epsilon)), 0, 1));
}

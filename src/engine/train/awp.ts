/**
 * Adversarial weight perturbation (Wu, Xia & Wang, NeurIPS 2020, "Adversarial Weight
 * Perturbation Helps Robust Generalization"), as their reference code does it:
 *
 * 1. ascent direction g_l = ∇_{w_l} L(w) of the method's own loss (no weight decay), at x';
 * 2. per layer, v_l = γ · ‖w_l‖ · g_l / ‖g_l‖, for weight matrices and kernels only (rank ≥ 2:
 *    biases are not perturbed, as in `diff_in_weights`, which skips tensors of dim ≤ 1);
 * 3. the step's gradients (loss + weight decay) are taken at w + v;
 * 4. the weights are restored by copying the saved w back — not by subtracting v, which would
 *    not give back w bit for bit in floating point.
 *
 * The optimiser then steps from w with those gradients, which equals the reference's
 * "step at w + v, then subtract v" for SGD, momentum and Adam alike.
 */
import * as tf from '@tensorflow/tfjs';
import type { Config } from '../../shared/config';
import { type GradientRule, plainGradients, plainGradientsFor } from './gradients';

/** Added to ‖g‖ so a zero gradient gives a zero perturbation (the reference's EPS). */
const EPS = 1e-20;

/** Whether AWP perturbs this weight (matrices and kernels; not biases). */
export function isPerturbed(w: tf.Variable): boolean {
  return w.rank > 1;
}

/**
 * The perturbation v for each of `weights`: γ·‖w‖ along the normalised ascent direction of
 * `loss` at the current weights.
 */
export function awpPerturbation(weights: tf.Variable[], loss: () => tf.Scalar, gamma: number): tf.Tensor[] {
  const { value, grads } = tf.variableGrads(loss, weights);
  value.dispose();
  const perturbation = weights.map((w) =>
    tf.tidy(() => {
      const g = grads[w.name];
      return tf.mul(g, tf.div(tf.mul(gamma, tf.norm(w)), tf.add(tf.norm(g), EPS)));
    }),
  );
  tf.dispose(grads);
  return perturbation;
}

/** AWP with relative size γ (paper default 5e-3), as a gradient rule for the training loop. */
export function awpGradients(gamma: number): GradientRule {
  return (variables, loss) => {
    const perturbed = variables.filter(isPerturbed);
    const v = awpPerturbation(perturbed, loss, gamma);
    const saved = perturbed.map((w) => w.clone());
    perturbed.forEach((w, i) => tf.tidy(() => w.assign(tf.add(w, v[i]))));
    tf.dispose(v);
    try {
      return plainGradients(variables, loss);
    } finally {
      perturbed.forEach((w, i) => w.assign(saved[i]));
      tf.dispose(saved);
    }
  };
}

/**
 * The student's gradient rule for a config in a given epoch (1-based): AWP when switched on and
 * past its warm-up epochs, else plain gradients with the method's weight decay. Without an
 * epoch, the rule after warm-up. (AWP only applies to methods with the paper's decay.)
 */
export function gradientRule(config: Pick<Config, 'awp' | 'awpGamma' | 'awpWarmup' | 'method'>, epoch = Infinity): GradientRule {
  return config.awp === 'on' && epoch > config.awpWarmup ? awpGradients(config.awpGamma) : plainGradientsFor(config.method);
}

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../attacks/test-leaks';
import { linearModel, randomMlp } from '../attacks/test-models';
import { gradientStats } from './gradients';

describe('gradient statistics', () => {
  expectNoTensorLeaks();

  it('measures ‖∇ₓCE‖₂ and the logit scale of a linear model by hand', async () => {
    // z = (x₀, 0): at x = (0, ·), p = (½, ½); ∇ₓCE for y = 0 is (p₀ − 1)·(1, 0) = (−½, 0).
    const linear = linearModel([[1, 0], [0, 0]], [0, 0]);
    const x = tf.tensor2d([[0, 0.3], [0.4, 0.9]]);
    const y = tf.tensor1d([0, 1], 'int32');
    const stats = await gradientStats(linear.model, x, y);
    // Only clean-correct points count: the first (a tie, argmax picks class 0); the second is wrong.
    expect(stats.n).toBe(1);
    expect(stats.medianNorm).toBeCloseTo(0.5, 6);
    expect(stats.vanishing).toBe(0);
    expect(stats.logitScale).toBeCloseTo(0.2); // mean of max |z|: (0 + 0.4) / 2
    [x, y].forEach((t) => t.dispose());
    linear.dispose();
  });

  it('counts only exactly zero gradients as vanishing: a tiny non-zero one still gives PGD a direction', async () => {
    // z = (0, −200·x₀); for y = 0, ∂CE/∂x₀ = −200·p₁ with p₁ = σ(−200·x₀), and p₀ − 1 rounds to 0.
    // x₀ = 0: p₁ = ½, gradient −100. x₀ = 0.15: p₁ = e⁻³⁰ = 9.36·10⁻¹⁴, gradient −1.87·10⁻¹¹
    // (‖∇‖ < 10⁻¹⁰, yet sign(∇) = −1). x₀ = 1: e⁻²⁰⁰ underflows float32, gradient exactly 0.
    const linear = linearModel([[0, -200], [0, 0]], [0, 0]);
    const x = tf.tensor2d([[0, 0.5], [0.15, 0.5], [1, 0.5]]);
    const y = tf.tensor1d([0, 0, 0], 'int32');
    const stats = await gradientStats(linear.model, x, y);
    expect(stats.n).toBe(3);
    expect(stats.vanishing).toBe(1);
    expect(stats.medianNorm).toBeCloseTo(1.8715e-11, 14); // sorted norms: 0, 1.87·10⁻¹¹, 100
    [x, y].forEach((t) => t.dispose());
    linear.dispose();
  });

  it('logits ×1000 make most gradients exactly zero; the same model at ×1 has none', async () => {
    const x = tf.randomUniform([100, 2], 0, 1, 'float32', 3);
    const plain = randomMlp(5, 2, 16, 3, 1);
    const y = tf.tidy(() => tf.argMax(plain.model(x), -1) as tf.Tensor1D);
    const saturated = randomMlp(5, 2, 16, 3, 1000);
    const normal = await gradientStats(plain.model, x, y);
    const masked = await gradientStats(saturated.model, x, y);
    expect(normal.vanishing).toBe(0);
    expect(masked.vanishing / masked.n).toBeGreaterThan(0.5);
    expect(masked.logitScale).toBeCloseTo(1000 * normal.logitScale, 0);
    [x, y].forEach((t) => t.dispose());
    plain.dispose();
    saturated.dispose();
  });

  it('counts NaN and ±Inf gradients apart from the zero ones, and takes the median over the finite ones', async () => {
    // z = (√x₀, 0): ∂z₀/∂x₀ = 1/(2√x₀) is +Inf at x₀ = 0, and the CE gradient (p₀ − 1)·∞ is −Inf there.
    // At x₀ = 1: p₀ = e/(e + 1), ∂CE/∂x₀ = (p₀ − 1)/2 = −0.1345.
    const model = (x: tf.Tensor) => tf.tidy(() => {
      const first = tf.sqrt(tf.slice(x as tf.Tensor2D, [0, 0], [-1, 1]));
      return tf.concat([first, tf.zerosLike(first)], 1) as tf.Tensor2D;
    });
    const x = tf.tensor2d([[0, 0.5], [1, 0.5]]);
    const y = tf.tensor1d([0, 0], 'int32'); // x₀ = 0 is a tie, which argmax gives to class 0
    const stats = await gradientStats(model, x, y);
    expect(stats).toMatchObject({ n: 2, vanishing: 0, nonFinite: 1 });
    expect(stats.medianNorm).toBeCloseTo(1 / (2 * (Math.E + 1)), 5);
    [x, y].forEach((t) => t.dispose());
  });
});

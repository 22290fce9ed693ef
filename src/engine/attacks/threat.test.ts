import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from './test-leaks';
import { ascentDirection, projectL2, projectL2ScaleClip, uniformStart } from './threat';

/**
 * The nearest point of {‖δ‖₂ ≤ ε} ∩ [lo, hi] to v by Dykstra's alternating projections (plain
 * JS, float64): it converges to the projection onto an intersection of convex sets, an
 * independent route to the same point as the bisection on the multiplier.
 */
function dykstra(v: number[], lo: number[], hi: number[], epsilon: number): number[] {
  let x = v.slice();
  let p = v.map(() => 0);
  let q = v.map(() => 0);
  for (let k = 0; k < 20000; k++) {
    const a = x.map((xi, i) => xi + p[i]);
    const y = a.map((ai, i) => Math.min(Math.max(ai, lo[i]), hi[i]));
    p = a.map((ai, i) => ai - y[i]);
    const b = y.map((yi, i) => yi + q[i]);
    const nb = Math.hypot(...b);
    const next = nb > epsilon ? b.map((bi) => (bi * epsilon) / nb) : b;
    q = b.map((bi, i) => bi - next[i]);
    x = next;
  }
  return x;
}

const dist2 = (a: number[], b: number[]) => a.reduce((s, ai, i) => s + (ai - b[i]) ** 2, 0);

describe('threat model', () => {
  expectNoTensorLeaks();

  it('the L2 projection is the nearest point of the ball ∩ [0, 1] (against Dykstra, and never farther than scale-then-clip)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((d) =>
          fc.record({
            x0: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: d, maxLength: d }),
            z: fc.array(fc.double({ min: -1, max: 2, noNaN: true }), { minLength: d, maxLength: d }),
            epsilon: fc.double({ min: 0.01, max: 1.5, noNaN: true }),
          }),
        ),
        ({ x0, z, epsilon }) => {
          const [got, scaled] = tf.tidy(() => {
            const x0t = tf.tensor2d([x0]);
            const zt = tf.tensor2d([z]);
            return [projectL2(zt, x0t, epsilon).arraySync() as number[][], projectL2ScaleClip(zt, x0t, epsilon).arraySync() as number[][]];
          });
          const v = z.map((zi, i) => zi - x0[i]);
          const want = dykstra(v, x0.map((a) => -a), x0.map((a) => 1 - a), epsilon).map((d, i) => d + x0[i]);
          got[0].forEach((g, i) => expect(g).toBeCloseTo(want[i], 4));
          const delta = got[0].map((g, i) => g - x0[i]);
          expect(Math.hypot(...delta)).toBeLessThanOrEqual(epsilon * (1 + 1e-5) + 1e-6);
          got[0].forEach((g) => expect(g >= 0 && g <= 1).toBe(true));
          expect(dist2(got[0], z)).toBeLessThanOrEqual(dist2(scaled[0], z) + 1e-6);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('the exact projection beats scale-then-clip where the clip bites (a hand-worked case)', () => {
    // x0 = (0.9, 0.5), z = x0 + (1, 1), ε = 0.5. Scale-then-clip: δ = (0.354, 0.354) → x = (1, 0.854),
    // distance² to z 0.81 + 0.415. Exact: x₁ pinned at 1 (δ₁ = 0.1), δ₂ = √(0.25 − 0.01) = 0.4899.
    const [exact, scaled] = tf.tidy(() => {
      const x0 = tf.tensor2d([[0.9, 0.5]]);
      const z = tf.tensor2d([[1.9, 1.5]]);
      return [projectL2(z, x0, 0.5).arraySync() as number[][], projectL2ScaleClip(z, x0, 0.5).arraySync() as number[][]];
    });
    expect(exact[0][0]).toBeCloseTo(1, 5);
    expect(exact[0][1]).toBeCloseTo(0.5 + Math.sqrt(0.24), 5);
    expect(scaled[0][1]).toBeCloseTo(0.5 + 0.5 / Math.SQRT2, 5);
  });

  it('inside the ball ∩ box the projection is the identity', () => {
    const out = tf.tidy(() => projectL2(tf.tensor2d([[0.3, 0.4], [0.5, 0.5]]), tf.tensor2d([[0.2, 0.3], [0.5, 0.5]]), 0.5).arraySync() as number[][]);
    expect(out[0][0]).toBeCloseTo(0.3, 6);
    expect(out[0][1]).toBeCloseTo(0.4, 6);
    expect(out[1]).toEqual([0.5, 0.5]);
  });

  it('the L2 ascent direction has unit norm per example and points along the gradient', () => {
    const d = tf.tidy(() => ascentDirection('l2', tf.tensor2d([[3, 4], [0, -2]])).arraySync() as number[][]);
    expect(d[0][0]).toBeCloseTo(0.6, 6);
    expect(d[0][1]).toBeCloseTo(0.8, 6);
    expect(d[1][1]).toBeCloseTo(-1, 6);
  });

  it('the L2 uniform start stays in the ball ∩ [0, 1] and fills it (radii spread, not all on the sphere)', () => {
    const [r, lo, hi] = tf.tidy(() => {
      const x = tf.fill([400, 2], 0.5);
      const s = uniformStart('l2', x, 0.3, 5);
      return [tf.sqrt(tf.sum(tf.square(tf.sub(s, x)), -1)).arraySync() as number[], tf.min(s).arraySync() as number, tf.max(s).arraySync() as number];
    });
    expect(Math.max(...r)).toBeLessThanOrEqual(0.3 + 1e-6);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    // Uniform in a disc: P(r < ε/2) = 1/4.
    const inner = r.filter((v) => v < 0.15).length / r.length;
    expect(inner).toBeGreaterThan(0.15);
    expect(inner).toBeLessThan(0.35);
  });
});
